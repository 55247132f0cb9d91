/*
 * Salesforce host simulator: a Lightning-like page around the Open CTI softphone utility. It answers every Open CTI
 * request the softphone's library posts (see opencti/opencti_min.js for the wire format), keeps fake records,
 * Tasks and Sales Engagement work, and records every message both ways in window.__hostLog for tests.
 */
(function () {
  'use strict';

  var cfg = window.__simConfig;
  var softphone = cfg.salesforce;
  var params = new URLSearchParams(location.search);
  var agent = params.get('agent') || 'bob';
  var API_VERSION = 62;
  /** The call centre's adapter URL: the configured softphone page, or ?page=/path of the same origin. */
  var ADAPTER_URL = null;
  var adapterUrlError = null;
  try {
    ADAPTER_URL = adapterUrl();
  } catch (e) {
    adapterUrlError = e;
  }

  function adapterUrl() {
    var url = new URL(softphone.softphoneUrl);
    var page = params.get('page');
    if (page !== null) {
      if (!/^\/(?![\/\\])/.test(page)) {
        throw new Error('?page= must be a path on ' + softphone.softphoneOrigin + ', such as /static/salesforce/softphone.html, not ' + page);
      }
      var other = new URL(page, softphone.softphoneOrigin);
      url.pathname = other.pathname;
      other.searchParams.forEach(function (value, key) { url.searchParams.set(key, value); });
    }
    return url;
  }

  function sfid(prefix, n) {
    var body = String(n);
    while (body.length < 9) {
      body = '0' + body;
    }
    return prefix + 'SIM' + body + 'AAA';
  }

  var RECORDS = [
    { Id: sfid('003', 1), Name: 'Ada Lovelace', type: 'Contact', Phone: '(415) 555-0100' },
    { Id: sfid('003', 2), Name: 'Grace Hopper', type: 'Contact', Phone: '(415) 555-0101' },
    { Id: sfid('00Q', 3), Name: 'Alan Turing', type: 'Lead', Phone: '(415) 555-0102' },
    { Id: sfid('003', 4), Name: 'Edsger Dijkstra', type: 'Contact', Phone: '(415) 555-0103' },
    { Id: sfid('003', 5), Name: 'Katherine Johnson', type: 'Contact', Phone: '(415) 555-0104' },
    { Id: sfid('003', 6), Name: 'Barbara Liskov', type: 'Contact', Phone: '(415) 555-7001' },
    { Id: sfid('003', 7), Name: 'Donald Knuth', type: 'Contact', Phone: '(415) 555-7002' },
    { Id: sfid('00Q', 8), Name: 'Frances Allen', type: 'Lead', Phone: '(415) 555-7002' },
    { Id: sfid('001', 9), Name: 'Analytical Engines Ltd', type: 'Account', Phone: '(415) 555-0105' }
  ];
  var WORK = [
    { workId: sfid('0Mw', 11), step: 'Call 1 · Intro cadence', recordId: sfid('003', 1) },
    { workId: sfid('0Mw', 12), step: 'Call 1 · Intro cadence', recordId: sfid('00Q', 3) },
    { workId: sfid('0Mw', 13), step: 'Call 2 · Follow-up', recordId: sfid('003', 2) },
    { workId: sfid('0Mw', 14), step: 'Call 1 · Follow-up', recordId: sfid('003', 5) }
  ];
  var CALL_TYPES = ['Inbound', 'Outbound', 'Internal'];
  var LIMITS = { Subject: 255, Description: 32000, CallDisposition: 255, CallObject: 255 };

  var log = [];
  var state = {
    initialized: false, clickToDial: false, panel: { visible: true, height: 560, width: 340, label: 'Phone', icon: 'call' },
    item: { label: 'Phone', icon: 'call' }, listeners: {}, tasks: [], completedWork: [], screenPops: [], searches: [],
    refreshes: 0, current: null, restTasks: [], workStarted: [], channels: [], published: []
  };
  /** Lightning Message Service subscribers by channel (eventName on the wire): where to post its messages. */
  var subscribers = {};
  window.__hostLog = log;
  window.__hostState = state;
  var nextTask = 1;
  var frame = null;

  function $(id) {
    return document.getElementById(id);
  }

  function digits(number) {
    var d = String(number || '').replace(/\D/g, '');
    return d.length > 10 ? d.slice(-10) : d;
  }

  function byId(id) {
    for (var i = 0; i < RECORDS.length; i++) {
      if (RECORDS[i].Id === id) {
        return RECORDS[i];
      }
    }
    return null;
  }

  function record(dir, type, data, callId) {
    var entry = { seq: log.length + 1, at: Date.now(), dir: dir, frame: 'tab', type: type, callId: callId === undefined ? null : callId, data: data === undefined ? null : data };
    if (dir === 'in' && data && typeof data === 'object') {
      entry.argKeys = Object.keys(data); // keys sent without a value vanish from data's JSON
    }
    log.push(entry);
    var line = document.createElement('div');
    line.className = dir;
    line.textContent = (dir === 'in' ? 'softphone → host  ' : 'host → softphone  ') + type
      + (callId ? ' #' + callId : '') + (data === undefined || data === null ? '' : ' ' + JSON.stringify(data));
    var box = $('log');
    box.appendChild(line);
    box.scrollTop = box.scrollHeight;
  }

  // ------------------------------------------------------------------------------------------------ the wire

  function reply(event, request, result) {
    var response = {
      apiVersion: request.apiVersion, apiType: 'opencti', methodName: request.methodName, callId: request.callId,
      response: result, shouldExecuteCallback: true, shouldExecuteListener: false
    };
    record('out', request.methodName, result, request.callId);
    event.source.postMessage(response, event.origin);
  }

  function fire(methodName, payload) {
    var l = state.listeners[methodName];
    if (!l) {
      record('out', methodName + ' (no listener registered)', payload);
      return false;
    }
    record('out', methodName, payload);
    l.source.postMessage({
      apiVersion: l.apiVersion, apiType: 'opencti', methodName: methodName, response: payload,
      shouldExecuteListener: true, shouldExecuteCallback: false
    }, l.origin);
    return true;
  }

  /** A Lightning Message Service message on a channel, to the frame subscribed to it; false if none is. */
  function deliver(eventName, message) {
    var to = subscribers[eventName];
    state.published.push({ eventName: eventName, message: message, delivered: !!to });
    if (!to) {
      record('out', 'subscribe ' + eventName + ' (no subscriber)', message);
      return false;
    }
    record('out', 'subscribe', { eventName: eventName, message: message });
    to.source.postMessage({
      apiVersion: to.apiVersion, apiType: 'opencti', methodName: 'subscribe', eventName: eventName, response: message,
      shouldExecuteListener: true, shouldExecuteCallback: false
    }, to.origin);
    return true;
  }

  function channels() {
    state.channels = Object.keys(subscribers).sort();
  }

  function ok(value) {
    return { success: true, returnValue: value === undefined ? null : value, errors: null };
  }

  function error(code, description) {
    return { success: false, returnValue: null, errors: [{ code: code, description: description }] };
  }

  window.addEventListener('message', function (event) {
    var request = event.data;
    if (event.origin !== softphone.softphoneOrigin || !request || request.apiType !== 'opencti' || typeof request.methodName !== 'string') {
      return;
    }
    record('in', request.methodName, request.args, request.callId);
    var from = { source: event.source, origin: event.origin, apiVersion: request.apiVersion };
    if (request.isListenerRegistered && request.methodName !== 'subscribe') {
      state.listeners[request.methodName] = from;
    }
    var result;
    try {
      result = handle(request.methodName, request.args || {}, from);
    } catch (e) {
      result = error('GENERIC_ERROR', String(e && e.message ? e.message : e));
    }
    if (request.isCallbackRegistered) {
      reply(event, request, result);
    }
    paint();
  });

  // ------------------------------------------------------------------------------------------------ methods

  function handle(method, args, from) {
    switch (method) {
      case 'notifyInitializationComplete':
        state.initialized = true;
        return ok(null);
      case 'enableClickToDial':
        state.clickToDial = true;
        return ok(null);
      case 'disableClickToDial':
        state.clickToDial = false;
        return ok(null);
      case 'onClickToDial':
      case 'onNavigationChange':
      case 'onWorkStart':
        return ok(null);
      case 'subscribe':
        return channel(args.eventName, function (name) {
          subscribers[name] = from;
          channels();
        });
      case 'unsubscribe':
        return channel(args.eventName, function (name) {
          delete subscribers[name];
          channels();
        });
      case 'publish':
        return channel(args.eventName, function (name) {
          deliver(name, args.message === undefined ? null : args.message);
        });
      case 'getAppViewInfo':
        return ok(viewInfo());
      case 'screenPop':
        return screenPop(args.type, args.params || {});
      case 'searchAndScreenPop':
        if (typeof args.searchParams !== 'string' || args.searchParams.length < 3) {
          return error('INVALID_PARAM', 'searchParams must be a string of at least 3 characters');
        }
        if (['inbound', 'outbound', 'internal'].indexOf(args.callType) < 0) {
          return error('INVALID_PARAM', 'callType must be inbound, outbound or internal, not ' + args.callType);
        }
        return searchAndScreenPop(args);
      case 'saveLog':
        return saveLog(args.object);
      case 'refreshView':
        state.refreshes += 1;
        return ok(null);
      case 'runApex':
        if (!text(args.apexClass) || !text(args.methodName) || typeof args.methodParams !== 'string') {
          return error('INVALID_PARAM', 'runApex needs apexClass, methodName and methodParams');
        }
        return ok({ runApex: '' });
      case 'getCallCenterSettings':
        return ok({
          '/reqGeneralInfo/reqInternalName': 'callbridgeDemo',
          '/reqGeneralInfo/reqDisplayName': 'callbridge demo',
          '/reqGeneralInfo/reqAdapterUrl': String(ADAPTER_URL),
          '/reqGeneralInfo/reqUseApi': 'true',
          '/reqGeneralInfo/reqSoftphoneHeight': '560',
          '/reqGeneralInfo/reqSoftphoneWidth': '340',
          '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning'
        });
      case 'getSoftphoneLayout':
        // The shape Salesforce's guide documents: per call type the call-related fields, the objects searched with
        // the fields shown, and the screen pop per match count.
        return ok({
          Inbound: {
            callRelatedFields: ['ANI', 'DNIS', 'SEGMENT', 'QUEUE'],
            objects: { Contact: [nameField()], Lead: [nameField()], Account: [{ displayName: 'Account Name', apiName: 'Name' }] },
            screenPopSettings: {
              screenPopsOpenWithin: 'ExistingWindow',
              NoMatch: { screenPopType: 'PopToEntity', screenPopData: 'Contact' },
              SingleMatch: { screenPopType: 'PopToEntity', screenPopData: 'Contact' },
              MultipleMatches: { screenPopType: 'PopToSearch' }
            }
          },
          Outbound: { callRelatedFields: ['DNIS'], objects: { Contact: [nameField()], Lead: [nameField()] }, screenPopSettings: {} },
          Internal: { callRelatedFields: ['ANI', 'DNIS'], objects: { User: [nameField()] }, screenPopSettings: {} }
        });
      case 'setSoftphonePanelVisibility':
        if (typeof args.visible !== 'boolean') {
          return error('INVALID_PARAM', 'visible must be true or false');
        }
        state.panel.visible = args.visible;
        return ok(null);
      case 'isSoftphonePanelVisible':
        return ok({ visible: state.panel.visible });
      case 'setSoftphonePanelHeight':
        return size('height', args.heightPX, 240, 2560);
      case 'setSoftphonePanelWidth':
        return size('width', args.widthPX, 200, 1920);
      case 'setSoftphonePanelLabel':
        return setText(state.panel, 'label', args.label);
      case 'setSoftphonePanelIcon':
        return setText(state.panel, 'icon', args.key);
      case 'setSoftphoneItemLabel':
        return setText(state.item, 'label', args.label);
      case 'setSoftphoneItemIcon':
        return setText(state.item, 'icon', args.key);
      case 'completeWork':
        return completeWork(args.workId, args.attributes || {});
      default:
        return error('GENERIC_ERROR', 'unknown method ' + method);
    }
  }

  /** Lightning Message Service addresses every request by its channel, eventName; a message channel ends in __c. */
  function channel(eventName, then) {
    if (typeof eventName !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(eventName)) {
      return error('INVALID_PARAM', 'eventName must be a message channel such as SampleMessageChannel__c, not '
        + String(eventName));
    }
    then(eventName);
    return ok(null);
  }

  function nameField() {
    return { displayName: 'Name', apiName: 'Name' };
  }

  /** getAppViewInfo and onNavigationChange: the url, and the record's fields on a record page (this org has no
   * person accounts, so no personAccount). */
  function viewInfo() {
    var r = state.current;
    return r ? { url: location.origin + '/lightning/r/' + r.type + '/' + r.Id + '/view', recordId: r.Id, recordName: r.Name, objectType: r.type }
      : { url: location.origin + '/lightning/page/home' };
  }

  function text(value) {
    return typeof value === 'string' && value !== '';
  }

  function setText(target, field, value) {
    if (!text(value)) {
      return error('INVALID_PARAM', field + ' must be a non-empty string');
    }
    target[field] = value;
    return ok(null);
  }

  function size(which, px, min, max) {
    if (typeof px !== 'number' || px < min || px > max) {
      return error('INVALID_PARAM', which + ' must be ' + min + '-' + max + ' px');
    }
    state.panel[which] = px;
    return ok(null);
  }

  function screenPop(type, p) {
    var shown;
    switch (type) {
      case 'sobject':
        shown = byId(p.recordId);
        if (!shown) {
          return error('INVALID_PARAM', 'no record ' + p.recordId);
        }
        showRecord(shown);
        break;
      case 'search':
        if (!p.searchString || String(p.searchString).length < 3) {
          return error('INVALID_PARAM', 'searchString needs at least 3 characters');
        }
        showText('Search results for "' + p.searchString + '": ' + search(p.searchString).map(function (r) { return r.Name; }).join(', '));
        break;
      case 'newRecord':
        showText('New ' + p.entityName + ' ' + JSON.stringify(p.defaultFieldValues || {}));
        break;
      case 'url':
      case 'objecthome':
      case 'list':
      case 'flow':
        showText(type + ' ' + JSON.stringify(p));
        break;
      default:
        return error('INVALID_PARAM', 'unknown screen pop type ' + type);
    }
    state.screenPops.push({ type: type, params: p });
    return ok(null);
  }

  function search(text) {
    var d = digits(text);
    return RECORDS.filter(function (r) {
      return (d.length >= 7 && digits(r.Phone) === d) || r.Name.toLowerCase().indexOf(String(text).toLowerCase()) >= 0;
    });
  }

  function searchAndScreenPop(args) {
    var found = search(args.searchParams);
    state.searches.push({ searchParams: args.searchParams, callType: args.callType, deferred: !!args.deferred, matches: found.length });
    var value = {};
    found.forEach(function (r) {
      value[r.Id] = { Id: r.Id, LastModifiedDate: '2026-01-01T00:00:00.000Z', Name: r.Name, RecordType: r.type, Phone: r.Phone };
    });
    if (args.deferred) {
      value.SCREEN_POP_DATA = found.length === 1 ? { type: 'sobject', params: { recordId: found[0].Id } }
        : { type: 'search', params: { searchString: args.searchParams } };
    } else if (found.length === 1) {
      showRecord(found[0]);
      state.screenPops.push({ type: 'sobject', params: { recordId: found[0].Id } });
    }
    return ok(value);
  }

  function saveLog(object) {
    if (!object || typeof object !== 'object') {
      return error('INVALID_PARAM', 'saveLog needs a value');
    }
    var problems = [];
    if (object.CallType !== undefined && CALL_TYPES.indexOf(object.CallType) < 0) {
      problems.push('bad value for restricted picklist field: CallType (' + object.CallType + ')');
    }
    Object.keys(LIMITS).forEach(function (field) {
      if (typeof object[field] === 'string' && object[field].length > LIMITS[field]) {
        problems.push(field + ': data value too large (max length=' + LIMITS[field] + ')');
      }
    });
    ['WhoId', 'WhatId'].forEach(function (field) {
      if (object[field] && !byId(object[field])) {
        problems.push(field + ': invalid cross reference id');
      }
    });
    if (object.Id) {
      var existing = state.tasks.filter(function (t) { return t.Id === object.Id; })[0];
      if (!existing) {
        problems.push('entity is deleted or does not exist: ' + object.Id);
      }
      if (problems.length) {
        return { success: false, returnValue: null, errors: problems.map(function (d) { return { code: 'SERVER_ERROR', description: d }; }) };
      }
      Object.assign(existing.fields, object);
      existing.updates += 1;
      return ok({ recordId: existing.Id });
    }
    if (object.entityApiName !== 'Task') {
      problems.push('the simulator only logs Tasks, not ' + object.entityApiName);
    }
    if (problems.length) {
      return { success: false, returnValue: null, errors: problems.map(function (d) { return { code: 'SERVER_ERROR', description: d }; }) };
    }
    var task = { Id: sfid('00T', nextTask++), fields: Object.assign({}, object), updates: 0, at: Date.now() };
    state.tasks.push(task);
    return ok({ recordId: task.Id });
  }

  function completeWork(workId, attributes) {
    var work = WORK.filter(function (w) { return w.workId === workId; })[0];
    if (!work) {
      return error('INVALID_PARAM', 'no work ' + workId);
    }
    if (!attributes.disposition || !attributes.taskId) {
      return error('INVALID_PARAM', 'disposition and taskId are required when completeWorkWhen is TaskSaved');
    }
    if (!state.tasks.some(function (t) { return t.Id === attributes.taskId; })) {
      return error('INVALID_PARAM', 'no Task ' + attributes.taskId);
    }
    state.completedWork.push({ workId: workId, disposition: attributes.disposition, taskId: attributes.taskId,
      wasConnected: attributes.wasConnected === undefined ? true : attributes.wasConnected, wasConnectedSent: attributes.wasConnected !== undefined });
    work.done = true;
    return ok({ workId: workId });
  }

  // ------------------------------------------------------------------------------------------------ the user

  function clickToDial(r) {
    if (!state.clickToDial) {
      return false;
    }
    state.current = r;
    showRecord(r);
    return fire('onClickToDial', { number: r.Phone, recordId: r.Id, recordName: r.Name, objectType: r.type });
  }

  function startWork(workId) {
    var work = WORK.filter(function (w) { return w.workId === workId; })[0];
    var r = work && byId(work.recordId);
    if (!r) {
      return false;
    }
    state.workStarted.push(workId);
    fire('onWorkStart', { workId: work.workId, completeWorkWhen: 'TaskSaved', attributes: { to: r.Phone } });
    state.current = r;
    showRecord(r);
    var dialled = fire('onClickToDial', { number: r.Phone, recordId: r.Id, recordName: r.Name, objectType: r.type });
    paint();
    return dialled;
  }

  function navigateTo(r) {
    state.current = r;
    showRecord(r);
    fire('onNavigationChange', viewInfo());
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

  /**
   * The softphone's URL: the adapter URL with agent=… and Open CTI's parameters in its query and, when the simulator
   * server has a token source, #token=… from it.
   */
  function softphoneSrc(reload) {
    if (adapterUrlError) {
      return Promise.reject(adapterUrlError);
    }
    var url = new URL(ADAPTER_URL.toString());
    var add = {
      agent: agent, sfdcIframeOrigin: location.origin, mode: 'Lightning', apiVersion: String(API_VERSION)
    };
    // ?loopback=1 on this page: the demo's explicit opt-in to run Open CTI on a loopback host (plain http on
    // localhost), which Salesforce's library and, without it, this simulator refuse.
    if (params.get('loopback') === '1') {
      add.callbridgeLoopbackHost = '1';
    }
    if (reload) {
      add.reload = String(Date.now());
    }
    Object.keys(add).forEach(function (key) { url.searchParams.set(key, add[key]); });
    if (!cfg.tokens) {
      return Promise.resolve(url.toString());
    }
    return fetch('/sim/token?' + new URLSearchParams({ agent: agent, crm: 'salesforce' }).toString(), { cache: 'no-store' })
      .then(function (r) { return r.json().catch(function () { return { error: 'HTTP ' + r.status }; }); })
      .then(function (body) {
        if (!body || typeof body.token !== 'string') {
          throw new Error('no agent token: ' + ((body && body.error) || 'the token request failed'));
        }
        url.hash = 'token=' + encodeURIComponent(body.token);
        return url.toString();
      });
  }

  function loadSoftphone() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'softphone';
      frame.title = 'Softphone';
      frame.allow = 'microphone; autoplay';
      $('panel-slot').appendChild(frame);
    } else {
      record('out', 'RELOAD', null);
      state.listeners = {};
      subscribers = {};
      channels();
      state.initialized = false;
    }
    var reload = !!frame.dataset.loads;
    frame.dataset.loads = String(Number(frame.dataset.loads || 0) + 1);
    softphoneSrc(reload).then(function (src) { frame.src = src; }, function (e) {
      record('out', 'NO_SOFTPHONE', { message: String(e && e.message ? e.message : e) });
      $('panel-state').textContent = 'no softphone: ' + (e && e.message ? e.message : e);
    });
    paint();
  }

  // ------------------------------------------------------------------------------------------------ painting

  function showRecord(r) {
    var box = $('screen');
    box.className = 'record';
    box.textContent = '';
    var b = document.createElement('b');
    b.id = 'screen-record';
    b.textContent = r.Name;
    box.appendChild(b);
    box.appendChild(document.createTextNode(' · ' + r.type + ' ' + r.Id + ' · ' + r.Phone));
  }

  function showText(text) {
    var box = $('screen');
    box.className = 'record';
    box.textContent = text;
  }

  function cell(tr, content) {
    var td = document.createElement('td');
    if (content instanceof Node) {
      td.appendChild(content);
    } else {
      td.textContent = content === undefined || content === null ? '' : String(content);
    }
    tr.appendChild(td);
    return td;
  }

  function paint() {
    $('click-to-dial').textContent = 'click-to-dial ' + (state.clickToDial ? 'on' : 'off');
    $('click-to-dial').className = 'badge ' + (state.clickToDial ? 'ok' : '');
    Array.prototype.forEach.call(document.querySelectorAll('a.phone'), function (a) {
      a.setAttribute('aria-disabled', state.clickToDial ? 'false' : 'true');
    });
    var panel = $('panel');
    panel.className = 'utility' + (state.panel.visible ? '' : ' hidden');
    if (frame) {
      frame.width = String(state.panel.width);
      frame.height = String(state.panel.height);
    }
    $('panel-label').textContent = state.panel.label;
    $('panel-icon').textContent = state.panel.icon;
    $('item-label').textContent = state.item.label;
    $('item-icon').textContent = state.item.icon;
    $('panel-state').textContent = (state.initialized ? 'softphone initialised' : 'waiting for notifyInitializationComplete')
      + ' · listeners: ' + Object.keys(state.listeners).join(', ');

    var tasks = $('tasks').querySelector('tbody');
    tasks.textContent = '';
    state.tasks.slice().reverse().forEach(function (t) {
      var tr = document.createElement('tr');
      cell(tr, t.Id);
      cell(tr, (t.fields.Subject || '') + ' — ' + (t.fields.CallDisposition || '') + ' (' + (t.fields.CallType || '') + ', '
        + (t.fields.CallDurationInSeconds === undefined ? '?' : t.fields.CallDurationInSeconds) + ' s)');
      cell(tr, t.fields.CallObject);
      cell(tr, 'Open CTI saveLog');
      tasks.appendChild(tr);
    });
    // The org's Tasks created through Salesforce's REST API (a server logging a call no console saved).
    state.restTasks.slice().reverse().forEach(function (t) {
      var tr = document.createElement('tr');
      tr.id = 'rest-task-' + t.Id;
      cell(tr, t.Id);
      cell(tr, (t.Subject || '') + ' — ' + (t.CallDisposition || '') + ' (' + (t.CallType || '') + ', '
        + (t.CallDurationInSeconds === '' ? '?' : t.CallDurationInSeconds) + ' s)');
      cell(tr, t.CallObject);
      cell(tr, 'REST API');
      tasks.appendChild(tr);
    });
    var done = $('completed').querySelector('tbody');
    done.textContent = '';
    state.completedWork.forEach(function (w) {
      var tr = document.createElement('tr');
      cell(tr, w.workId);
      cell(tr, w.disposition);
      cell(tr, w.taskId);
      cell(tr, String(w.wasConnected));
      done.appendChild(tr);
    });
    var work = $('work').querySelector('tbody');
    work.textContent = '';
    WORK.forEach(function (w) {
      var r = byId(w.recordId);
      var tr = document.createElement('tr');
      cell(tr, w.step);
      cell(tr, r.Name);
      cell(tr, r.Phone);
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'primary';
      b.id = 'work-' + w.workId;
      b.textContent = w.done ? 'Done' : 'Call';
      b.disabled = !!w.done;
      b.addEventListener('click', function () { startWork(w.workId); });
      cell(tr, b);
      work.appendChild(tr);
    });
  }

  /** The org's Tasks as the simulated Salesforce holds them, so a reopened tab shows one a server logged meanwhile. */
  function refreshRestTasks() {
    return fetch('/sim/records?crm=salesforce', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : { records: [] }; })
      .then(function (body) {
        state.restTasks = body.records || [];
        paint();
        return state.restTasks;
      }, function () { return state.restTasks; });
  }

  function paintRecords() {
    var body = $('records').querySelector('tbody');
    RECORDS.forEach(function (r) {
      var tr = document.createElement('tr');
      var name = document.createElement('a');
      name.href = '#';
      name.textContent = r.Name;
      name.addEventListener('click', function (e) { e.preventDefault(); navigateTo(r); });
      cell(tr, name);
      cell(tr, r.type);
      var phone = document.createElement('a');
      phone.href = '#';
      phone.className = 'phone';
      phone.id = 'dial-' + r.Id;
      phone.textContent = r.Phone;
      phone.addEventListener('click', function (e) { e.preventDefault(); clickToDial(r); });
      cell(tr, phone);
      body.appendChild(tr);
    });
  }

  $('agent').textContent = agent;
  $('api-version').textContent = API_VERSION + '.0';
  $('softphone-origin').textContent = softphone.softphoneOrigin;
  if (!cfg.inboundCalls) {
    $('ring').closest('section').hidden = true; // the server has no way to ring the vendor's phone system
  }
  $('ring').addEventListener('click', ring);
  $('reload-tab').addEventListener('click', loadSoftphone);
  $('minimise').addEventListener('click', function () { state.panel.visible = false; paint(); });
  $('utility-item').addEventListener('click', function () { state.panel.visible = !state.panel.visible; paint(); });
  paintRecords();
  loadSoftphone();
  paint();
  if (cfg.records) {
    refreshRestTasks();
    setInterval(refreshRestTasks, 2000);
  }

  window.__sim = {
    clickToDial: function (recordId) { return clickToDial(byId(recordId)); },
    startWork: startWork,
    reloadTab: loadSoftphone,
    /** Another Lightning component publishes a message on a message channel; false when no frame subscribed to it. */
    publish: deliver,
    navigateTo: function (recordId) { navigateTo(byId(recordId)); },
    ring: function (from) {
      if (from) {
        $('ring-from').value = from;
      }
      return ring();
    },
    records: RECORDS,
    work: WORK
  };
}());
