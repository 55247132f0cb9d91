/*
 * callbridge bridge client: speaks the bridge protocol v1 (docs/bridge-protocol.md) for one CRM frame.
 * It moves messages only; the server decides what CRM events mean and which CRM methods to run.
 * Plain ES2018, no dependencies. Defines one global: CallbridgeBridge.
 */
(function (global) {
  'use strict';

  const PROTOCOL_VERSION = 1;
  const DEFAULT_PATH = '/bridge/v1';
  const ACK_TIMEOUT_MS = 10000;
  const PING_INTERVAL_MS = 15000;
  const BACKOFF_FIRST_MS = 1000;
  const BACKOFF_CAP_MS = 10000;
  const REMEMBERED_RESULTS = 200;
  // Outcomes of invocations survive a reload of the page in sessionStorage (per tab and origin), under this key, in at
  // most about this many characters (sessionStorage holds some 5 MB per origin, shared with the page).
  const STORAGE_KEY = 'callbridge.invocations';
  const STORED_CHARS = 1000000;
  // Bounds memory when the page raises CRM events during a long outage; the oldest are dropped first.
  const MAX_QUEUED_EVENTS = 500;
  // A crmEvent the server refused with STORE_UNAVAILABLE (nothing was done) is sent again after these waits, then
  // dropped. An event that succeeds gets no answer, so only the most recent ones are remembered for this.
  const EVENT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];
  const REMEMBERED_EVENTS = 100;
  const MAX_MESSAGE_CHARS = 2000;
  const SOCKET_OPEN = 1;
  // What the bridge does after the server closed with a code (docs/bridge-protocol.md, "Close codes"): give up when a
  // retry cannot help (bad version 1002, bad token or policy 1008) or would only push out another frame of the agent
  // (4002, replaced by a newer session); get a new token and reconnect when the token is no longer valid (4001);
  // reconnect with backoff after anything else.
  const GIVE_UP_CLOSE_CODES = [1002, 1008, 4002];
  const TOKEN_NO_LONGER_VALID = 4001;
  // A browser may close with 1000 or 3000-4999 only.
  const CLIENT_GIVE_UP_CODE = 4000;

  // Captured while the script runs: document.currentScript is null once it has finished.
  const scriptSrc = typeof document !== 'undefined' && document.currentScript && document.currentScript.src
    ? document.currentScript.src
    : null;

  /** The bridge endpoint next to the script: same host, ws for http and wss for https. */
  function defaultUrl(base) {
    const url = new URL(DEFAULT_PATH, base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    return url.toString();
  }

  /**
   * Delay before reconnect attempt `attempt` (0 = the first after a loss): doubling from 1 s, capped at 10 s,
   * each a random point in its upper half so that frames dropped together do not come back together.
   */
  function backoffDelay(attempt, random) {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_FIRST_MS * Math.pow(2, Math.min(attempt, 16)));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  /** What the bridge does when the server closes with `code`: 'giveUp', 'renewToken' or 'retry'. */
  function closeAction(code) {
    if (GIVE_UP_CLOSE_CODES.indexOf(code) >= 0) {
      return 'giveUp';
    }
    return code === TOKEN_NO_LONGER_VALID ? 'renewToken' : 'retry';
  }

  /** An error for onInvoke to throw when the CRM API refused or failed: the server gets CRM_ERROR. */
  function crmError(message, details) {
    const error = new Error(message);
    error.name = 'CallbridgeCrmError';
    error.callbridgeCrm = true;
    error.details = details === undefined ? null : details;
    return error;
  }

  function clip(text) {
    const value = text ? String(text) : '';
    if (value === '') {
      return 'failed without a message';
    }
    return value.length > MAX_MESSAGE_CHARS ? value.slice(0, MAX_MESSAGE_CHARS - 1) + '…' : value;
  }

  /** The result frame for an invocation that ended with `outcome` ({ok, value} or {ok: false, error}). */
  function resultFrame(id, outcome) {
    if (outcome.ok) {
      return { type: 'result', id: id, ok: true, value: outcome.value };
    }
    return { type: 'result', id: id, ok: false, error: outcome.error };
  }

  function failureOf(thrown) {
    if (thrown && thrown.callbridgeCrm) {
      const error = { code: 'CRM_ERROR', message: clip(thrown.message) };
      if (thrown.details !== null && thrown.details !== undefined) {
        error.details = thrown.details;
      }
      return { ok: false, error: error };
    }
    const message = thrown && thrown.message ? thrown.message : String(thrown);
    return { ok: false, error: { code: 'BRIDGE_ERROR', message: clip(message) } };
  }

  /** Makes a value safe to send: undefined becomes null; something JSON cannot carry becomes a failure. */
  function successOf(value) {
    const plain = value === undefined ? null : value;
    try {
      JSON.stringify(plain);
    } catch (e) {
      return { ok: false, error: { code: 'BRIDGE_ERROR', message: clip('result is not JSON: ' + e.message) } };
    }
    return { ok: true, value: plain };
  }

  function consoleLog(level, message, extra) {
    const sink = typeof console !== 'undefined' ? console : null;
    if (!sink) {
      return;
    }
    const write = typeof sink[level] === 'function' ? sink[level] : sink.log;
    if (extra === undefined) {
      write.call(sink, '[callbridge] ' + message);
    } else {
      write.call(sink, '[callbridge] ' + message, extra);
    }
  }

  function isOutcome(value) {
    return !!value && typeof value === 'object' && (value.ok === true
      || (value.ok === false && !!value.error && typeof value.error.code === 'string'));
  }

  /**
   * The outcomes of invocations this tab ran, kept in sessionStorage so that a page reloaded between running a CRM
   * method and the server getting its answer answers the re-sent id instead of running it again. Frames of one tab and
   * origin share it. Without usable storage (blocked in a third-party frame, full) it keeps nothing and says so once.
   */
  function storedOutcomes(storage, log) {
    let broken = storage === null;
    function fail(what, e) {
      if (!broken) {
        broken = true;
        log('warn', 'sessionStorage ' + what + ' failed (' + (e && e.message) + '); results of CRM invocations are '
          + 'remembered in this page only, so a reload may run one again');
      }
    }
    function read() {
      if (broken) {
        return [];
      }
      try {
        const text = storage.getItem(STORAGE_KEY);
        const entries = text ? JSON.parse(text) : [];
        return Array.isArray(entries)
          ? entries.filter(function (e) { return Array.isArray(e) && typeof e[0] === 'string' && isOutcome(e[1]); })
          : [];
      } catch (e) {
        if (e instanceof SyntaxError) {
          return [];
        }
        fail('reading', e);
        return [];
      }
    }
    return {
      get: function (id) {
        const entries = read();
        for (let i = entries.length - 1; i >= 0; i--) {
          if (entries[i][0] === id) {
            return entries[i][1];
          }
        }
        return undefined;
      },
      put: function (id, outcome) {
        if (broken) {
          return;
        }
        const entries = read().filter(function (e) { return e[0] !== id; });
        entries.push([id, outcome]);
        while (entries.length > REMEMBERED_RESULTS) {
          entries.shift();
        }
        // Each entry written once; the oldest make room until the list fits.
        const texts = entries.map(function (e) { return JSON.stringify(e); });
        let length = texts.reduce(function (n, t) { return n + t.length + 1; }, 1);
        while (length > STORED_CHARS && texts.length > 1) {
          length -= texts.shift().length + 1;
        }
        try {
          storage.setItem(STORAGE_KEY, '[' + texts.join(',') + ']');
        } catch (e) {
          fail('writing', e);
        }
      },
    };
  }

  function defaultStorage() {
    try {
      // Reading the property throws where the browser blocks storage for the frame.
      return global.sessionStorage || null;
    } catch (e) {
      return { getItem: function () { throw e; }, setItem: function () { throw e; } };
    }
  }

  function requireOptions(options) {
    if (!options || typeof options !== 'object') {
      throw new TypeError('CallbridgeBridge.connect needs an options object');
    }
    if (typeof options.tokenProvider !== 'function' && typeof options.token !== 'string') {
      throw new TypeError('CallbridgeBridge.connect needs token (a string) or tokenProvider (a function)');
    }
    ['crm', 'role'].forEach(function (name) {
      if (typeof options[name] !== 'string' || options[name] === '') {
        throw new TypeError('CallbridgeBridge.connect needs ' + name + ' (a string)');
      }
    });
    const delays = options.eventRetryDelaysMs;
    if (delays !== undefined && !(Array.isArray(delays) && delays.length <= 10 && delays.every(function (d) {
      return typeof d === 'number' && isFinite(d) && d > 0 && d <= 600000;
    }))) {
      throw new TypeError('CallbridgeBridge.connect: eventRetryDelaysMs must be up to 10 waits, each 1 ms to 10 min');
    }
  }

  function environmentOf(options) {
    const WebSocketImpl = options.WebSocketImpl || global.WebSocket;
    if (typeof WebSocketImpl !== 'function') {
      throw new TypeError('no WebSocket implementation: pass options.WebSocketImpl');
    }
    return {
      WebSocketImpl: WebSocketImpl,
      setTimeout: options.setTimeout || global.setTimeout.bind(global),
      clearTimeout: options.clearTimeout || global.clearTimeout.bind(global),
      now: options.now || Date.now,
      random: options.random || Math.random,
      log: options.log || consoleLog,
      url: options.url || defaultUrl(scriptSrc || (global.location && global.location.href)),
      storage: options.storage !== undefined ? options.storage : defaultStorage(),
      eventRetryDelaysMs: options.eventRetryDelaysMs || EVENT_RETRY_DELAYS_MS,
    };
  }

  /** One bridge: a connection that keeps itself up until closed for good or refused. */
  function connect(options) {
    requireOptions(options);
    const env = environmentOf(options);
    const attributes = options.attributes || null;

    let socket = null;
    let status = null;
    let finished = false; // closed for good (close() or refused): no more reconnects
    let welcomed = false;
    let attempt = 0;
    let reconnectTimer = null;
    let heartbeatTimer = null;
    let lastHeardAt = 0;
    let pingCounter = 0;
    let lastSeq = null;
    let lastState = null;
    let presentedToken = null; // the token of the latest connection attempt
    let staleToken = null; // the token the server called no longer valid (4001), until the next welcome
    let staleReason = '';
    let actionCounter = 0;
    const pageNonce = Math.floor(env.random() * 0x7fffffff).toString(36);
    const queuedEvents = [];
    let eventCounter = 0;
    const sentEvents = new Map(); // event id -> frame, oldest first: what a STORE_UNAVAILABLE error may name
    const eventRetries = new Map(); // event id -> retries so far
    const retryTimers = new Set();
    const pendingAcks = new Map(); // id -> {frame, sent, resolve, reject, timer}
    const results = new Map(); // invocation id -> outcome, oldest first
    const stored = storedOutcomes(env.storage, log);
    const running = new Set(); // invocation ids whose onInvoke has not finished
    const listeners = new Set();

    function log(level, message, extra) {
      try {
        env.log(level, message, extra);
      } catch (ignored) {
        // A broken logger must not break the bridge.
      }
    }

    function safely(what, fn) {
      try {
        fn();
      } catch (e) {
        log('error', what + ' failed: ' + (e && e.message), e);
      }
    }

    function setStatus(next, detail) {
      status = next;
      if (typeof options.onStatus === 'function') {
        safely('onStatus', function () { options.onStatus(next, detail); });
      }
      listeners.forEach(function (listener) {
        if (listener.status) {
          safely('status listener', function () { listener.status(next, detail); });
        }
      });
    }

    /** Something the page's user must hear of: a CRM event that never reached the server. */
    function emitProblem(message) {
      if (typeof options.onProblem === 'function') {
        safely('onProblem', function () { options.onProblem(message); });
      }
      listeners.forEach(function (listener) {
        if (listener.problem) {
          safely('problem listener', function () { listener.problem(message); });
        }
      });
    }

    function emitUi(state, seq) {
      if (typeof options.onUi === 'function') {
        safely('onUi', function () { options.onUi(state, seq); });
      }
      listeners.forEach(function (listener) {
        if (listener.ui) {
          safely('ui listener', function () { listener.ui(state, seq); });
        }
      });
    }

    function isOpen() {
      return socket !== null && welcomed && socket.readyState === SOCKET_OPEN;
    }

    function sendNow(frame) {
      socket.send(JSON.stringify(frame));
    }

    // ------------------------------------------------------------ connecting

    /** The token for the next attempt; `renew` tells a provider that caches that its last token was refused as stale. */
    function tokenFor() {
      if (typeof options.tokenProvider === 'function') {
        const request = { renew: staleToken !== null };
        return Promise.resolve().then(function () { return options.tokenProvider(request); });
      }
      return Promise.resolve(options.token);
    }

    /** One connection attempt; the status is already "connecting" (first) or "reconnecting". */
    function open() {
      tokenFor().then(function (token) {
        if (finished) {
          return;
        }
        if (typeof token !== 'string' || token === '') {
          throw new Error('tokenProvider gave no token');
        }
        if (staleToken !== null && token === staleToken) {
          // Presenting it again can only be refused again: the page needs a new token (e.g. a reload).
          log('error', 'the server said the token is no longer valid (' + staleReason
            + ') and tokenProvider gave the same token again');
          refuse(TOKEN_NO_LONGER_VALID, staleReason);
          return;
        }
        presentedToken = token;
        openSocket(token);
      }).catch(function (e) {
        if (!finished) {
          log('warn', 'could not get a token: ' + (e && e.message), e);
          scheduleReconnect({ reason: 'no token' });
        }
      });
    }

    function openSocket(token) {
      let ws;
      try {
        ws = new env.WebSocketImpl(env.url);
      } catch (e) {
        log('warn', 'cannot open ' + env.url + ': ' + (e && e.message), e);
        scheduleReconnect({ reason: 'cannot open' });
        return;
      }
      socket = ws;
      welcomed = false;
      ws.onopen = function () {
        if (ws === socket) {
          sendNow(helloFrame(token));
        }
      };
      ws.onmessage = function (event) {
        if (ws === socket) {
          received(event.data);
        }
      };
      ws.onclose = function (event) {
        if (ws === socket) {
          lost(event.code, event.reason || '');
        }
      };
      ws.onerror = function () {
        // Always followed by a close event, which decides what happens next.
        log('debug', 'socket error');
      };
    }

    function helloFrame(token) {
      const hello = { type: 'hello', v: PROTOCOL_VERSION, token: token, crm: options.crm, role: options.role };
      if (lastSeq !== null) {
        hello.resumeAfter = lastSeq;
      }
      if (attributes) {
        hello.attributes = attributes;
      }
      return hello;
    }

    /** Forgets the socket without waiting for its close handshake, which a dead connection may never finish. */
    function detachSocket(code, reason) {
      const ws = socket;
      socket = null;
      welcomed = false;
      stopHeartbeat();
      if (ws) {
        ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
        try {
          ws.close(code, reason);
        } catch (ignored) {
          // Already closed.
        }
      }
      failSentActions('connection lost before the ack');
    }

    function lost(code, reason) {
      socket = null;
      welcomed = false;
      stopHeartbeat();
      failSentActions('connection lost before the ack');
      if (finished) {
        return;
      }
      const action = closeAction(code);
      if (action === 'giveUp' || (action === 'renewToken' && typeof options.tokenProvider !== 'function')) {
        log('error', 'refused by the server: ' + code + ' ' + reason);
        refuse(code, reason);
        return;
      }
      if (action === 'renewToken') {
        log('info', 'token no longer valid (' + reason + '); asking tokenProvider for a new one');
        staleToken = presentedToken;
        staleReason = reason;
      } else {
        log('info', 'connection lost: ' + code + ' ' + reason);
      }
      scheduleReconnect({ code: code, reason: reason });
    }

    function refuse(code, reason) {
      giveUp();
      setStatus('refused', { code: code, reason: reason });
    }

    function scheduleReconnect(detail) {
      const delay = backoffDelay(attempt, env.random);
      attempt += 1;
      setStatus('reconnecting', Object.assign({ attempt: attempt, delayMs: delay }, detail));
      reconnectTimer = env.setTimeout(function () {
        reconnectTimer = null;
        if (!finished) {
          open();
        }
      }, delay);
    }

    function giveUp() {
      finished = true;
      if (reconnectTimer !== null) {
        env.clearTimeout(reconnectTimer);
        reconnectTimer = null;
      }
      pendingAcks.forEach(function (pending, id) {
        settleAction(id, null, new Error('the bridge is closed'));
      });
      queuedEvents.length = 0;
      retryTimers.forEach(function (timer) { env.clearTimeout(timer); });
      retryTimers.clear();
    }

    // ------------------------------------------------------------ heartbeat

    function startHeartbeat() {
      stopHeartbeat();
      lastHeardAt = env.now();
      heartbeatTimer = env.setTimeout(beat, PING_INTERVAL_MS);
    }

    function stopHeartbeat() {
      if (heartbeatTimer !== null) {
        env.clearTimeout(heartbeatTimer);
        heartbeatTimer = null;
      }
    }

    /** Browsers cannot see WebSocket pings, so a silently dead connection shows only as missing pongs. */
    function beat() {
      heartbeatTimer = null;
      if (!isOpen()) {
        return;
      }
      if (env.now() - lastHeardAt >= 2 * PING_INTERVAL_MS) {
        log('warn', 'no pong for ' + (env.now() - lastHeardAt) + ' ms; reconnecting');
        detachSocket(CLIENT_GIVE_UP_CODE, 'heartbeat lost');
        scheduleReconnect({ reason: 'heartbeat lost' });
        return;
      }
      pingCounter += 1;
      sendNow({ type: 'ping', nonce: String(pingCounter) });
      heartbeatTimer = env.setTimeout(beat, PING_INTERVAL_MS);
    }

    // ------------------------------------------------------------ receiving

    function received(data) {
      lastHeardAt = env.now();
      let frame;
      try {
        frame = JSON.parse(data);
      } catch (e) {
        log('warn', 'server sent a frame that is not JSON', data);
        return;
      }
      if (!frame || typeof frame !== 'object') {
        log('warn', 'server sent a frame that is not an object', data);
        return;
      }
      const handler = HANDLERS[frame.type];
      if (handler) {
        handler(frame);
      } else {
        // A newer server may send frame types this client does not know; they are optional by design.
        log('debug', 'ignored a frame of type ' + frame.type);
      }
    }

    const HANDLERS = {
      welcome: onWelcome,
      ui: onUi,
      invoke: onInvoke,
      ack: onAck,
      error: onError,
      pong: function () { /* lastHeardAt is already updated */ },
      ping: function (frame) {
        const pong = { type: 'pong' };
        if (typeof frame.nonce === 'string') {
          pong.nonce = frame.nonce;
        }
        sendNow(pong);
      },
    };

    function onWelcome(frame) {
      welcomed = true;
      attempt = 0;
      staleToken = null;
      if (!frame.resumed) {
        // A fresh snapshot follows; the old seq belongs to a stream that may no longer exist.
        lastSeq = null;
      }
      startHeartbeat();
      setStatus('open', { sessionId: frame.sessionId, resumed: !!frame.resumed, seq: frame.seq });
      flushQueued();
    }

    function onUi(frame) {
      lastSeq = frame.seq;
      lastState = frame.state;
      emitUi(frame.state, frame.seq);
    }

    function onInvoke(frame) {
      const id = frame.id;
      const known = results.has(id) ? results.get(id) : stored.get(id);
      if (known !== undefined) {
        // The server retried (same id) because our earlier answer did not reach it, maybe before this page was
        // reloaded: answer again, do not rerun.
        log('info', 'answering repeated invocation ' + id + ' from memory');
        sendNow(resultFrame(id, known));
        return;
      }
      if (running.has(id)) {
        // Still running here; its answer goes to whichever connection is open when it finishes.
        return;
      }
      running.add(id);
      run(frame).then(function (outcome) {
        running.delete(id);
        remember(id, outcome);
        if (isOpen()) {
          sendNow(resultFrame(id, outcome));
        }
      });
    }

    function run(frame) {
      if (typeof options.onInvoke !== 'function') {
        return Promise.resolve(failureOf(new Error('this page has no onInvoke handler')));
      }
      return Promise.resolve()
        .then(function () { return options.onInvoke(frame.method, frame.args, frame.id); })
        .then(successOf, failureOf);
    }

    /** Before the answer is sent: a reload after this point answers the re-sent id from storage. */
    function remember(id, outcome) {
      stored.put(id, outcome);
      results.set(id, outcome);
      if (results.size > REMEMBERED_RESULTS) {
        results.delete(results.keys().next().value);
      }
    }

    function onAck(frame) {
      settleAction(frame.id, frame, null);
    }

    function onError(frame) {
      log('warn', 'server error ' + frame.code + ': ' + frame.message, frame);
      if (frame.ref && sentEvents.has(frame.ref)) {
        eventRefused(frame);
        return;
      }
      if (frame.ref && pendingAcks.has(frame.ref)) {
        // A uiAction so malformed that no ack will come.
        const error = new Error(frame.message);
        error.code = frame.code;
        error.field = frame.field;
        settleAction(frame.ref, null, error);
      }
    }

    // ------------------------------------------------------------ sending

    function flushQueued() {
      while (queuedEvents.length > 0 && isOpen()) {
        sendEvent(queuedEvents.shift());
      }
      pendingAcks.forEach(function (pending) {
        if (!pending.sent && isOpen()) {
          pending.sent = true;
          sendNow(pending.frame);
        }
      });
    }

    function crmEvent(name, data) {
      if (typeof name !== 'string' || name === '') {
        throw new TypeError('crmEvent needs a name');
      }
      if (finished) {
        log('warn', 'crmEvent ' + name + ' after the bridge closed; dropped');
        return;
      }
      eventCounter += 1;
      const frame = {
        type: 'crmEvent', id: 'e-' + pageNonce + '-' + eventCounter, name: name, data: data === undefined ? null : data,
      };
      sendOrQueue(frame);
    }

    function sendOrQueue(frame) {
      if (isOpen() && queuedEvents.length === 0) {
        sendEvent(frame);
        return;
      }
      queuedEvents.push(frame);
      if (queuedEvents.length > MAX_QUEUED_EVENTS) {
        const dropped = queuedEvents.shift();
        forgetEvent(dropped.id);
        log('warn', 'too many CRM events while disconnected; dropped ' + dropped.name);
        emitProblem(lostEvent(dropped.name, 'the connection to the server was down for too long'));
      }
    }

    /** Sends an event and remembers it, so that a STORE_UNAVAILABLE about it can be answered by sending it again. */
    function sendEvent(frame) {
      sendNow(frame);
      sentEvents.delete(frame.id);
      sentEvents.set(frame.id, frame);
      if (sentEvents.size > REMEMBERED_EVENTS) {
        forgetEvent(sentEvents.keys().next().value);
      }
    }

    function lostEvent(name, why) {
      return 'The ' + options.crm + ' event ' + name + ' did not reach the phone server (' + why
        + '): check this call in ' + options.crm + '.';
    }

    function forgetEvent(id) {
      sentEvents.delete(id);
      eventRetries.delete(id);
    }

    /** The server refused an event this bridge sent: again later if the store was unavailable, else it is final. */
    function eventRefused(error) {
      const event = sentEvents.get(error.ref);
      const retries = eventRetries.get(error.ref) || 0;
      sentEvents.delete(error.ref);
      if (error.code !== 'STORE_UNAVAILABLE') {
        eventRetries.delete(error.ref);
        return;
      }
      if (retries >= env.eventRetryDelaysMs.length) {
        eventRetries.delete(error.ref);
        log('error', 'crmEvent ' + event.name + ' dropped: the server\'s store stayed unavailable after '
          + retries + ' retries');
        emitProblem(lostEvent(event.name, 'the server\'s store stayed unavailable'));
        return;
      }
      eventRetries.set(error.ref, retries + 1);
      const timer = env.setTimeout(function () {
        retryTimers.delete(timer);
        if (!finished) {
          sendOrQueue(event);
        }
      }, env.eventRetryDelaysMs[retries]);
      retryTimers.add(timer);
    }

    function uiAction(action, args) {
      return new Promise(function (resolve, reject) {
        if (typeof action !== 'string' || action === '') {
          reject(new TypeError('uiAction needs an action name'));
          return;
        }
        if (finished) {
          reject(new Error('the bridge is closed'));
          return;
        }
        actionCounter += 1;
        const id = 'a-' + pageNonce + '-' + actionCounter;
        const frame = { type: 'uiAction', id: id, action: action, args: args || {} };
        const timer = env.setTimeout(function () {
          settleAction(id, null, new Error('no ack for ' + action + ' within ' + ACK_TIMEOUT_MS / 1000 + ' s'));
        }, ACK_TIMEOUT_MS);
        const pending = { frame: frame, sent: false, resolve: resolve, reject: reject, timer: timer };
        pendingAcks.set(id, pending);
        if (isOpen()) {
          pending.sent = true;
          sendNow(frame);
        }
      });
    }

    function settleAction(id, ack, error) {
      const pending = pendingAcks.get(id);
      if (!pending) {
        return;
      }
      pendingAcks.delete(id);
      env.clearTimeout(pending.timer);
      if (error) {
        pending.reject(error);
      } else {
        pending.resolve(ack);
      }
    }

    /** An action sent on a connection that is gone will never be acknowledged: the new session does not know it. */
    function failSentActions(why) {
      pendingAcks.forEach(function (pending, id) {
        if (pending.sent) {
          settleAction(id, null, new Error(why));
        }
      });
    }

    // ------------------------------------------------------------ public

    function close() {
      if (finished) {
        return;
      }
      giveUp();
      detachSocket(1000, 'closed by the page');
      setStatus('closed', {});
    }

    /** For the softphone: follow ui and status without owning onUi/onStatus. Returns an unsubscribe function. */
    function subscribe(listener) {
      listeners.add(listener);
      if (status !== null && listener.status) {
        safely('status listener', function () { listener.status(status, {}); });
      }
      if (lastState !== null && listener.ui) {
        safely('ui listener', function () { listener.ui(lastState, lastSeq); });
      }
      return function () { listeners.delete(listener); };
    }

    setStatus('connecting', { attempt: 0 });
    open();
    return Object.freeze({
      crmEvent: crmEvent,
      uiAction: uiAction,
      lastState: function () { return lastState; },
      status: function () { return status; },
      subscribe: subscribe,
      close: close,
    });
  }

  /**
   * The agent token, as a tokenProvider (called before every connect, so a reconnect gets a fresh one):
   * with ?demo=1&tenant=…&agent=… fetched from the demo server's /demo/token, else from the #token=… fragment.
   * Throws at once when the page has neither. Every CRM's bridge page gets its token this way.
   */
  function pageTokenProvider(location, fetchFn, crm) {
    var query = new URLSearchParams(location.search || '');
    if (query.get('demo') === '1') {
      var tenant = query.get('tenant');
      var agent = query.get('agent');
      if (!tenant || !agent) {
        throw new Error('demo mode needs tenant and agent in the URL (?demo=1&tenant=…&agent=…)');
      }
      if (typeof fetchFn !== 'function') {
        throw new Error('this browser cannot fetch a demo token');
      }
      var path = '/demo/token?' + new URLSearchParams({ tenant: tenant, agent: agent, crm: crm }).toString();
      return function () {
        return Promise.resolve(fetchFn(path, { credentials: 'same-origin', cache: 'no-store' }))
          .then(function (response) {
            if (!response || !response.ok) {
              throw new Error('demo token request failed' + (response ? ' (HTTP ' + response.status + ')' : ''));
            }
            return response.json();
          })
          .then(function (body) {
            if (!body || typeof body.token !== 'string' || body.token === '') {
              throw new Error('demo token response has no token');
            }
            return body.token;
          });
      };
    }
    var fragment = new URLSearchParams(String(location.hash || '').replace(/^#/, ''));
    var token = fragment.get('token');
    if (!token) {
      throw new Error('no agent token: open this page with #token=<agent token> (or ?demo=1&tenant=…&agent=… on a demo server)');
    }
    return function () {
      return Promise.resolve(token);
    };
  }
  global.CallbridgeBridge = Object.freeze({
    version: PROTOCOL_VERSION,
    connect: connect,
    crmError: crmError,
    defaultUrl: defaultUrl,
    backoffDelay: backoffDelay,
    closeAction: closeAction,
    pageTokenProvider: pageTokenProvider,
  });
})(typeof globalThis !== 'undefined' ? globalThis : this);
