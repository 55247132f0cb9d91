/*
 * callbridge's own implementation of the Open CTI client library (Lightning), for the Salesforce host simulator.
 * Written from the postMessage protocol in the project's protocol notes and from how Salesforce's library behaves,
 * not from Salesforce's code, and as strict as Salesforce's library where a softphone can tell:
 *  - sforce.opencti exists before the library checks the page; a page it refuses makes it throw a plain string, and
 *    from then on its calls go nowhere (no message, no callback, no error);
 *  - it accepts sfdcIframeOrigin only by Salesforce's pattern (lower-case http(s)://<name>.force.com or
 *    .salesforce.com, optional port, nothing after it; no localhost, except on the demo's explicit opt-in
 *    callbridgeLoopbackHost=1 in a softphone served from loopback), with the page's own protocol, and needs a mode;
 *  - a method takes exactly one non-empty object (a few also nothing), getters need a callback, listener methods a
 *    listener, saveLog a value; each sends every argument key it knows, given or not, and no other;
 *  - a reply runs a callback only with shouldExecuteCallback === true and listeners only with
 *    shouldExecuteListener === true; listeners are kept per method and, for Lightning Message Service, per channel.
 * Requests go to the parent as {methodName, callId, apiVersion, apiType: 'opencti', isCallbackRegistered,
 * isListenerRegistered, args}; replies come back as {apiVersion, apiType, methodName, callId, response,
 * shouldExecuteCallback, shouldExecuteListener, eventName?}. Served at /support/api/<version>/lightning/opencti_min.js.
 * docs/salesforce-adapter.md lists what still differs from Salesforce's library.
 */
(function (global) {
  'use strict';

  var API_TYPE = 'opencti';
  var ORIGIN = /^https?:\/\/[\w.-]+(\.force\.com|\.salesforce\.com)(:\d+)?$/;
  // The demo's only exception (Salesforce's library has none): a loopback host page, when the softphone's URL opts in
  // with callbridgeLoopbackHost=1 and the softphone itself is served from loopback. The browser tests never opt in.
  var LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
  var LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])$/;

  // The API version is the one in the script's own path (/support/api/47.0/...).
  var script = global.document && global.document.currentScript;
  var versionMatch = script && /\/support\/api\/(\d+)(\.\d+)?\//.exec(script.src);
  var apiVersion = versionMatch ? Number(versionMatch[1]) : 47;

  var hostOrigin = null; // set once the page passed the checks; until then nothing is sent
  var nextCallId = 0;
  var callbacks = {};
  var listeners = {};

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /** The page's query string as Salesforce's library reads it: a repeated key becomes a list, which no check passes. */
  function readQuery(search) {
    var out = {};
    String(search || '').replace(/^\?/, '').split('&').forEach(function (pair) {
      var parts = pair.split('=');
      var key = parts[0];
      if (!key) {
        return;
      }
      var value = parts[1] ? decodeURIComponent(parts[1]) : null;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        out[key] = [].concat(out[key], [value]);
      } else {
        out[key] = value;
      }
    });
    return out;
  }

  /** Listeners per method and, for Lightning Message Service, per channel (the wire's eventName). */
  function listenerKey(methodName, eventName) {
    return methodName + '\n' + (typeof eventName === 'string' ? eventName : '');
  }

  function addListener(methodName, eventName, listener) {
    var key = listenerKey(methodName, eventName);
    (listeners[key] = listeners[key] || []).push(listener);
  }

  function post(name, args, callback, listening) {
    if (hostOrigin === null) {
      return; // the library did not start: its calls go nowhere
    }
    var callId = nextCallId++;
    var hasCallback = typeof callback === 'function';
    if (hasCallback) {
      callbacks[name + '_' + callId] = callback;
    }
    global.parent.postMessage({
      methodName: name,
      callId: callId,
      apiVersion: apiVersion,
      apiType: API_TYPE,
      isCallbackRegistered: hasCallback,
      isListenerRegistered: !!listening,
      args: args
    }, hostOrigin);
  }

  /** One object with at least one key; with optional, also nothing at all. */
  function checkArguments(name, given, optional) {
    if (optional && given.length === 0) {
      return;
    }
    if (given.length !== 1 || typeof given[0] !== 'object' || given[0] === null || Object.keys(given[0]).length === 0) {
      throw new Error(name + ': pass exactly one object holding the arguments of this method');
    }
  }

  /*
   * Method table. wire: name on the wire (default: the method's); keys: the argument keys it sends, always, given or
   * not (wire name after ':'); optional: may be called with nothing; callback: required; listener: registers one;
   * value: saveLog's value object is required; bare: no argument check at all.
   */
  var METHODS = {
    notifyInitializationComplete: { bare: true, keys: [] },
    enableClickToDial: { optional: true, keys: [] },
    disableClickToDial: { optional: true, keys: [] },
    onClickToDial: { listener: true, keys: [] },
    onNavigationChange: { listener: true, keys: [] },
    getAppViewInfo: { callback: true, keys: [] },
    screenPop: { keys: ['type', 'params'] },
    searchAndScreenPop: { keys: ['searchParams', 'callType', 'queryParams', 'defaultFieldValues', 'deferred', 'params'] },
    saveLog: { value: true, keys: ['value:object'] },
    refreshView: { optional: true, keys: [] },
    runApex: { keys: ['apexClass', 'methodName', 'methodParams'] },
    getCallCenterSettings: { callback: true, keys: [] },
    getSoftphoneLayout: { callback: true, keys: [] },
    setSoftphonePanelVisibility: { keys: ['visible'] },
    isSoftphonePanelVisible: { callback: true, keys: [] },
    setSoftphonePanelHeight: { keys: ['heightPX'] },
    setSoftphonePanelWidth: { keys: ['widthPX'] },
    setSoftphonePanelLabel: { keys: ['label'] },
    setSoftphonePanelIcon: { keys: ['key'] },
    setSoftphoneItemLabel: { keys: ['label'] },
    setSoftphoneItemIcon: { keys: ['key'] },
    publish: { keys: ['channelName:eventName', 'message'] }
  };
  var HVS_METHODS = {
    onWorkStart: { listener: true, keys: [] },
    completeWork: { keys: ['workId', 'attributes'] }
  };

  function invoke(name, spec, given) {
    var args = given[0];
    if (!spec.bare) {
      checkArguments(name, given, spec.optional);
    }
    if (spec.callback && !(args && typeof args.callback === 'function')) {
      throw new Error(name + ': the argument callback is required');
    }
    if (spec.listener && !(args && typeof args.listener === 'function')) {
      throw new Error(name + ': the argument listener is required');
    }
    if (spec.value && typeof args.value !== 'object') {
      throw new Error(name + ': the argument value (an object) is required');
    }
    var wire = {};
    spec.keys.forEach(function (key) {
      var names = key.split(':');
      wire[names[1] || names[0]] = args ? args[names[0]] : undefined;
    });
    if (spec.listener) {
      // Listeners cannot be removed: the library keeps every one registered for the method.
      addListener(name, null, args.listener);
    }
    post(name, wire, args ? args.callback : undefined, spec.listener);
  }

  /*
   * Lightning Message Service. subscribe adds the listener under its channel and hands the caller a subscription object
   * on the callback's result itself (result.subscription); unsubscribe takes that object, removes its listener at once
   * and tells Salesforce only when the channel's last listener went. On the wire a channel is eventName.
   */
  var subscriptions = {};
  var nextSubscription = 0;

  function subscribe() {
    checkArguments('subscribe', arguments, false);
    var given = arguments[0];
    if (typeof given.listener !== 'function') {
      throw new Error('subscribe: the argument listener is required');
    }
    var eventName = given.channelName;
    var subscription = Object.freeze({ eventName: eventName, id: ++nextSubscription });
    subscriptions[subscription.id] = { subscription: subscription, listener: given.listener };
    addListener('subscribe', eventName, given.listener);
    var callback = given.callback;
    post('subscribe', { eventName: eventName, subscription: { eventName: eventName, id: subscription.id } },
      function (response) {
        var ok = isObject(response) && response.success === true;
        if (!ok) {
          removeSubscription(subscription);
        }
        if (typeof callback === 'function') {
          callback(ok ? Object.assign({}, response, { subscription: subscription }) : response);
        }
      }, true);
  }

  function removeSubscription(subscription) {
    var entry = isObject(subscription) ? subscriptions[subscription.id] : undefined;
    if (!entry || entry.subscription !== subscription) {
      return false;
    }
    delete subscriptions[subscription.id];
    var key = listenerKey('subscribe', subscription.eventName);
    listeners[key] = (listeners[key] || []).filter(function (l) { return l !== entry.listener; });
    if (listeners[key].length === 0) {
      delete listeners[key];
    }
    return true;
  }

  function unsubscribe() {
    checkArguments('unsubscribe', arguments, false);
    var given = arguments[0];
    var subscription = given.subscription;
    var removed = removeSubscription(subscription);
    var callback = given.callback;
    if (removed && !listeners[listenerKey('subscribe', subscription.eventName)]) {
      post('unsubscribe', { eventName: subscription.eventName }, callback, false);
      return;
    }
    if (typeof callback === 'function' && hostOrigin !== null) {
      // Nothing for Salesforce to do: another listener of the page still uses the channel, or it was not subscribed.
      global.setTimeout(function () {
        callback(removed ? { success: true, returnValue: null, errors: null }
          : { success: false, returnValue: null, errors: [{ code: 'INVALID_PARAM', description: 'unknown subscription' }] });
      }, 0);
    }
  }

  function onMessage(event) {
    var data = event.data;
    if (event.origin !== hostOrigin || !isObject(data) || data.apiType !== API_TYPE || data.apiVersion !== apiVersion) {
      return;
    }
    if (data.shouldExecuteCallback === true) {
      var key = data.methodName + '_' + data.callId;
      var callback = callbacks[key];
      if (callback) {
        delete callbacks[key];
        callback(data.response);
      }
    }
    if (data.shouldExecuteListener === true) {
      (listeners[listenerKey(data.methodName, data.eventName)] || []).slice().forEach(function (listener) {
        listener(data.response);
      });
    }
  }

  function api(table) {
    var out = {};
    Object.keys(table).forEach(function (name) {
      out[name] = function () { invoke(name, table[name], arguments); };
    });
    return out;
  }

  var opencti = api(METHODS);
  opencti.subscribe = subscribe;
  opencti.unsubscribe = unsubscribe;
  opencti.hvs = api(HVS_METHODS);
  opencti.SCREENPOP_TYPE = Object.freeze({
    SOBJECT: 'sobject', URL: 'url', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search',
    NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow'
  });
  opencti.CALL_TYPE = Object.freeze({ INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' });
  global.sforce = global.sforce || {};
  // Created before the page is checked, as Salesforce's library does: a refused page still has sforce.opencti.
  global.sforce.opencti = Object.freeze(opencti);

  var query = readQuery(global.location.search);
  var origin = query.sfdcIframeOrigin;
  var loopbackOptIn = query.callbridgeLoopbackHost === '1' && LOOPBACK_HOST.test(global.location.hostname || '')
    && typeof origin === 'string' && LOOPBACK_ORIGIN.test(origin);
  if (typeof origin !== 'string' || !query.mode || !(ORIGIN.test(origin) || loopbackOptIn)
    || origin.indexOf(global.location.protocol) !== 0) {
    // A plain string, as Salesforce's library throws it.
    throw 'Failed to initialize Open CTI: the page URL needs sfdcIframeOrigin (a Salesforce origin) and mode';
  }
  hostOrigin = origin;
  global.addEventListener('message', onMessage, false);
}(window));
