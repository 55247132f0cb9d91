'use strict';
// The production softphone template's sign-in: configuration, the pop-up's token hand-back and its origin checks on
// both sides, the cookie token endpoint, and the template drawing the softphone once the bridge exists.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, settle } = require('./harness.js');

const { CallbridgeSignIn: S, CallbridgeTemplate: T } = load('signin.js', 'template.js');

const PAGE = 'https://softphone.acme.example/static/acme/hubspot.html';
const PAGE_ORIGIN = 'https://softphone.acme.example';
const SIGNIN = 'https://login.acme.example/softphone-signin';
const SIGNIN_ORIGIN = 'https://login.acme.example';
const plain = (value) => JSON.parse(JSON.stringify(value));

function fakeCrypto() {
  let n = 0;
  return { getRandomValues: (bytes) => { for (let i = 0; i < bytes.length; i++) bytes[i] = (n++ * 37) & 255; return bytes; } };
}

/** Timers that run only when the test says. */
function timers() {
  const queue = [];
  return { setTimeout: (fn) => { queue.push(fn); return queue.length; }, tick: () => queue.splice(0).forEach((fn) => fn()) };
}

/**
 * Two windows as the browser links them: the softphone page (in the CRM's iframe) and the pop-up it opens. A
 * postMessage is delivered only when its targetOrigin is the receiver's origin, with the sender's origin and window.
 */
/**
 * The sign-in pop-up's window at `href`, opened by `opener`. Messages posted to it (`received`) are delivered to its
 * listeners from the page's origin when addressed to the sign-in origin, as the browser does.
 */
function popupAt(opener, href) {
  const listeners = [];
  const popup = {
    location: { href },
    opener,
    closed: false,
    received: [],
    close() { popup.closed = true; },
    addEventListener: (type, fn) => { if (type === 'message') listeners.push(fn); },
    removeEventListener: (type, fn) => { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); },
    listenerCount: () => listeners.length,
    deliver(event) { listeners.slice().forEach((fn) => fn(event)); },
  };
  if (opener && opener.popup) {
    // The page's handle on the pop-up posts into it.
    opener.popup.postMessage = (data, targetOrigin) => {
      popup.received.push({ data, targetOrigin });
      if (targetOrigin === SIGNIN_ORIGIN) {
        popup.deliver({ origin: PAGE_ORIGIN, source: opener, data });
      }
    };
  }
  return popup;
}

function browser(popupOrigin) {
  const listeners = [];
  const clock = timers();
  const page = {
    location: new URL(PAGE),
    setTimeout: clock.setTimeout,
    tick: clock.tick,
    posted: [],
    opened: [],
    crypto: fakeCrypto(),
    addEventListener: (type, fn) => { if (type === 'message') listeners.push(fn); },
    removeEventListener: (type, fn) => { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); },
    listenerCount: () => listeners.length,
    deliver(event) { listeners.slice().forEach((fn) => fn(event)); },
    postMessage(data, targetOrigin) {
      page.posted.push({ data, targetOrigin });
      if (targetOrigin === PAGE_ORIGIN) {
        page.deliver({ origin: popupOrigin || SIGNIN_ORIGIN, source: page.popup, data });
      }
    },
    open(url, name, features) {
      page.opened.push({ url, name, features });
      if (page.blockPopups) {
        return null;
      }
      page.popup = { closed: false, opener: page, location: { href: url }, close() { this.closed = true; } };
      return page.popup;
    },
  };
  return page;
}

test('resolveConfig makes absolute URLs: a bridge path on the page\'s server over wss for an https page', () => {
  assert.deepEqual(plain(S.resolveConfig({ bridgeUrl: '/bridge/v1' }, PAGE)), {
    bridgeUrl: 'wss://softphone.acme.example/bridge/v1', signInUrl: null, signInOrigin: null, tokenUrl: null });
  assert.equal(S.resolveConfig({ bridgeUrl: '/b' }, 'http://127.0.0.1:8080/static/x/p.html').bridgeUrl,
    'ws://127.0.0.1:8080/b');
  assert.deepEqual(plain(S.resolveConfig({ bridgeUrl: 'wss://bridge.acme.example/bridge/v1', signInUrl: SIGNIN,
    tokenUrl: '/acme/token' }, PAGE)), {
    bridgeUrl: 'wss://bridge.acme.example/bridge/v1', signInUrl: SIGNIN, signInOrigin: SIGNIN_ORIGIN,
    tokenUrl: 'https://softphone.acme.example/acme/token' });
  assert.throws(() => S.resolveConfig({ bridgeUrl: 'ftp://x.example/b' }, PAGE), /bridgeUrl must be a ws\(s\) URL/);
  assert.throws(() => S.resolveConfig({ bridgeUrl: '/b', signInUrl: 'javascript:alert(1)' }, PAGE),
    /must be http\(s\)/);
});

test('loadConfig fetches callbridge-config.json relative to the page, not from a URL written into it', async () => {
  const asked = [];
  const fetchFn = (url, init) => {
    asked.push({ url, init: plain(init) });
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({ bridgeUrl: '/bridge/v1' }) });
  };
  const config = await S.loadConfig(PAGE, fetchFn);
  assert.deepEqual(asked, [{ url: 'https://softphone.acme.example/static/callbridge-config.json',
    init: { credentials: 'same-origin', cache: 'no-cache' } }]);
  assert.equal(config.bridgeUrl, 'wss://softphone.acme.example/bridge/v1');
  await assert.rejects(S.loadConfig(PAGE, () => Promise.resolve({ ok: false, status: 404 })),
    /cannot read https:\/\/softphone.acme.example\/static\/callbridge-config.json \(HTTP 404\)/);
});

test('acceptTokenMessage takes only the hand-back from the sign-in origin, from the pop-up, with the nonce', () => {
  const popup = {};
  const expected = { origin: SIGNIN_ORIGIN, source: popup, nonce: 'n-123' };
  const good = { origin: SIGNIN_ORIGIN, source: popup, data: { type: 'callbridge.signIn', nonce: 'n-123', token: 't' } };
  assert.equal(S.acceptTokenMessage(good, expected), 't');
  const variants = [
    Object.assign({}, good, { origin: 'https://evil.example' }),
    Object.assign({}, good, { origin: 'https://login.acme.example:8443' }),
    Object.assign({}, good, { origin: SIGNIN_ORIGIN + '/' }),
    Object.assign({}, good, { origin: 'http://login.acme.example' }),
    Object.assign({}, good, { source: {} }),
    Object.assign({}, good, { data: Object.assign({}, good.data, { nonce: 'n-124' }) }),
    Object.assign({}, good, { data: Object.assign({}, good.data, { type: 'other' }) }),
    Object.assign({}, good, { data: Object.assign({}, good.data, { token: '' }) }),
    Object.assign({}, good, { data: Object.assign({}, good.data, { token: 42 }) }),
    Object.assign({}, good, { data: 'callbridge.signIn n-123 t' }),
  ];
  variants.forEach((event) => assert.equal(S.acceptTokenMessage(event, expected), null, JSON.stringify(event.origin)));
});

test('the pop-up hands the token back to the page that opened it, and the page ignores every other message', async () => {
  const page = browser();
  const clock = timers();
  const config = S.resolveConfig({ signInUrl: SIGNIN }, PAGE);
  const signedIn = S.openSignIn({ window: page, config, crm: 'hubspot', setTimeout: clock.setTimeout });

  const opened = new URL(page.opened[0].url);
  assert.equal(opened.origin + opened.pathname, SIGNIN);
  assert.equal(opened.searchParams.get('callbridgeOrigin'), PAGE_ORIGIN);
  assert.equal(opened.searchParams.get('crm'), 'hubspot');
  const nonce = opened.searchParams.get('callbridgeNonce');
  assert.match(nonce, /^[0-9a-f]{48}$/);

  // Another site, another window, a stale nonce: all ignored.
  page.deliver({ origin: 'https://evil.example', source: page.popup, data: { type: 'callbridge.signIn', nonce, token: 'evil' } });
  page.deliver({ origin: SIGNIN_ORIGIN, source: {}, data: { type: 'callbridge.signIn', nonce, token: 'other-window' } });
  page.deliver({ origin: SIGNIN_ORIGIN, source: page.popup, data: { type: 'callbridge.signIn', nonce: 'old', token: 'old' } });
  clock.tick();

  // The pop-up's side, on the sign-in origin.
  const popupWindow = popupAt(page, page.popup.location.href);
  const result = S.handBack({ window: popupWindow, token: 'agent-token-1', allowedOrigins: [PAGE_ORIGIN] });
  assert.deepEqual(plain(result), { ok: true, origin: PAGE_ORIGIN });
  assert.deepEqual(plain(page.posted), [{ data: { type: 'callbridge.signIn', nonce, token: 'agent-token-1' },
    targetOrigin: PAGE_ORIGIN }]);
  // The page answered, to the sign-in origin only, and the pop-up closed on that answer.
  assert.deepEqual(plain(popupWindow.received), [{ data: { type: 'callbridge.signIn.received', nonce },
    targetOrigin: SIGNIN_ORIGIN }]);
  assert.equal(popupWindow.closed, true);
  assert.equal(await signedIn, 'agent-token-1');
  assert.equal(page.listenerCount(), 0);
});

test('handBack posts only to an allowed softphone origin, never to "*", and only with a well-formed nonce', () => {
  const page = browser();
  const at = (query) => ({ location: { href: SIGNIN + query }, opener: page, close() {} });
  const nonce = 'a'.repeat(48);

  // A page of another site opened the sign-in and named itself: nothing is posted.
  const evil = S.handBack({ window: at('?callbridgeOrigin=https%3A%2F%2Fevil.example&callbridgeNonce=' + nonce),
    token: 't', allowedOrigins: [PAGE_ORIGIN] });
  assert.equal(evil.ok, false);
  assert.match(evil.reason, /is not a softphone origin/);
  assert.equal(S.handBack({ window: at('?callbridgeNonce=' + nonce), token: 't', allowedOrigins: [PAGE_ORIGIN] }).ok,
    false);
  assert.match(S.handBack({ window: at('?callbridgeOrigin=' + encodeURIComponent(PAGE_ORIGIN) + '&callbridgeNonce=x'),
    token: 't', allowedOrigins: [PAGE_ORIGIN] }).reason, /callbridgeNonce/);
  assert.match(S.handBack({ window: { location: { href: SIGNIN + '?callbridgeOrigin=' + encodeURIComponent(PAGE_ORIGIN)
    + '&callbridgeNonce=' + nonce }, opener: null }, token: 't', allowedOrigins: [PAGE_ORIGIN] }).reason,
  /Cross-Origin-Opener-Policy/);
  assert.deepEqual(page.posted, []);

  // Even when the page that opened the pop-up has navigated elsewhere, the browser holds the message back:
  // targetOrigin is the allowed origin, which the fake browser delivers to only when it matches.
  S.handBack({ window: at('?callbridgeOrigin=' + encodeURIComponent(PAGE_ORIGIN) + '&callbridgeNonce=' + nonce),
    token: 't', allowedOrigins: [PAGE_ORIGIN] });
  assert.deepEqual(page.posted.map((p) => p.targetOrigin), [PAGE_ORIGIN]);
});

test('a blocked or closed pop-up rejects with what to do, and stops listening', async () => {
  const blocked = browser();
  blocked.blockPopups = true;
  await assert.rejects(S.openSignIn({ window: blocked, config: S.resolveConfig({ signInUrl: SIGNIN }, PAGE) }),
    /blocked: allow pop-ups/);

  const page = browser();
  const clock = timers();
  const signedIn = S.openSignIn({ window: page, config: S.resolveConfig({ signInUrl: SIGNIN }, PAGE),
    setTimeout: clock.setTimeout });
  clock.tick();
  page.popup.closed = true;
  clock.tick();
  await assert.rejects(signedIn, /closed before you signed in/);
  assert.equal(page.listenerCount(), 0);
});

test('the pop-up closes only once the page has the token: a message from a closed window can lose its source', () => {
  const page = browser();
  const nonce = 'b'.repeat(48);
  // The page does not answer (it is still loading, or the message is in flight): the pop-up stays open.
  const silent = { postMessage() {} };
  const popupWindow = popupAt(silent, SIGNIN + '?callbridgeOrigin=' + encodeURIComponent(PAGE_ORIGIN)
    + '&callbridgeNonce=' + nonce);
  let told = 0;
  assert.equal(S.handBack({ window: popupWindow, token: 't', allowedOrigins: [PAGE_ORIGIN],
    onReceived: () => { told++; } }).ok, true);
  assert.equal(popupWindow.closed, false);

  // Answers from another origin, another window, or with another nonce do not close it.
  const answer = { type: 'callbridge.signIn.received', nonce };
  popupWindow.deliver({ origin: 'https://evil.example', source: silent, data: answer });
  popupWindow.deliver({ origin: PAGE_ORIGIN, source: page, data: answer });
  popupWindow.deliver({ origin: PAGE_ORIGIN, source: silent, data: { type: 'callbridge.signIn.received', nonce: 'x' } });
  assert.equal(popupWindow.closed, false);
  assert.equal(told, 0);

  popupWindow.deliver({ origin: PAGE_ORIGIN, source: silent, data: answer });
  assert.equal(popupWindow.closed, true);
  assert.equal(told, 1);
  assert.equal(popupWindow.listenerCount(), 0);
});

function response(status, body) {
  return Promise.resolve({ ok: status >= 200 && status < 300, status, json: () => Promise.resolve(body) });
}

test('tokenProvider: the cookie session first (credentials include), the pop-up on 401, then the session is set', async () => {
  const page = browser();
  const clock = timers();
  const asked = [];
  let session = false;
  const fetchFn = (url, init) => {
    asked.push({ url, method: init.method, credentials: init.credentials, auth: init.headers.Authorization || null });
    if (init.method === 'POST') {
      session = true;
      return response(204, null);
    }
    return session ? response(200, { token: 'from-cookie' }) : response(401, null);
  };
  const prompts = [];
  let signedIn = 0;
  const tokens = S.tokenProvider({
    config: S.resolveConfig({ signInUrl: SIGNIN, tokenUrl: '/acme/token' }, PAGE), crm: 'hubspot', window: page,
    fetch: fetchFn, setTimeout: clock.setTimeout,
    onSignInNeeded: (signIn, reason) => prompts.push({ signIn, reason }),
    onSignedIn: () => { signedIn++; },
  });

  const first = tokens({ renew: false });
  await settle();
  assert.equal(prompts.length, 1);
  assert.equal(prompts[0].reason, 'You are not signed in');
  assert.equal(page.opened.length, 0, 'no pop-up without the agent\'s click');

  prompts[0].signIn(); // the click
  const nonce = new URL(page.opened[0].url).searchParams.get('callbridgeNonce');
  page.deliver({ origin: SIGNIN_ORIGIN, source: page.popup, data: { type: 'callbridge.signIn', nonce, token: 'handed' } });
  assert.equal(await first, 'handed');
  await settle();
  assert.equal(signedIn, 1);
  assert.deepEqual(asked, [
    { url: 'https://softphone.acme.example/acme/token?crm=hubspot', method: 'GET', credentials: 'include', auth: null },
    { url: 'https://softphone.acme.example/acme/token?crm=hubspot', method: 'POST', credentials: 'include',
      auth: 'Bearer handed' }]);

  // The next connect reuses it; after a 4001 (renew) the cookie session gives a new one, without a pop-up.
  assert.equal(await tokens({ renew: false }), 'handed');
  assert.equal(await tokens({ renew: true }), 'from-cookie');
  assert.equal(page.opened.length, 1);
  assert.equal(asked.length, 3);
});

test('tokenProvider: a failing token endpoint rejects (the bridge retries later); no sign-in URL says so', async () => {
  const page = browser();
  await assert.rejects(S.tokenProvider({ config: S.resolveConfig({ tokenUrl: '/t', signInUrl: SIGNIN }, PAGE),
    crm: 'salesforce', window: page, fetch: () => response(503, null) })({}), /token request failed \(HTTP 503\)/);
  await assert.rejects(S.tokenProvider({ config: S.resolveConfig({ tokenUrl: '/t' }, PAGE), crm: 'salesforce',
    window: page, fetch: () => response(401, null) })({}), /names no signInUrl/);
  await assert.rejects(S.tokenProvider({ config: S.resolveConfig({ tokenUrl: '/t' }, PAGE), crm: 'salesforce',
    window: page, fetch: () => response(200, { nope: 1 }) })({}), /has no token/);
});

// ---------------------------------------------------------------- the template page

/** Just enough DOM for the template: elements with children, text, hidden, className and click listeners. */
function fakeDocument() {
  function element(tag) {
    const node = {
      tagName: tag.toUpperCase(), children: [], className: '', hidden: false, type: '', listeners: {},
      attributes: {},
      get firstChild() { return node.children[0] || null; },
      get textContent() { return node.text !== undefined ? node.text : node.children.map((c) => c.textContent).join(' '); },
      set textContent(value) { node.children = []; node.text = String(value); },
      appendChild(child) { node.text = undefined; node.children.push(child); return child; },
      removeChild(child) { node.children.splice(node.children.indexOf(child), 1); return child; },
      addEventListener(type, fn) { (node.listeners[type] = node.listeners[type] || []).push(fn); },
      click() { (node.listeners.click || []).forEach((fn) => fn({})); },
      getAttribute(name) { return name in node.attributes ? node.attributes[name] : null; },
      find(className) {
        if (String(node.className).split(' ').indexOf(className) >= 0) return node;
        for (const child of node.children) { const hit = child.find(className); if (hit) return hit; }
        return null;
      },
    };
    return node;
  }
  return { createElement: element };
}

function templatePage(config, tokenStatus) {
  const page = browser();
  page.document = fakeDocument();
  page.CallbridgeSignIn = S;
  const mounts = [];
  page.CallbridgeSoftphone = { mount: (el, bridge, opts) => { mounts.push({ el, bridge, opts }); return { unmount() {} }; } };
  page.CallbridgeBridge = { pageTokenProvider: () => () => Promise.resolve('from-fragment') };
  page.fetch = (url) => {
    if (url.endsWith('/static/callbridge-config.json')) return response(200, config);
    return response(tokenStatus, tokenStatus === 200 ? { token: 'cookie-token' } : null);
  };
  const starts = [];
  const adapter = {
    renderTopic: function renderTopic() {},
    // What CallbridgeHubSpot.start does, as far as the template can tell: connects, then onConnected(bridge).
    start(opts) {
      starts.push(opts);
      opts.tokenProvider({ renew: false }).then((token) => opts.onConnected({ token }));
      return {};
    },
  };
  const root = page.document.createElement('main');
  return { page, root, mounts, starts, adapter };
}

test('the template draws the softphone once the bridge exists: start() alone draws nothing', async () => {
  const t = templatePage({ bridgeUrl: 'wss://bridge.acme.example/bridge/v1', tokenUrl: '/acme/token' }, 200);
  const started = await T.start({ crm: 'hubspot', root: t.root, window: t.page, adapter: t.adapter, vendor: 'Acme' });
  await settle();

  assert.equal(t.starts.length, 1);
  assert.equal(t.starts[0].url, 'wss://bridge.acme.example/bridge/v1');
  assert.equal(t.mounts.length, 1);
  assert.equal(t.mounts[0].el, t.root.find('cb-phone'));
  assert.equal(t.mounts[0].bridge.token, 'cookie-token');
  assert.equal(t.mounts[0].opts.title, 'Acme Phone');
  assert.equal(t.mounts[0].opts.renderTopic, t.adapter.renderTopic);
  assert.equal(t.root.find('cb-account-status').textContent, 'Signed in to Acme');
  assert.equal(t.root.find('cb-signin').hidden, true);
  assert.equal(started.softphone() !== null, true);
});

test('the template names the two log-ins apart: "Sign in to Acme" for the account, before any phone log-in', async () => {
  const t = templatePage({ bridgeUrl: '/bridge/v1', tokenUrl: '/acme/token', signInUrl: SIGNIN }, 401);
  await T.start({ crm: 'salesforce', root: t.root, window: t.page, adapter: t.adapter, vendor: 'Acme' });
  await settle();

  const button = t.root.find('cb-signin');
  assert.equal(button.hidden, false);
  assert.equal(button.textContent, 'Sign in to Acme');
  assert.equal(t.root.find('cb-account-status').textContent, 'Not signed in to Acme');
  assert.equal(t.mounts.length, 0, 'no softphone before the agent has a token');
  assert.equal(T.accountLabel('signedIn', 'Acme'), 'Signed in to Acme');

  button.click();
  assert.equal(t.root.find('cb-account-status').textContent, 'Signing in to Acme in the pop-up…');
  const nonce = new URL(t.page.opened[0].url).searchParams.get('callbridgeNonce');
  t.page.deliver({ origin: SIGNIN_ORIGIN, source: t.page.popup, data: { type: 'callbridge.signIn', nonce, token: 'handed' } });
  await settle();
  await settle();

  assert.equal(t.mounts.length, 1);
  assert.equal(t.mounts[0].bridge.token, 'handed');
  assert.equal(t.root.find('cb-account-status').textContent, 'Signed in to Acme');
  assert.equal(button.hidden, true);
});

test('without sign-in URLs the template takes the page\'s own token (#token=, or the demo) and says so', async () => {
  const t = templatePage({ bridgeUrl: '/bridge/v1' }, 500);
  await T.start({ crm: 'hubspot', root: t.root, window: t.page, adapter: t.adapter, vendor: 'Acme' });
  await settle();
  assert.equal(t.mounts[0].bridge.token, 'from-fragment');
  assert.equal(t.root.find('cb-account-status').textContent, 'Signed in to Acme by link');
});

test('an unreadable configuration is shown in the page instead of a blank frame', async () => {
  const t = templatePage({}, 200);
  t.page.fetch = () => response(404, null);
  await assert.rejects(T.start({ crm: 'hubspot', root: t.root, window: t.page, adapter: t.adapter }), /HTTP 404/);
  assert.match(t.root.find('cb-phone').textContent, /cannot read .*callbridge-config.json \(HTTP 404\)/);
  await assert.rejects(T.start({ crm: 'zendesk', root: t.root, window: t.page }), /needs root and crm/);
});
