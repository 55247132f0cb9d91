/*
 * The production softphone template's start-up (global CallbridgeTemplate). Plain ES2018, no dependencies. Used by
 * callbridge/template/hubspot.html and callbridge/template/salesforce.html, which a vendor copies; see
 * docs/bridge-client-js.md ("Production softphone template").
 *
 * It reads the server's callbridge-config.json, gets the agent token (the vendor's cookie session, else a sign-in
 * pop-up), starts the CRM's bridge (CallbridgeHubSpot.start / CallbridgeSalesforce.start) at the configured bridge
 * URL, and mounts the softphone UI when the bridge exists: the adapters' start() only connects and draws nothing.
 *
 * Two different "log in"s, named apart on screen:
 *   "Sign in to <vendor>"   the agent's account at the vendor (who they are; gives the page its token), in the
 *                           account bar at the top;
 *   "Log in to phone"       taking calls: logs the agent in to the phone queue (core's login), in the softphone.
 */
(function (global) {
  'use strict';

  var ADAPTERS = { hubspot: 'CallbridgeHubSpot', salesforce: 'CallbridgeSalesforce' };

  /** The account bar's text for a sign-in state: 'checking' | 'signedOut' | 'signingIn' | 'signedIn' | 'link'. */
  function accountLabel(state, vendor) {
    switch (state) {
      case 'signedIn':
        return 'Signed in to ' + vendor;
      case 'signingIn':
        return 'Signing in to ' + vendor + ' in the pop-up…';
      case 'signedOut':
        return 'Not signed in to ' + vendor;
      case 'link':
        return 'Signed in to ' + vendor + ' by link';
      default:
        return 'Checking your ' + vendor + ' sign-in…';
    }
  }

  function el(doc, tag, className, text) {
    var node = doc.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  /**
   * Starts the page. Options:
   *   crm          "hubspot" | "salesforce" (required)
   *   root         the element to draw in (required)
   *   vendor       the vendor's name as agents know it, e.g. "Acme" (default "your account")
   *   title        the softphone's title (default vendor + " Phone")
   *   window       the page (default the global one)
   *   adapter      CallbridgeHubSpot / CallbridgeSalesforce (default: the global for crm)
   *   configPath   where callbridge-config.json is, relative to the page (default ../callbridge-config.json)
   *   dispositions passed to CallbridgeSoftphone.mount
   * Returns a Promise of {config, softphone() (null until mounted)}; it rejects, with the reason on screen, when the
   * configuration cannot be read or the CRM bridge does not start.
   */
  function start(options) {
    var opts = options || {};
    var win = opts.window || global;
    var doc = win.document;
    var root = opts.root;
    var crm = opts.crm;
    var vendor = opts.vendor || 'your account';
    var adapter = opts.adapter || win[ADAPTERS[crm]];
    var SignIn = win.CallbridgeSignIn;
    var Softphone = win.CallbridgeSoftphone;
    if (!root || !ADAPTERS[crm]) {
      return Promise.reject(new TypeError('CallbridgeTemplate.start needs root and crm ("hubspot" or "salesforce")'));
    }

    while (root.firstChild) {
      root.removeChild(root.firstChild);
    }
    var account = el(doc, 'div', 'cb-account');
    var accountText = el(doc, 'span', 'cb-account-status', accountLabel('checking', vendor));
    var signInButton = el(doc, 'button', 'cb-signin', 'Sign in to ' + vendor);
    signInButton.type = 'button';
    signInButton.hidden = true;
    var accountError = el(doc, 'div', 'cb-account-error');
    accountError.hidden = true;
    account.appendChild(accountText);
    account.appendChild(signInButton);
    account.appendChild(accountError);
    var phone = el(doc, 'div', 'cb-phone');
    root.appendChild(account);
    root.appendChild(phone);

    var pendingSignIn = null;
    var mounted = null;

    function showAccount(state, error) {
      accountText.textContent = accountLabel(state, vendor);
      signInButton.hidden = state !== 'signedOut';
      accountError.textContent = error || '';
      accountError.hidden = !error;
    }

    function fail(error) {
      var text = error && error.message ? error.message : String(error);
      phone.textContent = text;
      phone.className = 'cb-phone callbridge-page-error';
      throw error;
    }

    signInButton.addEventListener('click', function () {
      if (!pendingSignIn) {
        return;
      }
      showAccount('signingIn');
      pendingSignIn().catch(function (error) {
        showAccount('signedOut', error.message);
      });
    });

    if (!SignIn || !adapter || typeof adapter.start !== 'function') {
      return Promise.reject(new Error('the page must load callbridge/signin.js and the ' + crm + ' bridge.js'))
        .catch(fail);
    }
    phone.textContent = 'Connecting to ' + (crm === 'hubspot' ? 'HubSpot' : 'Salesforce') + '…';

    var fetchFn = win.fetch ? win.fetch.bind(win) : null;
    return SignIn.loadConfig(win.location.href, fetchFn, opts.configPath).then(function (config) {
      var tokens;
      if (config.tokenUrl || config.signInUrl) {
        tokens = SignIn.tokenProvider({
          config: config, crm: crm, window: win, fetch: fetchFn,
          onSignInNeeded: function (signIn, reason) {
            pendingSignIn = signIn;
            showAccount('signedOut', reason && /blocked|closed/.test(reason) ? reason : null);
          },
          onSignedIn: function () {
            pendingSignIn = null;
            showAccount('signedIn');
          }
        });
      } else {
        // No sign-in configured: the token comes with the page (#token=…, or the demo's ?demo=1).
        tokens = win.CallbridgeBridge.pageTokenProvider(win.location, fetchFn, crm);
        showAccount('link');
      }
      return Promise.resolve(adapter.start({
        window: win,
        url: config.bridgeUrl,
        tokenProvider: tokens,
        onConnected: function (bridge) {
          while (phone.firstChild) {
            phone.removeChild(phone.firstChild);
          }
          phone.className = 'cb-phone';
          // This is what draws the UI: start() connects, mount() draws and follows the bridge's snapshots.
          mounted = Softphone.mount(phone, bridge, {
            title: opts.title || (opts.vendor ? opts.vendor + ' Phone' : 'Phone'),
            renderTopic: adapter.renderTopic,
            dispositions: opts.dispositions
          });
        }
      })).then(function () {
        return { config: config, softphone: function () { return mounted; } };
      });
    }).catch(fail);
  }

  /** What the template pages run: start() with the crm and vendor of the #callbridge element's data attributes. */
  function startPage(win) {
    var root = win.document.getElementById('callbridge');
    if (!root) {
      throw new Error('the page has no #callbridge element');
    }
    return start({ window: win, root: root, crm: root.getAttribute('data-crm'),
      vendor: root.getAttribute('data-vendor') || undefined }).catch(function (error) {
      if (win.console) {
        win.console.warn('[callbridge]', error && error.message ? error.message : error);
      }
      return null;
    });
  }

  global.CallbridgeTemplate = Object.freeze({
    start: start,
    startPage: startPage,
    accountLabel: accountLabel
  });

  // The template pages mark this script with data-callbridge-template, so they need no inline script.
  var doc = global.document;
  var script = doc && doc.currentScript;
  if (script && typeof script.hasAttribute === 'function' && script.hasAttribute('data-callbridge-template')) {
    if (doc.readyState === 'loading') {
      doc.addEventListener('DOMContentLoaded', function () {
        startPage(global);
      });
    } else {
      startPage(global);
    }
  }
}(this));
