'use strict';
// The Salesforce host simulator's own opencti_min.js, run in a vm context as a softphone iframe would run it: it must
// refuse, fail and route the way Salesforce's library does, or the project's tests could never catch a softphone that
// only works with the simulator.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const LIBRARY = path.join(__dirname, '..', '..', 'main', 'resources', 'io', 'callbridge', 'crmsim', 'web',
  'salesforce', 'opencti', 'opencti_min.js');
const ORG = 'https://acme.lightning.force.com';

/** A copy out of the vm's realm, so that deepStrictEqual compares shapes only. */
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

/** Loads the library into a frame whose URL has `query`; returns the frame, or {thrown} when the library threw. */
function frame(query, protocol, hostname) {
  const posted = [];
  const handlers = [];
  const context = {
    URLSearchParams,
    setTimeout,
    location: { search: query, protocol: protocol || 'https:', hostname: hostname || 'phone.example.com' },
    document: { currentScript: { src: ORG + '/support/api/62.0/lightning/opencti_min.js' } },
    parent: { postMessage: (message, origin) => posted.push({ message, origin }) },
    addEventListener: (type, fn) => {
      if (type === 'message') {
        handlers.push(fn);
      }
    }
  };
  context.window = context;
  vm.createContext(context);
  let thrown;
  try {
    vm.runInContext(fs.readFileSync(LIBRARY, 'utf8'), context, { filename: LIBRARY });
  } catch (e) {
    thrown = { value: e };
  }
  return {
    thrown,
    posted,
    opencti: context.sforce && context.sforce.opencti,
    last: () => posted[posted.length - 1].message,
    /** Salesforce's page posts `data` to the frame from `origin`. */
    receive(data, origin) {
      handlers.forEach((h) => h({ origin: origin || ORG, data }));
    }
  };
}

function started(origin) {
  const f = frame('?sfdcIframeOrigin=' + encodeURIComponent(origin || ORG) + '&mode=Lightning');
  assert.equal(f.thrown, undefined, 'the library started');
  return f;
}

function reply(f, request, response, extra) {
  f.receive(Object.assign({ apiVersion: 62, apiType: 'opencti', methodName: request.methodName, callId: request.callId,
    response, shouldExecuteCallback: true, shouldExecuteListener: false }, extra || {}));
}

function event(f, methodName, response, extra) {
  f.receive(Object.assign({ apiVersion: 62, apiType: 'opencti', methodName, response, shouldExecuteListener: true,
    shouldExecuteCallback: false }, extra || {}));
}


test('a loopback host is taken only on the demo\'s explicit opt-in, in a frame served from loopback', () => {
  const query = (origin, optIn) => '?sfdcIframeOrigin=' + encodeURIComponent(origin) + '&mode=Lightning'
    + (optIn ? '&callbridgeLoopbackHost=1' : '');
  const optedIn = frame(query('http://localhost:8081', true), 'http:', '127.0.0.1');
  assert.equal(optedIn.thrown, undefined, 'the library started');
  for (const [q, host] of [[query('http://localhost:8081', false), '127.0.0.1'],
    [query('http://localhost:8081', true), 'phone.example.com'], [query('http://localhost.example:8081', true), '127.0.0.1']]) {
    const f = frame(q, 'http:', host);
    assert.equal(typeof (f.thrown && f.thrown.value), 'string', q + ' on ' + host);
    assert.ok(f.opencti, 'sforce.opencti exists all the same');
  }
});

test('it starts only for a Salesforce origin by Salesforce\'s own pattern, with the page\'s protocol and a mode', () => {
  for (const origin of [ORG, 'https://acme.my.salesforce.com:8443', 'https://acme--dev.sandbox.my.salesforce.com']) {
    started(origin);
  }
  assert.equal(frame('?sfdcIframeOrigin=http://acme.lightning.force.com&mode=L', 'http:').thrown, undefined);
  const refused = ['?sfdcIframeOrigin=https://localhost:8081&mode=L', '?sfdcIframeOrigin=https://127.0.0.1:8081&mode=L',
    '?sfdcIframeOrigin=' + encodeURIComponent(ORG + '/') + '&mode=L', '?sfdcIframeOrigin=https://acme.FORCE.com&mode=L',
    '?sfdcIframeOrigin=HTTPS://acme.force.com&mode=L', '?sfdcIframeOrigin=http://acme.force.com&mode=L',
    '?sfdcIframeOrigin=' + ORG, '?sfdcIframeOrigin=' + ORG + '&mode=', '?mode=L',
    '?sfdcIframeOrigin=' + ORG + '&sfdcIframeOrigin=' + ORG + '&mode=L', '?sfdcIframeOrigin=https://evil.example&mode=L'];
  for (const query of refused) {
    const f = frame(query);
    assert.ok(f.thrown, query);
    assert.equal(typeof f.thrown.value, 'string', 'a plain string, as Salesforce\'s library throws: ' + query);
    assert.match(f.thrown.value, /^Failed to initialize Open CTI/);
    assert.equal(typeof f.opencti.saveLog, 'function', 'sforce.opencti exists although it did not start: ' + query);
  }
});

test('after a refused start its calls go nowhere: no message, no callback, no error', async () => {
  const f = frame('?sfdcIframeOrigin=https://localhost:8081&mode=Lightning');
  let answered = false;
  f.opencti.isSoftphonePanelVisible({ callback: () => { answered = true; } });
  f.opencti.notifyInitializationComplete();
  f.opencti.subscribe({ channelName: 'A__c', listener() {}, callback: () => { answered = true; } });
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(f.posted.length, 0);
  assert.equal(answered, false);
  assert.throws(() => f.opencti.getAppViewInfo({ x: 1 }), /callback/, 'bad arguments still throw');
});

test('each method takes one non-empty object (a few also nothing); getters need a callback, listeners a listener', () => {
  const f = started();
  const fn = () => {};
  assert.throws(() => f.opencti.screenPop(), /one object/);
  assert.throws(() => f.opencti.screenPop({}), /one object/);
  assert.throws(() => f.opencti.screenPop({ type: 'url' }, {}), /one object/);
  assert.throws(() => f.opencti.screenPop(null), /one object/);
  assert.throws(() => f.opencti.isSoftphonePanelVisible({ visible: 1 }), /callback/);
  assert.throws(() => f.opencti.getSoftphoneLayout({ callback: 'no' }), /callback/);
  assert.throws(() => f.opencti.onClickToDial({ callback: fn }), /listener/);
  assert.throws(() => f.opencti.hvs.onWorkStart({ x: 1 }), /listener/);
  assert.throws(() => f.opencti.saveLog({ value: 'Task' }), /value/);
  assert.throws(() => f.opencti.enableClickToDial({}), /one object/);
  assert.equal(f.posted.length, 0, 'a refused call sends nothing');
  f.opencti.enableClickToDial();
  f.opencti.refreshView();
  f.opencti.notifyInitializationComplete();
  assert.deepEqual(f.posted.map((p) => p.message.methodName),
    ['enableClickToDial', 'refreshView', 'notifyInitializationComplete']);
  assert.ok(f.posted.every((p) => p.origin === ORG));
});

test('a request carries every argument key of its method, given or not, and no other; callIds count from 0', () => {
  const f = started();
  f.opencti.screenPop({ type: 'sobject', extra: 'dropped', callback() {} });
  let request = f.last();
  assert.deepEqual(Object.keys(request.args), ['type', 'params']);
  assert.equal(request.args.params, undefined);
  assert.deepEqual(Object.keys(request).sort(), ['apiType', 'apiVersion', 'args', 'callId', 'isCallbackRegistered',
    'isListenerRegistered', 'methodName']);
  assert.equal(request.callId, 0);
  assert.equal(request.apiVersion, 62);
  assert.equal(request.isCallbackRegistered, true);
  f.opencti.searchAndScreenPop({ searchParams: '4155550100', callType: 'inbound' });
  request = f.last();
  assert.deepEqual(Object.keys(request.args),
    ['searchParams', 'callType', 'queryParams', 'defaultFieldValues', 'deferred', 'params']);
  assert.equal(request.callId, 1);
  assert.equal(request.isCallbackRegistered, false);
  f.opencti.saveLog({ value: { entityApiName: 'Task' } });
  assert.deepEqual(plain(f.last().args), { object: { entityApiName: 'Task' } });
  f.opencti.hvs.completeWork({ workId: '0Mw1', attributes: { taskId: '00T1' } });
  assert.equal(f.last().methodName, 'completeWork');
  assert.deepEqual(Object.keys(f.last().args), ['workId', 'attributes']);
  f.opencti.publish({ channelName: 'A__c', message: { n: 1 } });
  assert.deepEqual(plain(f.last().args), { eventName: 'A__c', message: { n: 1 } });
});

test('a callback runs once, only for shouldExecuteCallback === true, from Salesforce\'s origin and API version', () => {
  const f = started();
  const answers = [];
  f.opencti.getAppViewInfo({ callback: (r) => answers.push(r) });
  const request = f.last();
  reply(f, request, { success: true }, { shouldExecuteCallback: 1 });
  reply(f, request, { success: true }, { shouldExecuteCallback: 'true' });
  reply(f, request, { success: true }, { apiVersion: 61 });
  f.receive({ apiVersion: 62, apiType: 'opencti', methodName: 'getAppViewInfo', callId: request.callId,
    response: { success: true }, shouldExecuteCallback: true }, 'https://evil.example');
  assert.equal(answers.length, 0);
  reply(f, request, { success: true, returnValue: { url: ORG } });
  reply(f, request, { success: true, returnValue: { url: ORG } });
  assert.deepEqual(answers, [{ success: true, returnValue: { url: ORG } }]);
});

test('listener events reach the listeners of their method, only with shouldExecuteListener === true', () => {
  const f = started();
  const dials = [];
  const navigations = [];
  f.opencti.onClickToDial({ listener: (p) => dials.push(p) });
  assert.equal(f.last().isListenerRegistered, true);
  f.opencti.onNavigationChange({ listener: (p) => navigations.push(p) });
  event(f, 'onClickToDial', { number: '1' }, { shouldExecuteListener: 1 });
  event(f, 'onClickToDial', { number: '2' });
  event(f, 'onNavigationChange', { url: ORG });
  assert.deepEqual(dials, [{ number: '2' }]);
  assert.deepEqual(navigations, [{ url: ORG }]);
});

test('Lightning Message Service: eventName on the wire, result.subscription, routing by channel, unsubscribe', async () => {
  const f = started();
  const a = [];
  const b = [];
  const results = [];
  f.opencti.subscribe({ channelName: 'A__c', listener: (m) => a.push(m), callback: (r) => results.push(r) });
  const first = f.last();
  assert.equal(first.methodName, 'subscribe');
  assert.equal(first.args.eventName, 'A__c');
  assert.equal(first.isListenerRegistered, true);
  reply(f, first, { success: true, returnValue: null, errors: null });
  assert.equal(results[0].success, true);
  assert.equal(results[0].returnValue, null);
  const subscription = results[0].subscription;
  assert.equal(typeof subscription, 'object', 'the subscription is on the result object itself');
  f.opencti.subscribe({ channelName: 'A__c', listener: (m) => b.push(m), callback: (r) => results.push(r) });
  reply(f, f.last(), { success: true, returnValue: null, errors: null });

  event(f, 'subscribe', { n: 1 }, { eventName: 'A__c' });
  event(f, 'subscribe', { n: 2 }, { eventName: 'B__c' });
  event(f, 'subscribe', { n: 3 });
  assert.deepEqual(a, [{ n: 1 }]);
  assert.deepEqual(b, [{ n: 1 }]);

  const sent = f.posted.length;
  const off = [];
  f.opencti.unsubscribe({ subscription, callback: (r) => off.push(r) });
  assert.equal(f.posted.length, sent, 'another listener still uses the channel: nothing for Salesforce');
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(plain(off), [{ success: true, returnValue: null, errors: null }]);
  event(f, 'subscribe', { n: 4 }, { eventName: 'A__c' });
  assert.deepEqual(a, [{ n: 1 }], 'no message after unsubscribe');
  assert.deepEqual(b, [{ n: 1 }, { n: 4 }]);

  f.opencti.unsubscribe({ subscription: results[1].subscription, callback: (r) => off.push(r) });
  assert.equal(f.last().methodName, 'unsubscribe');
  assert.deepEqual(plain(f.last().args), { eventName: 'A__c' }, 'the channel\'s last listener went');
  reply(f, f.last(), { success: true, returnValue: null, errors: null });
  event(f, 'subscribe', { n: 5 }, { eventName: 'A__c' });
  assert.deepEqual(b, [{ n: 1 }, { n: 4 }]);
  assert.equal(off.length, 2);

  const refused = [];
  f.opencti.subscribe({ channelName: 'C__c', listener: (m) => refused.push(m), callback: (r) => results.push(r) });
  reply(f, f.last(), { success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR' }] });
  assert.equal(results[2].subscription, undefined);
  event(f, 'subscribe', { n: 6 }, { eventName: 'C__c' });
  assert.deepEqual(refused, [], 'a refused subscribe keeps no listener');
});
