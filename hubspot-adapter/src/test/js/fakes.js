'use strict';
// Test doubles for hubspot/bridge.js: the script runs in a vm context whose globals are these fakes.
const { fakeBridgeClient } = require('../../../../testkit/src/main/js/bridge-page-support');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const STATIC = path.join(__dirname, '..', '..', 'main', 'resources', 'META-INF', 'callbridge', 'static', 'hubspot');
const BRIDGE_JS = path.join(STATIC, 'bridge.js');
/** Where the build stages the real SDK bundle (generate-resources runs before the test phase). */
const REAL_SDK = path.join(__dirname, '..', '..', '..', 'target', 'generated-resources', 'hubspot-sdk',
  'META-INF', 'callbridge', 'static', 'hubspot', 'calling-extensions-sdk.js');

/** Copies a value out of the vm realm (and drops undefined), so deepStrictEqual compares shapes only. */
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** The SDK methods of CallingExtensions 0.9.7 the bridge may call; each call is recorded. */
const SDK_METHODS = ['initialized', 'userAvailable', 'userUnavailable', 'userLoggedIn', 'userLoggedOut',
  'incomingCall', 'outgoingCall', 'callAnswered', 'callTransferred', 'navigateToRecord', 'callData', 'callEnded',
  'callCompleted', 'sendError', 'resizeWidget', 'publishToChannel', 'finalizeEngagement', 'setWidgetUrl'];

function fakeCallingExtensions() {
  const instances = [];
  class FakeCallingExtensions {
    constructor(options) {
      this.options = options;
      this.calls = [];
      instances.push(this);
    }
  }
  for (const name of SDK_METHODS) {
    FakeCallingExtensions.prototype[name] = function (...args) {
      this.calls.push({ method: name, args });
    };
  }
  FakeCallingExtensions.instances = instances;
  return FakeCallingExtensions;
}

function location(url) {
  const u = new URL(url);
  return { href: u.href, search: u.search, hash: u.hash, protocol: u.protocol, origin: u.origin };
}

/** Runs bridge.js in a fresh context; `globals` become the page's globals. */
function loadBridge(globals) {
  const context = Object.assign({ console, URL, URLSearchParams }, globals || {});
  context.window = context;
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(BRIDGE_JS, 'utf8'), context, { filename: BRIDGE_JS });
  return context;
}

function tick() {
  return new Promise((resolve) => setImmediate(resolve));
}

module.exports = {
  BRIDGE_JS, REAL_SDK, SDK_METHODS, plain, fakeCallingExtensions, fakeBridgeClient, location, loadBridge, tick
};
