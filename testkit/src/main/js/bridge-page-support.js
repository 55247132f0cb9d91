'use strict';
// Shared by the CRM bridges' Node tests (hubspot-adapter, salesforce-opencti-adapter): a fake DOM, and the real
// page-token logic of the shared bridge client, which a page's fake CallbridgeBridge delegates to.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { FakeDocument } = require('./fake-dom');

const BRIDGE_CLIENT = path.join(__dirname, '..', '..', '..', '..', 'transport-websocket', 'src', 'main', 'resources',
  'META-INF', 'callbridge', 'static', 'callbridge', 'bridge-client.js');

/** CallbridgeBridge.pageTokenProvider from the shipped bridge-client.js, loaded in a context of its own. */
function realPageTokenProvider() {
  const context = vm.createContext({ URL, URLSearchParams, console });
  vm.runInContext(fs.readFileSync(BRIDGE_CLIENT, 'utf8'), context, { filename: BRIDGE_CLIENT });
  return context.CallbridgeBridge.pageTokenProvider;
}

/** CallbridgeBridge as a bridge page sees it: connect() records its options, each bridge records its crmEvents, and
 * pageTokenProvider is the real one. */
function fakeBridgeClient() {
  const connections = [];
  return {
    connections,
    pageTokenProvider: realPageTokenProvider(),
    connect(options) {
      const bridge = {
        options,
        events: [],
        crmEvent(name, data) {
          this.events.push({ name, data });
        },
        uiAction() {
          return Promise.resolve({ ok: true });
        },
        lastState() {
          return null;
        },
        close() {}
      };
      connections.push(bridge);
      return bridge;
    }
  };
}

module.exports = { FakeDocument, fakeBridgeClient };
