'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, ManualClock, fakeWebSocketClass, settle } = require('./harness.js');

/** Objects made inside the vm context have that context's prototypes; compare their JSON content instead. */
const plain = (value) => JSON.parse(JSON.stringify(value));

const WELCOME = { type: 'welcome', sessionId: 's-1', seq: 100, resumed: false };

/** A bridge on a fake socket and manual clock; `statuses` and `uis` record what the page was told. */
function setUp(extra) {
  const { CallbridgeBridge } = load('bridge-client.js');
  const clock = new ManualClock();
  const WebSocketImpl = fakeWebSocketClass();
  const statuses = [];
  const uis = [];
  const logs = [];
  const tokens = [];
  const options = Object.assign({
    url: 'wss://bridge.test/bridge/v1',
    tokenProvider: async () => { const t = 'token-' + (tokens.length + 1); tokens.push(t); return t; },
    crm: 'hubspot',
    role: 'widget',
    onStatus: (status, detail) => statuses.push({ status, detail }),
    onUi: (state, seq) => uis.push({ state, seq }),
    log: (level, message) => logs.push(level + ' ' + message),
    WebSocketImpl,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    now: clock.now,
    random: () => 0.5,
  }, extra || {});
  const bridge = CallbridgeBridge.connect(options);
  const sockets = WebSocketImpl.sockets;
  return { CallbridgeBridge, bridge, clock, sockets, statuses, uis, logs, tokens, latest: () => sockets[sockets.length - 1] };
}

/** Opens the newest socket and welcomes it. */
async function welcome(t, frame) {
  await settle();
  const socket = t.latest();
  socket.serverOpen();
  socket.serverSend(Object.assign({}, WELCOME, frame || {}));
  return socket;
}

test('hello carries version, token, crm, role and attributes, and no resume point the first time', async () => {
  const t = setUp({ attributes: { page: 'contact-record' } });
  assert.equal(t.statuses[0].status, 'connecting');
  await settle();
  assert.equal(t.sockets.length, 1);
  assert.equal(t.sockets[0].url, 'wss://bridge.test/bridge/v1');
  t.sockets[0].serverOpen();
  assert.deepEqual(t.sockets[0].sent, [{
    type: 'hello', v: 1, token: 'token-1', crm: 'hubspot', role: 'widget', attributes: { page: 'contact-record' },
  }]);
  t.sockets[0].serverSend(WELCOME);
  assert.equal(t.statuses[t.statuses.length - 1].status, 'open');
  assert.equal(t.statuses[t.statuses.length - 1].detail.sessionId, 's-1');
});

test('a plain token string is used when there is no provider', async () => {
  const t = setUp({ tokenProvider: undefined, token: 'fixed' });
  await settle();
  t.latest().serverOpen();
  assert.equal(t.latest().sent[0].token, 'fixed');
});

test('connect refuses options without token, crm or role', () => {
  const { CallbridgeBridge } = load('bridge-client.js');
  const WebSocketImpl = fakeWebSocketClass();
  assert.throws(() => CallbridgeBridge.connect({ crm: 'hubspot', role: 'widget', WebSocketImpl }), /token/);
  assert.throws(() => CallbridgeBridge.connect({ token: 't', role: 'widget', WebSocketImpl }), /crm/);
  assert.throws(() => CallbridgeBridge.connect({ token: 't', crm: 'hubspot', WebSocketImpl }), /role/);
});

test('ui snapshots reach onUi and lastState', async () => {
  const t = setUp();
  const socket = await welcome(t);
  assert.equal(t.bridge.lastState(), null);
  socket.serverSend({ type: 'ui', seq: 100, state: { agent: { id: 'alice' } } });
  assert.deepEqual(plain(t.uis), [{ state: { agent: { id: 'alice' } }, seq: 100 }]);
  assert.deepEqual(plain(t.bridge.lastState()), { agent: { id: 'alice' } });
});

test('after a lost connection it reconnects with a fresh token and resumes after the last seq', async () => {
  const t = setUp();
  const first = await welcome(t);
  first.serverSend({ type: 'ui', seq: 100, state: {} });
  first.serverSend({ type: 'ui', seq: 101, state: {} });
  first.serverClose(1006, '');
  const reconnecting = t.statuses[t.statuses.length - 1];
  assert.equal(reconnecting.status, 'reconnecting');
  assert.ok(reconnecting.detail.delayMs >= 500 && reconnecting.detail.delayMs <= 1000, reconnecting.detail.delayMs);
  t.clock.advance(reconnecting.detail.delayMs - 1);
  await settle();
  assert.equal(t.sockets.length, 1, 'waits for the backoff');
  t.clock.advance(1);
  await settle();
  assert.equal(t.sockets.length, 2);
  t.sockets[1].serverOpen();
  assert.equal(t.sockets[1].sent[0].token, 'token-2');
  assert.equal(t.sockets[1].sent[0].resumeAfter, 101);
});

test('a welcome that does not resume makes the bridge forget its old seq', async () => {
  const t = setUp();
  const first = await welcome(t);
  first.serverSend({ type: 'ui', seq: 100, state: {} });
  first.serverClose(1001, 'server shutting down');
  t.clock.advance(10000);
  const second = await welcome(t, { resumed: false, seq: 5000 });
  second.serverClose(1006, '');
  t.clock.advance(10000);
  await settle();
  t.latest().serverOpen();
  assert.equal('resumeAfter' in t.latest().sent[0], false);
});

test('backoff doubles from 0.5-1 s to a 5-10 s cap, with jitter', () => {
  const { CallbridgeBridge } = load('bridge-client.js');
  const low = () => 0;
  const high = () => 1;
  assert.equal(CallbridgeBridge.backoffDelay(0, low), 500);
  assert.equal(CallbridgeBridge.backoffDelay(0, high), 1000);
  assert.equal(CallbridgeBridge.backoffDelay(1, high), 2000);
  assert.equal(CallbridgeBridge.backoffDelay(3, high), 8000);
  assert.equal(CallbridgeBridge.backoffDelay(4, low), 5000);
  assert.equal(CallbridgeBridge.backoffDelay(4, high), 10000);
  assert.equal(CallbridgeBridge.backoffDelay(1000, high), 10000);
});

test('consecutive failures back off further; a welcome resets the backoff', async () => {
  const t = setUp();
  const delays = [];
  for (let i = 0; i < 6; i++) {
    await settle();
    t.latest().serverClose(1006, '');
    delays.push(t.statuses[t.statuses.length - 1].detail.delayMs);
    t.clock.advance(delays[delays.length - 1]);
  }
  assert.deepEqual(delays, [750, 1500, 3000, 6000, 7500, 7500]);
  const socket = await welcome(t);
  socket.serverClose(1006, '');
  assert.equal(t.statuses[t.statuses.length - 1].detail.delayMs, 750);
});

test('crmEvents raised before the welcome and while disconnected are sent in order once open', async () => {
  const t = setUp();
  t.bridge.crmEvent('first', { n: 1 });
  t.bridge.crmEvent('second');
  await settle();
  t.latest().serverOpen();
  assert.deepEqual(t.latest().sent.map((f) => f.type), ['hello'], 'nothing before the welcome');
  t.latest().serverSend(WELCOME);
  t.bridge.crmEvent('third', 3);
  const nonce = Math.floor(0.5 * 0x7fffffff).toString(36);
  assert.deepEqual(t.latest().sentOfType('crmEvent'), [
    { type: 'crmEvent', id: 'e-' + nonce + '-1', name: 'first', data: { n: 1 } },
    { type: 'crmEvent', id: 'e-' + nonce + '-2', name: 'second', data: null },
    { type: 'crmEvent', id: 'e-' + nonce + '-3', name: 'third', data: 3 },
  ]);

  t.latest().serverClose(1006, '');
  t.bridge.crmEvent('fourth', 4);
  t.bridge.crmEvent('fifth', 5);
  t.clock.advance(1000);
  const again = await welcome(t, { resumed: true });
  assert.deepEqual(again.sentOfType('crmEvent').map((f) => f.name), ['fourth', 'fifth']);
});

test('a crmEvent refused with STORE_UNAVAILABLE is sent again after 1, 2, 4, 8 and 16 s, then dropped with an error', async () => {
  const problems = [];
  const t = setUp({ onProblem: (message) => problems.push(message) });
  const followed = [];
  t.bridge.subscribe({ problem: (message) => followed.push(message) });
  const socket = await welcome(t);
  t.bridge.crmEvent('CALL_ENDED_BY_USER', { callId: 'c-1' });
  t.bridge.crmEvent('OTHER', 2);
  const [event, other] = socket.sentOfType('crmEvent');
  const refuse = (id) => socket.serverSend({
    type: 'error', code: 'STORE_UNAVAILABLE', message: 'the store is unavailable', ref: id,
  });
  const sentTimes = () => socket.sentOfType('crmEvent').filter((f) => f.id === event.id).length;
  for (const wait of [1000, 2000, 4000, 8000, 16000]) {
    const before = sentTimes();
    refuse(event.id);
    t.clock.advance(wait - 1);
    assert.equal(sentTimes(), before, 'not before ' + wait + ' ms');
    t.clock.advance(1);
    assert.equal(sentTimes(), before + 1, 'again after ' + wait + ' ms');
  }
  assert.deepEqual(plain(socket.sentOfType('crmEvent').slice(-1)[0]), plain(event), 'the same event, id and all');
  refuse(event.id);
  t.clock.advance(60000);
  assert.equal(sentTimes(), 6, 'dropped after the fifth retry');
  assert.ok(t.logs.some((l) => l.startsWith('error ') && l.includes('CALL_ENDED_BY_USER dropped')), t.logs.join('\n'));
  // The page's user hears of it, not only the console: onProblem and the subscribers (the softphone shows it).
  assert.equal(problems.length, 1);
  assert.match(problems[0], /hubspot event CALL_ENDED_BY_USER did not reach the phone server/);
  assert.deepEqual(followed, problems);
  assert.equal(socket.sentOfType('crmEvent').filter((f) => f.id === other.id).length, 1, 'the other event once');
});

test('a crmEvent refused for another reason is not sent again; one to retry waits through a reconnect', async () => {
  const t = setUp();
  const socket = await welcome(t);
  t.bridge.crmEvent('bad', {});
  t.bridge.crmEvent('later', {});
  const [bad, later] = socket.sentOfType('crmEvent');
  socket.serverSend({ type: 'error', code: 'MISSING_FIELD', message: 'x is missing', field: 'data.x', ref: bad.id });
  socket.serverSend({ type: 'error', code: 'STORE_UNAVAILABLE', message: 'down', ref: later.id });
  socket.serverClose(1006, '');
  t.clock.advance(1000);
  assert.equal(socket.sentOfType('crmEvent').length, 2, 'nothing sent on the closed socket');
  const again = await welcome(t, { resumed: true });
  assert.deepEqual(again.sentOfType('crmEvent').map((f) => f.id), [later.id], 'only the store refusal, once open');
  t.clock.advance(60000);
  assert.deepEqual(again.sentOfType('crmEvent').map((f) => f.id), [later.id]);
});

test('eventRetryDelaysMs sets the waits, and a bad value is refused naming it', async () => {
  const problems = [];
  const t = setUp({ eventRetryDelaysMs: [10], onProblem: (message) => problems.push(message) });
  const socket = await welcome(t);
  t.bridge.crmEvent('e', {});
  const [event] = socket.sentOfType('crmEvent');
  socket.serverSend({ type: 'error', code: 'STORE_UNAVAILABLE', message: 'down', ref: event.id });
  t.clock.advance(10);
  assert.equal(socket.sentOfType('crmEvent').length, 2);
  socket.serverSend({ type: 'error', code: 'STORE_UNAVAILABLE', message: 'down', ref: event.id });
  assert.equal(problems.length, 1, 'given up after the one retry');
  for (const bad of [[0], [-1], ['1'], [Infinity], 5, new Array(11).fill(1)]) {
    assert.throws(() => setUp({ eventRetryDelaysMs: bad }), /eventRetryDelaysMs/);
  }
});

test('closing the bridge cancels the retries of refused events', async () => {
  const t = setUp();
  const socket = await welcome(t);
  t.bridge.crmEvent('e', {});
  const [event] = socket.sentOfType('crmEvent');
  socket.serverSend({ type: 'error', code: 'STORE_UNAVAILABLE', message: 'down', ref: event.id });
  t.bridge.close();
  t.clock.advance(60000);
  assert.equal(socket.sentOfType('crmEvent').length, 1);
});

test('an invoke resolved by onInvoke is answered with ok and the value (undefined as null)', async () => {
  const calls = [];
  const t = setUp({
    onInvoke: async (method, args, id) => {
      calls.push([method, args, id]);
      return method === 'nothing' ? undefined : { engagementId: 991 };
    },
  });
  const socket = await welcome(t);
  socket.serverSend({ type: 'invoke', id: 'i-1', method: 'outgoingCall', args: { toNumber: '+1' } });
  socket.serverSend({ type: 'invoke', id: 'i-2', method: 'nothing', args: {} });
  await settle();
  assert.deepEqual(plain(calls[0]), ['outgoingCall', { toNumber: '+1' }, 'i-1']);
  assert.deepEqual(socket.sentOfType('result'), [
    { type: 'result', id: 'i-1', ok: true, value: { engagementId: 991 } },
    { type: 'result', id: 'i-2', ok: true, value: null },
  ]);
});

test('a thrown Error becomes BRIDGE_ERROR and crmError becomes CRM_ERROR with details', async () => {
  let CallbridgeBridge;
  const t = setUp({
    onInvoke: (method) => {
      if (method === 'sync') {
        throw new Error('no such method');
      }
      if (method === 'async') {
        return Promise.reject(new Error('page broke'));
      }
      throw CallbridgeBridge.crmError('saveLog failed', [{ description: 'Required fields are missing' }]);
    },
  });
  CallbridgeBridge = t.CallbridgeBridge;
  const socket = await welcome(t);
  socket.serverSend({ type: 'invoke', id: 'b-1', method: 'sync', args: {} });
  socket.serverSend({ type: 'invoke', id: 'b-2', method: 'async', args: {} });
  socket.serverSend({ type: 'invoke', id: 'c-1', method: 'saveLog', args: {} });
  await settle();
  // Each answer goes out when its method finishes, so compare them by id.
  const results = socket.sentOfType('result').sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(results, [
    { type: 'result', id: 'b-1', ok: false, error: { code: 'BRIDGE_ERROR', message: 'no such method' } },
    { type: 'result', id: 'b-2', ok: false, error: { code: 'BRIDGE_ERROR', message: 'page broke' } },
    { type: 'result', id: 'c-1', ok: false, error: {
      code: 'CRM_ERROR', message: 'saveLog failed', details: [{ description: 'Required fields are missing' }] } },
  ]);
});

test('without onInvoke, or with a value JSON cannot carry, the answer is BRIDGE_ERROR', async () => {
  const t = setUp();
  const socket = await welcome(t);
  socket.serverSend({ type: 'invoke', id: 'n-1', method: 'x', args: {} });
  await settle();
  assert.equal(socket.sentOfType('result')[0].error.code, 'BRIDGE_ERROR');

  const cyclic = {};
  cyclic.self = cyclic;
  const u = setUp({ onInvoke: () => cyclic });
  const other = await welcome(u);
  other.serverSend({ type: 'invoke', id: 'n-2', method: 'x', args: {} });
  await settle();
  assert.equal(other.sentOfType('result')[0].error.code, 'BRIDGE_ERROR');
});

test('a repeated invoke id is answered with the remembered result and does not run again', async () => {
  let runs = 0;
  const t = setUp({ onInvoke: async () => { runs += 1; return { run: runs }; } });
  const first = await welcome(t);
  first.serverSend({ type: 'invoke', id: 'hubspot.outgoingCall.c-1', method: 'outgoingCall', args: {} });
  await settle();
  first.serverSend({ type: 'invoke', id: 'hubspot.outgoingCall.c-1', method: 'outgoingCall', args: {} });
  await settle();
  assert.equal(runs, 1);
  assert.deepEqual(first.sentOfType('result'), [
    { type: 'result', id: 'hubspot.outgoingCall.c-1', ok: true, value: { run: 1 } },
    { type: 'result', id: 'hubspot.outgoingCall.c-1', ok: true, value: { run: 1 } },
  ]);

  // The server retries on the page's next connection after this one's answer was lost with it.
  first.serverClose(1006, '');
  t.clock.advance(1000);
  const second = await welcome(t, { resumed: true });
  second.serverSend({ type: 'invoke', id: 'hubspot.outgoingCall.c-1', method: 'outgoingCall', args: {} });
  await settle();
  assert.equal(runs, 1);
  assert.deepEqual(second.sentOfType('result'), [
    { type: 'result', id: 'hubspot.outgoingCall.c-1', ok: true, value: { run: 1 } },
  ]);
});

test('a repeated id that is still running runs once and is answered once it finishes', async () => {
  let finish;
  let runs = 0;
  const t = setUp({ onInvoke: () => { runs += 1; return new Promise((resolve) => { finish = resolve; }); } });
  const socket = await welcome(t);
  socket.serverSend({ type: 'invoke', id: 'slow', method: 'm', args: {} });
  socket.serverSend({ type: 'invoke', id: 'slow', method: 'm', args: {} });
  await settle();
  assert.equal(runs, 1);
  assert.equal(socket.sentOfType('result').length, 0);
  finish('done');
  await settle();
  assert.deepEqual(socket.sentOfType('result'), [{ type: 'result', id: 'slow', ok: true, value: 'done' }]);
});

/** sessionStorage as the browser has it: strings only; `failing` makes it throw like blocked or full storage. */
function fakeStorage() {
  const items = new Map();
  return {
    items,
    failing: null,
    getItem(key) { if (this.failing === 'all') { throw new Error('SecurityError'); } return items.has(key) ? items.get(key) : null; },
    setItem(key, value) {
      if (this.failing) { throw new Error(this.failing === 'all' ? 'SecurityError' : 'QuotaExceededError'); }
      items.set(key, String(value));
    },
    removeItem(key) { items.delete(key); },
  };
}

test('a page reloaded after running an invocation answers the re-sent id from sessionStorage, without running it', async () => {
  const storage = fakeStorage();
  let runs = 0;
  const onInvoke = async (method) => {
    runs += 1;
    if (method === 'completeWork') {
      throw new Error('work already completed');
    }
    return { taskId: '00T' + runs };
  };
  const before = setUp({ storage, onInvoke });
  const first = await welcome(before);
  first.serverSend({ type: 'invoke', id: 'salesforce.saveLog.c-1', method: 'saveLog', args: {} });
  first.serverSend({ type: 'invoke', id: 'salesforce.completeWork.w-1', method: 'completeWork', args: {} });
  await settle();
  assert.equal(runs, 2);
  // The page reloads before the server got the answers: a new script, a new connection, the same tab's storage.
  first.serverClose(1006, '');
  const after = setUp({ storage, onInvoke });
  const second = await welcome(after, { resumed: true });
  second.serverSend({ type: 'invoke', id: 'salesforce.saveLog.c-1', method: 'saveLog', args: {} });
  second.serverSend({ type: 'invoke', id: 'salesforce.completeWork.w-1', method: 'completeWork', args: {} });
  await settle();
  assert.equal(runs, 2, 'neither runs again');
  assert.deepEqual(second.sentOfType('result'), [
    { type: 'result', id: 'salesforce.saveLog.c-1', ok: true, value: { taskId: '00T1' } },
    { type: 'result', id: 'salesforce.completeWork.w-1', ok: false,
      error: { code: 'BRIDGE_ERROR', message: 'work already completed' } },
  ]);
});

test('another frame of the same tab and origin answers an id the first one ran from the shared sessionStorage', async () => {
  const storage = fakeStorage();
  let runs = 0;
  const onInvoke = async () => { runs += 1; return runs; };
  const widget = setUp({ storage, onInvoke });
  const window = setUp({ storage, onInvoke, role: 'window' });
  const a = await welcome(widget);
  const b = await welcome(window);
  a.serverSend({ type: 'invoke', id: 'hubspot.callCompleted.c-1', method: 'callCompleted', args: {} });
  a.serverSend({ type: 'invoke', id: 'hubspot.other.c-1', method: 'other', args: {} });
  await settle();
  b.serverSend({ type: 'invoke', id: 'hubspot.callCompleted.c-1', method: 'callCompleted', args: {} });
  await settle();
  assert.equal(runs, 2);
  assert.deepEqual(b.sentOfType('result'), [{ type: 'result', id: 'hubspot.callCompleted.c-1', ok: true, value: 1 }]);
});

test('sessionStorage keeps the newest 200 outcomes within about a megabyte', async () => {
  const storage = fakeStorage();
  let runs = 0;
  const t = setUp({ storage, onInvoke: async (method) => { runs += 1; return method === 'big' ? 'x'.repeat(300000) : runs; } });
  const socket = await welcome(t);
  for (let i = 0; i < 201; i++) {
    socket.serverSend({ type: 'invoke', id: 'r-' + i, method: 'm', args: {} });
  }
  await settle();
  let stored = JSON.parse(storage.items.get('callbridge.invocations'));
  assert.equal(stored.length, 200);
  assert.equal(stored[0][0], 'r-1', 'the oldest went first');
  for (let i = 0; i < 4; i++) {
    socket.serverSend({ type: 'invoke', id: 'big-' + i, method: 'big', args: {} });
  }
  await settle();
  const text = storage.items.get('callbridge.invocations');
  assert.ok(text.length <= 1000000, 'stored ' + text.length + ' characters');
  stored = JSON.parse(text);
  assert.deepEqual(stored.slice(-3).map((e) => e[0]), ['big-1', 'big-2', 'big-3']);
  assert.equal(stored.some((e) => e[0] === 'big-0'), false, 'older outcomes made room');
});

test('without usable sessionStorage the bridge remembers in page memory only, and says so once', async () => {
  for (const failing of ['all', 'quota']) {
    const storage = fakeStorage();
    storage.failing = failing;
    let runs = 0;
    const t = setUp({ storage, onInvoke: async () => { runs += 1; return runs; } });
    const socket = await welcome(t);
    socket.serverSend({ type: 'invoke', id: 'i-1', method: 'm', args: {} });
    socket.serverSend({ type: 'invoke', id: 'i-2', method: 'm', args: {} });
    await settle();
    socket.serverSend({ type: 'invoke', id: 'i-1', method: 'm', args: {} });
    await settle();
    assert.equal(runs, 2, failing);
    assert.equal(socket.sentOfType('result').length, 3, failing);
    assert.equal(t.logs.filter((line) => line.startsWith('warn') && line.includes('sessionStorage')).length, 1,
      failing + ': ' + t.logs.join('\n'));
  }
});

test('what another script left under the storage key is ignored, not trusted', async () => {
  const storage = fakeStorage();
  storage.items.set('callbridge.invocations', '{"not":"a list"');
  let runs = 0;
  const t = setUp({ storage, onInvoke: async () => { runs += 1; return runs; } });
  const socket = await welcome(t);
  socket.serverSend({ type: 'invoke', id: 'i-1', method: 'm', args: {} });
  await settle();
  storage.items.set('callbridge.invocations', JSON.stringify([['i-2', 'not an outcome'], ['i-3', { ok: 'yes' }]]));
  socket.serverSend({ type: 'invoke', id: 'i-2', method: 'm', args: {} });
  socket.serverSend({ type: 'invoke', id: 'i-3', method: 'm', args: {} });
  await settle();
  assert.equal(runs, 3);
});

test('only the last 200 results are remembered', async () => {
  let runs = 0;
  const t = setUp({ storage: null, onInvoke: async () => { runs += 1; return runs; } });
  const socket = await welcome(t);
  for (let i = 0; i < 201; i++) {
    socket.serverSend({ type: 'invoke', id: 'r-' + i, method: 'm', args: {} });
  }
  await settle();
  assert.equal(runs, 201);
  socket.serverSend({ type: 'invoke', id: 'r-1', method: 'm', args: {} });
  await settle();
  assert.equal(runs, 201, 'r-1 is still remembered');
  socket.serverSend({ type: 'invoke', id: 'r-0', method: 'm', args: {} });
  await settle();
  assert.equal(runs, 202, 'r-0 was forgotten and runs again');
});

test('closed with 4002 (replaced by a newer session of the agent) the bridge does not come back by itself', async () => {
  const t = setUp();
  const socket = await welcome(t);
  socket.serverClose(4002, 'replaced by a newer session of this agent');
  assert.deepEqual(plain(t.statuses[t.statuses.length - 1]),
    { status: 'refused', detail: { code: 4002, reason: 'replaced by a newer session of this agent' } });
  t.clock.advance(60000);
  await settle();
  assert.equal(t.sockets.length, 1, 'reconnecting would only push out another frame of the agent');
});

for (const code of [1008, 1002]) {
  test('closed with ' + code + ' the bridge is refused and never reconnects', async () => {
    const t = setUp();
    await settle();
    t.latest().serverOpen();
    t.latest().serverClose(code, code === 1008 ? 'token expired' : 'unsupported protocol version 1');
    assert.deepEqual(plain(t.statuses[t.statuses.length - 1]), {
      status: 'refused', detail: { code, reason: code === 1008 ? 'token expired' : 'unsupported protocol version 1' },
    });
    t.clock.advance(10 * 60 * 1000);
    await settle();
    assert.equal(t.sockets.length, 1);
    await assert.rejects(t.bridge.uiAction('login'), /closed/);
  });
}

test('closed with 4001 (token no longer valid) the bridge asks its tokenProvider to renew and reconnects', async () => {
  const requests = [];
  const t = setUp({ tokenProvider: async (request) => { requests.push(request); return 'token-' + requests.length; } });
  const first = await welcome(t);
  first.serverClose(1006, '');
  t.clock.advance(1000);
  await settle();
  t.latest().serverOpen();
  t.latest().serverClose(4001, 'token key unknown');
  const reconnecting = t.statuses[t.statuses.length - 1];
  assert.equal(reconnecting.status, 'reconnecting');
  // The second attempt in a row (the first ended before a welcome), so the backoff has grown.
  assert.deepEqual(plain(reconnecting.detail), { attempt: 2, delayMs: 1500, code: 4001, reason: 'token key unknown' });
  t.clock.advance(1500);
  const renewed = await welcome(t);
  assert.equal(renewed.sent[0].token, 'token-3');
  assert.deepEqual(plain(requests), [{ renew: false }, { renew: false }, { renew: true }]);
  // Once welcomed, the next ordinary reconnect does not ask for a renewal again.
  renewed.serverClose(1006, '');
  t.clock.advance(1000);
  await settle();
  assert.deepEqual(plain(requests[3]), { renew: false });
});

test('closed with 4001 with a fixed token, or a provider that gives the same token again, the bridge is refused', async () => {
  const fixed = setUp({ tokenProvider: undefined, token: 'fixed' });
  await settle();
  fixed.latest().serverOpen();
  fixed.latest().serverClose(4001, 'token expired');
  assert.deepEqual(plain(fixed.statuses[fixed.statuses.length - 1]),
    { status: 'refused', detail: { code: 4001, reason: 'token expired' } });
  fixed.clock.advance(60000);
  await settle();
  assert.equal(fixed.sockets.length, 1, 'no reconnect with a token the server called no longer valid');

  const same = setUp({ tokenProvider: async () => 'always-the-same' });
  await settle();
  same.latest().serverOpen();
  same.latest().serverClose(4001, 'token expired');
  assert.equal(same.statuses[same.statuses.length - 1].status, 'reconnecting');
  same.clock.advance(1000);
  await settle();
  assert.equal(same.sockets.length, 1, 'the same token is not presented again');
  assert.deepEqual(plain(same.statuses[same.statuses.length - 1]),
    { status: 'refused', detail: { code: 4001, reason: 'token expired' } });
  assert.ok(same.logs.some((line) => line.startsWith('error') && line.includes('same token')), same.logs.join('\n'));
});

test('other closes (1001 shutdown, 1013 too slow, 1006 dropped) reconnect', async () => {
  for (const code of [1001, 1013, 1006, 1000]) {
    const t = setUp();
    const socket = await welcome(t);
    socket.serverClose(code, '');
    assert.equal(t.statuses[t.statuses.length - 1].status, 'reconnecting', String(code));
    t.clock.advance(1000);
    await settle();
    assert.equal(t.sockets.length, 2, String(code));
  }
});

test('a failing token provider counts as a failed attempt and is retried', async () => {
  let calls = 0;
  const t = setUp({ tokenProvider: async () => { calls += 1; if (calls === 1) { throw new Error('backend down'); } return 'ok'; } });
  await settle();
  assert.equal(t.sockets.length, 0);
  assert.equal(t.statuses[t.statuses.length - 1].status, 'reconnecting');
  t.clock.advance(1000);
  await settle();
  t.latest().serverOpen();
  assert.equal(t.latest().sent[0].token, 'ok');
});

test('uiAction resolves with the ack frame, accepted or rejected', async () => {
  const t = setUp();
  const socket = await welcome(t);
  const dial = t.bridge.uiAction('dial', { number: '(415) 555-1212' });
  const busy = t.bridge.uiAction('login');
  const [dialFrame, loginFrame] = socket.sentOfType('uiAction');
  assert.equal(dialFrame.action, 'dial');
  assert.deepEqual(dialFrame.args, { number: '(415) 555-1212' });
  assert.deepEqual(loginFrame.args, {});
  assert.notEqual(dialFrame.id, loginFrame.id);
  socket.serverSend({ type: 'ack', id: loginFrame.id, ok: false, result: 'rejected',
    error: { code: 'AGENT_BUSY', message: 'the agent has a live call', field: 'agent' } });
  socket.serverSend({ type: 'ack', id: dialFrame.id, ok: true, result: 'accepted', callId: 'c-1' });
  assert.equal((await dial).callId, 'c-1');
  assert.equal((await busy).error.code, 'AGENT_BUSY');
});

test('uiAction rejects when no ack comes within 10 s, or on an error frame about it', async () => {
  const t = setUp();
  const socket = await welcome(t);
  const lost = t.bridge.uiAction('hold', { callId: 'c-1' });
  t.clock.advance(9999);
  const bad = t.bridge.uiAction('mute', { callId: 'c-1' });
  const badId = socket.sentOfType('uiAction')[1].id;
  socket.serverSend({ type: 'error', code: 'WRONG_TYPE', message: 'args.muted must be a boolean', field: 'args.muted', ref: badId });
  await assert.rejects(bad, (e) => e.code === 'WRONG_TYPE' && e.field === 'args.muted');
  t.clock.advance(1);
  await assert.rejects(lost, /no ack for hold within 10 s/);
  assert.ok(t.logs.some((line) => line.startsWith('warn server error WRONG_TYPE')), t.logs.join('\n'));
});

test('a uiAction made while disconnected is sent once open; one sent on a lost connection fails', async () => {
  const t = setUp();
  const first = await welcome(t);
  const sentThenLost = t.bridge.uiAction('login');
  first.serverClose(1006, '');
  await assert.rejects(sentThenLost, /connection lost/);
  const queued = t.bridge.uiAction('logout');
  t.clock.advance(1000);
  const second = await welcome(t, { resumed: true });
  const frame = second.sentOfType('uiAction')[0];
  assert.equal(frame.action, 'logout');
  second.serverSend({ type: 'ack', id: frame.id, ok: true, result: 'accepted' });
  assert.equal((await queued).result, 'accepted');
});

test('an app ping goes out every 15 s; without an answer for two intervals the bridge reconnects', async () => {
  const t = setUp();
  const socket = await welcome(t);
  t.clock.advance(15000);
  assert.deepEqual(socket.sentOfType('ping'), [{ type: 'ping', nonce: '1' }]);
  socket.serverSend({ type: 'pong', nonce: '1' });
  t.clock.advance(15000);
  assert.equal(socket.sentOfType('ping').length, 2);
  assert.equal(socket.closedWith, null, 'a pong keeps it alive');
  t.clock.advance(15000);
  assert.equal(socket.sentOfType('ping').length, 2, 'no third ping: the connection is given up');
  assert.deepEqual(socket.closedWith, { code: 4000, reason: 'heartbeat lost' });
  assert.equal(t.statuses[t.statuses.length - 1].status, 'reconnecting');
  t.clock.advance(1000);
  await settle();
  assert.equal(t.sockets.length, 2);
});

test('close() closes for good', async () => {
  const t = setUp();
  const socket = await welcome(t);
  t.bridge.close();
  assert.deepEqual(socket.closedWith, { code: 1000, reason: 'closed by the page' });
  assert.equal(t.statuses[t.statuses.length - 1].status, 'closed');
  t.clock.advance(60000);
  await settle();
  assert.equal(t.sockets.length, 1);
});

test('bad frames from the server are logged and ignored; unknown types are tolerated', async () => {
  const t = setUp();
  const socket = await welcome(t);
  socket.serverSend('not json');
  socket.serverSend('42');
  socket.serverSend({ type: 'somethingNew', x: 1 });
  socket.serverSend({ type: 'ui', seq: 101, state: { ok: true } });
  assert.deepEqual(plain(t.bridge.lastState()), { ok: true });
  assert.ok(t.logs.some((line) => line.includes('not JSON')));
});

test('a throwing onUi is logged and does not break the bridge', async () => {
  const t = setUp({ onUi: () => { throw new Error('page bug'); } });
  const socket = await welcome(t);
  socket.serverSend({ type: 'ui', seq: 101, state: {} });
  socket.serverSend({ type: 'ui', seq: 102, state: { n: 2 } });
  assert.deepEqual(plain(t.bridge.lastState()), { n: 2 });
  assert.ok(t.logs.some((line) => line.includes('onUi failed: page bug')));
});

test('subscribe replays the current status and state, then follows', async () => {
  const t = setUp();
  const socket = await welcome(t);
  socket.serverSend({ type: 'ui', seq: 100, state: { n: 1 } });
  const seen = [];
  const unsubscribe = t.bridge.subscribe({
    ui: (state, seq) => seen.push(['ui', seq]),
    status: (status) => seen.push(['status', status]),
  });
  socket.serverSend({ type: 'ui', seq: 101, state: { n: 2 } });
  unsubscribe();
  socket.serverSend({ type: 'ui', seq: 102, state: { n: 3 } });
  assert.deepEqual(seen, [['status', 'open'], ['ui', 100], ['ui', 101]]);
});

test('the default URL is the bridge endpoint on the script\'s host, ws for http and wss for https', () => {
  const { CallbridgeBridge } = load('bridge-client.js');
  assert.equal(CallbridgeBridge.defaultUrl('https://phone.example/static/callbridge/bridge-client.js'),
    'wss://phone.example/bridge/v1');
  assert.equal(CallbridgeBridge.defaultUrl('http://127.0.0.1:8080/static/callbridge/bridge-client.js?v=2'),
    'ws://127.0.0.1:8080/bridge/v1');
});

test('the script defines exactly one global', () => {
  const context = load('bridge-client.js');
  assert.deepEqual(Object.keys(context).filter((k) => !['URL', 'URLSearchParams', 'console'].includes(k)), ['CallbridgeBridge']);
});

// ------------------------------------------------------------------ page tokens (used by every CRM's bridge page)

/** pageTokenProvider run against a location; fetchFn records demo token requests. */
function pageTokens(url, fetchFn) {
  const client = load('bridge-client.js');
  const u = new URL(url);
  return client.CallbridgeBridge.pageTokenProvider({ search: u.search, hash: u.hash }, fetchFn, 'hubspot');
}

test('the page token comes from the #token fragment and is the same on every connect', async () => {
  const provider = pageTokens('https://phone.example.com/p.html#token=abc.def');
  assert.equal(await provider(), 'abc.def');
  assert.equal(await provider(), 'abc.def');
});

test('in demo mode every connect fetches a fresh token for the page\'s tenant, agent and crm', async () => {
  const requests = [];
  const provider = pageTokens('http://127.0.0.1:8080/p.html?demo=1&tenant=acme&agent=alice', (path, init) => {
    requests.push({ path, init });
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({ token: 'demo-' + requests.length }) });
  });
  assert.equal(await provider(), 'demo-1');
  assert.equal(await provider(), 'demo-2');
  const asked = new URL(requests[0].path, 'http://x');
  assert.equal(asked.pathname, '/demo/token');
  assert.deepEqual(Object.fromEntries(asked.searchParams), { tenant: 'acme', agent: 'alice', crm: 'hubspot' });
  assert.equal(requests[0].init.cache, 'no-store');
});

test('a failed demo token request rejects with the HTTP status; an answer without a token rejects', async () => {
  const failing = pageTokens('http://127.0.0.1/p.html?demo=1&tenant=acme&agent=alice',
    () => Promise.resolve({ ok: false, status: 403 }));
  await assert.rejects(failing(), /HTTP 403/);
  const empty = pageTokens('http://127.0.0.1/p.html?demo=1&tenant=acme&agent=alice',
    () => Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({}) }));
  await assert.rejects(empty(), /no token/);
});

test('a page with neither a token nor a complete demo query is refused at once, saying what to add', () => {
  assert.throws(() => pageTokens('https://phone.example.com/p.html'), /#token=/);
  assert.throws(() => pageTokens('http://127.0.0.1/p.html?demo=1&tenant=acme', () => null), /tenant and agent/);
});
