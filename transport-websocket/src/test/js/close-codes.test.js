'use strict';
// The close-code table of docs/bridge-protocol.md is the contract; this test drives the shipped client through every
// row and checks that it does what the table's last column says.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { load, ManualClock, fakeWebSocketClass, settle } = require('./harness.js');

const PROTOCOL_DOC = path.join(__dirname, '..', '..', '..', '..', 'docs', 'bridge-protocol.md');

/** The rows of the table under "### Close codes": {code, reason, client, action}. */
function closeCodeTable() {
  const text = fs.readFileSync(PROTOCOL_DOC, 'utf8');
  const section = text.slice(text.indexOf('### Close codes'));
  const lines = section.split('\n');
  const rows = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith('| code |')) {
      inTable = true;
      continue;
    }
    if (!inTable) {
      continue;
    }
    if (!line.startsWith('|')) {
      break;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (/^-+$/.test(cells[0])) {
      continue;
    }
    const client = cells[3];
    let action = null;
    if (client.startsWith('retry with backoff')) {
      action = 'retry';
    } else if (client.startsWith('fetch a new token')) {
      action = 'renewToken';
    } else if (client.startsWith('give up')) {
      action = 'giveUp';
    }
    const reasons = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({ code: Number(cells[0]), reason: reasons[0] || '', client, action });
  }
  return rows;
}

/** A bridge on a fake socket; `token` null means a tokenProvider counting its calls. */
function bridgeWith(token) {
  const { CallbridgeBridge } = load('bridge-client.js');
  const clock = new ManualClock();
  const WebSocketImpl = fakeWebSocketClass();
  const statuses = [];
  const requests = [];
  const options = {
    url: 'wss://bridge.test/bridge/v1',
    crm: 'hubspot',
    role: 'widget',
    onStatus: (status, detail) => statuses.push({ status, detail }),
    log: () => {},
    WebSocketImpl,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    now: clock.now,
    random: () => 0.5,
  };
  if (token === null) {
    options.tokenProvider = async (request) => { requests.push(request); return 'token-' + requests.length; };
  } else {
    options.token = token;
  }
  CallbridgeBridge.connect(options);
  return { CallbridgeBridge, clock, sockets: WebSocketImpl.sockets, statuses, requests };
}

const table = closeCodeTable();

test('the table lists every close code the client can be told about, each with one of the three actions', () => {
  assert.deepEqual(table.map((r) => r.code), [1000, 1001, 1002, 1007, 1008, 1009, 1011, 1013, 4001, 4002]);
  for (const row of table) {
    assert.notEqual(row.action, null, 'row ' + row.code + ' says what the client does: ' + row.client);
  }
});

for (const row of table) {
  test('close ' + row.code + ': the client does what the table says (' + row.action + ')', async () => {
    const { CallbridgeBridge } = load('bridge-client.js');
    assert.equal(CallbridgeBridge.closeAction(row.code), row.action);

    // With a tokenProvider, over a session that was open.
    const t = bridgeWith(null);
    await settle();
    t.sockets[0].serverOpen();
    t.sockets[0].serverSend({ type: 'welcome', sessionId: 's-1', seq: 1, resumed: false });
    t.sockets[0].serverClose(row.code, row.reason);
    const after = t.statuses[t.statuses.length - 1];
    if (row.action === 'giveUp') {
      assert.deepEqual(JSON.parse(JSON.stringify(after)),
        { status: 'refused', detail: { code: row.code, reason: row.reason } });
      t.clock.advance(60000);
      await settle();
      assert.equal(t.sockets.length, 1, 'no reconnect');
      return;
    }
    assert.equal(after.status, 'reconnecting');
    assert.ok(after.detail.delayMs >= 500 && after.detail.delayMs <= 1000, 'backoff ' + after.detail.delayMs);
    t.clock.advance(after.detail.delayMs);
    await settle();
    assert.equal(t.sockets.length, 2, 'reconnected');
    assert.deepEqual(JSON.parse(JSON.stringify(t.requests[1])), { renew: row.action === 'renewToken' });

    // With a fixed token, a new token is out of reach: 4001 gives up, the others behave as above.
    const fixed = bridgeWith('fixed');
    await settle();
    fixed.sockets[0].serverOpen();
    fixed.sockets[0].serverClose(row.code, row.reason);
    fixed.clock.advance(1000);
    await settle();
    assert.equal(fixed.sockets.length, row.action === 'retry' ? 2 : 1);
  });
}
