/*
 * callbridge's own implementation of the Open CTI client library (Lightning), for the Salesforce host simulator.
 * Written from the postMessage protocol described in the project's protocol notes, not from Salesforce's code:
 * requests go to the parent as {methodName, callId, apiVersion, apiType: 'opencti', isCallbackRegistered,
 * isListenerRegistered, args}; replies come back as {apiVersion, apiType, methodName, callId, response,
 * shouldExecuteCallback, shouldExecuteListener}. Served at /support/api/<version>/lightning/opencti_min.js.
 */
(function (global) {
  'use strict';

  var API_TYPE = 'opencti';
  // Accepted as sfdcIframeOrigin: Salesforce's domains, and loopback names for the host simulator.
  var ORIGIN = /^https?:\/\/([\w-]+\.)*[\w-]+(\.force\.com|\.salesforce\.com)(:\d+)?$|^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

  function fail() {
    throw new Error('Failed to initialize Open CTI. Ensure that it is loaded from the right frame in the right context.');
  }

  var query = new URLSearchParams(global.location.search);
  var hostOrigin = query.get('sfdcIframeOrigin');
  var mode = query.get('mode');
  if (!hostOrigin || !mode || !ORIGIN.test(hostOrigin) || hostOrigin.split(':')[0] + ':' !== global.location.protocol
    || global.parent === global) {
    fail();
  }

  // The API version is the one in the script's own path (/support/api/47.0/...).
  var script = global.document && global.document.currentScript;
  var versionMatch = script && /\/support\/api\/(\d+)(\.\d+)?\//.exec(script.src);
  var apiVersion = versionMatch ? Number(versionMatch[1]) : 47;

  var nextCallId = 0;
  var callbacks = {};
  var listeners = {};

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  /*
   * Method table. wire: name on the wire; keys: the method's own argument keys (others are dropped);
   * required: keys that must be present; callback: 'required' | 'optional'; listener: the method registers a
   * listener; noArgs: may be called with nothing at all.
   */
  var METHODS = {
    notifyInitializationComplete: { noArgs: true, keys: [] },
    enableClickToDial: { noArgs: true, keys: [], callback: 'optional' },
    disableClickToDial: { noArgs: true, keys: [], callback: 'optional' },
    onClickToDial: { listener: true, keys: [] },
    onNavigationChange: { listener: true, keys: [] },
    getAppViewInfo: { callback: 'required', keys: [] },
    screenPop: { keys: ['type', 'params'], required: ['type'], callback: 'optional' },
    searchAndScreenPop: { keys: ['searchParams', 'queryParams', 'defaultFieldValues', 'callType', 'deferred', 'params'], required: ['searchParams', 'callType'], callback: 'optional' },
    saveLog: { keys: ['value'], required: ['value'], callback: 'optional' },
    refreshView: { noArgs: true, keys: [], callback: 'optional' },
    runApex: { keys: ['apexClass', 'methodName', 'methodParams'], required: ['apexClass', 'methodName', 'methodParams'], callback: 'optional' },
    getCallCenterSettings: { callback: 'required', keys: [] },
    getSoftphoneLayout: { callback: 'required', keys: [] },
    setSoftphonePanelVisibility: { keys: ['visible'], required: ['visible'], callback: 'optional' },
    isSoftphonePanelVisible: { callback: 'required', keys: [] },
    setSoftphonePanelHeight: { keys: ['heightPX'], required: ['heightPX'], callback: 'optional' },
    setSoftphonePanelWidth: { keys: ['widthPX'], required: ['widthPX'], callback: 'optional' },
    setSoftphonePanelLabel: { keys: ['label'], required: ['label'], callback: 'optional' },
    setSoftphonePanelIcon: { keys: ['key'], required: ['key'], callback: 'optional' },
    setSoftphoneItemLabel: { keys: ['label'], required: ['label'], callback: 'optional' },
    setSoftphoneItemIcon: { keys: ['key'], required: ['key'], callback: 'optional' },
    publish: { keys: ['channelName', 'message'], required: ['channelName', 'message'], callback: 'optional' }
  };
  var HVS_METHODS = {
    onWorkStart: { listener: true, keys: [] },
    completeWork: { keys: ['workId', 'attributes'], required: ['workId', 'attributes'], callback: 'optional' }
  };

  /** Listeners per method and, for Lightning Message Service, per channel (the wire's eventName). */
  function listenerKey(methodName, eventName) {
    return methodName + '\n' + (typeof eventName === 'string' ? eventName : '');
  }

  function addListener(methodName, eventName, listener) {
    var key = listenerKey(methodName, eventName);
    (listeners[key] = listeners[key] || []).push(listener);
  }

  function post(name, args, callback, listening) {
    var callId = ++nextCallId;
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

  function invoke(name, spec, given) {
    if (given === undefined && spec.noArgs) {
      given = {};
    }
    if (!isObject(given) || (Object.keys(given).length === 0 && !spec.noArgs)) {
      throw new Error(name + ' takes one object argument');
    }
    if (spec.listener && typeof given.listener !== 'function') {
      throw new Error(name + ': listener must be a function');
    }
    if (spec.callback === 'required' && typeof given.callback !== 'function') {
      throw new Error(name + ': callback must be a function');
    }
    if (given.callback !== undefined && typeof given.callback !== 'function') {
      throw new Error(name + ': callback must be a function');
    }
    (spec.required || []).forEach(function (key) {
      if (given[key] === undefined || given[key] === null) {
        throw new Error(name + ': ' + key + ' is required');
      }
    });
    var args = {};
    spec.keys.forEach(function (key) {
      if (given[key] !== undefined) {
        // saveLog's value travels as args.object, as in Salesforce's library; a channel as eventName.
        args[name === 'saveLog' && key === 'value' ? 'object' : key === 'channelName' ? 'eventName' : key] = given[key];
      }
    });
    if (spec.listener) {
      // Listeners cannot be removed: the library keeps every one registered for the method.
      addListener(name, null, given.listener);
    }
    post(name, args, given.callback, spec.listener);
  }

  /*
   * Lightning Message Service. subscribe adds the listener under its channel and hands the caller a subscription object
   * on the callback's result itself (result.subscription); unsubscribe takes that object, removes its listener at once
   * and tells Salesforce only when the channel's last listener went. On the wire a channel is eventName.
   */
  var subscriptions = {};
  var nextSubscription = 0;

  function lmsArgs(name, given, keys) {
    if (!isObject(given) || Object.keys(given).length === 0) {
      throw new Error(name + ' takes one object argument');
    }
    if (given.callback !== undefined && typeof given.callback !== 'function') {
      throw new Error(name + ': callback must be a function');
    }
    keys.forEach(function (key) {
      if (key === 'listener' ? typeof given.listener !== 'function' : (given[key] === undefined || given[key] === null)) {
        throw new Error(name + ': ' + key + ' is required');
      }
    });
    return given;
  }

  function subscribe(given) {
    lmsArgs('subscribe', given, ['channelName', 'listener']);
    var eventName = String(given.channelName);
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
    var entry = subscriptions[subscription.id];
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

  function unsubscribe(given) {
    lmsArgs('unsubscribe', given, ['subscription']);
    var subscription = given.subscription;
    var removed = isObject(subscription) && removeSubscription(subscription);
    var callback = given.callback;
    if (removed && !listeners[listenerKey('subscribe', subscription.eventName)]) {
      post('unsubscribe', { eventName: subscription.eventName }, callback, false);
      return;
    }
    if (typeof callback === 'function') {
      // Nothing for Salesforce to do: another listener of the page still uses the channel, or it was not subscribed.
      global.setTimeout(function () {
        callback(removed ? { success: true, returnValue: null, errors: null }
          : { success: false, returnValue: null, errors: [{ code: 'INVALID_PARAM', description: 'unknown subscription' }] });
      }, 0);
    }
  }

  global.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== hostOrigin || !isObject(data) || data.apiType !== API_TYPE || data.apiVersion !== apiVersion) {
      return;
    }
    if (data.shouldExecuteCallback) {
      var key = data.methodName + '_' + data.callId;
      var callback = callbacks[key];
      if (callback) {
        delete callbacks[key];
        callback(data.response);
      }
    }
    if (data.shouldExecuteListener) {
      (listeners[listenerKey(data.methodName, data.eventName)] || []).slice().forEach(function (listener) {
        listener(data.response);
      });
    }
  });

  function api(table) {
    var out = {};
    Object.keys(table).forEach(function (name) {
      out[name] = function (given) { invoke(name, table[name], given); };
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
  global.sforce.opencti = Object.freeze(opencti);
}(window));
