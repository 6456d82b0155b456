// Draws the thread panel into a (closed) shadow root. Everything shown comes from email
// or the server and is hostile: text is set with textContent only, never as markup.
// `doc` is passed in so the drawing is tested in Node with a tiny DOM stand-in.

export const PANEL_CSS = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; }
section { font: 13px/1.4 system-ui, sans-serif; color: #202124; background: #fff; border: 1px solid #dadce0;
  border-radius: 8px; box-shadow: 0 2px 6px rgba(0,0,0,.2); padding: 10px 12px; width: 280px; max-height: 50vh; overflow: auto; }
h2 { font-size: 13px; margin: 0 0 6px; }
p { margin: 0 0 6px; }
.logged { color: #137333; } .not-logged { color: #a50e0e; }
ul { list-style: none; margin: 0 0 6px; padding: 0; }
li { margin: 0 0 4px; }
.detail { color: #5f6368; }
label { display: flex; gap: 6px; align-items: center; cursor: pointer; }
input:focus-visible, button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
button { font: inherit; }
`;

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Pure: the lines the panel shows for one contact row from the service worker. */
export function contactLines(row) {
  const who = row.name ? `${row.name} <${row.email}>` : row.email;
  const account = row.account ? `Account: ${row.account}. ` : '';
  const last = row.lastTouchAt ? `last touch ${String(row.lastTouchAt).slice(0, 10)}` : 'no touch logged yet';
  return { who, detail: `${account}${plural(row.emails, 'email')}, ${plural(row.meetings, 'meeting')}; ${last}.` };
}

function el(doc, tag, attrs = {}, text) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Builds the panel's elements once; returns `update(state)` to redraw its content.
 * state: {status, logged, excluded, contacts, message, busy, canToggle}.
 * `onToggle(checked)` is called when the rep flips "Don't log this thread"; `onClose()` hides it.
 */
export function createPanel(root, doc, { onToggle, onClose }) {
  const style = el(doc, 'style', {}, PANEL_CSS);
  const section = el(doc, 'section', { 'aria-label': 'Quietlog: this thread' });
  const heading = el(doc, 'h2', {}, 'Quietlog');
  const status = el(doc, 'p', { role: 'status', 'aria-live': 'polite' });
  const list = el(doc, 'ul', { 'aria-label': 'Customer contacts in this thread' });
  const label = el(doc, 'label');
  const box = el(doc, 'input', { type: 'checkbox' });
  label.append(box, el(doc, 'span', {}, "Don't log this thread"));
  const message = el(doc, 'p', { 'aria-live': 'polite', class: 'detail' });
  const close = el(doc, 'button', { type: 'button', 'aria-label': 'Hide the Quietlog panel' }, 'Hide');
  section.append(heading, status, list, label, message, close);
  root.append(style, section);
  box.addEventListener('change', () => onToggle(box.checked === true));
  close.addEventListener('click', () => onClose());

  return function update(state) {
    status.textContent = state.status ?? '';
    status.setAttribute('class', state.logged ? 'logged' : 'not-logged');
    list.replaceChildren(...(state.contacts ?? []).map((row) => {
      const lines = contactLines(row);
      const item = el(doc, 'li');
      item.append(el(doc, 'div', {}, lines.who), el(doc, 'div', { class: 'detail' }, lines.detail));
      return item;
    }));
    box.checked = state.excluded === true;
    box.disabled = state.busy === true || state.canToggle === false;
    message.textContent = state.message ?? '';
  };
}
