'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { load } = require('./harness.js');

const { CallbridgeSoftphone: S } = load('softphone.js');
const plain = (value) => JSON.parse(JSON.stringify(value));

function call(fields) {
  return Object.assign({
    id: 'c-1', direction: 'OUTBOUND', to: { e164: '+14155551212', display: '(415) 555-1212' }, state: 'CONNECTED',
    live: true, muted: false, recording: false, createdAt: '2026-01-01T00:00:00Z', connectedAt: '2026-01-01T00:00:05Z',
  }, fields);
}

const actions = (c) => plain(S.controlsFor(c)).map((control) => control.action + ':' + control.label);

test('formatDuration shows m:ss, then h:mm:ss, and never a negative time', () => {
  assert.equal(S.formatDuration(0), '0:00');
  assert.equal(S.formatDuration(5999), '0:05');
  assert.equal(S.formatDuration(65000), '1:05');
  assert.equal(S.formatDuration(3599000), '59:59');
  assert.equal(S.formatDuration(3725000), '1:02:05');
  assert.equal(S.formatDuration(-4000), '0:00');
  assert.equal(S.formatDuration(undefined), '0:00');
});

test('controls follow what core allows in each state', () => {
  assert.deepEqual(actions(call({ state: 'QUEUED', connectedAt: undefined })), ['hangup:Cancel']);
  assert.deepEqual(actions(call({ state: 'DIALING', connectedAt: undefined })), ['hangup:Cancel']);
  assert.deepEqual(actions(call({ state: 'RINGING', connectedAt: undefined })), ['hangup:Cancel']);
  assert.deepEqual(actions(call({ state: 'RINGING', direction: 'INBOUND', connectedAt: undefined })),
    ['answer:Answer', 'reject:Reject']);
  assert.deepEqual(actions(call({ state: 'CONNECTED' })),
    ['hold:Hold', 'mute:Mute', 'transfer:Transfer', 'hangup:Hang up']);
  assert.deepEqual(actions(call({ state: 'HELD', muted: true })),
    ['resume:Resume', 'mute:Unmute', 'transfer:Transfer', 'hangup:Hang up']);
  assert.deepEqual(actions(call({ state: 'ENDED', live: false })), []);
  assert.deepEqual(actions(call({ state: 'WRAPPED_UP', live: false })), []);
  assert.deepEqual(actions(call({ state: 'SOMETHING_NEW' })), []);
});

test('each control carries the uiAction args the protocol wants', () => {
  const controls = plain(S.controlsFor(call({ id: 'c-9', state: 'CONNECTED', muted: true })));
  assert.deepEqual(controls, [
    { action: 'hold', label: 'Hold', args: { callId: 'c-9' } },
    { action: 'mute', label: 'Unmute', args: { callId: 'c-9', muted: false } },
    { action: 'transfer', label: 'Transfer', args: { callId: 'c-9' }, needsTarget: true },
    { action: 'hangup', label: 'Hang up', args: { callId: 'c-9' } },
  ]);
  assert.deepEqual(plain(S.controlsFor(call({ state: 'CONNECTED' }))[1].args), { callId: 'c-1', muted: true });
});

test('only ENDED calls ask for a wrap-up, whose args leave out what is empty', () => {
  assert.equal(S.needsWrapUp(call({ state: 'ENDED', live: false })), true);
  assert.equal(S.needsWrapUp(call({ state: 'WRAPPED_UP', live: false })), false);
  assert.equal(S.needsWrapUp(call({ state: 'CONNECTED' })), false);
  assert.deepEqual(plain(S.wrapUpArgs('c-1', 'connected', '  spoke to Ada ')),
    { callId: 'c-1', disposition: 'connected', notes: 'spoke to Ada' });
  assert.deepEqual(plain(S.wrapUpArgs('c-1', '', '   ')), { callId: 'c-1' });
  assert.deepEqual(plain(S.DEFAULT_DISPOSITIONS.map((d) => d.code)),
    ['connected', 'left-voicemail', 'no-answer', 'wrong-number']);
});

test('the timer counts talk time from connectedAt, ringing time before, and freezes at the end', () => {
  const start = Date.parse('2026-01-01T00:00:05Z');
  assert.deepEqual(plain(S.callTimer(call({}), start + 65000)), { ms: 65000, running: true });
  const ringing = call({ state: 'RINGING', connectedAt: undefined });
  assert.deepEqual(plain(S.callTimer(ringing, Date.parse('2026-01-01T00:00:12Z'))), { ms: 12000, running: true });
  const ended = call({ state: 'ENDED', live: false, endedAt: '2026-01-01T00:01:05Z' });
  assert.deepEqual(plain(S.callTimer(ended, start + 999999)), { ms: 60000, running: false });
  const missed = call({ state: 'ENDED', live: false, connectedAt: undefined, endedAt: '2026-01-01T00:00:20Z' });
  assert.equal(S.callTimer(missed, 0).ms, 20000);
  assert.equal(S.formatDuration(S.callTimer(call({}), start - 3000).ms), '0:00', 'a browser clock behind the server');
});

test('the party is the other side: to on outbound, from on inbound, with the CRM name when known', () => {
  assert.deepEqual(plain(S.partyOf(call({}))), { name: null, number: '(415) 555-1212' });
  const inbound = call({ direction: 'INBOUND', from: { e164: '+442071234567', display: '020 7123 4567' },
    to: { e164: '+14155550000', display: 'ours', extension: '12' },
    record: { crm: 'hubspot', objectType: 'CONTACT', id: '101', name: 'Ada Lovelace' } });
  assert.deepEqual(plain(S.partyOf(inbound)), { name: 'Ada Lovelace', number: '020 7123 4567' });
  assert.equal(S.partyOf(call({ to: { e164: '+14155551212', display: '(415) 555-1212', extension: '7' } })).number,
    '(415) 555-1212 ext. 7');
  assert.equal(S.partyOf(call({ direction: 'INBOUND', from: undefined })).number, 'Unknown number');
});

test('state labels say the direction while ringing and the end status once ended', () => {
  assert.equal(S.stateLabel(call({ state: 'RINGING', direction: 'INBOUND' })), 'Incoming · ringing');
  assert.equal(S.stateLabel(call({ state: 'HELD' })), 'On hold');
  assert.equal(S.stateLabel(call({ state: 'ENDED', endStatus: 'NO_ANSWER' })), 'Ended · no answer');
});

test('presence shows the away reason and a choice pending until the call ends', () => {
  assert.equal(S.presenceOf({ presence: { status: 'AVAILABLE' } }).label, 'Available');
  assert.equal(S.presenceOf({ presence: { status: 'AWAY', reason: 'Lunch' } }).label, 'Away (Lunch)');
  assert.equal(S.presenceOf({ presence: { status: 'OFFLINE' } }).label, 'Offline');
  assert.equal(S.presenceOf({ presence: { status: 'AVAILABLE' }, pendingPresence: { status: 'AWAY' } }).pending,
    'Away after this call');
  assert.equal(S.presenceOf(undefined).status, 'OFFLINE');
  assert.deepEqual(plain(S.presenceArgs('AWAY', ' Lunch ')), { status: 'AWAY', reason: 'Lunch' });
  assert.deepEqual(plain(S.presenceArgs('AWAY', '')), { status: 'AWAY' });
  assert.deepEqual(plain(S.presenceArgs('AVAILABLE', 'Lunch')), { status: 'AVAILABLE' });
});

test('dialing needs a logged-in agent without a live call', () => {
  assert.equal(S.canDial(null), false);
  assert.equal(S.canDial({ agent: { loggedIn: false }, calls: [] }), false);
  assert.equal(S.canDial({ agent: { loggedIn: true }, calls: [] }), true);
  assert.equal(S.canDial({ agent: { loggedIn: true }, calls: [call({ state: 'ENDED', live: false })] }), true);
  assert.equal(S.canDial({ agent: { loggedIn: true }, calls: [call({})] }), false);
});

test('connection statuses read as short sentences, refusals as errors', () => {
  assert.deepEqual(plain(S.statusLabel('open')), { text: 'Connected', tone: 'ok' });
  assert.equal(S.statusLabel('reconnecting', { delayMs: 2400 }).text, 'Reconnecting in 3 s…');
  const refused = S.statusLabel('refused', { code: 1008, reason: 'token expired' });
  assert.equal(refused.tone, 'error');
  assert.match(refused.text, /token expired/);
  const replaced = S.statusLabel('refused', { code: 4002, reason: 'replaced by a newer session of this agent' });
  assert.equal(replaced.tone, 'error');
  assert.equal(replaced.text, 'Disconnected: this agent opened another frame in its place. Reload to use this one again.');
});

test('a rejected ack or a failed promise gives the text to show; an accepted ack none', () => {
  assert.equal(S.ackErrorText({ type: 'ack', id: 'a', ok: true, result: 'accepted' }), null);
  assert.equal(S.ackErrorText({ type: 'ack', id: 'a', ok: false, result: 'rejected',
    error: { code: 'AGENT_BUSY', message: 'the agent has a live call' } }), 'the agent has a live call');
  assert.equal(S.ackErrorText({ type: 'ack', ok: false, result: 'rejected', error: { code: 'UNKNOWN_CALL' } }),
    'UNKNOWN_CALL');
  assert.equal(S.ackErrorText(new Error('no ack for hold within 10 s')), 'no ack for hold within 10 s');
  assert.equal(S.ackErrorText(null), 'No answer from the server');
});

test('notices: newest first, at most five, failures marked as errors', () => {
  const notices = [];
  for (let i = 0; i < 7; i++) {
    notices.push({ code: i === 6 ? 'hubspot.CREATE_ENGAGEMENT_FAILED' : 'info.' + i, message: 'm' + i,
      at: '2026-01-01T00:00:0' + i + 'Z' });
  }
  const shown = plain(S.noticesToShow(notices));
  assert.deepEqual(shown.map((n) => n.text), ['m6', 'm5', 'm4', 'm3', 'm2']);
  assert.equal(shown[0].error, true);
  assert.equal(shown[1].error, false);
  assert.equal(S.noticeIsError({ code: 'salesforce.SAVE_LOG_ERROR' }), true);
  assert.equal(S.noticeIsError({ code: 'core.WORK_EXPIRED' }), true);
  assert.deepEqual(plain(S.noticesToShow(undefined)), []);
});

test('work items show the expected number and a readable state', () => {
  assert.deepEqual(plain(S.workItemView({ id: 'w-1', expectedNumber: { e164: '+14155551212', display: '(415) 555-1212' },
    state: 'PENDING', expiresAt: '2026-01-01T01:00:00Z' })),
  { id: 'w-1', number: '(415) 555-1212', label: 'To do', error: false, detail: null });
  const failed = S.workItemView({ id: 'w-2', expectedNumber: '+14155551212', state: 'FAILED', failure: 'no Task' });
  assert.equal(failed.number, '+14155551212');
  assert.equal(failed.error, true);
  assert.equal(failed.detail, 'no Task');
});

test('the script defines exactly one global', () => {
  const context = load('softphone.js');
  assert.deepEqual(Object.keys(context).filter((k) => !['URL', 'URLSearchParams', 'console'].includes(k)), ['CallbridgeSoftphone']);
});
