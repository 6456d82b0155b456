// What the popup shows: queue size, last sync, last error, recently rejected events.
// Each field is its own chrome.storage.local key so writers never overwrite each other.
import * as outbox from './outbox.js';
import { isPaused } from './settings.js';

const KEEP_REJECTED = 20;

export async function refreshQueueSize() {
  const queueSize = await outbox.size();
  await chrome.storage.local.set({ queueSize });
  return queueSize;
}

export async function recordSuccess(at = Date.now()) {
  await chrome.storage.local.set({ lastSyncAt: at, lastError: null });
}

export async function recordError(message, kind, at = Date.now()) {
  await chrome.storage.local.set({ lastError: { message, kind, at } });
}

export async function clearError() {
  await chrome.storage.local.set({ lastError: null });
}

export async function recordRejected(rejected, at = Date.now()) {
  if (rejected.length === 0) return;
  const { lastRejected = [] } = await chrome.storage.local.get('lastRejected');
  const fresh = rejected.map(({ reason, summary }) => ({ reason, summary, at }));
  await chrome.storage.local.set({ lastRejected: [...fresh, ...lastRejected].slice(0, KEEP_REJECTED) });
}

export async function setNextRetryAt(nextRetryAt) {
  await chrome.storage.local.set({ nextRetryAt });
}

export async function getStatus() {
  const [queueSize, stored, paused] = await Promise.all([
    outbox.size(),
    chrome.storage.local.get(['lastSyncAt', 'lastError', 'lastRejected', 'nextRetryAt']),
    isPaused(),
  ]);
  return {
    queueSize,
    paused,
    lastSyncAt: stored.lastSyncAt ?? null,
    lastError: stored.lastError ?? null,
    lastRejected: stored.lastRejected ?? [],
    nextRetryAt: stored.nextRetryAt ?? null,
  };
}
