'use strict';
// Test doubles for salesforce/bridge.js: the script runs in a vm context whose globals are these fakes.
const { FakeDocument, fakeBridgeClient } = require('../../../../testkit/src/main/js/bridge-page-support');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const STATIC = path.join(__dirname, '..', '..', 'main', 'resources', 'META-INF', 'callbridge', 'static', 'salesforce');
const BRIDGE_JS = path.join(STATIC, 'bridge.js');
const SOFTPHONE_HTML = path.join(STATIC, 'softphone.html');

/** Copies a value out of the vm realm (and drops undefined), so deepStrictEqual compares shapes only. */
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * sforce.opencti as the bridge sees it: every method records its argument. Methods with a callback answer
 * only when the test calls answer(method, response) (Open CTI answers asynchronously, or never), or on the next
 * turn with autoAnswer[method] when that is set.
 */
function fakeOpenCti() {
  const calls = [];
  const autoAnswer = {};
  const opencti = { hvs: {} };
  const methods = ['notifyInitializationComplete', 'enableClickToDial', 'disableClickToDial', 'onClickToDial',
    'onNavigationChange', 'getAppViewInfo', 'screenPop', 'searchAndScreenPop', 'saveLog', 'refreshView', 'runApex',
    'getCallCenterSettings', 'getSoftphoneLayout', 'setSoftphonePanelVisibility', 'isSoftphonePanelVisible',
    'setSoftphonePanelHeight', 'setSoftphonePanelWidth', 'setSoftphonePanelLabel', 'setSoftphonePanelIcon',
    'setSoftphoneItemLabel', 'setSoftphoneItemIcon', 'subscribe', 'unsubscribe', 'publish'];
  const record = (owner, name, qualified) => {
    owner[name] = function (...args) {
      calls.push({ method: qualified, args, arg: args[0] });
      if (Object.prototype.hasOwnProperty.call(autoAnswer, qualified) && args[0] && args[0].callback) {
        setImmediate(() => args[0].callback(autoAnswer[qualified]));
      }
    };
  };
  methods.forEach((name) => record(opencti, name, name));
  ['onWorkStart', 'completeWork'].forEach((name) => record(opencti.hvs, name, 'hvs.' + name));
  const lms = lightningMessageService(opencti, calls);
  return {
    lms,
    opencti,
    calls,
    autoAnswer,
    last(method) {
      const found = calls.filter((c) => c.method === method);
      return found[found.length - 1];
    },
    count(method) {
      return calls.filter((c) => c.method === method).length;
    },
    answer(method, response) {
      this.last(method).arg.callback(response);
    }
  };
}

/**
 * Lightning Message Service as Salesforce's library does it. subscribe({channelName, listener, callback}) adds the
 * listener under its channel at once and answers (when the test calls answer('subscribe', …), or with
 * lms.answerSubscribe()) with a result that carries the library's subscription object on the result itself,
 * {success, returnValue: null, errors: null, subscription}. unsubscribe({subscription, callback}) removes that
 * listener at once. lms.deliver(channel, message) is a message Salesforce routes to the channel's listeners.
 */
function lightningMessageService(opencti, calls) {
  const listeners = []; // {channel, listener, subscription}
  let next = 0;
  opencti.subscribe = function (...args) {
    calls.push({ method: 'subscribe', args, arg: args[0] });
    const arg = args[0];
    const subscription = Object.freeze({ id: 'lms-' + (++next) }); // opaque to its users
    listeners.push({ channel: arg.channelName, listener: arg.listener, subscription });
    arg.subscription = subscription; // what answerSubscribe() hands back
  };
  opencti.unsubscribe = function (...args) {
    calls.push({ method: 'unsubscribe', args, arg: args[0] });
    const index = listeners.findIndex((l) => l.subscription === args[0].subscription);
    if (index >= 0) {
      listeners.splice(index, 1);
    }
  };
  return {
    answerSubscribe(index) {
      const found = calls.filter((c) => c.method === 'subscribe');
      const call = found[index === undefined ? found.length - 1 : index];
      call.arg.callback({ success: true, returnValue: null, errors: null, subscription: call.arg.subscription });
    },
    deliver(channel, message) {
      let reached = 0;
      listeners.filter((l) => l.channel === channel).forEach((l) => {
        l.listener(message);
        reached += 1;
      });
      return reached;
    },
    listenerCount(channel) {
      return listeners.filter((l) => l.channel === channel).length;
    }
  };
}

function location(url) {
  const u = new URL(url);
  return { href: u.href, search: u.search, hash: u.hash, protocol: u.protocol, origin: u.origin, hostname: u.hostname };
}

const ORG = 'https://acme.lightning.force.com';
const PAGE = 'https://phone.example.com/static/salesforce/softphone.html?sfdcIframeOrigin='
  + encodeURIComponent(ORG) + '&mode=Lightning#token=t0k';

/** What Salesforce answers to isSoftphonePanelVisible, the bridge's first call. */
const PROBE_ANSWER = Object.freeze({ success: true, returnValue: { visible: true }, errors: null });

/** window.addEventListener and an error event dispatcher, as a page has them. */
function windowEvents(context) {
  const listeners = {};
  context.addEventListener = (type, fn) => {
    (listeners[type] = listeners[type] || []).push(fn);
  };
  context.removeEventListener = (type, fn) => {
    listeners[type] = (listeners[type] || []).filter((l) => l !== fn);
  };
  context.dispatchError = (event) => {
    (listeners.error || []).slice().forEach((l) => l(event));
  };
  context.listenerCount = (type) => (listeners[type] || []).length;
}

/**
 * A page with bridge.js loaded. Appending a <script> records it; loaded() runs "opencti_min.js" as Salesforce's library
 * does: it creates sforce.opencti, then (with {thrown}) throws while it initialises, which the page sees as an error
 * event, and the script's load event fires either way. Salesforce answers the bridge's first call unless
 * {answer: false}.
 */
function loadPage(url, extra) {
  const doc = new FakeDocument();
  const root = doc.addElement('callbridge');
  const scripts = [];
  doc.onAppend = (child) => {
    if (child.tagName === 'SCRIPT') {
      scripts.push(child);
    }
  };
  const sf = fakeOpenCti();
  const client = fakeBridgeClient();
  const context = Object.assign({
    console, URL, URLSearchParams, setTimeout, clearTimeout,
    document: doc,
    location: location(url || PAGE),
    CallbridgeBridge: client
  }, extra || {});
  context.window = context;
  context.self = context;
  windowEvents(context);
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(BRIDGE_JS, 'utf8'), context, { filename: BRIDGE_JS });
  return {
    context, doc, root, scripts, sf, client,
    api: context.CallbridgeSalesforce,
    loaded(how) {
      const options = Object.assign({ answer: true }, how || {});
      if (options.answer) {
        sf.autoAnswer.isSoftphonePanelVisible = PROBE_ANSWER;
      }
      context.sforce = { opencti: sf.opencti };
      if (options.thrown !== undefined) {
        context.dispatchError(options.thrown);
      }
      scripts[0].onload();
    }
  };
}

function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}

module.exports = { PROBE_ANSWER, BRIDGE_JS, SOFTPHONE_HTML, ORG, PAGE, plain, fakeOpenCti, fakeBridgeClient, location, loadPage, tick };
