/*
 * HubSpot host simulator: plays HubSpot around the calling app. Every app frame is created and synced by the
 * SDK's own IFrameManager (host side, iFrameOptions); this script answers the app's messages the way HubSpot does
 * (engagements, caller-id matches, navigation) and records every message in window.__hostLog for tests.
 */
(function () {
  'use strict';

  var cfg = window.__simConfig;
  var softphone = cfg.hubspot;
  var params = new URLSearchParams(location.search);
  var agent = params.get('agent') || 'alice';
  var PORTAL_ID = 990001;
  var USER_ID = 5501;
  var OWNER_ID = 7701;
  var SIZES = { widget: [320, 600], remote: [320, 600], window: [400, 640] };

  var CONTACTS = [
    { id: 101, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+1 415 555 0100', property: 'phone' },
    { id: 102, firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: '+1 415 555 0101', property: 'phone' },
    { id: 103, firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', phone: '+1 415 555 0102', property: 'mobilephone' },
    { id: 104, firstName: 'Edsger', lastName: 'Dijkstra', email: 'edsger@example.com', phone: '+1 415 555 0103', property: 'phone' },
    { id: 105, firstName: 'Katherine', lastName: 'Johnson', email: 'katherine@example.com', phone: '+1 415 555 0104', property: 'phone' },
    { id: 106, firstName: 'Barbara', lastName: 'Liskov', email: 'barbara@example.com', phone: '+1 415 555 7001', property: 'phone' },
    { id: 107, firstName: 'Donald', lastName: 'Knuth', email: 'donald@example.com', phone: '+1 415 555 7002', property: 'phone' },
    { id: 108, firstName: 'Frances', lastName: 'Allen', email: 'frances@example.com', phone: '+1 415 555 7002', property: 'mobilephone' }
  ];
  var COMPANIES = [
    { id: 201, name: 'Analytical Engines Ltd', phone: '+1 415 555 0105', property: 'phone' }
  ];

  var log = [];
  var state = { engagements: [], navigations: [], errors: [], frames: {}, dials: [], records: [] };
  window.__hostLog = log;
  window.__hostState = state;

  var frames = {};
  var nextEngagementId = 40000001;
  // The frame whose message is being dispatched right now. All IFrameManagers listen on this window and all app
  // frames share one origin, so each manager would otherwise see every frame's messages; this listener is added
  // before any manager's, so it runs first for every message.
  var currentSource = null;
  window.addEventListener('message', function (event) {
    currentSource = event.source;
  });

  function $(id) {
    return document.getElementById(id);
  }

  function digits(number) {
    var d = String(number || '').replace(/\D/g, '');
    return d.length > 10 ? d.slice(-10) : d;
  }

  function record(dir, frame, type, data) {
    var entry = { seq: log.length + 1, at: Date.now(), dir: dir, frame: frame, type: type, data: data === undefined ? null : data };
    log.push(entry);
    var line = document.createElement('div');
    line.className = dir;
    line.textContent = (dir === 'in' ? frame + ' → host  ' : 'host → ' + frame + '  ') + type
      + (data === undefined || data === null ? '' : ' ' + JSON.stringify(data));
    var box = $('log');
    box.appendChild(line);
    box.scrollTop = box.scrollHeight;
  }

  function send(frame, type, data) {
    var f = frames[frame];
    if (!f || !f.manager) {
      return false;
    }
    record('out', frame, type, data);
    f.manager.sendMessage(data === undefined ? { type: type } : { type: type, data: data });
    return true;
  }

  // ----------------------------------------------------------------------------------------------- frames

  /**
   * The calling app's URL: the configured softphone page (?page=/path on this page: another page of the same origin),
   * with agent=… and `extra` in its query and, when the simulator server has a token source, #token=… from it.
   */
  function softphoneSrc(extra) {
    var url;
    try {
      url = new URL(softphone.softphoneUrl);
      var page = params.get('page');
      if (page !== null) {
        if (!/^\/(?![\/\\])/.test(page)) {
          throw new Error('?page= must be a path on ' + softphone.softphoneOrigin + ', such as /static/hubspot/softphone.html, not ' + page);
        }
        var other = new URL(page, softphone.softphoneOrigin);
        url.pathname = other.pathname;
        other.searchParams.forEach(function (value, key) { url.searchParams.set(key, value); });
      }
      url.searchParams.set('agent', agent);
      Object.keys(extra || {}).forEach(function (key) { url.searchParams.set(key, extra[key]); });
    } catch (e) {
      return Promise.reject(e);
    }
    if (!cfg.tokens) {
      return Promise.resolve(url.toString());
    }
    return fetch('/sim/token?' + new URLSearchParams({ agent: agent, crm: 'hubspot' }).toString(), { cache: 'no-store' })
      .then(function (r) { return r.json().catch(function () { return { error: 'HTTP ' + r.status }; }); })
      .then(function (body) {
        if (!body || typeof body.token !== 'string') {
          throw new Error('no agent token: ' + ((body && body.error) || 'the token request failed'));
        }
        url.hash = 'token=' + encodeURIComponent(body.token);
        return url.toString();
      });
  }

  function softphoneFailed(f, e) {
    f.status.textContent = 'no softphone: ' + (e && e.message ? e.message : e);
    f.status.className = 'badge err';
    record('out', f.location, 'NO_SOFTPHONE', { message: String(e && e.message ? e.message : e) });
  }

  function openFrame(location) {
    if (frames[location]) {
      return frames[location];
    }
    var box = document.createElement('div');
    box.className = 'frame';
    box.id = 'frame-' + location;
    var label = document.createElement('div');
    label.className = 'label';
    var name = document.createElement('span');
    name.textContent = location;
    var status = document.createElement('span');
    status.className = 'badge';
    status.id = 'status-' + location;
    status.textContent = 'loading';
    var reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = 'Reload';
    reload.id = 'reload-' + location;
    reload.addEventListener('click', function () { reloadFrame(location); });
    label.appendChild(name);
    label.appendChild(status);
    label.appendChild(reload);
    var slot = document.createElement('div');
    slot.id = 'slot-' + location;
    box.appendChild(label);
    box.appendChild(slot);
    $('frames').appendChild(box);

    var f = { location: location, src: null, manager: null, status: status, ready: false, initialized: false, loggedIn: false, available: false };
    frames[location] = f;
    state.frames[location] = f;
    softphoneSrc().then(function (src) { createManager(f, src); }, function (e) { softphoneFailed(f, e); });
    return f;
  }

  function createManager(f, src) {
    var location = f.location;
    f.src = src;
    var size = SIZES[location];
    f.manager = new window.IFrameManager({
      iFrameOptions: { src: src, width: size[0] + 'px', height: size[1] + 'px', hostElementSelector: '#slot-' + location },
      debugMode: false,
      onMessageHandler: function (message) { onAppMessage(location, message); }
    });
    // HubSpot's SYNC carries the portal, user and frame location; the SDK's host side only sends hostUrl, so the
    // simulator adds them to every SYNC it sends.
    var sendMessage = f.manager.sendMessage.bind(f.manager);
    f.manager.sendMessage = function (message, callback) {
      if (message && message.type === 'SYNC') {
        message = Object.assign({}, message, {
          portalId: PORTAL_ID, userId: USER_ID, ownerId: OWNER_ID, iframeLocation: location,
          usesCallingWindow: !!frames.window, engagementId: null
        });
        if (!f.syncLogged) {
          f.syncLogged = true;
          record('out', location, 'SYNC', { iframeLocation: location, portalId: PORTAL_ID });
        }
      }
      return sendMessage(message, callback);
    };
  }

  /**
   * Reloads a frame's app, as HubSpot does when the user reloads it. With `origin` (e.g. another node of the vendor's
   * server), the same page is loaded from that origin instead, and the SDK's host side then talks to that origin only.
   */
  function reloadFrame(location, origin) {
    var f = frames[location];
    if (!f || !f.manager || !f.manager.iFrame) {
      return;
    }
    var moveTo = null;
    if (origin !== undefined && origin !== null) {
      try {
        moveTo = new URL(origin);
        if ((moveTo.protocol !== 'https:' && moveTo.protocol !== 'http:') || moveTo.origin !== origin) {
          throw new Error('not an origin');
        }
      } catch (e) {
        throw new Error('reloadFrame: origin must be an http(s) origin such as https://host:8443, not ' + origin);
      }
    }
    f.ready = false;
    f.initialized = false;
    f.syncLogged = false;
    f.status.textContent = 'reloading';
    record('out', location, 'RELOAD', null);
    // A new src (and a fresh token) reloads the app; the manager's onload handler starts a new SYNC handshake.
    softphoneSrc({ reload: String(Date.now()) }).then(function (src) {
      if (moveTo) {
        var url = new URL(src);
        url.protocol = moveTo.protocol;
        url.host = moveTo.host;
        src = url.toString();
        f.manager.destinationHost = moveTo.origin;
      }
      f.src = src;
      f.manager.iFrame.src = src;
    }, function (e) { softphoneFailed(f, e); });
  }

  function paintFrame(f) {
    var text = !f.ready ? 'syncing' : !f.initialized ? 'ready'
      : (f.loggedIn ? 'logged in' : 'logged out') + (f.available ? ', available' : '');
    f.status.textContent = text;
    f.status.className = 'badge ' + (f.loggedIn && f.available ? 'ok' : f.ready ? 'warn' : '');
  }

  // ----------------------------------------------------------------------------------------------- app → host

  function onAppMessage(location, message) {
    var f = frames[location];
    var type = message && message.type;
    if (type !== 'SYNC_ACK_FAILED' && f.manager.iFrame && currentSource !== f.manager.iFrame.contentWindow) {
      return; // another frame's message, seen by this frame's manager too
    }
    var data = message.data;
    record('in', location, type, data);
    switch (type) {
      case 'READY':
        f.ready = true;
        break;
      case 'SYNC_ACK_FAILED':
        f.ready = false;
        f.status.textContent = 'SYNC_ACK_FAILED';
        f.status.className = 'badge err';
        return;
      case 'INITIALIZED':
        f.initialized = true;
        f.loggedIn = !!(data && data.isLoggedIn);
        f.available = !!(data && data.isAvailable);
        if (data && data.sizeInfo) {
          f.manager.updateIFrameSize(data.sizeInfo);
        }
        break;
      case 'LOGGED_IN': f.loggedIn = true; break;
      case 'LOGGED_OUT': f.loggedIn = false; break;
      case 'USER_AVAILABLE': f.available = true; break;
      case 'USER_UNAVAILABLE': f.available = false; break;
      case 'RESIZE_WIDGET':
        if (data) {
          f.manager.updateIFrameSize(data);
        }
        break;
      case 'OUTGOING_CALL_STARTED':
        callStarted(location, 'OUTBOUND', data);
        break;
      case 'INCOMING_CALL':
        incomingCall(location, data);
        break;
      case 'CALL_ANSWERED':
        timeline(data && data.externalCallId, 'answered', 'IN_PROGRESS');
        break;
      case 'CALL_TRANSFERRED':
        timeline(data && data.externalCallId, 'transferred', null);
        break;
      case 'CALL_ENDED':
        timeline(data && data.externalCallId, 'ended: ' + (data && data.callEndStatus), data && data.callEndStatus);
        break;
      case 'CALL_COMPLETED':
        callCompleted(location, data);
        break;
      case 'FINALIZE_ENGAGEMENT':
        send(location, 'FINALIZE_ENGAGEMENT_SUCCEEDED', { engagementId: data && data.engagementId, externalCallId: data && data.externalCallId });
        break;
      case 'PUBLISH_TO_CHANNEL':
        send(location, 'PUBLISH_TO_CHANNEL_SUCCEEDED', { engagementId: data && data.engagementId, externalCallId: data && data.externalCallId });
        break;
      case 'NAVIGATE_TO_RECORD':
        navigate(location, data);
        break;
      case 'ERROR':
        state.errors.push({ frame: location, data: data });
        break;
      default:
        break;
    }
    paintFrame(f);
  }

  function engagementFor(externalCallId) {
    for (var i = 0; i < state.engagements.length; i++) {
      if (state.engagements[i].externalCallId === externalCallId) {
        return state.engagements[i];
      }
    }
    return null;
  }

  function callStarted(location, direction, data) {
    if (!data || !data.externalCallId) {
      return null;
    }
    var e = engagementFor(data.externalCallId);
    if (e) {
      // The same call announced again (a reload, a retry): HubSpot keeps one engagement per call.
      e.announcements += 1;
    } else {
      e = {
        id: null, externalCallId: data.externalCallId, direction: direction, frame: location,
        from: data.fromNumber || null, to: data.toNumber || null, status: direction === 'OUTBOUND' ? 'CONNECTING' : 'RINGING',
        announcements: 1, completions: 0, properties: null, timeline: [], dialingContext: data.dialingContext || null
      };
      state.engagements.push(e);
      e.timeline.push(stamp(direction === 'OUTBOUND' ? 'call started to ' + e.to : 'incoming call from ' + e.from));
    }
    if (data.createEngagement !== false) {
      if (e.id === null && !e.creating) {
        if (cfg.records) {
          // The engagement is a call object of the simulated CRM, which its REST API serves too.
          e.creating = postJson('/sim/hubspot/engagements', { portalId: PORTAL_ID, properties: {
            hs_timestamp: String(Date.now()), hs_call_direction: direction, hs_call_status: e.status,
            hs_call_from_number: e.from || '', hs_call_to_number: e.to || '', hs_call_title: e.direction === 'OUTBOUND' ? 'Call to ' + (e.to || '?') : 'Call from ' + (e.from || '?')
          } }).then(function (body) { return body.engagementId; });
        } else {
          e.creating = Promise.resolve(nextEngagementId++);
        }
        e.creating.then(function (id) {
          e.id = id;
          e.timeline.push(stamp('engagement ' + e.id + ' created'));
          paintEngagements();
        }, function (err) {
          state.errors.push({ frame: location, data: { message: 'engagement not created: ' + err.message } });
        });
      }
      (e.creating || Promise.resolve(e.id)).then(function (id) {
        setTimeout(function () { send(location, 'CREATE_ENGAGEMENT_SUCCEEDED', { engagementId: id }); }, 50);
      }, function () { /* recorded above */ });
    }
    paintEngagements();
    return e;
  }

  function incomingCall(location, data) {
    if (!data) {
      return;
    }
    var from = digits(data.fromNumber);
    var matches = [];
    CONTACTS.forEach(function (c) {
      if (digits(c.phone) === from) {
        matches.push({ callerIdType: 'CONTACT', objectCoordinates: { portalId: PORTAL_ID, objectTypeId: '0-1', objectId: c.id },
          firstName: c.firstName, lastName: c.lastName, email: c.email });
      }
    });
    COMPANIES.forEach(function (c) {
      if (digits(c.phone) === from) {
        matches.push({ callerIdType: 'COMPANY', objectCoordinates: { portalId: PORTAL_ID, objectTypeId: '0-2', objectId: c.id }, name: c.name });
      }
    });
    setTimeout(function () {
      if (matches.length > 0) {
        send(location, 'CALLER_ID_MATCH_SUCCEEDED', { callerIdMatches: matches });
      } else {
        send(location, 'CALLER_ID_MATCH_FAILED', { error: { message: 'No records match ' + data.fromNumber } });
      }
      callStarted(location, 'INBOUND', data);
    }, 30);
  }

  function callCompleted(location, data) {
    var e = data && engagementFor(data.externalCallId);
    if (!e) {
      state.errors.push({ frame: location, data: { message: 'CALL_COMPLETED for an unknown call', original: data } });
      return;
    }
    e.completions += 1;
    e.properties = data.engagementProperties || null;
    e.status = (e.properties && e.properties.hs_call_status) || 'COMPLETED';
    e.timeline.push(stamp('completed' + (e.properties && e.properties.hs_call_disposition ? ' — outcome ' + e.properties.hs_call_disposition : '')
      + (e.properties && e.properties.hs_call_body ? ' — notes: ' + e.properties.hs_call_body : '')));
    var id = data.engagementId || e.id;
    var saved = cfg.records && id
      ? postJson('/sim/hubspot/engagements/update', { portalId: PORTAL_ID, engagementId: Number(id), properties: e.properties || {} })
      : Promise.resolve(null);
    saved.then(function () {
      setTimeout(function () { send(location, 'UPDATE_ENGAGEMENT_SUCCEEDED', { engagementId: id }); }, 30);
      refreshRecords();
    }, function (err) {
      send(location, 'UPDATE_ENGAGEMENT_FAILED', { engagementId: id, error: { message: err.message } });
    });
    paintEngagements();
  }

  function postJson(path, body) {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) {
          return r.text().then(function (t) { throw new Error('HTTP ' + r.status + ' ' + t); });
        }
        return r.json();
      });
  }

  // ----------------------------------------------------------------------------------------------- CRM records

  /** The portal's call records as the simulated CRM holds them (logged by a frame or by the REST API). */
  function refreshRecords() {
    if (!cfg.records) {
      return Promise.resolve([]);
    }
    return fetch('/sim/records?crm=hubspot', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : { records: [] }; })
      .then(function (body) {
        state.records = body.records || [];
        paintCallRecords();
        return state.records;
      }, function () { return state.records; });
  }

  function paintCallRecords() {
    var body = $('call-records').querySelector('tbody');
    body.textContent = '';
    state.records.slice().reverse().forEach(function (r) {
      var tr = document.createElement('tr');
      tr.id = 'call-record-' + r.id;
      [r.id, r.status, r.disposition, (r.direction === 'INBOUND' ? r.from : r.to),
        r.durationMs ? Math.round(Number(r.durationMs) / 1000) + ' s' : '',
        r.via === 'api' ? 'REST API' : r.via === 'frame' ? 'calling app (frame)' : 'pending'].forEach(function (v) {
        var td = document.createElement('td');
        td.textContent = v === undefined || v === null ? '' : String(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $('call-records-empty').hidden = state.records.length > 0;
  }

  function timeline(externalCallId, what, status) {
    var e = engagementFor(externalCallId);
    if (e) {
      e.timeline.push(stamp(what));
      if (status) {
        e.status = status;
      }
      paintEngagements();
    }
  }

  function navigate(location, data) {
    var c = data && data.objectCoordinates;
    var rec = c && findRecord(c.objectTypeId, c.objectId);
    if (!rec) {
      send(location, 'NAVIGATE_TO_RECORD_FAILED', { engagementId: data && data.engagementId, objectCoordinates: c || null });
      return;
    }
    state.navigations.push({ frame: location, objectTypeId: c.objectTypeId, objectId: Number(c.objectId), openIn: data.openIn || 'CURRENT_TAB' });
    showRecord(c.objectTypeId, rec);
  }

  function findRecord(objectTypeId, objectId) {
    var list = objectTypeId === '0-2' ? COMPANIES : objectTypeId === '0-1' ? CONTACTS : [];
    for (var i = 0; i < list.length; i++) {
      if (String(list[i].id) === String(objectId)) {
        return list[i];
      }
    }
    return null;
  }

  function stamp(text) {
    return new Date().toISOString().slice(11, 19) + ' ' + text;
  }

  // ----------------------------------------------------------------------------------------------- host → app

  function dial(objectTypeId, id) {
    var rec = findRecord(objectTypeId, id);
    var location = $('dial-frame').value;
    if (!rec || !frames[location]) {
      return null;
    }
    var contact = objectTypeId === '0-1';
    var data = {
      phoneNumber: rec.phone,
      ownerId: OWNER_ID,
      subjectId: rec.id,
      objectId: rec.id,
      objectType: contact ? 'CONTACT' : 'COMPANY',
      portalId: PORTAL_ID,
      countryCode: 'US',
      calleeInfo: { calleeId: rec.id, calleeObjectTypeId: objectTypeId },
      startTimestamp: Date.now(),
      toPhoneNumberSrc: rec.property
    };
    state.dials.push({ frame: location, data: data });
    showRecord(objectTypeId, rec);
    send(location, 'DIAL_NUMBER', data);
    return data;
  }

  function endCall() {
    var live = state.engagements.filter(function (e) { return !e.completions; });
    var target = live.length ? live[live.length - 1].frame : $('dial-frame').value;
    send(frames[target] ? target : Object.keys(frames)[0], 'END_CALL', {});
  }

  var minimised = false;
  function toggleVisibility() {
    minimised = !minimised;
    $('visibility').textContent = minimised ? 'Restore widget' : 'Minimise widget';
    send('widget', 'VISIBILITY_CHANGED', { isMinimized: minimised, isHidden: false });
  }

  function ring() {
    var from = $('ring-from').value;
    $('ring-result').textContent = '…';
    return fetch('/sim/ring?' + new URLSearchParams({ agent: agent, from: from }).toString(), { method: 'POST' })
      .then(function (r) { return r.json().catch(function () { return { error: 'HTTP ' + r.status }; }); })
      .then(function (body) {
        $('ring-result').textContent = body.callId ? 'ringing (' + body.callId + ')' : body.error;
        return body;
      });
  }

  // ----------------------------------------------------------------------------------------------- painting

  function showRecord(objectTypeId, rec) {
    var box = $('current-record');
    box.className = 'record';
    box.textContent = '';
    var title = document.createElement('b');
    title.id = 'current-record-name';
    title.textContent = objectTypeId === '0-1' ? rec.firstName + ' ' + rec.lastName : rec.name;
    box.appendChild(title);
    box.appendChild(document.createTextNode(' · ' + (objectTypeId === '0-1' ? 'contact' : 'company') + ' ' + rec.id + ' · ' + rec.phone));
  }

  function paintEngagements() {
    var box = $('engagements');
    box.className = '';
    box.textContent = '';
    state.engagements.slice().reverse().forEach(function (e) {
      var item = document.createElement('div');
      item.className = 'card record';
      item.style.marginBottom = '8px';
      var head = document.createElement('div');
      head.innerHTML = '';
      var b = document.createElement('b');
      b.textContent = (e.direction === 'OUTBOUND' ? 'Outbound call to ' + (e.to || '?') : 'Inbound call from ' + (e.from || '?'));
      head.appendChild(b);
      var badge = document.createElement('span');
      badge.className = 'badge ' + (e.completions ? 'ok' : 'warn');
      badge.textContent = ' ' + e.status + (e.id ? ' · engagement ' + e.id : '');
      head.appendChild(document.createTextNode(' '));
      head.appendChild(badge);
      item.appendChild(head);
      var ul = document.createElement('ul');
      ul.className = 'muted';
      e.timeline.forEach(function (t) {
        var li = document.createElement('li');
        li.textContent = t;
        ul.appendChild(li);
      });
      item.appendChild(ul);
      box.appendChild(item);
    });
  }

  function paintRecords() {
    var body = $('records').querySelector('tbody');
    function row(objectTypeId, rec, name) {
      var tr = document.createElement('tr');
      var td1 = document.createElement('td');
      td1.textContent = name;
      var td2 = document.createElement('td');
      td2.textContent = rec.phone;
      var td3 = document.createElement('td');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'primary';
      button.id = 'call-' + rec.id;
      button.textContent = 'Call';
      button.addEventListener('click', function () { dial(objectTypeId, rec.id); });
      td3.appendChild(button);
      tr.appendChild(td1);
      tr.appendChild(td2);
      tr.appendChild(td3);
      body.appendChild(tr);
    }
    CONTACTS.forEach(function (c) { row('0-1', c, c.firstName + ' ' + c.lastName + ' (contact)'); });
    COMPANIES.forEach(function (c) { row('0-2', c, c.name + ' (company)'); });
  }

  $('portal').textContent = String(PORTAL_ID);
  $('agent').textContent = agent;
  $('softphone-origin').textContent = softphone.softphoneOrigin;
  if (!cfg.inboundCalls) {
    $('ring').closest('section').hidden = true; // the server has no way to ring the vendor's phone system
  }
  paintRecords();
  if (cfg.records) {
    refreshRecords();
    setInterval(refreshRecords, 2000);
  } else {
    $('call-records-section').hidden = true;
  }
  $('end-call').addEventListener('click', endCall);
  $('visibility').addEventListener('click', toggleVisibility);
  $('ring').addEventListener('click', ring);
  Array.prototype.forEach.call(document.querySelectorAll('[data-open]'), function (b) {
    b.addEventListener('click', function () { openFrame(b.getAttribute('data-open')); });
  });

  // For tests and the curious: what the host can do, beside the buttons.
  window.__sim = {
    openFrame: function (location) { openFrame(location); return true; },
    reloadFrame: reloadFrame,
    dial: function (objectTypeId, id, location) {
      if (location) {
        $('dial-frame').value = location;
      }
      return dial(objectTypeId, id);
    },
    endCall: endCall,
    // Any DIAL_NUMBER payload HubSpot really sends (from a ticket with ids 0, TICKET, extra keys) or a malformed one.
    dialPayload: function (data, location) {
      var target = location || $('dial-frame').value;
      if (!frames[target]) {
        return null;
      }
      state.dials.push({ frame: target, data: data });
      send(target, 'DIAL_NUMBER', data);
      return data;
    },
    ring: function (from) {
      if (from) {
        $('ring-from').value = from;
      }
      return ring();
    },
    refreshRecords: refreshRecords,
    contacts: CONTACTS,
    companies: COMPANIES
  };

  // ?frames=widget,window opens several frames at once; each manager gets its own instance id (a new millisecond).
  var wanted = (params.get('frames') || 'widget').split(',').filter(function (l) { return SIZES[l]; });
  (function openNext(i) {
    if (i < wanted.length) {
      openFrame(wanted[i]);
      setTimeout(function () { openNext(i + 1); }, 5);
    }
  }(0));
}());
