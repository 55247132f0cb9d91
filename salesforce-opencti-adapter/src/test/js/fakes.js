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
 * only when the test calls answer(method, response) (Open CTI answers asynchronously, or never).
 */
function fakeOpenCti() {
  const calls = [];
  const opencti = { hvs: {} };
  const methods = ['notifyInitializationComplete', 'enableClickToDial', 'disableClickToDial', 'onClickToDial',
    'onNavigationChange', 'getAppViewInfo', 'screenPop', 'searchAndScreenPop', 'saveLog', 'refreshView', 'runApex',
    'getCallCenterSettings', 'getSoftphoneLayout', 'setSoftphonePanelVisibility', 'isSoftphonePanelVisible',
    'setSoftphonePanelHeight', 'setSoftphonePanelWidth', 'setSoftphonePanelLabel', 'setSoftphonePanelIcon',
    'setSoftphoneItemLabel', 'setSoftphoneItemIcon', 'subscribe', 'unsubscribe', 'publish'];
  const record = (owner, name, qualified) => {
    owner[name] = function (...args) {
      calls.push({ method: qualified, args, arg: args[0] });
    };
  };
  methods.forEach((name) => record(opencti, name, name));
  ['onWorkStart', 'completeWork'].forEach((name) => record(opencti.hvs, name, 'hvs.' + name));
  return {
    opencti,
    calls,
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

function location(url) {
  const u = new URL(url);
  return { href: u.href, search: u.search, hash: u.hash, protocol: u.protocol, origin: u.origin, hostname: u.hostname };
}

const ORG = 'https://acme.lightning.force.com';
const PAGE = 'https://phone.example.com/static/salesforce/softphone.html?sfdcIframeOrigin='
  + encodeURIComponent(ORG) + '&mode=Lightning#token=t0k';

/**
 * A page with bridge.js loaded. Appending a <script> records it; loaded() makes Open CTI appear and fires onload.
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
    console, URL, URLSearchParams,
    document: doc,
    location: location(url || PAGE),
    CallbridgeBridge: client
  }, extra || {});
  context.window = context;
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(BRIDGE_JS, 'utf8'), context, { filename: BRIDGE_JS });
  return {
    context, doc, root, scripts, sf, client,
    api: context.CallbridgeSalesforce,
    loaded() {
      context.sforce = { opencti: sf.opencti };
      scripts[0].onload();
    }
  };
}

function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}

module.exports = { BRIDGE_JS, SOFTPHONE_HTML, ORG, PAGE, plain, fakeOpenCti, fakeBridgeClient, location, loadPage, tick };
