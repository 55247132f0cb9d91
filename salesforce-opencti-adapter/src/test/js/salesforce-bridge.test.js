'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { SOFTPHONE_HTML, ORG, PAGE, plain, location, loadPage, tick } = require('./fakes');

const QUIET = () => {};

/** A started bridge (Open CTI loaded, connected) and its invoke function as the server reaches it. */
async function connected(url, extra) {
  const page = loadPage(url, extra);
  const started = page.api.start({ log: QUIET });
  page.loaded();
  const result = await started;
  const bridge = page.client.connections[0];
  return Object.assign(page, { result, bridge, invoke: bridge.options.onInvoke });
}

// ------------------------------------------------------------------ the page's query string

test('the Open CTI library comes from the org in sfdcIframeOrigin, at the server\'s default API version', () => {
  const { api } = loadPage();
  const page = api.readPage(location(PAGE));
  assert.equal(page.origin, ORG);
  assert.equal(page.mode, 'Lightning');
  assert.equal(page.apiVersion, 62);
  assert.equal(page.scriptUrl, ORG + '/support/api/62.0/lightning/opencti_min.js');
  assert.equal(api.DEFAULT_API_VERSION, 62);
});

test('?apiVersion= picks another version (46 or later, whole numbers only)', () => {
  const { api } = loadPage();
  const read = (v) => api.readPage(location(PAGE.replace('&mode', '&apiVersion=' + encodeURIComponent(v) + '&mode')));
  assert.equal(read('58').scriptUrl, ORG + '/support/api/58.0/lightning/opencti_min.js');
  assert.equal(read('60.0').apiVersion, 60);
  for (const bad of ['45', '62.1', '62/../../x', 'abc', '1000']) {
    assert.throws(() => read(bad), /apiVersion/, bad);
  }
});

test('missing sfdcIframeOrigin or mode is named in the error', () => {
  const { api } = loadPage();
  assert.throws(() => api.readPage(location('https://p.example.com/s.html?mode=Lightning')), /no sfdcIframeOrigin\b/);
  assert.throws(() => api.readPage(location('https://p.example.com/s.html?sfdcIframeOrigin=' + ORG)), /no mode\b/);
  assert.throws(() => api.readPage(location('https://p.example.com/s.html')), /no sfdcIframeOrigin and mode/);
  assert.throws(() => api.readPage(location('https://p.example.com/s.html?sfdcIframeOrigin=&mode=x')),
    /sfdcIframeOrigin/);
});

test('sfdcIframeOrigin must be a Salesforce origin, since the page loads a script from it', () => {
  const { api } = loadPage();
  const read = (origin) => api.readPage(location('https://p.example.com/s.html?sfdcIframeOrigin='
    + encodeURIComponent(origin) + '&mode=Lightning'));
  for (const bad of ['https://evil.example.com', 'https://force.com.evil.example', 'javascript:alert(1)',
    'https://acme.lightning.force.com/path', 'https://acme.lightning.force.com?x=1', 'https://u:p@acme.my.salesforce.com',
    'ftp://acme.lightning.force.com', 'not a url']) {
    assert.throws(() => read(bad), /sfdcIframeOrigin/, bad);
  }
  assert.equal(read('https://acme.my.salesforce.com').origin, 'https://acme.my.salesforce.com');
  assert.equal(read('https://acme--dev.sandbox.lightning.force.com:8443').origin,
    'https://acme--dev.sandbox.lightning.force.com:8443');
  assert.throws(() => api.readPage(location('http://p.example.com/s.html?sfdcIframeOrigin=' + ORG + '&mode=L')),
    /same protocol/);
});

// ------------------------------------------------------------------ start-up

test('softphone.html without sfdcIframeOrigin shows a clear error and loads nothing', async () => {
  const page = loadPage('https://phone.example.com/static/salesforce/softphone.html?mode=Lightning#token=t');
  await page.api.startPage(page.context);
  assert.match(page.root.textContent, /no sfdcIframeOrigin/);
  assert.match(page.root.textContent, /reqAdapterUrl/);
  assert.ok(page.root.find((e) => e.getAttribute('role') === 'alert'));
  assert.equal(page.scripts.length, 0, 'no script loaded');
  assert.equal(page.client.connections.length, 0, 'not connected');
});

test('sfdcIframeOrigin follows the library\'s own rule: no trailing-slash repair, its case rule, no loopback', () => {
  const { api } = loadPage();
  const read = (origin, extra) => api.readPage(location('https://p.example.com/s.html?sfdcIframeOrigin='
    + encodeURIComponent(origin) + '&mode=Lightning' + (extra || '')));
  // What Salesforce's library refuses: it would throw "Failed to initialize Open CTI" after creating sforce.opencti.
  for (const refused of ['https://acme.lightning.force.com/', 'https://acme.lightning.FORCE.com',
    'HTTPS://acme.lightning.force.com', 'https://localhost:8081', 'https://127.0.0.1:8081', 'https://force.com',
    'https://acme.lightning.force.com:', 'https://acme.lightning.force.com.example.com']) {
    assert.throws(() => read(refused), (e) => /^Open CTI did not start: Salesforce's library refuses/.test(e.message)
      && e.message.includes(refused), refused);
  }
  assert.throws(() => read('https://acme.lightning.force.com/'), /no trailing "\/"/);
  // What the library accepts but the browser spells otherwise: every answer from Salesforce would be dropped.
  for (const silent of ['https://ACME.lightning.force.com', 'https://acme.lightning.force.com:443']) {
    assert.throws(() => read(silent), /Open CTI did not start: .*not written as the browser writes origins/, silent);
  }
  assert.throws(() => read(ORG, '&sfdcIframeOrigin=' + encodeURIComponent(ORG)), /more than once/);
  assert.equal(read('https://acme.lightning.force.com:8443').origin, 'https://acme.lightning.force.com:8443');
  assert.equal(read('https://acme.my.salesforce.com').scriptUrl,
    'https://acme.my.salesforce.com/support/api/62.0/lightning/opencti_min.js');
});

test('a loopback sfdcIframeOrigin is taken only on the explicit demo opt-in, on a page served from loopback', () => {
  const { api } = loadPage();
  const read = (page, origin, optIn) => api.readPage(location(page + '?sfdcIframeOrigin=' + encodeURIComponent(origin)
    + '&mode=Lightning' + (optIn ? '&callbridgeLoopbackHost=1' : '')));
  const local = 'http://127.0.0.1:8080/static/salesforce/softphone.html';
  assert.equal(read(local, 'http://localhost:8081', true).origin, 'http://localhost:8081');
  assert.equal(read(local, 'http://127.0.0.1:8081', true).scriptUrl,
    'http://127.0.0.1:8081/support/api/62.0/lightning/opencti_min.js');
  // Without the opt-in, on a deployed page, or for a name that is not loopback, the library's own rule stands.
  assert.throws(() => read(local, 'http://localhost:8081', false), /Salesforce's library refuses/);
  assert.throws(() => read('https://phone.example.com/static/salesforce/softphone.html', 'https://localhost:8081', true),
    /Salesforce's library refuses/);
  assert.throws(() => read(local, 'http://localhost.example.com:8081', true), /Salesforce's library refuses/);
  assert.throws(() => read(local, 'http://localhost:8081/', true), /Salesforce's library refuses/);
});

test('softphone.html refuses a loopback sfdcIframeOrigin even when served from loopback, as Salesforce\'s library does',
  async () => {
    for (const url of ['http://127.0.0.1:8080/static/salesforce/softphone.html?sfdcIframeOrigin=http://localhost:8081',
      'https://phone.example.com/static/salesforce/softphone.html?sfdcIframeOrigin=https://localhost:8081']) {
      const page = loadPage(url + '&mode=Lightning#token=t0k');
      await page.api.startPage(page.context);
      assert.match(page.root.textContent, /^Open CTI did not start: Salesforce's library refuses sfdcIframeOrigin/);
      assert.equal(page.scripts.length, 0, 'no script loaded from a host Open CTI refuses');
      assert.equal(page.client.connections.length, 0);
    }
  });

test('softphone.html without a token shows why and loads nothing', async () => {
  const page = loadPage(PAGE.replace('#token=t0k', ''));
  await page.api.startPage(page.context);
  assert.match(page.root.textContent, /no agent token/);
  assert.equal(page.scripts.length, 0);
  assert.equal(page.client.connections.length, 0);
});

test('start loads opencti_min.js with a script tag, then connects as a salesforce tab', async () => {
  const page = loadPage();
  const started = page.api.start({ log: QUIET });
  assert.equal(page.scripts.length, 1);
  assert.equal(page.scripts[0].src, ORG + '/support/api/62.0/lightning/opencti_min.js');
  await tick();
  assert.equal(page.client.connections.length, 0, 'no connection before Open CTI is there');
  page.loaded({ answer: false });
  await tick();
  assert.equal(page.sf.count('isSoftphonePanelVisible'), 1, 'the first call checks that Salesforce answers');
  assert.equal(page.client.connections.length, 0, 'no connection before Salesforce answered');
  page.sf.answer('isSoftphonePanelVisible', { success: true, returnValue: { visible: false }, errors: null });
  const { bridge } = await started;
  assert.equal(page.client.connections.length, 1);
  const options = page.client.connections[0].options;
  assert.equal(bridge, page.client.connections[0]);
  assert.equal(options.crm, 'salesforce');
  assert.equal(options.role, 'tab');
  assert.equal(typeof options.onInvoke, 'function');
  assert.equal(await options.tokenProvider(), 't0k');
  assert.equal(options.attributes.mode, 'Lightning');
  assert.equal(options.attributes.apiVersion, '62');
  for (const value of Object.values(options.attributes)) {
    assert.equal(typeof value, 'string');
  }
  assert.equal(page.context.location.search, '?sfdcIframeOrigin=' + encodeURIComponent(ORG) + '&mode=Lightning',
    'the query string stays');
});

test('a script that fails to load or brings no sforce.opencti is reported on the page', async () => {
  let page = loadPage();
  let done = page.api.startPage(page.context);
  page.scripts[0].onerror();
  await done;
  assert.match(page.root.textContent,
    /Open CTI did not start: could not load https:\/\/acme\.lightning\.force\.com\/support\/api\/62\.0/);
  assert.equal(page.client.connections.length, 0);

  page = loadPage();
  done = page.api.startPage(page.context);
  page.scripts[0].onload();
  await done;
  assert.match(page.root.textContent, /Open CTI did not start: sforce\.opencti is missing/);
  assert.equal(page.client.connections.length, 0);
});

test('Open CTI that throws while it starts (after creating sforce.opencti) is reported, and nothing connects',
  async () => {
    const thrown = 'Failed to initialize Open CTI: the URL parameters are not right';
    const page = loadPage();
    const done = page.api.startPage(page.context);
    const src = page.scripts[0].src;
    // Salesforce's library throws a plain string, after sforce.opencti exists; the load event follows all the same.
    page.loaded({ thrown: { error: thrown, message: 'Uncaught ' + thrown, filename: src } });
    await done;
    assert.match(page.root.textContent, /^Open CTI did not start: opencti_min\.js failed while it started: Failed to/);
    assert.ok(page.root.find((e) => e.getAttribute('role') === 'alert'));
    assert.equal(page.client.connections.length, 0, 'a softphone whose Open CTI did not start does not connect');
    assert.equal(page.context.listenerCount('error'), 0, 'the page stops listening once the script ran');

    // From another origin the browser hides what the script threw; the page still says it did not start.
    const muted = loadPage();
    const mutedDone = muted.api.startPage(muted.context);
    muted.loaded({ thrown: { error: null, message: 'Script error.', filename: '' } });
    await mutedDone;
    assert.match(muted.root.textContent, /^Open CTI did not start: .*hides the error of a script from another origin/);
    assert.equal(muted.client.connections.length, 0);
  });

test('an error of another script while Open CTI loads is not taken for Open CTI\'s', async () => {
  const page = loadPage();
  const started = page.api.start({ log: QUIET });
  page.loaded({ thrown: { error: new Error('x'), message: 'x', filename: 'https://phone.example.com/other.js' } });
  await started;
  assert.equal(page.client.connections.length, 1);
});

test('Salesforce not answering the first Open CTI call in time is reported, and nothing connects', async () => {
  const page = loadPage();
  const started = page.api.start({ log: QUIET, startTimeoutMs: 30 });
  page.loaded({ answer: false }); // the library started, but its messages go nowhere
  await assert.rejects(started, (e) => /^Open CTI did not start: Salesforce did not answer the first Open CTI call/
    .test(e.message) && e.message.includes(ORG));
  assert.equal(page.sf.count('isSoftphonePanelVisible'), 1);
  assert.equal(page.client.connections.length, 0);
  assert.equal(page.api.DEFAULT_START_TIMEOUT_MS, 10000);

  const late = loadPage();
  const lateStart = late.api.start({ log: QUIET, startTimeoutMs: 30 });
  late.loaded({ answer: false });
  await assert.rejects(lateStart, /did not answer/);
  late.sf.answer('isSoftphonePanelVisible', { success: true, returnValue: { visible: true }, errors: null });
  await tick();
  assert.equal(late.client.connections.length, 0, 'a late answer changes nothing');
});

test('the first Open CTI call throwing is reported, and nothing connects', async () => {
  const page = loadPage();
  const started = page.api.start({ log: QUIET });
  page.sf.opencti.isSoftphonePanelVisible = () => {
    throw new Error('Must pass in only one object');
  };
  page.loaded({ answer: false });
  await assert.rejects(started, /^Error: Open CTI did not start: isSoftphonePanelVisible threw: Must pass/);
  assert.equal(page.client.connections.length, 0);
});

test('softphone.html mounts the softphone on the bridge once connected', async () => {
  const mounts = [];
  const page = loadPage(PAGE, { CallbridgeSoftphone: { mount: (e, b, o) => mounts.push({ e, b, o }) } });
  const done = page.api.startPage(page.context);
  assert.match(page.root.textContent, /Connecting/);
  page.loaded();
  await done;
  assert.equal(mounts.length, 1);
  assert.equal(mounts[0].e, page.root);
  assert.equal(mounts[0].b, page.client.connections[0]);
  assert.equal(page.root.textContent, '');
});

test('demo mode fetches a fresh token from /demo/token for crm salesforce on every connect', async () => {
  const requests = [];
  const fetch = (url) => {
    requests.push(url);
    return Promise.resolve({ ok: true, json: () => Promise.resolve({ token: 'demo-' + requests.length }) });
  };
  const { bridge } = await connected(PAGE.replace('?', '?demo=1&tenant=acme&agent=ann&').replace('#token=t0k', ''),
    { fetch });
  assert.equal(await bridge.options.tokenProvider(), 'demo-1');
  assert.equal(await bridge.options.tokenProvider(), 'demo-2');
  const url = new URL(requests[0], 'https://phone.example.com');
  assert.equal(url.pathname, '/demo/token');
  assert.deepEqual([...url.searchParams.entries()], [['tenant', 'acme'], ['agent', 'ann'], ['crm', 'salesforce']]);
});

// ------------------------------------------------------------------ invocations

test('an Open CTI method gets a callback and resolves with its result object', async () => {
  const { invoke, sf } = await connected();
  const value = { entityApiName: 'Task', Subject: 'Call', CallObject: 'call-1' };
  const pending = invoke('saveLog', { value }, 'call-1:saveLog');
  assert.equal(sf.count('saveLog'), 1);
  const arg = sf.last('saveLog').arg;
  assert.equal(sf.last('saveLog').args.length, 1, 'exactly one argument object');
  assert.equal(arg.value, value);
  assert.equal(typeof arg.callback, 'function');
  let settled = false;
  pending.then(() => {
    settled = true;
  });
  await tick();
  assert.equal(settled, false, 'waits for Salesforce');
  sf.answer('saveLog', { success: true, returnValue: { recordId: '00Txx000004AbCdEAK' }, errors: null });
  assert.deepEqual(plain(await pending), { success: true, returnValue: { recordId: '00Txx000004AbCdEAK' }, errors: null });
});

test('a refusal by Salesforce is still a result (success false with its errors), as the server decodes it', async () => {
  const { invoke, sf } = await connected();
  const pending = invoke('screenPop', { type: 'sobject', params: { recordId: '003' } }, 'x');
  assert.deepEqual(plain(sf.last('screenPop').arg), { type: 'sobject', params: { recordId: '003' } });
  const errors = [{ code: 'INVALID_PARAM', description: 'bad recordId', details: { field: 'recordId' } }];
  sf.answer('screenPop', { success: false, returnValue: null, errors });
  assert.deepEqual(plain(await pending), { success: false, returnValue: null, errors });
});

test('results are normalised to exactly success, returnValue and errors', async () => {
  const { invoke, sf } = await connected();
  let pending = invoke('refreshView', {}, 'x');
  sf.answer('refreshView', { success: true, extra: 'dropped' });
  assert.deepEqual(plain(await pending), { success: true, returnValue: null, errors: null });
  pending = invoke('getAppViewInfo', {}, 'y');
  sf.answer('getAppViewInfo', undefined);
  await assert.rejects(pending, /without a result object/);
});

test('hvs.* methods run on sforce.opencti.hvs', async () => {
  const { invoke, sf } = await connected();
  const args = { workId: '0Wv1', attributes: { disposition: 'Left Voicemail', taskId: '00T1', wasConnected: false } };
  const pending = invoke('hvs.completeWork', args, 'call-1:completeWork');
  assert.equal(sf.count('hvs.completeWork'), 1);
  assert.equal(sf.last('hvs.completeWork').arg.workId, '0Wv1');
  assert.equal(sf.last('hvs.completeWork').arg.attributes, args.attributes);
  sf.answer('hvs.completeWork', { success: true, returnValue: null, errors: null });
  assert.deepEqual(plain(await pending), { success: true, returnValue: null, errors: null });
});

test('listeners are registered once per page, resolve at once and forward every event by the method name', async () => {
  const { invoke, sf, bridge } = await connected();
  for (const method of ['onClickToDial', 'onNavigationChange', 'hvs.onWorkStart']) {
    const result = await invoke(method, {}, 's1:' + method);
    assert.deepEqual(plain(result), { success: true, returnValue: null, errors: null }, method);
    assert.equal(sf.count(method), 1, method);
    const arg = sf.last(method).arg;
    assert.equal(typeof arg.listener, 'function');
    assert.equal(arg.callback, undefined, 'a listener method gets no callback');
  }
  // A second session of the same page (reconnect) asks again: nothing is added.
  for (const method of ['onClickToDial', 'onNavigationChange', 'hvs.onWorkStart']) {
    assert.deepEqual(plain(await invoke(method, {}, 's2:' + method)), { success: true, returnValue: null, errors: null });
    assert.equal(sf.count(method), 1, method + ' registered once');
  }
  const dial = { number: '(415) 555-1212', recordId: '003xx000004TmiQAAS', objectType: 'Contact', personAccount: false };
  sf.last('onClickToDial').arg.listener(dial);
  const work = { workId: '0Wv1', completeWorkWhen: 'TaskSaved', attributes: { to: '(415) 555-1212' } };
  sf.last('hvs.onWorkStart').arg.listener(work);
  sf.last('onNavigationChange').arg.listener({ url: ORG + '/lightning/page/home' });
  assert.deepEqual(bridge.events.map((e) => e.name), ['onClickToDial', 'hvs.onWorkStart', 'onNavigationChange']);
  assert.equal(bridge.events[0].data, dial);
  assert.equal(bridge.events[1].data, work);
});

test('a listener registration that throws is refused and may be tried again', async () => {
  const { invoke, sf } = await connected();
  const original = sf.opencti.onClickToDial;
  sf.opencti.onClickToDial = () => {
    throw new Error('Invalid listener');
  };
  await assert.rejects(invoke('onClickToDial', {}, 'a'), /Invalid listener/);
  sf.opencti.onClickToDial = original;
  await invoke('onClickToDial', {}, 'b');
  assert.equal(sf.count('onClickToDial'), 1);
});

test('notifyInitializationComplete is called without arguments and answered at once', async () => {
  const { invoke, sf } = await connected();
  assert.deepEqual(plain(await invoke('notifyInitializationComplete', {}, 'x')),
    { success: true, returnValue: null, errors: null });
  assert.equal(sf.last('notifyInitializationComplete').args.length, 0);
});

test('an unknown method is refused with an Error (BRIDGE_ERROR) and calls nothing', async () => {
  const { invoke, sf } = await connected();
  const before = sf.calls.length;
  for (const method of ['dial', 'hvs.nope', 'toString', 'constructor', '__proto__', 'hvs.toString', 'hvs',
    'sforce.opencti.saveLog', 'hvs.hvs.completeWork', '', undefined, 42]) {
    await assert.rejects(invoke(method, {}, 'x'), /unknown Open CTI method/, String(method));
  }
  assert.equal(sf.calls.length, before);
});

test('Open CTI throwing on bad arguments rejects the invocation', async () => {
  const { invoke, sf } = await connected();
  sf.opencti.setSoftphonePanelHeight = () => {
    throw new Error('heightPX must be between 240 and 2560');
  };
  await assert.rejects(invoke('setSoftphonePanelHeight', { heightPX: 10 }, 'x'), /heightPX/);
});

const CHANNEL = 'CallbridgeCallState__c';

test('subscribe keeps result.subscription; messages are forwarded until unsubscribe hands it back', async () => {
  const { invoke, sf, bridge } = await connected();
  const pending = invoke('subscribe', { channelName: CHANNEL }, 'x');
  const arg = sf.last('subscribe').arg;
  assert.equal(arg.channelName, CHANNEL);
  assert.equal(typeof arg.listener, 'function');
  assert.equal(typeof arg.callback, 'function');
  sf.lms.answerSubscribe();
  assert.deepEqual(plain(await pending), { success: true, returnValue: null, errors: null });

  assert.equal(sf.lms.deliver(CHANNEL, { callId: 'cb-7f3a', action: 'hold' }), 1);
  assert.equal(sf.lms.deliver('OtherChannel__c', { x: 1 }), 0, 'messages are routed by channel');
  assert.deepEqual(plain(bridge.events), [
    { name: 'subscribe', data: { channelName: CHANNEL, message: { callId: 'cb-7f3a', action: 'hold' } } }]);
  assert.deepEqual(plain(await invoke('subscribe', { channelName: CHANNEL }, 'y')),
    { success: true, returnValue: null, errors: null });
  assert.equal(sf.count('subscribe'), 1, 'subscribed once per channel');

  const off = invoke('unsubscribe', { channelName: CHANNEL }, 'z');
  await tick();
  assert.equal(sf.count('unsubscribe'), 1);
  assert.equal(sf.last('unsubscribe').arg.subscription, arg.subscription, 'the library\'s own subscription object');
  sf.answer('unsubscribe', { success: true, returnValue: null, errors: null });
  assert.equal((await off).success, true);
  assert.equal(sf.lms.listenerCount(CHANNEL), 0);
  assert.equal(sf.lms.deliver(CHANNEL, { callId: 'cb-7f3a', action: 'resume' }), 0);
  assert.equal(bridge.events.length, 1, 'no message after unsubscribe');
  assert.deepEqual(plain(await invoke('unsubscribe', { channelName: CHANNEL }, 'w')),
    { success: true, returnValue: null, errors: null }, 'nothing left to unsubscribe');
  assert.equal(sf.count('unsubscribe'), 1);

  // Subscribed again: a new subscription, which unsubscribe hands back in turn.
  const again = invoke('subscribe', { channelName: CHANNEL }, 'v');
  sf.lms.answerSubscribe();
  await again;
  assert.equal(sf.count('subscribe'), 2);
  const offAgain = invoke('unsubscribe', { channelName: CHANNEL }, 'u');
  await tick();
  assert.equal(sf.last('unsubscribe').arg.subscription, sf.last('subscribe').arg.subscription);
  sf.answer('unsubscribe', { success: true, returnValue: null, errors: null });
  await offAgain;
});

test('unsubscribe while subscribe runs waits for its subscription', async () => {
  const { invoke, sf } = await connected();
  const on = invoke('subscribe', { channelName: CHANNEL }, 'a');
  const off = invoke('unsubscribe', { channelName: CHANNEL }, 'b');
  await tick();
  assert.equal(sf.count('unsubscribe'), 0);
  sf.lms.answerSubscribe();
  await on;
  await tick();
  assert.equal(sf.last('unsubscribe').arg.subscription, sf.last('subscribe').arg.subscription);
  sf.answer('unsubscribe', { success: true, returnValue: null, errors: null });
  assert.equal((await off).success, true);
  assert.equal(sf.lms.listenerCount(CHANNEL), 0);
});

test('a refused subscribe is a result and may be tried again; one without a subscription is an error', async () => {
  const { invoke, sf } = await connected();
  const refused = invoke('subscribe', { channelName: CHANNEL }, 'a');
  const errors = [{ code: 'GENERIC_ERROR', description: 'no such channel' }];
  sf.answer('subscribe', { success: false, returnValue: null, errors });
  assert.deepEqual(plain(await refused), { success: false, returnValue: null, errors });
  const handleless = invoke('subscribe', { channelName: CHANNEL }, 'b');
  assert.equal(sf.count('subscribe'), 2, 'tried again');
  sf.answer('subscribe', { success: true, returnValue: { subscription: { id: 'not here' } }, errors: null });
  await assert.rejects(handleless, /without result\.subscription/);
  await assert.rejects(invoke('unsubscribe', { channelName: CHANNEL }, 'c'), /cannot unsubscribe/);
  assert.equal(sf.count('unsubscribe'), 0);
});

test('publish sends the channel and message with a callback', async () => {
  const { invoke, sf } = await connected();
  const message = { callId: 'cb-7f3a', state: 'CONNECTED' };
  const pending = invoke('publish', { channelName: CHANNEL, message }, 'p');
  const arg = sf.last('publish').arg;
  assert.equal(arg.channelName, CHANNEL);
  assert.equal(arg.message, message);
  sf.answer('publish', { success: true, returnValue: null, errors: null });
  assert.equal((await pending).success, true);
});

test('losing the server turns click-to-dial off in this tab', async () => {
  const { bridge, sf } = await connected();
  bridge.options.onStatus('open');
  assert.equal(sf.count('disableClickToDial'), 0);
  bridge.options.onStatus('reconnecting', 'socket closed');
  assert.equal(sf.count('disableClickToDial'), 1);
  assert.equal(typeof sf.last('disableClickToDial').arg.callback, 'function');
});

test('softphone.html keeps Salesforce\'s URL, loads the shared client and UI, then bridge.js, without inline code', () => {
  const html = fs.readFileSync(SOFTPHONE_HTML, 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.deepEqual(scripts.map((m) => (m[1].match(/src="([^"]+)"/) || [])[1]), [
    '/static/callbridge/bridge-client.js',
    '/static/callbridge/softphone.js',
    '/static/salesforce/bridge.js'
  ]);
  assert.ok(scripts.every((m) => m[2].trim() === ''), 'no inline script');
  assert.match(scripts[2][1], /data-callbridge-start/);
  assert.doesNotMatch(html, /opencti_min\.js"/, 'Open CTI comes from the org at run time, never a fixed address');
  const js = fs.readFileSync(require('./fakes').BRIDGE_JS, 'utf8');
  assert.doesNotMatch(js, /history\.|location\.(assign|replace|href\s*=|search\s*=)/, 'the page never rewrites its URL');
});
