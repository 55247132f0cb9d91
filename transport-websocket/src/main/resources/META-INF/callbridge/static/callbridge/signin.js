/*
 * callbridge sign-in for softphone pages inside a CRM iframe (global CallbridgeSignIn). Plain ES2018, no
 * dependencies. Both halves of the pattern in docs/bridge-client-js.md ("Production softphone template"):
 *
 *   in the softphone page (the CRM's iframe)   loadConfig, tokenProvider, openSignIn, acceptTokenMessage
 *   in the vendor's sign-in pop-up              handBack
 *
 * The pop-up hands the agent token back with postMessage, checked both ways: the page takes a message only from
 * the sign-in origin, from the window it opened, carrying the nonce it made; the pop-up posts only to an origin on
 * the vendor's own list, never to "*", so a page of another site that opens the sign-in gets nothing.
 */
(function (global) {
  'use strict';

  var MESSAGE_TYPE = 'callbridge.signIn';
  // The page's answer to the hand-back: the pop-up closes only on it. Closing at once raced the message: the page
  // could see the pop-up closed before the message was dispatched, or get it with its source window already gone,
  // and then rightly gave up or ignored it.
  var RECEIVED_TYPE = 'callbridge.signIn.received';
  var NONCE = /^[A-Za-z0-9_-]{16,128}$/;
  var CLOSED_POLL_MS = 500;
  var CONFIG_PATH = '../callbridge-config.json';

  function absolute(value, base) {
    return new URL(value, base).toString();
  }

  /**
   * The page configuration as absolute URLs, from the JSON of <staticPath>/callbridge-config.json and the page's
   * own URL: {bridgeUrl (ws/wss), signInUrl|null, signInOrigin|null, tokenUrl|null}. A bridgeUrl that is a path is
   * on the page's server, ws for an http page and wss for https.
   */
  function resolveConfig(json, pageUrl) {
    var body = json && typeof json === 'object' ? json : {};
    var page = new URL(pageUrl);
    var bridge = new URL(typeof body.bridgeUrl === 'string' && body.bridgeUrl !== '' ? body.bridgeUrl : '/bridge/v1',
      page);
    if (bridge.protocol === 'http:' || bridge.protocol === 'https:') {
      bridge.protocol = bridge.protocol === 'https:' ? 'wss:' : 'ws:';
    }
    if (bridge.protocol !== 'ws:' && bridge.protocol !== 'wss:') {
      throw new Error('callbridge-config.json: bridgeUrl must be a ws(s) URL or a path, not ' + body.bridgeUrl);
    }
    var signInUrl = typeof body.signInUrl === 'string' && body.signInUrl !== '' ? absolute(body.signInUrl, page)
      : null;
    var tokenUrl = typeof body.tokenUrl === 'string' && body.tokenUrl !== '' ? absolute(body.tokenUrl, page) : null;
    [signInUrl, tokenUrl].forEach(function (url) {
      if (url !== null && !/^https?:$/.test(new URL(url).protocol)) {
        throw new Error('callbridge-config.json: sign-in and token URLs must be http(s), not ' + url);
      }
    });
    return {
      bridgeUrl: bridge.toString(),
      signInUrl: signInUrl,
      signInOrigin: signInUrl === null ? null : new URL(signInUrl).origin,
      tokenUrl: tokenUrl
    };
  }

  /** Fetches the configuration relative to the page (default ../callbridge-config.json) and resolves it. */
  function loadConfig(pageUrl, fetchFn, path) {
    var url = absolute(path || CONFIG_PATH, pageUrl);
    return Promise.resolve(fetchFn(url, { credentials: 'same-origin', cache: 'no-cache' })).then(function (response) {
      if (!response || !response.ok) {
        throw new Error('cannot read ' + url + (response ? ' (HTTP ' + response.status + ')' : ''));
      }
      return response.json();
    }).then(function (json) {
      return resolveConfig(json, pageUrl);
    });
  }

  function makeNonce(cryptoImpl) {
    var bytes = new Uint8Array(24);
    cryptoImpl.getRandomValues(bytes);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += ('0' + bytes[i].toString(16)).slice(-2);
    }
    return text;
  }

  /**
   * The token in a message event if, and only if, it is the hand-back this page waits for: from `expected.origin`
   * (exactly), from the window `expected.source` it opened, of type callbridge.signIn, with `expected.nonce`, and a
   * non-empty token. Anything else is null and ignored (other scripts post messages too, the CRM's own among them).
   */
  function acceptTokenMessage(event, expected) {
    if (!event || !expected || typeof expected.origin !== 'string' || event.origin !== expected.origin) {
      return null;
    }
    if (expected.source && event.source !== expected.source) {
      return null;
    }
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== MESSAGE_TYPE || data.nonce !== expected.nonce) {
      return null;
    }
    return typeof data.token === 'string' && data.token !== '' && data.token.length <= 8192 ? data.token : null;
  }

  /**
   * Opens the vendor's sign-in in a pop-up and resolves with the token it hands back. Call it from a click handler:
   * browsers block pop-ups opened without a user gesture. Options: window (the page), config (resolveConfig's),
   * crm, and for tests crypto, setTimeout. The pop-up's URL gets callbridgeOrigin (this page's origin, where the
   * token must go), callbridgeNonce and crm. Rejects when the pop-up is blocked or closed without a token.
   */
  function openSignIn(options) {
    var win = options.window;
    var config = options.config;
    var setTimer = options.setTimeout || win.setTimeout.bind(win);
    if (!config || !config.signInUrl) {
      return Promise.reject(new Error('no signInUrl in callbridge-config.json'));
    }
    var nonce = makeNonce(options.crypto || win.crypto);
    var url = new URL(config.signInUrl);
    url.searchParams.set('callbridgeOrigin', win.location.origin);
    url.searchParams.set('callbridgeNonce', nonce);
    if (options.crm) {
      url.searchParams.set('crm', options.crm);
    }
    var popup = win.open(url.toString(), 'callbridge-signin', 'popup,width=480,height=640');
    if (!popup) {
      return Promise.reject(new Error('The sign-in window was blocked: allow pop-ups for this page and try again.'));
    }
    return new Promise(function (resolve, reject) {
      var done = false;
      function finish() {
        done = true;
        win.removeEventListener('message', onMessage);
      }
      function onMessage(event) {
        var token = acceptTokenMessage(event, { origin: config.signInOrigin, source: popup, nonce: nonce });
        if (token !== null && !done) {
          finish();
          try {
            popup.postMessage({ type: RECEIVED_TYPE, nonce: nonce }, config.signInOrigin);
          } catch (ignored) {
            // The pop-up is gone already; it has nothing left to do.
          }
          resolve(token);
        }
      }
      function watchClosed() {
        if (done) {
          return;
        }
        if (popup.closed) {
          finish();
          reject(new Error('The sign-in window was closed before you signed in.'));
          return;
        }
        setTimer(watchClosed, CLOSED_POLL_MS);
      }
      win.addEventListener('message', onMessage);
      setTimer(watchClosed, CLOSED_POLL_MS);
    });
  }

  /**
   * A tokenProvider for CallbridgeBridge.connect ({renew} => Promise of a token). In order:
   *   1. the token it has, unless the server refused it (renew);
   *   2. with a tokenUrl: GET tokenUrl?crm=… with the browser's cookies (credentials: "include"); 200 {token} is the
   *      token, 401 or 403 means "sign in first" (any other failure rejects, and the bridge retries later);
   *   3. with a signInUrl: onSignInNeeded(signIn, reason) and wait; the page shows a button whose click calls
   *      signIn(), which opens the pop-up (openSignIn) and resolves the wait with the handed-back token. After a
   *      hand-back, with a tokenUrl, the token is also POSTed there once (Authorization: Bearer, with cookies) so the
   *      vendor's backend can set the session cookie the next fetch needs (see the cookie attributes in the docs).
   * Options: config, crm, window, fetch, onSignInNeeded(signIn, reason), onSignedIn(), and for tests crypto,
   * setTimeout.
   */
  function tokenProvider(options) {
    var config = options.config;
    var win = options.window;
    var fetchFn = options.fetch || (win.fetch ? win.fetch.bind(win) : null);
    var current = null;

    function fromTokenUrl(extraHeaders, method) {
      var url = new URL(config.tokenUrl);
      url.searchParams.set('crm', options.crm);
      return Promise.resolve(fetchFn(url.toString(), {
        method: method || 'GET', credentials: 'include', cache: 'no-store', headers: extraHeaders || {}
      }));
    }

    function viaPopup(reason) {
      if (!config.signInUrl) {
        return Promise.reject(new Error(reason + ', and callbridge-config.json names no signInUrl'));
      }
      return new Promise(function (resolve, reject) {
        var running = null;
        function signIn() {
          if (running) {
            return running;
          }
          running = openSignIn({ window: win, config: config, crm: options.crm, crypto: options.crypto,
            setTimeout: options.setTimeout }).then(function (token) {
            resolve(token);
            return token;
          }, function (error) {
            running = null;
            // Not final: the page keeps its button, and the next click tries again.
            if (typeof options.onSignInNeeded === 'function') {
              options.onSignInNeeded(signIn, error.message);
            }
            throw error;
          });
          return running;
        }
        if (typeof options.onSignInNeeded !== 'function') {
          reject(new Error(reason + ': the page must show a sign-in button (onSignInNeeded)'));
          return;
        }
        options.onSignInNeeded(signIn, reason);
      }).then(function (token) {
        if (config.tokenUrl) {
          fromTokenUrl({ Authorization: 'Bearer ' + token }, 'POST').catch(function () {
            // Only a convenience for the next reload; this session has its token.
          });
        }
        return token;
      });
    }

    return function (request) {
      var renew = Boolean(request && request.renew);
      if (current !== null && !renew) {
        return Promise.resolve(current);
      }
      current = null;
      var attempt;
      if (config.tokenUrl && typeof fetchFn === 'function') {
        attempt = fromTokenUrl().then(function (response) {
          if (response.status === 401 || response.status === 403) {
            return viaPopup('You are not signed in');
          }
          if (!response.ok) {
            throw new Error('token request failed (HTTP ' + response.status + ')');
          }
          return response.json().then(function (body) {
            if (!body || typeof body.token !== 'string' || body.token === '') {
              throw new Error('the token response has no token');
            }
            return body.token;
          });
        });
      } else {
        attempt = viaPopup(renew ? 'Your sign-in has expired' : 'Sign in to start');
      }
      return attempt.then(function (token) {
        current = token;
        if (typeof options.onSignedIn === 'function') {
          options.onSignedIn();
        }
        return token;
      });
    };
  }

  /**
   * In the vendor's sign-in pop-up, once the agent has signed in: posts the token to the softphone page that opened
   * the pop-up, and closes the pop-up once that page answers that it has the token (callbridge.signIn.received from
   * the page's origin and window, with the nonce); without an answer the pop-up stays open. Options: window (the
   * pop-up), token, allowedOrigins (the exact origins the vendor serves its softphone pages from: the token goes
   * nowhere else), close (default true), onReceived() (called on the page's answer).
   * Returns {ok: true, origin} or {ok: false, reason} (then nothing was posted).
   */
  function handBack(options) {
    var win = options.window;
    var query = new URL(win.location.href).searchParams;
    var origin = query.get('callbridgeOrigin');
    var nonce = query.get('callbridgeNonce');
    var allowed = Array.isArray(options.allowedOrigins) ? options.allowedOrigins : [];
    if (!origin || allowed.indexOf(origin) < 0) {
      return { ok: false, reason: 'callbridgeOrigin ' + JSON.stringify(origin) + ' is not a softphone origin of this '
        + 'vendor' };
    }
    if (!nonce || !NONCE.test(nonce)) {
      return { ok: false, reason: 'callbridgeNonce is missing or malformed' };
    }
    if (typeof options.token !== 'string' || options.token === '') {
      return { ok: false, reason: 'no token to hand back' };
    }
    var opener = win.opener;
    if (!opener || opener.closed) {
      return { ok: false, reason: 'the softphone window that opened this one is gone (or a Cross-Origin-Opener-Policy '
        + 'cut it off)' };
    }
    if (typeof win.addEventListener === 'function') {
      var onAnswer = function (event) {
        var data = event && event.data;
        if (event.origin !== origin || event.source !== opener || !data || typeof data !== 'object'
          || data.type !== RECEIVED_TYPE || data.nonce !== nonce) {
          return;
        }
        win.removeEventListener('message', onAnswer);
        if (typeof options.onReceived === 'function') {
          options.onReceived();
        }
        if (options.close !== false && typeof win.close === 'function') {
          win.close();
        }
      };
      win.addEventListener('message', onAnswer);
    }
    // targetOrigin: the browser delivers only if the opener is still on that origin.
    opener.postMessage({ type: MESSAGE_TYPE, nonce: nonce, token: options.token }, origin);
    return { ok: true, origin: origin };
  }

  /**
   * What template/signed-in.html runs: handBack with the token of its #token= fragment and the origins of the body's
   * data-allowed-origins; says on the page what happened when it cannot close.
   */
  function handBackPage(win) {
    var doc = win.document;
    var fragment = new URLSearchParams(String(win.location.hash || '').replace(/^#/, ''));
    var allowed = String(doc.body.getAttribute('data-allowed-origins') || '').split(/\s+/).filter(Boolean);
    // The token leaves the address bar (and the history entry) before anything else happens.
    if (win.history && typeof win.history.replaceState === 'function') {
      win.history.replaceState(null, '', win.location.pathname + win.location.search);
    }
    var status = doc.getElementById('callbridge-handback');
    var result = handBack({ window: win, token: fragment.get('token'), allowedOrigins: allowed,
      onReceived: function () {
        if (status) {
          status.textContent = 'Signed in. You can close this window.';
        }
      } });
    if (status) {
      status.textContent = result.ok ? 'Handing your sign-in to the softphone…' : 'Sign-in not handed back: '
        + result.reason;
    }
    return result;
  }

  global.CallbridgeSignIn = Object.freeze({
    MESSAGE_TYPE: MESSAGE_TYPE,
    RECEIVED_TYPE: RECEIVED_TYPE,
    CONFIG_PATH: CONFIG_PATH,
    resolveConfig: resolveConfig,
    loadConfig: loadConfig,
    acceptTokenMessage: acceptTokenMessage,
    openSignIn: openSignIn,
    tokenProvider: tokenProvider,
    handBack: handBack,
    handBackPage: handBackPage
  });

  // template/signed-in.html marks this script with data-callbridge-handback, so it needs no inline script.
  var doc = global.document;
  var script = doc && doc.currentScript;
  if (script && typeof script.hasAttribute === 'function' && script.hasAttribute('data-callbridge-handback')) {
    if (doc.readyState === 'loading') {
      doc.addEventListener('DOMContentLoaded', function () {
        handBackPage(global);
      });
    } else {
      handBackPage(global);
    }
  }
}(this));
