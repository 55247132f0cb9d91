/*
 * callbridge default softphone: draws the agent's state from the server's `ui` snapshots and turns every button
 * into a `uiAction`. It holds no call logic; what a state allows mirrors core's call machine so that only useful
 * buttons show, but the server decides. Plain ES2018, no dependencies. Defines one global: CallbridgeSoftphone.
 *
 * The state -> view rules are pure functions on the global (controlsFor, formatDuration, ...) so they can be
 * tested without a DOM; mount() only wires them to elements.
 */
(function (global) {
  'use strict';

  const DEFAULT_DISPOSITIONS = [
    { code: 'connected', label: 'Connected' },
    { code: 'left-voicemail', label: 'Left voicemail' },
    { code: 'no-answer', label: 'No answer' },
    { code: 'wrong-number', label: 'Wrong number' },
  ];
  const DIAL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
  const TICK_MS = 1000;
  const MAX_NOTICES_SHOWN = 5;

  const STATE_LABELS = {
    QUEUED: 'Queued',
    DIALING: 'Dialing',
    RINGING: 'Ringing',
    CONNECTED: 'Connected',
    HELD: 'On hold',
    ENDED: 'Ended',
    WRAPPED_UP: 'Wrapped up',
  };
  const END_LABELS = {
    COMPLETED: 'completed',
    BUSY: 'busy',
    NO_ANSWER: 'no answer',
    FAILED: 'failed',
    CANCELED: 'canceled',
    REJECTED: 'rejected',
    MISSED: 'missed',
    TRANSFERRED: 'transferred',
  };
  const WORK_LABELS = {
    PENDING: 'To do',
    MATCHED: 'On a call',
    LOGGED: 'Logged',
    COMPLETED: 'Done',
    FAILED: 'Failed',
    EXPIRED: 'Expired',
  };

  // ------------------------------------------------------------------ pure state -> view rules

  /** 65000 -> "1:05", 3725000 -> "1:02:05"; negative (clock skew) counts as 0. */
  function formatDuration(ms) {
    const total = Math.max(0, Math.floor((Number(ms) || 0) / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const ss = (seconds < 10 ? '0' : '') + seconds;
    if (hours > 0) {
      return hours + ':' + (minutes < 10 ? '0' : '') + minutes + ':' + ss;
    }
    return minutes + ':' + ss;
  }

  function millis(iso) {
    const value = iso ? Date.parse(iso) : NaN;
    return isNaN(value) ? null : value;
  }

  /**
   * What the call's timer shows: talk time once connected (frozen at the end), else time since it was created.
   * Returns {ms, running}.
   */
  function callTimer(call, nowMs) {
    const connected = millis(call.connectedAt);
    const ended = millis(call.endedAt);
    const start = connected !== null ? connected : millis(call.createdAt);
    if (start === null) {
      return { ms: 0, running: false };
    }
    if (ended !== null || !call.live) {
      return { ms: ended !== null ? ended - start : 0, running: false };
    }
    return { ms: nowMs - start, running: true };
  }

  /** The buttons a call's state allows, in display order: {action, label, args, needsTarget?}. */
  function controlsFor(call) {
    const id = { callId: call.id };
    const hangUp = { action: 'hangup', label: 'Hang up', args: id };
    switch (call.state) {
      case 'QUEUED':
      case 'DIALING':
        return [{ action: 'hangup', label: 'Cancel', args: id }];
      case 'RINGING':
        return call.direction === 'INBOUND'
          ? [{ action: 'answer', label: 'Answer', args: id }, { action: 'reject', label: 'Reject', args: id }]
          : [{ action: 'hangup', label: 'Cancel', args: id }];
      case 'CONNECTED':
        return [{ action: 'hold', label: 'Hold', args: id }, muteControl(call),
          { action: 'transfer', label: 'Transfer', args: id, needsTarget: true }, hangUp];
      case 'HELD':
        return [{ action: 'resume', label: 'Resume', args: id }, muteControl(call),
          { action: 'transfer', label: 'Transfer', args: id, needsTarget: true }, hangUp];
      default:
        // ENDED is wrapped up through its form; WRAPPED_UP and unknown states take no action.
        return [];
    }
  }

  function muteControl(call) {
    return call.muted
      ? { action: 'mute', label: 'Unmute', args: { callId: call.id, muted: false } }
      : { action: 'mute', label: 'Mute', args: { callId: call.id, muted: true } };
  }

  /** Whether the call waits for its outcome (disposition and notes). */
  function needsWrapUp(call) {
    return call.state === 'ENDED';
  }

  /** The wrapUp args; empty disposition or notes are left out rather than sent blank. */
  function wrapUpArgs(callId, disposition, notes) {
    const args = { callId: callId };
    if (disposition) {
      args.disposition = disposition;
    }
    const text = typeof notes === 'string' ? notes.trim() : '';
    if (text) {
      args.notes = text;
    }
    return args;
  }

  /** The other party: who we call on outbound calls, who calls on inbound ones; the CRM record's name if known. */
  function partyOf(call) {
    const number = call.direction === 'INBOUND' ? call.from : call.to;
    const display = number ? (number.display || number.e164 || '') : '';
    const withExtension = number && number.extension ? display + ' ext. ' + number.extension : display;
    const name = call.record && call.record.name ? call.record.name : null;
    return { name: name, number: withExtension || 'Unknown number' };
  }

  function stateLabel(call) {
    const label = STATE_LABELS[call.state] || String(call.state);
    const end = call.endStatus ? END_LABELS[call.endStatus] || String(call.endStatus).toLowerCase() : null;
    const direction = call.direction === 'INBOUND' ? 'Incoming' : 'Outgoing';
    if (call.state === 'RINGING') {
      return direction + ' · ringing';
    }
    return end ? label + ' · ' + end : label;
  }

  /** The presence to show and select: {status, reason, pending} where pending is the choice for after the call. */
  function presenceOf(agent) {
    const presence = agent && agent.presence ? agent.presence : { status: 'OFFLINE' };
    const pending = agent && agent.pendingPresence ? agent.pendingPresence : null;
    return {
      status: presence.status,
      reason: presence.reason || '',
      label: presence.status === 'AWAY'
        ? 'Away' + (presence.reason ? ' (' + presence.reason + ')' : '')
        : presence.status === 'AVAILABLE' ? 'Available' : 'Offline',
      pending: pending ? (pending.status === 'AWAY' ? 'Away' : 'Available') + ' after this call' : null,
    };
  }

  /** The presence action's args; a reason only goes with AWAY. */
  function presenceArgs(status, reason) {
    const args = { status: status };
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (status === 'AWAY' && text) {
      args.reason = text;
    }
    return args;
  }

  // The server closed this frame's session to make room for a newer one of the same agent (docs/bridge-protocol.md).
  const REPLACED_CLOSE_CODE = 4002;

  /** One line for the connection status of the bridge (statuses from CallbridgeBridge's onStatus). */
  function statusLabel(status, detail) {
    const d = detail || {};
    switch (status) {
      case 'open':
        return { text: 'Connected', tone: 'ok' };
      case 'connecting':
        return { text: 'Connecting…', tone: 'busy' };
      case 'reconnecting':
        return { text: d.delayMs ? 'Reconnecting in ' + Math.ceil(d.delayMs / 1000) + ' s…' : 'Reconnecting…',
          tone: 'busy' };
      case 'refused':
        if (d.code === REPLACED_CLOSE_CODE) {
          return { text: 'Disconnected: this agent opened another frame in its place. Reload to use this one again.',
            tone: 'error' };
        }
        return { text: 'Not allowed to connect' + (d.reason ? ': ' + d.reason : '') + '. Reload to sign in again.',
          tone: 'error' };
      case 'closed':
        return { text: 'Disconnected', tone: 'error' };
      default:
        return { text: 'Not connected', tone: 'busy' };
    }
  }

  /**
   * Notices carry no severity, only a code; codes of failures name them (e.g. hubspot.CREATE_ENGAGEMENT_FAILED),
   * so those show as errors.
   */
  function noticeIsError(notice) {
    return /FAIL|ERROR|REJECT|DENIED|EXPIRED|TIMEOUT|NO_FRAME/i.test(String(notice && notice.code));
  }

  /** The newest notices first, at most a handful so calls stay visible in a small frame. */
  function noticesToShow(notices) {
    return (notices || []).slice(-MAX_NOTICES_SHOWN).reverse().map(function (notice) {
      return { text: notice.message || notice.code, error: noticeIsError(notice), callId: notice.callId || null };
    });
  }

  function workItemView(item) {
    const number = item.expectedNumber;
    const display = number && typeof number === 'object' ? number.display || number.e164 : number;
    return {
      id: item.id,
      number: display || '',
      label: WORK_LABELS[item.state] || String(item.state),
      error: item.state === 'FAILED' || item.state === 'EXPIRED',
      detail: item.failure || null,
    };
  }

  /** The text to show for an ack (null when it went through) or a rejected promise. */
  function ackErrorText(ackOrError) {
    if (!ackOrError) {
      return 'No answer from the server';
    }
    if (ackOrError instanceof Error || (ackOrError.message && !ackOrError.type)) {
      return ackOrError.message;
    }
    if (ackOrError.ok) {
      return null;
    }
    const error = ackOrError.error || {};
    return error.message || error.code || 'Refused';
  }

  /** Dialing needs a logged-in agent without a live call; the server checks again. */
  function canDial(state) {
    const agent = state && state.agent;
    if (!agent || !agent.loggedIn) {
      return false;
    }
    return !(state.calls || []).some(function (call) { return call.live; });
  }

  // ------------------------------------------------------------------ DOM

  /** Creates an element: h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text' or [children]). */
  function h(doc, tag, attributes, children) {
    const el = doc.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      const value = attributes[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name.indexOf('on') === 0 && typeof value === 'function') {
        el.addEventListener(name.slice(2), value);
      } else if (name === 'value') {
        el.value = value;
      } else {
        el.setAttribute(name, value === true ? '' : String(value));
      }
    });
    [].concat(children === undefined ? [] : children).forEach(function (child) {
      if (child !== null && child !== undefined && child !== false) {
        el.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
      }
    });
    return el;
  }

  function clear(el) {
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
  }

  /**
   * Draws the softphone into `element` and keeps it in step with `bridge` (from CallbridgeBridge.connect).
   * Returns {unmount()}.
   */
  function mount(element, bridge, options) {
    const opts = options || {};
    const doc = element.ownerDocument;
    const now = opts.now || Date.now;
    const dispositions = opts.dispositions || DEFAULT_DISPOSITIONS;
    const view = skeleton(doc, opts.title || 'Phone');
    const cards = new Map(); // callId -> {root, timer, controls, wrapUp, signature}
    const topicValues = new Map(); // topic -> JSON text last rendered
    const topicBoxes = new Map(); // topic -> its container element
    let state = null;

    clear(element);
    element.classList.add('cb-softphone');
    element.appendChild(view.root);

    function act(action, args, button) {
      setError(null);
      if (button) {
        button.disabled = true;
      }
      return bridge.uiAction(action, args).then(function (ack) {
        setError(ackErrorText(ack));
        return ack;
      }, function (error) {
        setError(ackErrorText(error));
        return null;
      }).then(function (ack) {
        if (button) {
          button.disabled = false;
        }
        // The snapshot that arrived meanwhile may forbid dialing (a call is live now).
        view.dialButton.disabled = !canDial(state);
        return ack;
      });
    }

    function setError(text) {
      view.error.textContent = text || '';
      view.error.hidden = !text;
    }

    // ---------------------------------------------------------------- static parts

    view.login.addEventListener('click', function () {
      const loggedIn = state && state.agent && state.agent.loggedIn;
      act(loggedIn ? 'logout' : 'login', {}, view.login);
    });
    view.presenceApply.addEventListener('click', function () {
      act('presence', presenceArgs(view.presenceSelect.value, view.reason.value), view.presenceApply);
    });
    view.presenceSelect.addEventListener('change', function () {
      view.reasonRow.hidden = view.presenceSelect.value !== 'AWAY';
    });
    view.dialForm.addEventListener('submit', function (event) {
      event.preventDefault();
      const number = view.number.value.trim();
      if (!number) {
        setError('Enter a number to dial');
        return;
      }
      act('dial', { number: number }, view.dialButton).then(function (ack) {
        if (ack && ack.ok) {
          view.number.value = '';
        }
      });
    });
    DIAL_KEYS.forEach(function (key) {
      view.pad.appendChild(h(doc, 'button', {
        type: 'button', class: 'cb-key', 'aria-label': 'Key ' + key,
        onclick: function () { view.number.value += key; view.number.focus(); },
      }, key));
    });

    // ---------------------------------------------------------------- from the state

    function render(next) {
      state = next;
      renderAgent(next.agent || {});
      renderCalls(next.calls || []);
      renderWork(next.workItems || []);
      renderNotices(next.notices || []);
      renderTopics(next.topics || {});
      view.dialButton.disabled = !canDial(next);
      // The keys only take room while a call is live; the number field stays for a transfer target to copy.
      view.pad.hidden = (next.calls || []).some(function (call) { return call.live; });
    }

    function renderAgent(agent) {
      view.agentName.textContent = agent.id || '';
      // "Log in to phone": taking calls (core's login to the phone queue), not signing in to the vendor's account.
      view.login.textContent = agent.loggedIn ? 'Log out of phone' : 'Log in to phone';
      view.login.title = agent.loggedIn ? 'Stop taking calls; you stay signed in'
        : 'Start taking calls: log in to the phone queue';
      view.presenceRow.hidden = !agent.loggedIn;
      const presence = presenceOf(agent);
      view.presenceLabel.textContent = presence.label + (presence.pending ? ' · ' + presence.pending : '');
      view.presenceLabel.setAttribute('data-status', presence.status);
      if (doc.activeElement !== view.presenceSelect && doc.activeElement !== view.reason) {
        view.presenceSelect.value = presence.status === 'AWAY' ? 'AWAY' : 'AVAILABLE';
        view.reason.value = presence.reason;
        view.reasonRow.hidden = view.presenceSelect.value !== 'AWAY';
      }
    }

    function renderCalls(calls) {
      const seen = new Set();
      calls.forEach(function (call) {
        seen.add(call.id);
        let card = cards.get(call.id);
        if (!card) {
          card = newCard(call);
          cards.set(call.id, card);
        }
        // Appending an existing node moves it: the cards follow the server's order (oldest first).
        view.calls.appendChild(card.root);
        updateCard(card, call);
      });
      cards.forEach(function (card, id) {
        if (!seen.has(id)) {
          card.root.remove();
          cards.delete(id);
        }
      });
      view.noCalls.hidden = calls.length > 0;
    }

    function newCard(call) {
      const card = {
        call: call,
        party: h(doc, 'div', { class: 'cb-party' }),
        state: h(doc, 'span', { class: 'cb-state' }),
        timer: h(doc, 'span', { class: 'cb-timer', role: 'timer', 'aria-label': 'Call duration' }),
        controls: h(doc, 'div', { class: 'cb-controls', role: 'group', 'aria-label': 'Call controls' }),
        wrapUp: null,
        signature: null,
      };
      card.root = h(doc, 'li', { class: 'cb-call', 'data-call-id': call.id }, [
        card.party, h(doc, 'div', { class: 'cb-call-line' }, [card.state, card.timer]), card.controls]);
      return card;
    }

    function updateCard(card, call) {
      card.call = call;
      const party = partyOf(call);
      card.party.textContent = party.name ? party.name + ' · ' + party.number : party.number;
      card.state.textContent = stateLabel(call);
      card.root.setAttribute('data-state', call.state);
      tickCard(card);
      const controls = controlsFor(call);
      const signature = JSON.stringify(controls);
      if (signature !== card.signature) {
        // Rebuilt only when the allowed controls change, so a transfer target being typed survives snapshots.
        card.signature = signature;
        clear(card.controls);
        controls.forEach(function (control) { card.controls.appendChild(controlElement(control, party)); });
      }
      if (needsWrapUp(call) && !card.wrapUp) {
        card.wrapUp = wrapUpForm(call);
        card.root.appendChild(card.wrapUp);
      } else if (!needsWrapUp(call) && card.wrapUp) {
        card.wrapUp.remove();
        card.wrapUp = null;
      }
    }

    function tickCard(card) {
      const timer = callTimer(card.call, now());
      card.timer.textContent = formatDuration(timer.ms);
    }

    function controlElement(control, party) {
      const label = control.label + ' call with ' + (party.name || party.number);
      if (!control.needsTarget) {
        const button = h(doc, 'button', { type: 'button', class: 'cb-' + control.action, 'aria-label': label },
          control.label);
        button.addEventListener('click', function () { act(control.action, control.args, button); });
        return button;
      }
      const target = h(doc, 'input', { type: 'tel', class: 'cb-target', placeholder: 'Transfer to',
        'aria-label': 'Transfer target for ' + (party.name || party.number), maxlength: 255 });
      const button = h(doc, 'button', { type: 'submit', class: 'cb-transfer', 'aria-label': label }, control.label);
      return h(doc, 'form', { class: 'cb-transfer-form', onsubmit: function (event) {
        event.preventDefault();
        const value = target.value.trim();
        if (!value) {
          setError('Enter where to transfer the call');
          return;
        }
        act('transfer', Object.assign({ target: value }, control.args), button);
      } }, [target, button]);
    }

    function wrapUpForm(call) {
      const select = h(doc, 'select', { class: 'cb-disposition', 'aria-label': 'Call outcome' },
        [h(doc, 'option', { value: '' }, 'Outcome…')].concat(dispositions.map(function (d) {
          return h(doc, 'option', { value: d.code }, d.label);
        })));
      const notes = h(doc, 'textarea', { class: 'cb-notes', rows: 3, placeholder: 'Notes', 'aria-label': 'Call notes',
        maxlength: 10000 });
      if (call.outcome) {
        select.value = call.outcome.disposition || '';
        notes.value = call.outcome.notes || '';
      }
      const save = h(doc, 'button', { type: 'submit', class: 'cb-save' }, 'Save');
      return h(doc, 'form', { class: 'cb-wrapup', 'aria-label': 'Wrap up the call', onsubmit: function (event) {
        event.preventDefault();
        act('wrapUp', wrapUpArgs(call.id, select.value, notes.value), save);
      } }, [select, notes, save]);
    }

    function renderWork(items) {
      clear(view.work);
      items.map(workItemView).forEach(function (item) {
        view.work.appendChild(h(doc, 'li', { class: item.error ? 'cb-work cb-error' : 'cb-work' }, [
          h(doc, 'span', { class: 'cb-work-number' }, item.number),
          h(doc, 'span', { class: 'cb-work-state' }, item.label),
          item.detail ? h(doc, 'div', { class: 'cb-work-detail' }, item.detail) : null,
        ]));
      });
      view.workSection.hidden = items.length === 0;
    }

    function renderNotices(notices) {
      clear(view.notices);
      noticesToShow(notices).forEach(function (notice) {
        view.notices.appendChild(h(doc, 'li', { class: notice.error ? 'cb-notice cb-error' : 'cb-notice' },
          notice.text));
      });
      view.notices.hidden = notices.length === 0;
    }

    function renderTopics(topics) {
      if (typeof opts.renderTopic !== 'function') {
        return;
      }
      Object.keys(topics).forEach(function (topic) {
        const json = JSON.stringify(topics[topic]);
        if (topicValues.get(topic) === json) {
          return;
        }
        topicValues.set(topic, json);
        let container = topicBoxes.get(topic);
        if (!container) {
          container = h(doc, 'div', { class: 'cb-topic', 'data-topic': topic });
          topicBoxes.set(topic, container);
          view.topics.appendChild(container);
        }
        clear(container);
        try {
          opts.renderTopic(topic, topics[topic], container);
        } catch (e) {
          clear(container);
          setError('Could not show ' + topic);
        }
      });
      topicBoxes.forEach(function (container, topic) {
        if (!Object.prototype.hasOwnProperty.call(topics, topic)) {
          container.remove();
          topicBoxes.delete(topic);
          topicValues.delete(topic);
        }
      });
    }

    function renderStatus(status, detail) {
      const label = statusLabel(status, detail);
      view.status.textContent = label.text;
      view.status.setAttribute('data-tone', label.tone);
      view.main.setAttribute('aria-disabled', status === 'open' ? 'false' : 'true');
    }

    const timerHandle = (opts.setInterval || global.setInterval.bind(global))(function () {
      cards.forEach(tickCard);
    }, TICK_MS);
    const unsubscribe = typeof bridge.subscribe === 'function'
      ? bridge.subscribe({ ui: render, status: renderStatus, problem: setError })
      : function () {};
    if (!state && typeof bridge.lastState === 'function' && bridge.lastState()) {
      render(bridge.lastState());
    }

    return {
      unmount: function () {
        unsubscribe();
        (opts.clearInterval || global.clearInterval.bind(global))(timerHandle);
        clear(element);
        element.classList.remove('cb-softphone');
      },
    };
  }

  /** The parts that never change; the rest is filled from snapshots. */
  function skeleton(doc, title) {
    const v = {};
    v.status = h(doc, 'span', { class: 'cb-status', role: 'status', 'aria-live': 'polite' }, 'Connecting…');
    v.agentName = h(doc, 'span', { class: 'cb-agent' });
    v.login = h(doc, 'button', { type: 'button', class: 'cb-login' }, 'Log in to phone');
    v.presenceLabel = h(doc, 'span', { class: 'cb-presence-label' });
    v.presenceSelect = h(doc, 'select', { class: 'cb-presence', 'aria-label': 'Presence' }, [
      h(doc, 'option', { value: 'AVAILABLE' }, 'Available'), h(doc, 'option', { value: 'AWAY' }, 'Away')]);
    v.reason = h(doc, 'input', { type: 'text', class: 'cb-reason', placeholder: 'Reason (optional)',
      'aria-label': 'Away reason', maxlength: 100 });
    v.reasonRow = h(doc, 'div', { class: 'cb-row', hidden: true }, [v.reason]);
    v.presenceApply = h(doc, 'button', { type: 'button', class: 'cb-apply' }, 'Set');
    v.presenceRow = h(doc, 'div', { class: 'cb-presence-box', hidden: true }, [
      h(doc, 'div', { class: 'cb-row' }, [v.presenceLabel]),
      h(doc, 'div', { class: 'cb-row' }, [v.presenceSelect, v.presenceApply]), v.reasonRow]);
    v.error = h(doc, 'div', { class: 'cb-action-error', role: 'alert', hidden: true });
    v.number = h(doc, 'input', { type: 'tel', class: 'cb-number', placeholder: 'Number', autocomplete: 'tel',
      'aria-label': 'Number to dial', maxlength: 64 });
    v.dialButton = h(doc, 'button', { type: 'submit', class: 'cb-dial', disabled: true }, 'Call');
    v.pad = h(doc, 'div', { class: 'cb-pad', role: 'group', 'aria-label': 'Dial pad' });
    v.dialForm = h(doc, 'form', { class: 'cb-dialer', 'aria-label': 'Dial' }, [
      h(doc, 'div', { class: 'cb-row' }, [v.number, v.dialButton]), v.pad]);
    v.calls = h(doc, 'ul', { class: 'cb-calls', 'aria-label': 'Calls' });
    v.noCalls = h(doc, 'p', { class: 'cb-empty' }, 'No calls');
    v.work = h(doc, 'ul', { class: 'cb-work-items' });
    v.workSection = h(doc, 'section', { class: 'cb-work-section', 'aria-label': 'Work items', hidden: true }, [
      h(doc, 'h2', {}, 'Work'), v.work]);
    v.notices = h(doc, 'ul', { class: 'cb-notices', 'aria-label': 'Notices', 'aria-live': 'polite', hidden: true });
    v.topics = h(doc, 'div', { class: 'cb-topics' });
    // Calls first: in a 560 px frame what happens on a call matters more than the dial pad below it.
    v.main = h(doc, 'main', { class: 'cb-main' }, [v.presenceRow, v.error, v.calls, v.topics, v.dialForm,
      v.noCalls, v.workSection, v.notices]);
    v.root = h(doc, 'div', { class: 'cb-frame' }, [
      h(doc, 'header', { class: 'cb-header' }, [h(doc, 'h1', { class: 'cb-title' }, title), v.status]),
      h(doc, 'div', { class: 'cb-row cb-account' }, [v.agentName, v.login]),
      v.main]);
    return v;
  }

  global.CallbridgeSoftphone = Object.freeze({
    mount: mount,
    DEFAULT_DISPOSITIONS: DEFAULT_DISPOSITIONS,
    formatDuration: formatDuration,
    callTimer: callTimer,
    controlsFor: controlsFor,
    needsWrapUp: needsWrapUp,
    wrapUpArgs: wrapUpArgs,
    partyOf: partyOf,
    stateLabel: stateLabel,
    presenceOf: presenceOf,
    presenceArgs: presenceArgs,
    statusLabel: statusLabel,
    noticeIsError: noticeIsError,
    noticesToShow: noticesToShow,
    workItemView: workItemView,
    ackErrorText: ackErrorText,
    canDial: canDial,
  });
})(typeof globalThis !== 'undefined' ? globalThis : this);
