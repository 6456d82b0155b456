// Toolbar popup: each account and whether it is logging, what is queued, when it last
// synced, what the server refused (exportable), and pause. Email content (subjects,
// reasons) is hostile input: shown with textContent only.
import { renderAccounts } from '../connectors/accounts-view.js';
import { describeAccount, describePause, formatAgo, formatIn } from './format.js';

const byId = (id) => document.getElementById(id);

function send(message) {
  return chrome.runtime.sendMessage(message);
}

function listItems(texts, className) {
  return texts.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    if (className) item.className = className;
    return item;
  });
}

function render(status) {
  if (!status || status.error) return;
  byId('queue-size').textContent = String(status.queueSize);
  byId('last-sync').textContent = formatAgo(status.lastSyncAt);
  byId('next-retry').textContent = status.queueSize > 0 ? formatIn(status.nextRetryAt) : '–';
  byId('dead-letter-count').textContent = String(status.deadLetterCount);
  if (status.accounts.length > 0) {
    byId('accounts').replaceChildren(...status.accounts.map((account) => {
      const [item] = listItems([describeAccount(account)], account.logging ? 'ok' : 'warning');
      item.dataset.mailbox = account.mailbox;
      item.dataset.logging = String(account.logging);
      return item;
    }));
  }
  const pauseNote = describePause(status.paused, status.pausedUntil);
  byId('paused-note').hidden = pauseNote === null;
  byId('paused-note').textContent = pauseNote ?? '';
  byId('pause-actions').hidden = status.paused;
  byId('resume').hidden = !status.paused;
  const lastError = byId('last-error');
  lastError.hidden = !status.lastError;
  lastError.textContent = status.lastError?.message ?? '';
  byId('rejected-section').hidden = status.deadLetterCount === 0;
  byId('rejected').replaceChildren(...listItems(status.deadLetters.map(({ summary, reason }) => `${summary}: ${reason}`)));
}

async function refresh() {
  render(await send({ type: 'getStatus' }));
  await renderAccounts(byId('accounts'));
}

for (const button of document.querySelectorAll('[data-pause]')) {
  button.addEventListener('click', async () => render(await send({ type: 'setPaused', choice: button.dataset.pause })));
}
byId('resume').addEventListener('click', async () => render(await send({ type: 'setPaused', choice: false })));

byId('sync-now').addEventListener('click', async () => {
  render(await send({ type: 'syncNow' }));
});

byId('export-dead-letters').addEventListener('click', async () => {
  const { deadLetters = [] } = await send({ type: 'exportDeadLetters' });
  const blob = new Blob([JSON.stringify(deadLetters, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `quietlog-not-accepted-${new Date().toISOString().slice(0, 10)}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});

byId('open-options').addEventListener('click', (event) => {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
});

// The background writes a storage key whenever the queue, a sync, an account or an error changes.
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') refresh();
});

refresh();
