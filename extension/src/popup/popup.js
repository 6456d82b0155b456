// Toolbar popup: what is queued, when it last synced, what went wrong, and a pause switch.
import { renderAccounts } from '../connectors/accounts-view.js';
import { formatAgo, formatIn } from './format.js';

const byId = (id) => document.getElementById(id);

function send(message) {
  return chrome.runtime.sendMessage(message);
}

function render(status) {
  byId('queue-size').textContent = String(status.queueSize);
  byId('last-sync').textContent = formatAgo(status.lastSyncAt);
  byId('next-retry').textContent = status.queueSize > 0 ? formatIn(status.nextRetryAt) : '–';
  byId('paused').checked = status.paused;
  byId('paused-note').hidden = !status.paused;
  const lastError = byId('last-error');
  lastError.hidden = !status.lastError;
  lastError.textContent = status.lastError?.message ?? '';
  byId('rejected-section').hidden = status.lastRejected.length === 0;
  // textContent only: subjects come from email and are hostile input.
  byId('rejected').replaceChildren(...status.lastRejected.map(({ summary, reason }) => {
    const item = document.createElement('li');
    item.textContent = `${summary}: ${reason}`;
    return item;
  }));
}

async function refresh() {
  const status = await send({ type: 'getStatus' });
  if (status && !status.error) render(status);
  await renderAccounts(byId('connectors'));
}

byId('paused').addEventListener('change', async (event) => {
  render(await send({ type: 'setPaused', paused: event.target.checked }));
});

byId('sync-now').addEventListener('click', async () => {
  render(await send({ type: 'syncNow' }));
});

byId('open-options').addEventListener('click', (event) => {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
});

// The background writes a storage key whenever the queue, a sync or an error changes.
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') refresh();
});

refresh();
