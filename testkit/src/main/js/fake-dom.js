'use strict';
// A very small DOM: enough for the pages' error/status boxes, the script tag and renderTopic.

class FakeElement {
  constructor(doc, tagName) {
    this.ownerDocument = doc;
    this.tagName = String(tagName).toUpperCase();
    this.children = [];
    this.attributes = {};
    this.className = '';
    this.text = '';
    this.parentNode = null;
    this.listeners = {};
  }

  get firstChild() {
    return this.children[0] || null;
  }

  get textContent() {
    return this.text + this.children.map((c) => c.textContent).join('');
  }

  set textContent(value) {
    this.children = [];
    this.text = String(value);
  }

  set innerHTML(value) {
    throw new Error('innerHTML must not be used: ' + value);
  }

  appendChild(child) {
    child.parentNode = this;
    this.children.push(child);
    if (this.ownerDocument.onAppend) {
      this.ownerDocument.onAppend(child);
    }
    return child;
  }

  removeChild(child) {
    this.children = this.children.filter((c) => c !== child);
    child.parentNode = null;
    return child;
  }

  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }

  getAttribute(name) {
    return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : null;
  }

  hasAttribute(name) {
    return Object.prototype.hasOwnProperty.call(this.attributes, name);
  }

  addEventListener(type, listener) {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  find(predicate) {
    for (const c of this.children) {
      if (predicate(c)) {
        return c;
      }
      const inner = c.find(predicate);
      if (inner) {
        return inner;
      }
    }
    return null;
  }
}

class FakeDocument {
  constructor() {
    this.readyState = 'complete';
    this.currentScript = null;
    this.head = new FakeElement(this, 'head');
    this.body = new FakeElement(this, 'body');
    this.byId = {};
    this.onAppend = null;
  }

  createElement(tagName) {
    return new FakeElement(this, tagName);
  }

  getElementById(id) {
    return this.byId[id] || null;
  }

  addElement(id) {
    const element = new FakeElement(this, 'div');
    element.id = id;
    this.byId[id] = element;
    this.body.appendChild(element);
    return element;
  }

  addEventListener() {}
}

module.exports = { FakeDocument, FakeElement };
