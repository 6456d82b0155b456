// The panel's drawing, on a tiny DOM stand-in: hostile names stay text, the controls are
// real, labelled form controls, and the status is announced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactLines, createPanel } from '../../../src/providers/gmail/thread-panel-view.js';
import { addressesOfEvents } from '../../../src/providers/gmail/thread-panel.js';

// Only what createPanel may use. There is no innerHTML here: markup could not be parsed.
class Node {
  constructor(tag) { this.tagName = tag.toUpperCase(); this.attributes = new Map(); this.children = []; this.text = ''; this.listeners = {}; }
  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.get(name) ?? null; }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
  addEventListener(type, fn) { this.listeners[type] = fn; }
  set textContent(value) { this.text = String(value); this.children = []; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  *all() { for (const child of this.children) { yield child; yield* child.all(); } }
}
const doc = { created: [], createElement(tag) { const node = new Node(tag); this.created.push(node); return node; } };
const find = (root, tag) => [...root.all()].filter((n) => n.tagName === tag.toUpperCase());

const HOSTILE = '<img src=x onerror="alert(1)">';

describe('thread panel view', () => {
  const root = new Node('#shadow-root');
  const toggles = [];
  const update = createPanel(root, doc, { onToggle: (checked) => toggles.push(checked), onClose: () => {} });
  update({ status: 'Logged: 2 messages on your record.', logged: true, excluded: false, canToggle: true,
    contacts: [{ email: 'carla@globex.example', name: HOSTILE, account: 'globex.example', emails: 2, meetings: 1, lastTouchAt: '2026-11-29T10:00:00Z' }] });

  it('shows a hostile name as text, never as an element', () => {
    assert.ok(root.textContent.includes(`${HOSTILE} <carla@globex.example>`));
    assert.equal(doc.created.some((n) => n.tagName === 'IMG'), false);
    assert.ok(root.textContent.includes('Account: globex.example. 2 emails, 1 meeting; last touch 2026-11-29.'));
  });

  it('announces the status and offers a labelled checkbox and a button', () => {
    const status = find(root, 'p').find((p) => p.getAttribute('role') === 'status');
    assert.equal(status.getAttribute('aria-live'), 'polite');
    assert.equal(status.textContent, 'Logged: 2 messages on your record.');
    const [label] = find(root, 'label');
    const [box] = find(label, 'input');
    assert.equal(box.getAttribute('type'), 'checkbox');
    assert.ok(label.textContent.includes("Don't log this thread"));
    assert.equal(find(root, 'button')[0].getAttribute('type'), 'button');
    assert.equal(find(root, 'style').length, 1, 'the panel\'s CSS lives inside its shadow root');
  });

  it('reports the switch and redraws the new state', () => {
    const [box] = find(root, 'input');
    box.checked = true;
    box.listeners.change();
    assert.deepEqual(toggles, [true]);
    update({ status: 'Not logged: you chose not to log this thread.', logged: false, excluded: true, contacts: [], busy: true });
    assert.equal(box.checked, true);
    assert.equal(box.disabled, true);
    assert.equal(find(root, 'li').length, 0);
  });

  it('words a contact without name, account or touches', () => {
    assert.deepEqual(contactLines({ email: 'new@globex.example', name: null, account: null, emails: 0, meetings: 0, lastTouchAt: null }),
      { who: 'new@globex.example', detail: '0 emails, 0 meetings; no touch logged yet.' });
  });

  it('learns a thread\'s addresses from its capture events only', () => {
    const events = [
      { threadId: 'thread-f:1', from: { email: 'Carla@Globex.example' }, to: [{ email: 'rep@acme.com' }], cc: [{ email: 'bob@initech.example' }] },
      { threadId: 'thread-f:2', from: { email: 'other@x.example' }, to: [] },
    ];
    assert.deepEqual(addressesOfEvents(events, 'thread-f:1'), ['carla@globex.example', 'rep@acme.com', 'bob@initech.example']);
  });
});
