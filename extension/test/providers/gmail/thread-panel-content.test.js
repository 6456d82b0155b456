// The panel's content-script side on a small DOM stand-in: drawn the moment a thread
// opens, asking the service worker at once (with the mailbox, whether it is delegated and
// the addresses shown), marked ready once the answer is drawn, and asking again only for
// an address it has not named yet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startThreadPanel } from '../../../src/providers/gmail/thread-panel.js';

class El {
  constructor(tag) { this.localName = tag; this.attributes = new Map(); this.children = []; this.text = ''; this.parent = null; }
  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.get(name) ?? null; }
  append(...nodes) { for (const node of nodes) { node.parent = this; this.children.push(node); } }
  replaceChildren(...nodes) { this.children = []; this.append(...nodes); }
  remove() { if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this); this.parent = null; }
  addEventListener() {}
  attachShadow() { this.shadow = new El('#shadow-root'); return this.shadow; }
  set textContent(value) { this.text = String(value); this.children = []; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(' '); }
}

function fakeGmail() {
  const body = new El('body');
  let now = 0;
  let heading = null;
  let senders = [];
  const timers = [];
  const observers = [];
  const document = {
    body,
    documentElement: {},
    createElement: (tag) => new El(tag),
    querySelector: (selector) => (selector === 'h2[data-thread-perm-id]' && heading ? { getAttribute: () => heading } : null),
    querySelectorAll: (selector) => {
      if (selector === '[role=main] [email]') return senders.map((email) => ({ getAttribute: () => email }));
      if (selector === 'quietlog-thread-panel') return body.children.filter((c) => c.localName === 'quietlog-thread-panel');
      return [];
    },
  };
  const win = {
    document,
    performance: { now: () => now },
    setTimeout: (fn, ms) => { timers.push({ at: now + ms, fn }); return timers.length; },
    clearTimeout: () => {},
    addEventListener() {},
    MutationObserver: class { constructor(fn) { observers.push(fn); } observe() {} },
  };
  return {
    win,
    open(threadId, shown) { heading = threadId; senders = shown; for (const fn of observers) fn([]); },
    advance(ms) {
      now += ms;
      for (const timer of timers.splice(0)) { if (timer.at <= now) timer.fn(); else timers.push(timer); }
    },
    host: () => body.children.find((c) => c.localName === 'quietlog-thread-panel') ?? null,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('thread panel in the page', () => {
  it('is drawn and asks at once when a thread opens, and is marked ready once filled', async () => {
    const gmail = fakeGmail();
    const asked = [];
    let answer;
    const send = (message) => { asked.push(message); return new Promise((resolve) => { answer = resolve; }); };
    const noteEvents = startThreadPanel(gmail.win, { account: () => ({ mailbox: 'boss@acme.com', delegated: true }), send });
    gmail.advance(100);
    gmail.open('thread-f:42', ['carla@globex.example']);
    const host = gmail.host();
    assert.ok(host, 'the panel is in the page the moment the thread is');
    assert.equal(host.getAttribute('data-state'), 'checking');
    assert.ok(host.shadow.textContent.includes('Checking this thread…'));
    assert.deepEqual(asked, [{ type: 'threadPanel', mailbox: 'boss@acme.com', delegated: true, threadId: 'thread-f:42', contacts: ['carla@globex.example'] }]);

    answer({ logged: true, status: 'Logged: 1 message on your record.', excluded: false, canToggle: true, contacts: [] });
    await settle();
    assert.equal(host.getAttribute('data-state'), 'ready');
    assert.ok(host.shadow.textContent.includes('Logged: 1 message on your record.'));

    // The thread's capture names the sender and the mailbox itself: nothing new to ask.
    const event = (to) => ({ threadId: 'thread-f:42', from: { email: 'carla@globex.example' }, to: [{ email: to }], cc: [] });
    noteEvents([event('boss@acme.com')]);
    gmail.advance(100);
    assert.equal(asked.length, 1);
    // A customer only in Cc (not shown in the DOM) is.
    noteEvents([{ ...event('boss@acme.com'), cc: [{ email: 'dan@globex.example' }] }]);
    gmail.advance(100);
    assert.equal(asked.length, 2);
    assert.deepEqual(asked[1].contacts.sort(), ['boss@acme.com', 'carla@globex.example', 'dan@globex.example']);
  });
});
