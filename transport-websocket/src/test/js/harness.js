'use strict';
// Loads the shipped browser scripts into a fresh vm context, with a fake WebSocket and a manual clock, so their
// logic runs under Node's test runner without a browser.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const STATIC_DIR = path.join(__dirname, '..', '..', 'main', 'resources', 'META-INF', 'callbridge', 'static',
  'callbridge');

/** Evaluates the named scripts, in order, in one new context and returns that context's global object. */
function load(...scripts) {
  const context = vm.createContext({ URL, URLSearchParams, console });
  for (const script of scripts) {
    const file = path.join(STATIC_DIR, script);
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
  }
  return context;
}

/** Time that moves only when a test says so. */
class ManualClock {
  constructor() {
    this.time = 1000000;
    this.timers = new Map();
    this.nextId = 1;
    this.setTimeout = (fn, delay) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.time + Math.max(0, delay || 0), fn });
      return id;
    };
    this.clearTimeout = (id) => { this.timers.delete(id); };
    this.now = () => this.time;
  }

  /** Moves time forward, running each timer that comes due in order of its due time. */
  advance(ms) {
    const end = this.time + ms;
    for (;;) {
      let next = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= end && (next === null || timer.at < next.timer.at)) {
          next = { id, timer };
        }
      }
      if (next === null) {
        break;
      }
      this.timers.delete(next.id);
      this.time = Math.max(this.time, next.timer.at);
      next.timer.fn();
    }
    this.time = end;
  }
}

/** A WebSocket whose server side the test plays; every instance is recorded in `sockets`. */
function fakeWebSocketClass() {
  const sockets = [];
  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      sockets.push(this);
    }

    send(text) {
      if (this.readyState !== 1) {
        throw new Error('InvalidStateError: not open');
      }
      this.sent.push(JSON.parse(text));
    }

    close(code, reason) {
      this.closedWith = { code, reason };
      this.readyState = 3;
    }

    // ---- the server's side
    serverOpen() {
      this.readyState = 1;
      this.onopen && this.onopen({});
    }

    serverSend(frame) {
      this.onmessage && this.onmessage({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
    }

    serverClose(code, reason) {
      this.readyState = 3;
      this.onclose && this.onclose({ code, reason: reason || '' });
    }

    sentOfType(type) {
      return this.sent.filter((f) => f.type === type);
    }
  }
  FakeWebSocket.sockets = sockets;
  return FakeWebSocket;
}

/** Lets promise callbacks (token provider, onInvoke) run. */
function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

module.exports = { load, ManualClock, fakeWebSocketClass, settle };
