// What the server last decided about each Gmail thread's messages, when it skipped them:
// the upload answer names a reason per event (`skipped`, e.g. "not-your-mailbox: …",
// "excluded-thread: …", "never-log: …") and the thread panel says it in plain words.
// A message of the thread stored later clears it. Kept in chrome.storage.local, bounded.
import { excludedKey } from './thread-panel-logic.js';

const KEY = 'threadSkips';
const MAX_THREADS = 500;
const STORED = new Set(['stored', 'duplicate', 'updated']);

/**
 * Pure: the new list ([[threadKey, reason], ...], newest last) after the settled
 * `outcomes` ({localId, status, reason}) of the `batch` entries ({localId, event}).
 */
export function foldSkips(list, batch, outcomes) {
  const byId = new Map(batch.map((entry) => [entry.localId, entry.event]));
  const skips = new Map(Array.isArray(list) ? list : []);
  for (const { localId, status, reason } of outcomes ?? []) {
    const event = byId.get(localId);
    if (event?.type !== 'email' || typeof event.threadId !== 'string' || typeof event.mailbox !== 'string') continue;
    const key = excludedKey(event.mailbox, event.threadId);
    if (status === 'skipped') {
      skips.delete(key);
      skips.set(key, String(reason ?? '').slice(0, 300));
    } else if (STORED.has(status)) {
      skips.delete(key);
    }
  }
  return [...skips].slice(-MAX_THREADS);
}

export async function recordOutcomes(batch, outcomes) {
  if (!outcomes?.length) return;
  const { [KEY]: list = [] } = await chrome.storage.local.get(KEY);
  const next = foldSkips(list, batch, outcomes);
  if (JSON.stringify(next) !== JSON.stringify(list)) await chrome.storage.local.set({ [KEY]: next });
}

/** The rep logs the thread again: an old "excluded-thread" skip no longer applies. */
export async function forgetSkip(mailbox, threadId) {
  const { [KEY]: list = [] } = await chrome.storage.local.get(KEY);
  const key = excludedKey(mailbox, threadId);
  if (list.some(([entry]) => entry === key)) await chrome.storage.local.set({ [KEY]: list.filter(([entry]) => entry !== key) });
}
