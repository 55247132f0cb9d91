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
  /** The Salesforce domains opencti_min.js itself accepts as sfdcIframeOrigin. */
  var SALESFORCE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(force\.com|salesforce\.com)$/i;

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


  /**
   * What Salesforce put in the page's query string, checked: {origin, mode, apiVersion, scriptUrl}.
   * Throws an Error that says what is wrong; the library would otherwise fail with "Failed to initialize".
   * acceptHost(hostname) may widen the accepted hosts (a host simulator); by default Salesforce's domains only.
   */
  function readPage(location, acceptHost) {
    var query = new URLSearchParams(location.search || '');
    var given = query.get('sfdcIframeOrigin');
    var mode = query.get('mode');
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
    var url;
    try {
      url = new URL(given);
    } catch (e) {
      throw new Error('sfdcIframeOrigin is not a URL: ' + given);
    }
    var origin = url.protocol + '//' + url.host;
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password
      || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')
      || given.replace(/\/$/, '').toLowerCase() !== origin.toLowerCase()) {
      throw new Error('sfdcIframeOrigin must be an origin such as https://example.lightning.force.com, not ' + given);
    }
    var accepted = SALESFORCE_HOST.test(url.hostname)
      || (typeof acceptHost === 'function' && acceptHost(url.hostname) === true);
    if (!accepted) {
      throw new Error('sfdcIframeOrigin is not a Salesforce domain (force.com or salesforce.com): ' + given);
    }
    if (location.protocol && location.protocol !== url.protocol) {
      throw new Error('sfdcIframeOrigin (' + url.protocol + ') and this page (' + location.protocol
        + ') must use the same protocol');
    }
    var versionText = query.get('apiVersion');
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
      origin: origin,
      mode: mode,
      apiVersion: apiVersion,
      scriptUrl: origin + '/support/api/' + apiVersion + '.0/lightning/opencti_min.js'
    };
  }

  /** Adds <script src> to the page; resolves once it ran. */
  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement('script');
      script.src = src;
      script.async = false;
      script.onload = function () {
        resolve();
      };
      script.onerror = function () {
        reject(new Error('could not load ' + src));
      };
      (doc.head || doc.body || doc.documentElement).appendChild(script);
    });
  }

  /**
   * The invocation runner over sforce.opencti. forward(name, payload) gets every listener event.
   * Returns invoke(method, args) -> Promise of the callback result.
   */
  function createInvoker(opencti, forward) {
    var registered = {};
    var subscriptions = {};

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

    function subscribe(t, args) {
      var channel = args.channelName;
      if (typeof channel !== 'string' || channel === '') {
        return Promise.reject(new Error('subscribe needs a channelName'));
      }
      if (hasOwn(subscriptions, channel)) {
        return Promise.resolve(success(null));
      }
      subscriptions[channel] = null; // claimed now, so a second subscribe while this one runs adds nothing
      return withCallback(t, 'subscribe', args, {
        listener: function (message) {
          forward('subscribe', { channelName: channel, message: message === undefined ? null : message });
        }
      }).then(function (result) {
        if (!result.success) {
          delete subscriptions[channel];
          return result;
        }
        var value = result.returnValue;
        subscriptions[channel] = value && typeof value === 'object' && hasOwn(value, 'subscription')
          ? value.subscription : value;
        // The subscription object is the library's own and stays in the page; the server names the channel.
        return success(null);
      }, function (error) {
        delete subscriptions[channel];
        throw error;
      });
    }

    function unsubscribe(t, args) {
      var channel = args.channelName;
      if (!hasOwn(subscriptions, channel) || subscriptions[channel] === null) {
        return Promise.resolve(success(null)); // nothing subscribed in this page
      }
      return withCallback(t, 'unsubscribe', {}, { subscription: subscriptions[channel] }).then(function (result) {
        if (result.success) {
          delete subscriptions[channel];
        }
        return result;
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
   *   acceptHost(hostname)         also accept this sfdcIframeOrigin host (a host simulator)
   *   url, tokenProvider, attributes, onUi, onStatus, log   passed to CallbridgeBridge.connect
   *   onConnected(bridge)          called once the bridge exists
   * Returns a Promise of {bridge, invoke, page}; rejects (nothing loaded or connected) when the page is wrong.
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
      page = readPage(location, opts.acceptHost);
      tokens = opts.tokenProvider || tokenProvider(Bridge, location, win.fetch ? win.fetch.bind(win) : null);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!Bridge || typeof Bridge.connect !== 'function') {
      return Promise.reject(new Error('the callbridge bridge client (/static/callbridge/bridge-client.js) is not loaded'));
    }
    return loadScript(doc, page.scriptUrl).then(function () {
      var opencti = win.sforce && win.sforce.opencti;
      if (!opencti) {
        throw new Error('Open CTI did not start (sforce.opencti is missing after loading ' + page.scriptUrl + ')');
      }
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

  function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
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
      // A page served from this machine (a developer's or CI's) may be hosted by a local Salesforce simulator too.
      // A deployed page is never on a loopback host, so this widens nothing in production.
      acceptHost: isLoopback(win.location.hostname) ? isLoopback : undefined,
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
      message(doc, root, e && e.message ? e.message : String(e), true);
      return null;
    });
  }

  var api = Object.freeze({
    CRM: CRM,
    ROLE: ROLE,
    DEFAULT_API_VERSION: DEFAULT_API_VERSION,
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
