/*
 * callbridge HubSpot bridge (global CallbridgeHubSpot).
 *
 * Runs in the calling app's iframe inside HubSpot. It creates the Calling Extensions SDK's CallingExtensions,
 * forwards every SDK event to the callbridge server as a crmEvent named by the SDK message type, and runs the
 * SDK method the server invokes (the invocation's method is the SDK message type to send). No call logic lives
 * here: the server decides everything. See docs/hubspot-adapter.md.
 *
 * Needs, loaded before it: the SDK bundle (calling-extensions-sdk.js) and /static/callbridge/bridge-client.js;
 * for the default page also /static/callbridge/softphone.js. Plain ES2018, no build step.
 */
(function (global) {
  'use strict';

  var CRM = 'hubspot';
  var ROLES = Object.freeze(['widget', 'remote', 'window']);

  /**
   * SDK message type the server invokes -> CallingExtensions method, and whether the method takes the args.
   * The server only sends types of the calling app -> HubSpot direction (see the adapter's ToHubSpot model).
   */
  var METHODS = Object.freeze({
    INITIALIZED: { fn: 'initialized', data: true },
    LOGGED_IN: { fn: 'userLoggedIn', data: false },
    LOGGED_OUT: { fn: 'userLoggedOut', data: false },
    USER_AVAILABLE: { fn: 'userAvailable', data: false },
    USER_UNAVAILABLE: { fn: 'userUnavailable', data: false },
    OUTGOING_CALL_STARTED: { fn: 'outgoingCall', data: true },
    INCOMING_CALL: { fn: 'incomingCall', data: true },
    CALL_ANSWERED: { fn: 'callAnswered', data: true },
    CALL_TRANSFERRED: { fn: 'callTransferred', data: true },
    CALL_DATA: { fn: 'callData', data: true },
    CALL_ENDED: { fn: 'callEnded', data: true },
    CALL_COMPLETED: { fn: 'callCompleted', data: true },
    FINALIZE_ENGAGEMENT: { fn: 'finalizeEngagement', data: true },
    PUBLISH_TO_CHANNEL: { fn: 'publishToChannel', data: true },
    NAVIGATE_TO_RECORD: { fn: 'navigateToRecord', data: true },
    ERROR: { fn: 'sendError', data: true },
    RESIZE_WIDGET: { fn: 'resizeWidget', data: true },
    SET_WIDGET_URL: { fn: 'setWidgetUrl', data: true }
  });

  /**
   * SDK event handler name -> the message type forwarded. Every handler the SDK 0.9.7 dispatches to by name.
   * Not registered on purpose: the literal "FAILED" key, which the SDK calls for every *_FAILED besides the
   * specific handler, so registering it would forward each failure twice. Types without a named handler
   * (UNLOADING, anything newer) reach defaultEventHandler and are forwarded under their own type.
   */
  var EVENTS = Object.freeze({
    onReady: 'READY',
    onDialNumber: 'DIAL_NUMBER',
    onEndCall: 'END_CALL',
    onSetCallState: 'SET_CALL_STATE',
    onVisibilityChanged: 'VISIBILITY_CHANGED',
    onCreateEngagementSucceeded: 'CREATE_ENGAGEMENT_SUCCEEDED',
    onCreateEngagementFailed: 'CREATE_ENGAGEMENT_FAILED',
    onEngagementCreated: 'ENGAGEMENT_CREATED',
    onUpdateEngagementSucceeded: 'UPDATE_ENGAGEMENT_SUCCEEDED',
    onUpdateEngagementFailed: 'UPDATE_ENGAGEMENT_FAILED',
    onFinalizeEngagementSucceeded: 'FINALIZE_ENGAGEMENT_SUCCEEDED',
    onFinalizeEngagementFailed: 'FINALIZE_ENGAGEMENT_FAILED',
    onPublishToChannelSucceeded: 'PUBLISH_TO_CHANNEL_SUCCEEDED',
    onPublishToChannelFailed: 'PUBLISH_TO_CHANNEL_FAILED',
    onCallerIdMatchSucceeded: 'CALLER_ID_MATCH_SUCCEEDED',
    onCallerIdMatchFailed: 'CALLER_ID_MATCH_FAILED',
    onNavigateToRecordFailed: 'NAVIGATE_TO_RECORD_FAILED',
    onInitiateCallIdSucceeded: 'INITIATE_CALL_ID_SUCCEEDED',
    onInitiateCallIdFailed: 'INITIATE_CALL_ID_FAILED',
    onSetWidgetUrlFailed: 'SET_WIDGET_URL_FAILED',
    onFailed: 'FAILED'
  });

  var MESSAGE_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;

  /**
   * DIAL_NUMBER events this page received while it had no open session to pass them on (before its first welcome, or
   * while the bridge client reconnects) wait in memory, which a reload of the frame throws away with the click. Until
   * they went out they are also kept in sessionStorage, under this key plus the frame's location, and the page that
   * loads next in the frame sends them after its READY. The server places such a dial once: its call id comes from
   * HubSpot's startTimestamp, and a repeated dial with the same id is ignored.
   */
  var PENDING_DIALS_KEY = 'callbridge.hubspot.pendingDials.';
  /** A click older than this is not placed after a reload any more (the user has long seen nothing happen). */
  var PENDING_DIAL_MAX_AGE_MS = 30000;
  var PENDING_DIALS_MAX = 5;

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function consoleLog(level, message, extra) {
    var c = global.console;
    if (!c) {
      return;
    }
    var write = typeof c[level] === 'function' ? c[level] : c.log;
    if (extra === undefined) {
      write.call(c, '[callbridge hubspot] ' + message);
    } else {
      write.call(c, '[callbridge hubspot] ' + message, extra);
    }
  }

  /** The SDK's class: the UMD bundle puts it on window as "default" (beside Constants and IFrameManager). */
  function sdkClass(win) {
    if (win && typeof win.CallingExtensions === 'function') {
      return win.CallingExtensions;
    }
    if (win && typeof win.default === 'function') {
      return win.default;
    }
    return null;
  }

  function sdkVersion(win) {
    var constants = win && win.Constants;
    return constants && typeof constants.VERSION === 'string' ? constants.VERSION : null;
  }

  function sessionStorageOf(win) {
    try {
      return (win && win.sessionStorage) || null;
    } catch (e) {
      return null; // storage blocked (third-party frame settings): dials then live in memory only
    }
  }

  /**
   * The dials of one frame location waiting to go out, in storage (see PENDING_DIALS_KEY). Storage that fails or
   * holds junk counts as empty; the dial itself still goes through the bridge client's queue.
   */
  function pendingDials(storage, now, log) {
    function key(location) {
      return PENDING_DIALS_KEY + location;
    }
    function read(location) {
      if (!storage) {
        return [];
      }
      try {
        var list = JSON.parse(storage.getItem(key(location)) || '[]');
        return Array.isArray(list) ? list.filter(function (entry) {
          return entry && typeof entry.at === 'number' && entry.data && typeof entry.data === 'object';
        }) : [];
      } catch (e) {
        return [];
      }
    }
    function write(location, list) {
      if (!storage) {
        return;
      }
      try {
        if (list.length === 0) {
          storage.removeItem(key(location));
        } else {
          storage.setItem(key(location), JSON.stringify(list));
        }
      } catch (e) {
        log('warn', 'could not keep a call request in sessionStorage (' + (e && e.message) + '); a reload before '
          + 'it reaches the server loses it');
      }
    }
    return {
      add: function (location, data) {
        var list = read(location);
        list.push({ at: now(), data: data });
        write(location, list.slice(-PENDING_DIALS_MAX));
      },
      /** What an earlier page of this location received and never passed on, still young enough to place. */
      take: function (location) {
        var fresh = [];
        read(location).forEach(function (entry) {
          var age = now() - entry.at;
          if (age >= 0 && age <= PENDING_DIAL_MAX_AGE_MS) {
            fresh.push(entry);
          } else {
            log('warn', 'a call request from HubSpot that an earlier page of this frame received '
              + Math.round(age / 1000) + ' s ago never reached the server; it is not placed now');
          }
        });
        // They stay kept (with their age) until they went out: a page reloaded again before that sends them too.
        write(location, fresh);
        return fresh.map(function (entry) { return entry.data; });
      },
      clear: function (location) {
        write(location, []);
      }
    };
  }

  /** The agent token from the page (#token=… or demo mode), as the shared client's pageTokenProvider reads it. */
  function tokenProvider(client, location, fetchFn) {
    if (!client || typeof client.pageTokenProvider !== 'function') {
      throw new Error('the callbridge bridge client (/static/callbridge/bridge-client.js) is not loaded');
    }
    return client.pageTokenProvider(location, fetchFn, CRM);
  }


  /**
   * Creates the SDK and the bridge. Options (all optional):
   *   window, location        the page (defaults: the global ones)
   *   CallingExtensions       the SDK class (default: the UMD bundle's global)
   *   CallbridgeBridge        the bridge client (default: the global)
   *   debugMode               passed to the SDK (default: ?debug=1)
   *   role                    frame role when READY names no iframeLocation (default: ?role=…, else "widget")
   *   url, tokenProvider, attributes, onUi, onStatus, log   passed to CallbridgeBridge.connect
   *   onConnected(bridge, role)   called once the bridge exists (after the SDK's first READY)
   * Returns {extensions, eventHandlers, ready (Promise), bridge() (null before READY), invoke(method, args)}.
   */
  function start(options) {
    var opts = options || {};
    var win = opts.window || global;
    var location = opts.location || (win && win.location) || { search: '', hash: '' };
    var query = new URLSearchParams(location.search || '');
    var log = typeof opts.log === 'function' ? opts.log : consoleLog;
    var Extensions = opts.CallingExtensions || sdkClass(win);
    var Bridge = opts.CallbridgeBridge || (win && win.CallbridgeBridge);
    if (typeof Extensions !== 'function') {
      throw new Error('the HubSpot calling SDK (calling-extensions-sdk.js) is not loaded');
    }
    if (!Bridge || typeof Bridge.connect !== 'function') {
      throw new Error('the callbridge bridge client (/static/callbridge/bridge-client.js) is not loaded');
    }
    var tokens = opts.tokenProvider || tokenProvider(Bridge, location, win && win.fetch ? win.fetch.bind(win) : null);
    var fallbackRole = ROLES.indexOf(opts.role) >= 0 ? opts.role
      : (ROLES.indexOf(query.get('role')) >= 0 ? query.get('role') : 'widget');
    var debugMode = opts.debugMode !== undefined ? Boolean(opts.debugMode) : query.get('debug') === '1';

    var bridge = null;
    var pending = [];
    // Whether the bridge's current session is open: only then does a crmEvent leave the page at once.
    var sessionOpen = false;
    var now = typeof opts.now === 'function' ? opts.now : Date.now;
    var dials = pendingDials(opts.storage !== undefined ? opts.storage : sessionStorageOf(win), now, log);
    // The frame location the page's dials are kept under: READY's, once known.
    var dialsLocation = fallbackRole;
    var isReady = false;
    var markReady;
    var ready = new Promise(function (resolve) {
      markReady = resolve;
    });
    var extensions = null;
    // HubSpot takes call messages from a frame only after its INITIALIZED; the transport may hand this page a call
    // message (moved from a frame that went away) while the server's INITIALIZED for it is still on its way.
    var markInitialized;
    var initialized = new Promise(function (resolve) {
      markInitialized = resolve;
    });

    function forward(type, data) {
      var payload = data === undefined ? null : data;
      if (bridge) {
        bridge.crmEvent(type, payload);
      } else {
        pending.push([type, payload]);
      }
    }

    function roleFor(readyData) {
      var location = readyData && readyData.iframeLocation;
      return ROLES.indexOf(location) >= 0 ? location : fallbackRole;
    }

    function invoke(method, args) {
      if (typeof method !== 'string' || !hasOwn(METHODS, method)) {
        return Promise.reject(new Error('unknown HubSpot SDK message type: ' + String(method)));
      }
      var spec = METHODS[method];
      // The SDK drops anything sent before its handshake, so hold the call until this frame's READY, and every
      // message but INITIALIZED until this page ran INITIALIZED.
      return ready.then(function () {
        return method === 'INITIALIZED' ? null : initialized;
      }).then(function () {
        var fn = extensions[spec.fn];
        if (typeof fn !== 'function') {
          throw new Error('the HubSpot SDK has no ' + spec.fn + '() for ' + method);
        }
        if (spec.data) {
          fn.call(extensions, args === undefined ? null : args);
        } else {
          fn.call(extensions);
        }
        if (method === 'INITIALIZED') {
          markInitialized();
          if (attributes) {
            attributes.initialized = 'true'; // a later session of this page need not be initialized again
          }
        }
        return null;
      });
    }

    // The hello attributes of every session. The bridge client sends this same object again on each reconnect, so
    // what is written here later reaches the server with the next session of this page (see markSession).
    var attributes = null;

    /**
     * The SDK raises READY once per page: a later session of this page (a reconnect without a reload) brings none,
     * so it tells the server in its hello that the handshake is done, what READY said, and whether INITIALIZED ran.
     */
    function markSession(readyData) {
      attributes.handshake = 'done';
      ['portalId', 'ownerId', 'userId'].forEach(function (key) {
        var value = readyData && readyData[key];
        if ((typeof value === 'number' || typeof value === 'string') && /^[0-9]{1,19}$/.test(String(value))) {
          attributes[key] = String(value);
        }
      });
    }

    function connect(role, readyData) {
      attributes = { bridge: 'callbridge-hubspot' };
      var version = sdkVersion(win);
      if (version) {
        attributes.sdk = version;
      }
      if (readyData && typeof readyData.iframeLocation === 'string') {
        attributes.iframeLocation = readyData.iframeLocation;
      }
      if (opts.attributes) {
        Object.keys(opts.attributes).forEach(function (key) {
          attributes[key] = String(opts.attributes[key]);
        });
      }
      var firstSession = true;
      bridge = Bridge.connect({
        url: opts.url,
        tokenProvider: tokens,
        crm: CRM,
        role: role,
        attributes: attributes,
        onInvoke: invoke,
        onUi: opts.onUi,
        onStatus: function (status, detail) {
          sessionOpen = status === 'open';
          if (sessionOpen) {
            // The client sends what it queued right after telling us, in this same task: once that ran, the kept
            // dials are on the wire.
            Promise.resolve().then(function () {
              if (sessionOpen) {
                dials.clear(dialsLocation);
              }
            });
          }
          if (status === 'open' && firstSession) {
            // The first session carries READY itself (queued above); every later one says the handshake is done.
            firstSession = false;
            markSession(readyData);
          }
          if (typeof opts.onStatus === 'function') {
            opts.onStatus(status, detail);
          }
        },
        log: opts.log
      });
      var queued = pending;
      pending = [];
      queued.forEach(function (event) {
        bridge.crmEvent(event[0], event[1]);
      });
      // Dials an earlier page of this frame received and never passed on (it was reloaded first): sent after READY.
      dials.take(dialsLocation).forEach(function (data) {
        log('info', 'passing on a call request from HubSpot that the frame\'s previous page could not send');
        bridge.crmEvent('DIAL_NUMBER', data);
      });
      if (typeof opts.onConnected === 'function') {
        opts.onConnected(bridge, role);
      }
    }

    var eventHandlers = {};
    Object.keys(EVENTS).forEach(function (name) {
      var type = EVENTS[name];
      eventHandlers[name] = function (data) {
        forward(type, data);
      };
    });
    eventHandlers.onDialNumber = function (data) {
      if (bridge && !sessionOpen && data && typeof data === 'object') {
        // It would wait in memory only, which a reload of the frame discards: keep it until it went out. (Before
        // READY, which the browser may hand a new page a dial posted to the old one, it goes with READY in a moment.)
        dials.add(dialsLocation, data);
      }
      forward('DIAL_NUMBER', data);
    };
    eventHandlers.onReady = function (data) {
      forward('READY', data);
      if (!isReady) {
        // The first READY ends the handshake: only now may SDK calls go out, and only now is the role known.
        isReady = true;
        dialsLocation = roleFor(data);
        connect(roleFor(data), data);
        markReady();
      }
    };
    eventHandlers.defaultEventHandler = function (data, event) {
      var type = event && event.type;
      if (typeof type === 'string' && MESSAGE_TYPE.test(type)) {
        forward(type, data);
      } else {
        log('warn', 'ignoring an SDK event without a message type', event);
      }
    };

    extensions = new Extensions({ debugMode: debugMode, eventHandlers: eventHandlers });

    return {
      extensions: extensions,
      eventHandlers: eventHandlers,
      ready: ready,
      bridge: function () {
        return bridge;
      },
      invoke: invoke
    };
  }

  // ------------------------------------------------------------------ the default page (softphone.html)

  function clear(element) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
  }

  function message(doc, container, text, isError) {
    clear(container);
    var box = doc.createElement('div');
    box.className = isError ? 'callbridge-page-error' : 'callbridge-page-status';
    if (isError) {
      box.setAttribute('role', 'alert');
    }
    box.textContent = text;
    container.appendChild(box);
  }

  function matchLabel(match) {
    if (!match || typeof match !== 'object') {
      return '';
    }
    if (match.callerIdType === 'COMPANY') {
      return (match.name || 'Company') + ' (company)';
    }
    var name = [match.firstName, match.lastName].filter(function (part) {
      return typeof part === 'string' && part !== '';
    }).join(' ');
    var label = name || match.email || 'Contact';
    if (name && match.email) {
      label += ' <' + match.email + '>';
    }
    return label + ' (contact)';
  }

  /**
   * renderTopic for the softphone: the list HubSpot found for the caller when it matched several records
   * (topic hubspot.callerIdMatches, {callId, callerIdMatches} or null). Text only, never HTML.
   */
  function renderTopic(topic, value, container) {
    if (topic !== 'hubspot.callerIdMatches') {
      return;
    }
    var doc = container.ownerDocument;
    clear(container);
    if (!value || !Array.isArray(value.callerIdMatches) || value.callerIdMatches.length === 0) {
      return;
    }
    var title = doc.createElement('div');
    title.className = 'callbridge-hubspot-matches-title';
    title.textContent = 'HubSpot records for this caller';
    container.appendChild(title);
    var list = doc.createElement('ul');
    list.className = 'callbridge-hubspot-matches';
    value.callerIdMatches.forEach(function (match) {
      var item = doc.createElement('li');
      item.textContent = matchLabel(match);
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  /** What softphone.html runs: waits for HubSpot's handshake, then connects and mounts the softphone. */
  function startPage(win) {
    var doc = win.document;
    var root = doc.getElementById('callbridge');
    if (!root) {
      throw new Error('softphone.html has no #callbridge element');
    }
    var tokens;
    try {
      tokens = tokenProvider(win.CallbridgeBridge, win.location, win.fetch ? win.fetch.bind(win) : null);
    } catch (e) {
      message(doc, root, e.message, true);
      return null;
    }
    message(doc, root, 'Waiting for HubSpot…', false);
    try {
      return start({
        window: win,
        tokenProvider: tokens,
        onConnected: function (bridge) {
          clear(root);
          if (!win.CallbridgeSoftphone || typeof win.CallbridgeSoftphone.mount !== 'function') {
            message(doc, root, 'The softphone UI (/static/callbridge/softphone.js) is not loaded.', true);
            return;
          }
          // The softphone follows the bridge's ui snapshots and status itself.
          win.CallbridgeSoftphone.mount(root, bridge, { title: 'Phone', renderTopic: renderTopic });
        }
      });
    } catch (e) {
      message(doc, root, e.message, true);
      return null;
    }
  }

  var api = Object.freeze({
    CRM: CRM,
    ROLES: ROLES,
    METHODS: METHODS,
    EVENTS: EVENTS,
    start: start,
    startPage: startPage,
    tokenProvider: tokenProvider,
    renderTopic: renderTopic
  });
  global.CallbridgeHubSpot = api;

  // softphone.html marks this script with data-callbridge-start, so the page needs no inline script.
  var doc = global.document;
  var script = doc && doc.currentScript;
  if (script && typeof script.hasAttribute === 'function' && script.hasAttribute('data-callbridge-start')) {
    if (doc.readyState === 'loading') {
      doc.addEventListener('DOMContentLoaded', function () {
        startPage(global);
      });
    } else {
      startPage(global);
    }
  }
}(this));
