'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const vm = require('node:vm');
const { REAL_SDK, plain, fakeCallingExtensions, fakeBridgeClient, location, loadBridge, tick } = require('./fakes');
const { FakeDocument } = require('../../../../testkit/src/main/js/bridge-page-support');

// What the SDK 0.9.7 dispatches by handler name (Constants.messageHandlerNames), written out independently.
const HANDLERS = {
  onReady: 'READY',
  onDialNumber: 'DIAL_NUMBER',
  onEndCall: 'END_CALL',
  onSetCallState: 'SET_CALL_STATE',
  onVisibilityChanged: 'VISIBILITY_CHANGED',
  onCreateEngagementSucceeded: 'CREATE_ENGAGEMENT_SUCCEEDED',
  onCreateEngagementFailed: 'CREATE_ENGAGEMENT_FAILED',
  onEngagementCreated: 'ENGAGEMENT_CREATED',
  onUpdateEngagementSucceeded: 'UPDATE_ENGAGEMENT_SUCCEEDED',
  onUpdateEngagementFailed: 'UPDATE_ENGAGEMENT_FAILED',
  onFinalizeEngagementSucceeded: 'FINALIZE_ENGAGEMENT_SUCCEEDED',
  onFinalizeEngagementFailed: 'FINALIZE_ENGAGEMENT_FAILED',
  onPublishToChannelSucceeded: 'PUBLISH_TO_CHANNEL_SUCCEEDED',
  onPublishToChannelFailed: 'PUBLISH_TO_CHANNEL_FAILED',
  onCallerIdMatchSucceeded: 'CALLER_ID_MATCH_SUCCEEDED',
  onCallerIdMatchFailed: 'CALLER_ID_MATCH_FAILED',
  onNavigateToRecordFailed: 'NAVIGATE_TO_RECORD_FAILED',
  onInitiateCallIdSucceeded: 'INITIATE_CALL_ID_SUCCEEDED',
  onInitiateCallIdFailed: 'INITIATE_CALL_ID_FAILED',
  onSetWidgetUrlFailed: 'SET_WIDGET_URL_FAILED',
  onFailed: 'FAILED'
};

// The server's invocation method (an SDK message type, see the adapter's ToHubSpot) -> the SDK call expected.
const INVOCATIONS = [
  ['INITIALIZED', 'initialized', { isLoggedIn: true, isAvailable: false, sizeInfo: { width: 320, height: 560 } }],
  ['LOGGED_IN', 'userLoggedIn', null],
  ['LOGGED_OUT', 'userLoggedOut', null],
  ['USER_AVAILABLE', 'userAvailable', null],
  ['USER_UNAVAILABLE', 'userUnavailable', null],
  ['OUTGOING_CALL_STARTED', 'outgoingCall', {
    externalCallId: 'c-1', fromNumber: '+14155550100', toNumber: '+14155551212', callStartTime: 1767225600000,
    createEngagement: true, dialingContext: { phoneNumber: '+14155551212', objectId: 101, objectType: 'CONTACT' }
  }],
  ['INCOMING_CALL', 'incomingCall', {
    externalCallId: 'c-2', fromNumber: '+14155551212', toNumber: '+14155550100', createEngagement: true
  }],
  ['CALL_ANSWERED', 'callAnswered', { externalCallId: 'c-1' }],
  ['CALL_TRANSFERRED', 'callTransferred', { externalCallId: 'c-1' }],
  ['CALL_DATA', 'callData', { anything: ['goes'] }],
  ['CALL_ENDED', 'callEnded', { externalCallId: 'c-1', engagementId: 991, callEndStatus: 'COMPLETED' }],
  ['CALL_COMPLETED', 'callCompleted', {
    externalCallId: 'c-1', engagementId: 991, hideWidget: false,
    engagementProperties: { hs_timestamp: 1767225600000, hs_call_body: 'notes', hs_call_duration: '61000' }
  }],
  ['FINALIZE_ENGAGEMENT', 'finalizeEngagement', { externalCallId: 'c-1', engagementId: 991 }],
  ['PUBLISH_TO_CHANNEL', 'publishToChannel', { externalCallId: 'c-1', engagementId: 991 }],
  ['NAVIGATE_TO_RECORD', 'navigateToRecord', {
    objectCoordinates: { portalId: 22104933, objectId: 101, objectTypeId: '0-1' }, openIn: 'CURRENT_TAB'
  }],
  ['ERROR', 'sendError', { message: 'Could not call 555' }],
  ['RESIZE_WIDGET', 'resizeWidget', { width: 320, height: 560 }],
  ['SET_WIDGET_URL', 'setWidgetUrl', { iFrameUrl: 'https://phone.example.com' }]
];

const NO_DATA = new Set(['LOGGED_IN', 'LOGGED_OUT', 'USER_AVAILABLE', 'USER_UNAVAILABLE']);

function setUp(url, extra) {
  const CallingExtensions = fakeCallingExtensions();
  const client = fakeBridgeClient();
  const page = loadBridge(Object.assign({
    location: location(url || 'https://phone.example.com/static/hubspot/softphone.html#token=t0k'),
    CallingExtensions,
    CallbridgeBridge: client
  }, extra || {}));
  const controller = page.CallbridgeHubSpot.start({ log: () => {} });
  const sdk = CallingExtensions.instances[0];
  return { page, controller, sdk, handlers: sdk.options.eventHandlers, client };
}

test('creates one CallingExtensions with an event handler for every SDK event', () => {
  const { sdk, handlers } = setUp();
  assert.equal(sdk.options.debugMode, false);
  for (const name of Object.keys(HANDLERS)) {
    assert.equal(typeof handlers[name], 'function', name);
  }
  assert.equal(typeof handlers.defaultEventHandler, 'function');
  // A handler under the literal FAILED key would get every *_FAILED a second time.
  assert.equal(handlers.FAILED, undefined);
});

test('?debug=1 turns on the SDK debug mode', () => {
  const { sdk } = setUp('https://phone.example.com/static/hubspot/softphone.html?debug=1#token=t');
  assert.equal(sdk.options.debugMode, true);
});

test('every SDK event is forwarded as a crmEvent named by its message type, with its data', () => {
  const { handlers, client } = setUp();
  handlers.onReady({ iframeLocation: 'widget', portalId: 1 });
  const bridge = client.connections[0];
  bridge.events.length = 0;
  for (const [name, type] of Object.entries(HANDLERS)) {
    if (name === 'onReady') {
      continue;
    }
    const data = { marker: name };
    handlers[name](data, { type, data });
    const last = bridge.events[bridge.events.length - 1];
    assert.equal(last.name, type, name);
    assert.equal(last.data, data, name);
  }
  assert.equal(bridge.events.length, Object.keys(HANDLERS).length - 1);
});

test('an event without data is forwarded with null', () => {
  const { handlers, client } = setUp();
  handlers.onReady({ iframeLocation: 'widget' });
  handlers.onEndCall(undefined, { type: 'END_CALL' });
  assert.deepEqual(plain(client.connections[0].events.at(-1)), { name: 'END_CALL', data: null });
});

test('types without a named handler (UNLOADING, newer ones) are forwarded under their own type', () => {
  const { handlers, client } = setUp();
  handlers.onReady({ iframeLocation: 'widget' });
  const bridge = client.connections[0];
  handlers.defaultEventHandler({ reason: 'bye' }, { type: 'UNLOADING', data: { reason: 'bye' } });
  assert.deepEqual(plain(bridge.events.at(-1)), { name: 'UNLOADING', data: { reason: 'bye' } });
  const before = bridge.events.length;
  handlers.defaultEventHandler({}, {});
  handlers.defaultEventHandler({}, { type: '<script>' });
  assert.equal(bridge.events.length, before, 'no type, no event');
});

test('the bridge connects only after READY, as the frame HubSpot names, and sends what came before in order', () => {
  const { handlers, client } = setUp();
  handlers.onVisibilityChanged({ isMinimized: true, isHidden: false });
  assert.equal(client.connections.length, 0, 'no connection before the handshake');
  const readyData = { engagementId: 5, portalId: 22104933, userId: 7, ownerId: 53728419, iframeLocation: 'remote',
    usesCallingWindow: true, hostUrl: 'https://app.hubspot.com' };
  handlers.onReady(readyData);
  assert.equal(client.connections.length, 1);
  const options = client.connections[0].options;
  assert.equal(options.crm, 'hubspot');
  assert.equal(options.role, 'remote');
  assert.equal(typeof options.onInvoke, 'function');
  assert.equal(typeof options.tokenProvider, 'function');
  assert.equal(options.attributes.iframeLocation, 'remote');
  for (const value of Object.values(options.attributes)) {
    assert.equal(typeof value, 'string');
  }
  assert.deepEqual(client.connections[0].events.map((e) => e.name), ['VISIBILITY_CHANGED', 'READY']);
  assert.equal(client.connections[0].events[1].data, readyData);
});

test('later sessions of the page say in their hello that the handshake is done, since no READY comes again', async () => {
  const { controller, handlers, client } = setUp();
  handlers.onReady({ portalId: 22104933, userId: 7, ownerId: 53728419, iframeLocation: 'window' });
  const options = client.connections[0].options;
  // The bridge client sends this same object with every hello; the first one carries READY itself.
  assert.equal(options.attributes.handshake, undefined);
  options.onStatus('open', { sessionId: 's1' });
  assert.deepEqual(plain(options.attributes), { bridge: 'callbridge-hubspot', iframeLocation: 'window',
    handshake: 'done', portalId: '22104933', userId: '7', ownerId: '53728419' });
  await controller.invoke('INITIALIZED', { isLoggedIn: true });
  assert.equal(options.attributes.initialized, 'true');
  options.onStatus('reconnecting', { attempt: 0 });
  options.onStatus('open', { sessionId: 's2' });
  assert.equal(client.connections.length, 1, 'a reconnect is the same connection object, not a second connect');
});

test('a later READY (after SET_WIDGET_URL) is forwarded without a second connection', () => {
  const { handlers, client } = setUp();
  handlers.onReady({ iframeLocation: 'widget' });
  handlers.onReady({ iFrameUrl: 'https://phone.example.com' });
  assert.equal(client.connections.length, 1);
  assert.deepEqual(plain(client.connections[0].events.map((e) => [e.name, e.data])),
    [['READY', { iframeLocation: 'widget' }], ['READY', { iFrameUrl: 'https://phone.example.com' }]]);
});

test('without an iframeLocation the role comes from ?role=, else widget', () => {
  let s = setUp('https://phone.example.com/static/hubspot/softphone.html?role=window#token=t');
  s.handlers.onReady({});
  assert.equal(s.client.connections[0].options.role, 'window');
  s = setUp('https://phone.example.com/static/hubspot/softphone.html#token=t');
  s.handlers.onReady(undefined);
  assert.equal(s.client.connections[0].options.role, 'widget');
  s = setUp('https://phone.example.com/static/hubspot/softphone.html?role=admin#token=t');
  s.handlers.onReady({ iframeLocation: 'sidebar' });
  assert.equal(s.client.connections[0].options.role, 'widget', 'unknown roles are never sent');
});

test('each server method runs the matching SDK call with its args and resolves null', async () => {
  const { handlers, client, sdk } = setUp();
  handlers.onReady({ iframeLocation: 'widget' });
  const onInvoke = client.connections[0].options.onInvoke;
  for (const [method, sdkMethod, args] of INVOCATIONS) {
    sdk.calls.length = 0;
    const value = await onInvoke(method, args, 'hubspot:c-1:' + method);
    assert.equal(value, null, method);
    assert.equal(sdk.calls.length, 1, method);
    assert.equal(sdk.calls[0].method, sdkMethod, method);
    if (NO_DATA.has(method)) {
      assert.equal(sdk.calls[0].args.length, 0, method + ' takes no data');
    } else {
      assert.equal(sdk.calls[0].args.length, 1, method);
      assert.equal(sdk.calls[0].args[0], args, method + ' passes the args object as is');
    }
  }
});

test('every method the server can send is mapped', () => {
  const { page } = setUp();
  // ToHubSpot types minus SYNC_ACK, which the SDK sends itself during the handshake.
  const serverTypes = ['INITIALIZED', 'LOGGED_IN', 'LOGGED_OUT', 'USER_AVAILABLE', 'USER_UNAVAILABLE',
    'OUTGOING_CALL_STARTED', 'INCOMING_CALL', 'CALL_ANSWERED', 'CALL_TRANSFERRED', 'CALL_DATA', 'CALL_ENDED',
    'CALL_COMPLETED', 'FINALIZE_ENGAGEMENT', 'PUBLISH_TO_CHANNEL', 'NAVIGATE_TO_RECORD', 'ERROR', 'RESIZE_WIDGET',
    'SET_WIDGET_URL'];
  assert.deepEqual([...Object.keys(page.CallbridgeHubSpot.METHODS)].sort(), serverTypes.sort());
  assert.deepEqual(INVOCATIONS.map((i) => i[0]).sort(), serverTypes.sort());
});

test('invocations that arrive before the SDK is READY wait for it', async () => {
  const { controller, handlers, sdk } = setUp();
  let settled = false;
  const pending = controller.invoke('INITIALIZED', { isLoggedIn: true }).then((v) => {
    settled = true;
    return v;
  });
  await tick();
  assert.equal(settled, false);
  assert.equal(sdk.calls.length, 0, 'nothing reaches the SDK before its handshake');
  handlers.onReady({ iframeLocation: 'widget' });
  assert.equal(await pending, null);
  assert.deepEqual(sdk.calls.map((c) => c.method), ['initialized']);
});

test('call messages wait for this page\'s INITIALIZED, even when they arrive first', async () => {
  const { controller, handlers, sdk } = setUp();
  handlers.onReady({ iframeLocation: 'widget' });
  const started = controller.invoke('OUTGOING_CALL_STARTED', { externalCallId: 'c-1', fromNumber: '+14155550100' });
  const error = controller.invoke('ERROR', { message: 'x' });
  await tick();
  assert.equal(sdk.calls.length, 0, 'nothing before INITIALIZED');
  await controller.invoke('INITIALIZED', { isLoggedIn: true });
  await Promise.all([started, error]);
  assert.deepEqual(sdk.calls.map((c) => c.method), ['initialized', 'outgoingCall', 'sendError']);
  await controller.invoke('CALL_ANSWERED', { externalCallId: 'c-1' });
  assert.equal(sdk.calls[3].method, 'callAnswered', 'once initialized, messages go at once');
});

test('an unknown method is refused with an Error (BRIDGE_ERROR) and calls nothing', async () => {
  const { handlers, client, sdk } = setUp();
  handlers.onReady({ iframeLocation: 'widget' });
  const onInvoke = client.connections[0].options.onInvoke;
  for (const method of ['outgoingCall', 'SYNC_ACK', 'DIAL_NUMBER', 'toString', '__proto__', 'hasOwnProperty', '',
    undefined]) {
    await assert.rejects(onInvoke(method, {}, 'id'), (e) => e instanceof Error || e.name === 'Error', String(method));
  }
  assert.equal(sdk.calls.length, 0);
});

test('an unknown method is refused at once, even before READY', async () => {
  const { controller } = setUp();
  await assert.rejects(controller.invoke('NOPE', {}), /unknown HubSpot SDK message type: NOPE/);
});

test('an SDK method that throws rejects the invocation', async () => {
  const { handlers, client, sdk } = setUp();
  sdk.callEnded = () => {
    throw new Error('boom');
  };
  handlers.onReady({ iframeLocation: 'widget' });
  await client.connections[0].options.onInvoke('INITIALIZED', { isLoggedIn: true });
  await assert.rejects(client.connections[0].options.onInvoke('CALL_ENDED', { externalCallId: 'c' }), /boom/);
});

test('the SDK class is the UMD bundle global "default" when there is no CallingExtensions global', () => {
  const CallingExtensions = fakeCallingExtensions();
  const page = loadBridge({
    location: location('https://phone.example.com/x#token=t'),
    default: CallingExtensions,
    CallbridgeBridge: fakeBridgeClient()
  });
  page.CallbridgeHubSpot.start({});
  assert.equal(CallingExtensions.instances.length, 1);
});

test('without the SDK or the bridge client start() says what is missing', () => {
  const page = loadBridge({ location: location('https://p.example.com/x#token=t'), CallbridgeBridge: fakeBridgeClient() });
  assert.throws(() => page.CallbridgeHubSpot.start({}), /calling-extensions-sdk\.js/);
  const page2 = loadBridge({ location: location('https://p.example.com/x#token=t'), CallingExtensions: fakeCallingExtensions() });
  assert.throws(() => page2.CallbridgeHubSpot.start({}), /bridge-client\.js/);
});

test('the token comes from #token=…', async () => {
  const { handlers, client } = setUp('https://phone.example.com/static/hubspot/softphone.html?x=1#token=abc.def');
  handlers.onReady({ iframeLocation: 'widget' });
  assert.equal(await client.connections[0].options.tokenProvider(), 'abc.def');
});

test('in demo mode every connect fetches a fresh token from /demo/token', async () => {
  const requests = [];
  let n = 0;
  const fetch = (url) => {
    requests.push(url);
    n += 1;
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({ token: 'demo-' + n, ttlSeconds: 3600 }) });
  };
  const { handlers, client } = setUp(
    'https://phone.example.com/static/hubspot/softphone.html?demo=1&tenant=acme&agent=alice%20b', { fetch });
  handlers.onReady({ iframeLocation: 'widget' });
  const provider = client.connections[0].options.tokenProvider;
  assert.equal(await provider(), 'demo-1');
  assert.equal(await provider(), 'demo-2');
  const url = new URL(requests[0], 'https://phone.example.com');
  assert.equal(url.pathname, '/demo/token');
  assert.equal(url.searchParams.get('tenant'), 'acme');
  assert.equal(url.searchParams.get('agent'), 'alice b');
  assert.equal(url.searchParams.get('crm'), 'hubspot');
});

test('the page token is read by the shared bridge client, which must be loaded', async () => {
  const page = loadBridge({});
  const api = page.CallbridgeHubSpot;
  const provider = api.tokenProvider(fakeBridgeClient(), location('https://p.example.com/x#token=t1'), null);
  assert.equal(await provider(), 't1');
  assert.throws(() => api.tokenProvider(fakeBridgeClient(), location('https://p.example.com/x'), null), /#token=/);
  assert.throws(() => api.tokenProvider(undefined, location('https://p.example.com/x#token=t1'), null),
    /bridge-client\.js\) is not loaded/);
});

test('renderTopic lists several caller-id matches as text and clears when the call ends', () => {
  const page = loadBridge({});
  const doc = new FakeDocument();
  const container = doc.createElement('div');
  page.CallbridgeHubSpot.renderTopic('hubspot.callerIdMatches', {
    callId: 'c-2',
    callerIdMatches: [
      { callerIdType: 'CONTACT', objectCoordinates: { portalId: 1, objectId: 101, objectTypeId: '0-1' },
        firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      { callerIdType: 'COMPANY', objectCoordinates: { portalId: 1, objectId: 7, objectTypeId: '0-2' },
        name: '<b>Analytical</b> Engines' }
    ]
  }, container);
  const text = container.textContent;
  assert.match(text, /Ada Lovelace <ada@example\.com> \(contact\)/);
  assert.match(text, /<b>Analytical<\/b> Engines \(company\)/, 'names are text, never markup');
  page.CallbridgeHubSpot.renderTopic('hubspot.callerIdMatches', null, container);
  assert.equal(container.children.length, 0);
});

test('softphone.html: the page waits for HubSpot, then mounts the softphone on the bridge', () => {
  const doc = new FakeDocument();
  const root = doc.addElement('callbridge');
  const mounts = [];
  const CallingExtensions = fakeCallingExtensions();
  const client = fakeBridgeClient();
  const page = loadBridge({
    document: doc,
    location: location('https://phone.example.com/static/hubspot/softphone.html#token=t'),
    CallingExtensions,
    CallbridgeBridge: client,
    CallbridgeSoftphone: { mount: (element, bridge, options) => mounts.push({ element, bridge, options }) }
  });
  page.CallbridgeHubSpot.startPage(page);
  assert.match(root.textContent, /Waiting for HubSpot/);
  assert.equal(mounts.length, 0);
  CallingExtensions.instances[0].options.eventHandlers.onReady({ iframeLocation: 'widget' });
  assert.equal(mounts.length, 1);
  assert.equal(mounts[0].element, root);
  assert.equal(mounts[0].bridge, client.connections[0]);
  assert.equal(mounts[0].options.renderTopic, page.CallbridgeHubSpot.renderTopic);
  assert.equal(root.textContent, '', 'the waiting note is gone');
});

test('softphone.html without a token shows why and creates nothing', () => {
  const doc = new FakeDocument();
  const root = doc.addElement('callbridge');
  const CallingExtensions = fakeCallingExtensions();
  const page = loadBridge({
    document: doc,
    location: location('https://phone.example.com/static/hubspot/softphone.html'),
    CallingExtensions,
    CallbridgeBridge: fakeBridgeClient()
  });
  page.CallbridgeHubSpot.startPage(page);
  assert.match(root.textContent, /no agent token/);
  assert.equal(root.find((e) => e.getAttribute('role') === 'alert') !== null, true);
  assert.equal(CallingExtensions.instances.length, 0);
});

test('softphone.html loads the SDK, the shared client and UI, then bridge.js, and starts it without inline code', () => {
  const html = fs.readFileSync(require('node:path').join(__dirname, '..', '..', 'main', 'resources', 'META-INF',
    'callbridge', 'static', 'hubspot', 'softphone.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.deepEqual(scripts.map((m) => (m[1].match(/src="([^"]+)"/) || [])[1]), [
    '/static/hubspot/calling-extensions-sdk.js',
    '/static/callbridge/bridge-client.js',
    '/static/callbridge/softphone.js',
    '/static/hubspot/bridge.js'
  ]);
  assert.ok(scripts.every((m) => m[2].trim() === ''), 'no inline script');
  assert.match(scripts[3][1], /data-callbridge-start/);
  assert.match(html, /href="\/static\/callbridge\/softphone\.css"/);
  assert.match(html, /id="callbridge"/);
});

// ------------------------------------------------------------------ against the real SDK bundle

function realSdkPage() {
  const posted = [];
  const listeners = [];
  const doc = {
    referrer: 'https://app.hubspot.com/contacts/22104933/record/0-1/101',
    createElement() {
      const a = {};
      Object.defineProperty(a, 'href', {
        set(value) {
          const u = new URL(value);
          a.protocol = u.protocol;
          a.host = u.host;
        }
      });
      return a;
    }
  };
  const client = fakeBridgeClient();
  const context = {
    console: { log() {}, warn() {}, error() {}, info() {}, debug() {} },
    URL, URLSearchParams, Date, setTimeout, clearTimeout,
    document: doc,
    location: location('https://phone.example.com/static/hubspot/softphone.html#token=t'),
    addEventListener(type, fn) {
      if (type === 'message') {
        listeners.push(fn);
      }
    },
    CallbridgeBridge: client
  };
  context.window = context;
  context.self = context;
  context.parent = { postMessage: (message, origin) => posted.push({ message: plain(message), origin }) };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(REAL_SDK, 'utf8'), context, { filename: REAL_SDK });
  vm.runInContext(fs.readFileSync(require('./fakes').BRIDGE_JS, 'utf8'), context);
  const host = (data, origin) => listeners.forEach((fn) => fn({ data, origin }));
  return { context, client, posted, host };
}

const skipReal = fs.existsSync(REAL_SDK) ? false : 'the build stages the SDK bundle (run mvn)';

test('real SDK 0.9.7: a handler is registered for every handler name the library dispatches to', { skip: skipReal }, () => {
  const { context } = realSdkPage();
  assert.equal(typeof context.default, 'function', 'the UMD bundle exposes the class as "default"');
  const controller = context.CallbridgeHubSpot.start({});
  const names = Object.values(context.Constants.messageHandlerNames);
  assert.ok(names.length >= 21);
  for (const name of names) {
    assert.equal(typeof controller.eventHandlers[name], 'function', name);
  }
  assert.deepEqual(plain(names).sort(), Object.keys(HANDLERS).sort());
});

test('real SDK 0.9.7: SYNC -> READY connects, host events are forwarded once, invocations reach the host',
  { skip: skipReal }, async () => {
    const { context, client, posted, host } = realSdkPage();
    context.CallbridgeHubSpot.start({});
    host({ type: 'SYNC', hostUrl: 'https://app.hubspot.com', portalId: 22104933, userId: 7, ownerId: 53728419,
      iframeLocation: 'window', usesCallingWindow: true, messageId: '1_1' }, 'https://app.hubspot.com');
    assert.equal(posted[0].message.type, 'SYNC_ACK');
    assert.equal(client.connections.length, 1);
    assert.equal(client.connections[0].options.role, 'window');
    const bridge = client.connections[0];
    assert.equal(bridge.events[0].name, 'READY');
    assert.equal(plain(bridge.events[0].data).portalId, 22104933);

    host({ type: 'DIAL_NUMBER', data: { phoneNumber: '+14155551212', startTimestamp: 5 }, messageId: '2_1' },
      'https://app.hubspot.com');
    host({ type: 'CREATE_ENGAGEMENT_FAILED', data: { error: { message: 'no' } }, messageId: '2_2' },
      'https://app.hubspot.com');
    host({ type: 'UNLOADING', data: {}, messageId: '2_3' }, 'https://app.hubspot.com');
    host({ type: 'END_CALL', messageId: '2_4' }, 'https://evil.example.com');
    assert.deepEqual(bridge.events.slice(1).map((e) => e.name), ['DIAL_NUMBER', 'CREATE_ENGAGEMENT_FAILED', 'UNLOADING']);
    assert.deepEqual(plain(bridge.events[1].data), { phoneNumber: '+14155551212', startTimestamp: 5 });

    const onInvoke = bridge.options.onInvoke;
    const args = { externalCallId: 'c-1', toNumber: '+14155551212', createEngagement: true };
    await onInvoke('INITIALIZED', { isLoggedIn: true }, 'i');
    assert.equal(await onInvoke('OUTGOING_CALL_STARTED', args, 'hubspot:c-1:OUTGOING_CALL_STARTED'), null);
    await onInvoke('LOGGED_IN', null, 'x');
    const sent = posted.filter((p) => p.message.type !== 'ERROR' && p.message.type !== 'SYNC_ACK');
    assert.deepEqual(sent.map((p) => [p.message.type, p.message.data, p.origin]), [
      ['INITIALIZED', { isLoggedIn: true }, 'https://app.hubspot.com'],
      ['OUTGOING_CALL_STARTED', args, 'https://app.hubspot.com'],
      ['LOGGED_IN', undefined, 'https://app.hubspot.com']
    ]);
  });

// ------------------------------------------------------------------ a dial the page could not pass on, and a reload

function fakeStorage() {
  const items = new Map();
  return {
    items,
    getItem(key) { return items.has(key) ? items.get(key) : null; },
    setItem(key, value) { items.set(key, String(value)); },
    removeItem(key) { items.delete(key); }
  };
}

/** One load of the page in a frame; `storage` is the tab's sessionStorage, shared by the frame's successive pages. */
function loadPage(storage, now) {
  const CallingExtensions = fakeCallingExtensions();
  const client = fakeBridgeClient();
  const page = loadBridge({
    location: location('https://phone.example.com/static/hubspot/softphone.html#token=t0k'),
    CallingExtensions,
    CallbridgeBridge: client,
    sessionStorage: storage
  });
  const logs = [];
  const options = { log: (level, message) => logs.push([level, message]) };
  if (now) {
    options.now = now;
  }
  page.CallbridgeHubSpot.start(options);
  const handlers = CallingExtensions.instances[0].options.eventHandlers;
  return { client, handlers, logs };
}

const DIAL = { phoneNumber: '+1 415 555 0104', objectId: 105, objectType: 'CONTACT', startTimestamp: 1767225600000 };

test('a dial received while the socket is down survives a reload of the frame and is sent after the new READY', async () => {
  const storage = fakeStorage();
  const first = loadPage(storage);
  first.handlers.onReady({ iframeLocation: 'widget' });
  const options = first.client.connections[0].options;
  options.onStatus('open', { sessionId: 's1' });
  options.onStatus('reconnecting', { attempt: 1 });
  first.handlers.onDialNumber(DIAL); // waits in the bridge client's queue, in memory only
  // The frame reloads before the socket is back: that page and its queue are gone.
  const second = loadPage(storage);
  second.handlers.onReady({ iframeLocation: 'widget' });
  assert.deepEqual(plain(second.client.connections[0].events.map((e) => [e.name, e.data])),
    [['READY', { iframeLocation: 'widget' }], ['DIAL_NUMBER', DIAL]]);
  // Kept until it went out: once the new page's session opens (the client flushes its queue), it is forgotten.
  assert.equal(storage.items.size, 1);
  second.client.connections[0].options.onStatus('open', { sessionId: 's2' });
  await tick();
  assert.equal(storage.items.size, 0);
  const third = loadPage(storage);
  third.handlers.onReady({ iframeLocation: 'widget' });
  assert.deepEqual(third.client.connections[0].events.map((e) => e.name), ['READY']);
});

test('a dial sent on an open session is not kept, and a kept one goes once the socket is back', async () => {
  const storage = fakeStorage();
  const { client, handlers } = loadPage(storage);
  handlers.onReady({ iframeLocation: 'widget' });
  const options = client.connections[0].options;
  options.onStatus('open', { sessionId: 's1' });
  handlers.onDialNumber(DIAL);
  assert.equal(storage.items.size, 0);
  options.onStatus('reconnecting', { attempt: 1 });
  handlers.onDialNumber(Object.assign({}, DIAL, { startTimestamp: 1767225700000 }));
  assert.equal(storage.items.size, 1);
  options.onStatus('open', { sessionId: 's2' });
  await tick();
  assert.equal(storage.items.size, 0, 'sent with the queue of the new session');
  assert.deepEqual(client.connections[0].events.map((e) => e.name), ['READY', 'DIAL_NUMBER', 'DIAL_NUMBER']);
});

test('a dial the new page gets before its READY (posted to the page the frame replaced) goes with READY, once', () => {
  const storage = fakeStorage();
  const { client, handlers } = loadPage(storage);
  handlers.onDialNumber(DIAL);
  handlers.onReady({ iframeLocation: 'widget' });
  assert.deepEqual(client.connections[0].events.map((e) => e.name), ['DIAL_NUMBER', 'READY']);
  assert.equal(storage.items.size, 0);
});

test('a kept dial older than 30 s is not placed after the reload, and the page says so', () => {
  const storage = fakeStorage();
  let clock = 1000000;
  const first = loadPage(storage, () => clock);
  first.handlers.onReady({ iframeLocation: 'widget' });
  first.handlers.onDialNumber(DIAL); // before the first session opened
  clock += 31000;
  const second = loadPage(storage, () => clock);
  second.handlers.onReady({ iframeLocation: 'widget' });
  assert.deepEqual(second.client.connections[0].events.map((e) => e.name), ['READY']);
  assert.ok(second.logs.some(([level, message]) => level === 'warn' && /31 s ago never reached the server/.test(message)),
    JSON.stringify(second.logs));
  assert.equal(storage.items.size, 0);
});

test('kept dials belong to their frame location: the remote frame does not place the widget\'s', () => {
  const storage = fakeStorage();
  const widget = loadPage(storage);
  widget.handlers.onReady({ iframeLocation: 'widget' });
  widget.handlers.onDialNumber(DIAL);
  const remote = loadPage(storage);
  remote.handlers.onReady({ iframeLocation: 'remote' });
  assert.deepEqual(remote.client.connections[0].events.map((e) => e.name), ['READY']);
  const reloaded = loadPage(storage);
  reloaded.handlers.onReady({ iframeLocation: 'widget' });
  assert.deepEqual(reloaded.client.connections[0].events.map((e) => e.name), ['READY', 'DIAL_NUMBER']);
});

test('without working sessionStorage a dial still goes through the queue', () => {
  const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); },
    removeItem() { throw new Error('denied'); } };
  const { client, handlers, logs } = loadPage(broken);
  handlers.onReady({ iframeLocation: 'widget' });
  handlers.onDialNumber(DIAL);
  assert.deepEqual(client.connections[0].events.map((e) => e.name), ['READY', 'DIAL_NUMBER']);
  assert.ok(logs.some(([level]) => level === 'warn'));
});
