/*
 * callbridge Salesforce bridge (global CallbridgeSalesforce).
 *
 * Runs in the Open CTI softphone iframe of a Lightning org. It loads Salesforce's opencti_min.js from the org
 * named by the page's sfdcIframeOrigin, connects to the callbridge server, runs the Open CTI method each
 * invocation names (sforce.opencti[method], or sforce.opencti.hvs[x] for "hvs.x") with a callback added, and
 * answers with the callback's result object {success, returnValue, errors} as Salesforce gave it. Listener
 * methods (onClickToDial, onNavigationChange, hvs.onWorkStart) register a listener, once per page, that
 * forwards every event as crmEvent(method, payload). No call logic lives here. See docs/salesforce-adapter.md.
 *
 * Needs, loaded before it: /static/callbridge/bridge-client.js; for the default page also
 * /static/callbridge/softphone.js. Plain ES2018, no build step.
 */
(function (global) {
  'use strict';

  var CRM = 'salesforce';
  var ROLE = 'tab';
  /** SalesforceSettings.DEFAULTS.apiVersion on the server; ?apiVersion= overrides it. */
  var DEFAULT_API_VERSION = 62;
  /** Sales Engagement (sforce.opencti.hvs) needs 46; the server's settings refuse anything older too. */
  var MIN_API_VERSION = 46;

  /** Methods that register a listener; the listener's events are forwarded under the method's name. */
  var LISTENERS = Object.freeze({ onClickToDial: true, onNavigationChange: true, 'hvs.onWorkStart': true });
  /** Methods that take no arguments and have no callback: called bare, answered as a success at once. */
  var BARE = Object.freeze({ notifyInitializationComplete: true });
  var METHOD_NAME = /^(hvs\.)?[a-zA-Z][a-zA-Z0-9]{0,63}$/;
  /**
   * The sfdcIframeOrigin values Salesforce's opencti_min.js accepts: its own pattern, case-sensitive (so the scheme and
   * the domain are lower case; a trailing "/", a path or a loopback name fail). Anything else makes the library throw
   * while it loads, after it has created sforce.opencti, and from then on none of its calls reach Salesforce.
   */
  var OPENCTI_ORIGIN = /^https?:\/\/[\w.-]+(\.force\.com|\.salesforce\.com)(:\d+)?$/;
  /**
   * The one exception, for the demo's host simulator on a developer's machine: a loopback sfdcIframeOrigin, taken only
   * when the URL opts in with callbridgeLoopbackHost=1 and this page itself is served from loopback. Salesforce never
   * opens a page that way, and a deployed softphone page is never on a loopback host, so production keeps the
   * library's rule.
   */
  var LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
  var LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])$/;
  /** How long Salesforce may take to answer the first Open CTI call before the page says Open CTI did not start. */
  var DEFAULT_START_TIMEOUT_MS = 10000;
  /** The first call: a getter every Lightning softphone may make, answered by Salesforce itself, with no effect. */
  var PROBE = 'isSoftphonePanelVisible';

  function hasOwn(object, key) {
    return object !== null && object !== undefined && Object.prototype.hasOwnProperty.call(object, key);
  }

  function consoleLog(level, message, extra) {
    var c = global.console;
    if (!c) {
      return;
    }
    var write = typeof c[level] === 'function' ? c[level] : c.log;
    if (extra === undefined) {
      write.call(c, '[callbridge salesforce] ' + message);
    } else {
      write.call(c, '[callbridge salesforce] ' + message, extra);
    }
  }

  function success(returnValue) {
    return { success: true, returnValue: returnValue === undefined ? null : returnValue, errors: null };
  }

  /** Salesforce's callback result, passed on as the server decodes it: success, returnValue, errors. */
  function callbackResult(response, method) {
    if (!response || typeof response !== 'object') {
      throw new Error(method + ' answered without a result object');
    }
    return {
      success: response.success === true,
      returnValue: response.returnValue === undefined ? null : response.returnValue,
      errors: response.errors === undefined ? null : response.errors
    };
  }

  /** The agent token from the page (#token=… or demo mode), as the shared client's pageTokenProvider reads it. */
  function tokenProvider(client, location, fetchFn) {
    if (!client || typeof client.pageTokenProvider !== 'function') {
      throw new Error('the callbridge bridge client (/static/callbridge/bridge-client.js) is not loaded');
    }
    return client.pageTokenProvider(location, fetchFn, CRM);
  }


  /** An Error whose message starts with what the agent sees: Open CTI did not start, and why. */
  function notStarted(reason) {
    return new Error('Open CTI did not start: ' + reason);
  }

  /**
   * The values of one query parameter as Salesforce's library reads them: split at "&" and "=", the value
   * percent-decoded ("+" stays "+"). Throws an Error when the value is not percent-encoded correctly.
   */
  function queryValues(search, name) {
    var text = String(search || '');
    if (text.charAt(0) === '?') {
      text = text.slice(1);
    }
    var values = [];
    text.split('&').forEach(function (pair) {
      var parts = pair.split('=');
      if (parts[0] === name) {
        try {
          values.push(parts[1] ? decodeURIComponent(parts[1]) : null);
        } catch (e) {
          throw new Error(name + ' in this page\'s URL is not percent-encoded correctly');
        }
      }
    });
    return values;
  }

  /**
   * What Salesforce put in the page's query string, checked with the rules of Salesforce's library itself:
   * {origin, mode, apiVersion, scriptUrl}. Throws an Error that says what is wrong, where the library would only fail
   * with "Failed to initialize" (or, for an origin it accepts but the browser writes differently, start and then drop
   * every answer). The only exception is the demo's explicit loopback opt-in (see LOOPBACK_ORIGIN).
   */
  function readPage(location) {
    var origins = queryValues(location.search, 'sfdcIframeOrigin');
    var modes = queryValues(location.search, 'mode');
    var given = origins[0];
    var mode = modes[0];
    var missing = [];
    if (!given) {
      missing.push('sfdcIframeOrigin');
    }
    if (!mode) {
      missing.push('mode');
    }
    if (missing.length > 0) {
      throw new Error('This page is the Salesforce Open CTI softphone and must be opened by Salesforce: the URL has no '
        + missing.join(' and ') + '. Set it as the call center\'s reqAdapterUrl and open the Lightning app with the '
        + 'softphone utility item.');
    }
    if (origins.length > 1 || modes.length > 1) {
      throw notStarted('the URL has ' + (origins.length > 1 ? 'sfdcIframeOrigin' : 'mode') + ' more than once, '
        + 'which Salesforce\'s library refuses');
    }
    var url = null;
    try {
      url = new URL(given);
    } catch (e) {
      url = null;
    }
    // The browser's own spelling of the origin: what event.origin will say on every answer from Salesforce.
    var canonical = url !== null && url.origin === given;
    var loopbackOptIn = queryValues(location.search, 'callbridgeLoopbackHost')[0] === '1'
      && LOOPBACK_HOST.test(location.hostname || '') && LOOPBACK_ORIGIN.test(given);
    if (!OPENCTI_ORIGIN.test(given) && !loopbackOptIn) {
      throw notStarted('Salesforce\'s library refuses sfdcIframeOrigin "' + given + '": it accepts only '
        + 'http(s)://<name>.force.com or http(s)://<name>.salesforce.com, with an optional port, in lower case and '
        + 'with nothing after it' + (/\/$/.test(given) ? ' (no trailing "/")' : ''));
    }
    if (!location.protocol || given.indexOf(location.protocol) !== 0) {
      throw notStarted('sfdcIframeOrigin (' + given + ') and this page (' + location.protocol
        + ') must use the same protocol, or Salesforce\'s library refuses to start');
    }
    if (!canonical) {
      throw notStarted('sfdcIframeOrigin "' + given + '" is not written as the browser writes origins ('
        + (url ? url.origin : 'not a URL') + '): Salesforce\'s library would start but drop every answer');
    }
    var versionText = query(location.search).get('apiVersion');
    var apiVersion = DEFAULT_API_VERSION;
    if (versionText !== null && versionText !== '') {
      var m = /^(\d{2,3})(\.0)?$/.exec(versionText);
      if (!m || Number(m[1]) < MIN_API_VERSION) {
        throw new Error('apiVersion must be a whole Open CTI API version, ' + MIN_API_VERSION + ' or later, not '
          + versionText);
      }
      apiVersion = Number(m[1]);
    }
    return {
      origin: given,
      mode: mode,
      apiVersion: apiVersion,
      scriptUrl: given + '/support/api/' + apiVersion + '.0/lightning/opencti_min.js'
    };
  }

  function query(search) {
    return new URLSearchParams(search || '');
  }

  /** What an error event during the library's start says; a script from another origin says nothing. */
  function describeError(event) {
    if (typeof event.error === 'string' && event.error !== '') {
      return event.error; // Salesforce's library throws a plain string
    }
    if (event.error && event.error.message) {
      return String(event.error.message);
    }
    if (event.message && event.message !== 'Script error.') {
      return String(event.message);
    }
    return 'the browser hides the error of a script from another origin; the browser console shows it';
  }

  /**
   * Adds <script src> for opencti_min.js; resolves with sforce.opencti once the script ran without throwing. The
   * library throws while it initialises (after creating sforce.opencti) when it does not like the page, and the
   * script's load event fires all the same, so an error event from the script in between means it did not start.
   */
  function loadOpenCti(win, doc, src) {
    return new Promise(function (resolve, reject) {
      var thrown = null;
      var listening = typeof win.addEventListener === 'function';
      function onError(event) {
        // The script runs right before its load event; an error without a file name is a cross-origin script's.
        if (thrown === null && event && (event.filename === src || !event.filename)) {
          thrown = describeError(event);
        }
      }
      function done() {
        if (listening) {
          win.removeEventListener('error', onError);
        }
      }
      if (listening) {
        win.addEventListener('error', onError);
      }
      var script = doc.createElement('script');
      script.src = src;
      script.async = false;
      script.onload = function () {
        done();
        var opencti = win.sforce && win.sforce.opencti;
        if (thrown !== null) {
          reject(notStarted('opencti_min.js failed while it started: ' + thrown));
        } else if (!opencti) {
          reject(notStarted('sforce.opencti is missing after loading ' + src));
        } else {
          resolve(opencti);
        }
      };
      script.onerror = function () {
        done();
        reject(notStarted('could not load ' + src));
      };
      (doc.head || doc.body || doc.documentElement).appendChild(script);
    });
  }

  /**
   * Makes the first Open CTI call and waits for Salesforce's answer: a library that refused to start, or a page that
   * is not inside Salesforce's softphone utility, never answers (Open CTI has no timeout of its own).
   */
  function probe(win, opencti, page, timeoutMs) {
    return new Promise(function (resolve, reject) {
      var settled = false;
      var timer = win.setTimeout(function () {
        if (!settled) {
          settled = true;
          reject(notStarted('Salesforce did not answer the first Open CTI call (' + PROBE + ') within '
            + Math.round(timeoutMs / 100) / 10 + ' s. Open this page only through the softphone utility of the org '
            + page.origin + ', with the URL Salesforce gives it.'));
        }
      }, timeoutMs);
      try {
        opencti[PROBE]({
          callback: function () {
            if (!settled) {
              settled = true;
              win.clearTimeout(timer);
              resolve(opencti);
            }
          }
        });
      } catch (e) {
        settled = true;
        win.clearTimeout(timer);
        reject(notStarted(PROBE + ' threw: ' + (e && e.message ? e.message : String(e))));
      }
    });
  }

  /**
   * The invocation runner over sforce.opencti. forward(name, payload) gets every listener event.
   * Returns invoke(method, args) -> Promise of the callback result.
   */
  function createInvoker(opencti, forward) {
    var registered = Object.create(null);
    var subscriptions = Object.create(null);

    function target(method) {
      if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
        return null;
      }
      var owner = opencti;
      var name = method;
      if (method.indexOf('hvs.') === 0) {
        owner = opencti.hvs && (typeof opencti.hvs === 'object' || typeof opencti.hvs === 'function') ? opencti.hvs
          : null;
        name = method.slice(4);
      }
      if (!owner || typeof owner[name] !== 'function' || hasOwn(Object.prototype, name)) {
        return null;
      }
      return { owner: owner, name: name };
    }

    function withCallback(t, method, args, extra) {
      return new Promise(function (resolve) {
        var call = Object.assign({}, args, extra || {}, {
          callback: function (response) {
            resolve(response);
          }
        });
        // Bad arguments make Open CTI throw right here; the promise then rejects (BRIDGE_ERROR).
        t.owner[t.name](call);
      }).then(function (response) {
        return callbackResult(response, method);
      });
    }

    function listen(t, method, args) {
      if (registered[method]) {
        return Promise.resolve(success(null)); // Open CTI listeners cannot be removed: never add a second one.
      }
      var call = Object.assign({}, args, {
        listener: function (payload) {
          forward(method, payload === undefined ? null : payload);
        }
      });
      t.owner[t.name](call);
      registered[method] = true;
      return Promise.resolve(success(null));
    }

    /**
     * Lightning Message Service. Salesforce's library hands the subscription object to subscribe's callback on the
     * result object itself (result.subscription, not in returnValue); unsubscribe takes that object back. The page keeps
     * it per channel, the server only ever names the channel. Per channel: {ready: Promise, subscription}, where
     * subscription is undefined while subscribe runs and null when the library gave none.
     */
    function subscribe(t, args) {
      var channel = args.channelName;
      if (typeof channel !== 'string' || channel === '') {
        return Promise.reject(new Error('subscribe needs a channelName'));
      }
      if (hasOwn(subscriptions, channel)) {
        return subscriptions[channel].ready.then(function () {
          return success(null); // one listener per channel and page
        });
      }
      var entry = { subscription: undefined, ready: null };
      subscriptions[channel] = entry; // claimed now, so a second subscribe while this one runs adds nothing
      entry.ready = new Promise(function (resolve) {
        t.owner[t.name](Object.assign({}, args, {
          listener: function (message) {
            forward('subscribe', { channelName: channel, message: message === undefined ? null : message });
          },
          callback: resolve
        }));
      }).then(function (response) {
        var result = callbackResult(response, 'subscribe');
        if (!result.success) {
          delete subscriptions[channel];
          return result;
        }
        if (!response.subscription || typeof response.subscription !== 'object') {
          entry.subscription = null; // subscribed, but this page can never unsubscribe
          throw new Error('subscribe to ' + channel + ' succeeded without result.subscription, so this page cannot '
            + 'unsubscribe from it');
        }
        entry.subscription = response.subscription;
        return success(null);
      }, function (error) {
        delete subscriptions[channel];
        throw error;
      });
      return entry.ready;
    }

    function unsubscribe(t, args) {
      var channel = args.channelName;
      if (typeof channel !== 'string' || channel === '') {
        return Promise.reject(new Error('unsubscribe needs a channelName'));
      }
      if (!hasOwn(subscriptions, channel)) {
        return Promise.resolve(success(null)); // nothing subscribed in this page
      }
      var entry = subscriptions[channel];
      return entry.ready.catch(function () {
        return null;
      }).then(function () {
        if (subscriptions[channel] !== entry) {
          return success(null); // the subscribe failed, or another unsubscribe ended it
        }
        if (entry.subscription === null) {
          throw new Error('cannot unsubscribe from ' + channel + ': Open CTI gave this page no subscription for it');
        }
        return withCallback(t, 'unsubscribe', {}, { subscription: entry.subscription }).then(function (result) {
          if (result.success && subscriptions[channel] === entry) {
            delete subscriptions[channel];
          }
          return result;
        });
      });
    }

    return function invoke(method, args) {
      var t = target(method);
      if (!t) {
        return Promise.reject(new Error('unknown Open CTI method: ' + String(method)));
      }
      var given = args && typeof args === 'object' && !Array.isArray(args) ? args : {};
      try {
        if (hasOwn(LISTENERS, method)) {
          return listen(t, method, given);
        }
        if (hasOwn(BARE, method)) {
          t.owner[t.name]();
          return Promise.resolve(success(null));
        }
        if (method === 'subscribe') {
          return subscribe(t, given);
        }
        if (method === 'unsubscribe') {
          return unsubscribe(t, given);
        }
        return withCallback(t, method, given);
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
  }

  /**
   * Checks the page, loads opencti_min.js, then connects. Options (all optional):
   *   window, document, location   the page (defaults: the global ones)
   *   CallbridgeBridge             the bridge client (default: the global)
   *   url, tokenProvider, attributes, onUi, onStatus, log   passed to CallbridgeBridge.connect
   *   onConnected(bridge)          called once the bridge exists
   *   startTimeoutMs               how long Salesforce may take to answer the first Open CTI call (default 10 s)
   * Returns a Promise of {bridge, invoke, page}. It rejects, having connected nothing, when the page is wrong or Open
   * CTI did not start: the library failed to load or threw while it started, or Salesforce never answered the first
   * call. The rejection's message says which, starting "Open CTI did not start: " when it is about Open CTI.
   */
  function start(options) {
    var opts = options || {};
    var win = opts.window || global;
    var doc = opts.document || win.document;
    var location = opts.location || win.location;
    var log = typeof opts.log === 'function' ? opts.log : consoleLog;
    var page;
    var tokens;
    var Bridge = opts.CallbridgeBridge || win.CallbridgeBridge;
    try {
      page = readPage(location);
      tokens = opts.tokenProvider || tokenProvider(Bridge, location, win.fetch ? win.fetch.bind(win) : null);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!Bridge || typeof Bridge.connect !== 'function') {
      return Promise.reject(new Error('the callbridge bridge client (/static/callbridge/bridge-client.js) is not loaded'));
    }
    var timeoutMs = typeof opts.startTimeoutMs === 'number' && opts.startTimeoutMs > 0 ? opts.startTimeoutMs
      : DEFAULT_START_TIMEOUT_MS;
    return loadOpenCti(win, doc, page.scriptUrl).then(function (opencti) {
      return probe(win, opencti, page, timeoutMs);
    }).then(function (opencti) {
      var bridge = null;
      var queued = [];
      var invoke = createInvoker(opencti, function (name, payload) {
        if (bridge) {
          bridge.crmEvent(name, payload);
        } else {
          queued.push([name, payload]);
        }
      });
      var attributes = { bridge: 'callbridge-salesforce', mode: page.mode, apiVersion: String(page.apiVersion),
        sfdcIframeOrigin: page.origin };
      if (opts.attributes) {
        Object.keys(opts.attributes).forEach(function (key) {
          attributes[key] = String(opts.attributes[key]);
        });
      }
      bridge = Bridge.connect({
        url: opts.url,
        tokenProvider: tokens,
        crm: CRM,
        role: ROLE,
        attributes: attributes,
        onInvoke: invoke,
        onUi: opts.onUi,
        onStatus: function (status, detail) {
          if (status !== 'open' && status !== 'connecting') {
            // Click-to-dial must not stay live while the server cannot hear it; the server enables it again
            // for the next session once the agent can dial.
            disableClickToDial(opencti, log);
          }
          if (typeof opts.onStatus === 'function') {
            opts.onStatus(status, detail);
          }
        },
        log: opts.log
      });
      queued.forEach(function (event) {
        bridge.crmEvent(event[0], event[1]);
      });
      queued = [];
      if (typeof opts.onConnected === 'function') {
        opts.onConnected(bridge);
      }
      return { bridge: bridge, invoke: invoke, page: page };
    });
  }

  function disableClickToDial(opencti, log) {
    try {
      opencti.disableClickToDial({
        callback: function (response) {
          if (!response || response.success !== true) {
            log('warn', 'disableClickToDial failed', response);
          }
        }
      });
    } catch (e) {
      log('warn', 'disableClickToDial threw', e);
    }
  }

  // ------------------------------------------------------------------ the default page (softphone.html)

  function clear(element) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
  }

  function message(doc, container, text, isError) {
    clear(container);
    var box = doc.createElement('div');
    box.className = isError ? 'callbridge-page-error' : 'callbridge-page-status';
    if (isError) {
      box.setAttribute('role', 'alert');
    }
    box.textContent = text;
    container.appendChild(box);
  }

  /** What softphone.html runs: checks the page, loads Open CTI, connects and mounts the softphone. */
  function startPage(win) {
    var doc = win.document;
    var root = doc.getElementById('callbridge');
    if (!root) {
      throw new Error('softphone.html has no #callbridge element');
    }
    message(doc, root, 'Connecting to Salesforce…', false);
    return start({
      window: win,
      onConnected: function (bridge) {
        clear(root);
        if (!win.CallbridgeSoftphone || typeof win.CallbridgeSoftphone.mount !== 'function') {
          message(doc, root, 'The softphone UI (/static/callbridge/softphone.js) is not loaded.', true);
          return;
        }
        // The softphone follows the bridge's ui snapshots and status itself.
        win.CallbridgeSoftphone.mount(root, bridge, { title: 'Phone' });
      }
    }).catch(function (e) {
      var text = e && e.message ? e.message : String(e);
      consoleLog('warn', text);
      message(doc, root, text, true);
      return null;
    });
  }

  var api = Object.freeze({
    CRM: CRM,
    ROLE: ROLE,
    DEFAULT_API_VERSION: DEFAULT_API_VERSION,
    DEFAULT_START_TIMEOUT_MS: DEFAULT_START_TIMEOUT_MS,
    LISTENERS: LISTENERS,
    start: start,
    startPage: startPage,
    readPage: readPage,
    createInvoker: createInvoker,
    tokenProvider: tokenProvider
  });
  global.CallbridgeSalesforce = api;

  // softphone.html marks this script with data-callbridge-start, so the page needs no inline script.
  var doc = global.document;
  var script = doc && doc.currentScript;
  if (script && typeof script.hasAttribute === 'function' && script.hasAttribute('data-callbridge-start')) {
    if (doc.readyState === 'loading') {
      doc.addEventListener('DOMContentLoaded', function () {
        startPage(global);
      });
    } else {
      startPage(global);
    }
  }
}(this));
