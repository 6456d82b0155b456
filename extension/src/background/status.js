// What the popup shows: accounts and whether each is logging, queue size, last sync,
// last error, pause, and the refused events (dead letters) with the server's reason.
// Each field is its own chrome.storage.local key so writers never overwrite each other.
import { accountsSeen } from './account-status.js';
import * as deadLetters from './dead-letters.js';
import * as outbox from './outbox.js';
import { summarizeEvent } from './results.js';
import { getPause, pausedAt } from './settings.js';

export async function refreshQueueSize() {
  const queueSize = await outbox.size();
  const deadLetterCount = await deadLetters.count();
  await chrome.storage.local.set({ queueSize, deadLetterCount });
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

export async function setNextRetryAt(nextRetryAt) {
  await chrome.storage.local.set({ nextRetryAt });
}

export async function getStatus(now = Date.now()) {
  const [queueSize, stored, pause, accounts, deadLetterCount, latestDead] = await Promise.all([
    outbox.size(),
    chrome.storage.local.get(['lastSyncAt', 'lastError', 'nextRetryAt']),
    getPause(),
    accountsSeen(),
    deadLetters.count(),
    deadLetters.latest(20),
  ]);
  return {
    queueSize,
    paused: pausedAt(pause, now),
    pausedUntil: pause === true ? 'off' : pausedAt(pause, now) ? pause.until : null,
    lastSyncAt: stored.lastSyncAt ?? null,
    lastError: stored.lastError ?? null,
    nextRetryAt: stored.nextRetryAt ?? null,
    accounts,
    deadLetterCount,
    deadLetters: latestDead.map(({ reason, event, at }) => ({ reason, summary: summarizeEvent(event), at })),
  };
}
