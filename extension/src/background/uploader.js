// Sends the outbox to the server, oldest first, one batch at a time, and schedules a
// retry with backoff when that fails. Safe to call any time: a Web Lock makes calls
// run one after another, even across the worker's wake-ups.
import { nextRetryDelayMs, parseRetryAfter } from './backoff.js';
import { buildBody, MAX_BATCH_EVENTS, takeBatch } from './batching.js';
import * as outbox from './outbox.js';
import { classifyUploadResponse, describeUploadFailure, settleBatch, summarizeEvent } from './results.js';
import { refreshMeIfStale } from './server-api.js';
import { getRetryOptions, getSettings } from './settings.js';
import * as status from './status.js';

export const RETRY_ALARM = 'quietlog-retry';
const REQUEST_TIMEOUT_MS = 30_000;

function client() {
  return { name: 'quietlog-extension', version: chrome.runtime.getManifest().version };
}

export function flush() {
  return navigator.locks.request('quietlog-upload', flushLocked);
}

async function flushLocked() {
  const settings = await getSettings();
  if (!settings.serverUrl || !settings.token) {
    await status.refreshQueueSize();
    await status.recordError('Not set up yet: enter the server URL and token in Options.', 'config');
    return { sent: 0 };
  }
  await refreshMeIfStale(settings);
  let sent = 0;
  for (;;) {
    const entries = await outbox.oldest(MAX_BATCH_EVENTS);
    if (entries.length === 0) {
      await onQueueEmpty();
      return { sent };
    }
    const { batch, oversized } = takeBatch(entries, client());
    if (oversized.length > 0) {
      await setAsideOversized(oversized);
      continue;
    }
    const outcome = await post(settings, batch);
    if (outcome.kind !== 'ok') {
      await onFailure(outcome);
      return { sent };
    }
    const settled = settleBatch(batch, outcome.body);
    await outbox.remove(settled.settledIds);
    await status.recordRejected(settled.rejected);
    await status.recordSuccess();
    await status.refreshQueueSize();
    sent += settled.settledIds.length;
    if (settled.settledIds.length === 0) {
      // A 2xx that decided nothing: going round again at once would spin.
      await onFailure({ kind: 'retry', status: outcome.status, body: { error: { message: 'the answer had no results' } } });
      return { sent };
    }
  }
}

async function post(settings, batch) {
  let response;
  try {
    response = await fetch(`${settings.serverUrl}/api/v1/captures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.token}` },
      body: JSON.stringify(buildBody(client(), batch.map((entry) => entry.event))),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      credentials: 'omit',
    });
  } catch (error) {
    return { kind: 'retry', status: null, networkError: String(error?.message ?? error) };
  }
  const body = await response.json().catch(() => null);
  return {
    kind: classifyUploadResponse(response.status),
    status: response.status,
    body,
    retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
  };
}

async function onQueueEmpty() {
  await chrome.storage.local.set({ retryAttempt: 0 });
  await status.clearError(); // configured and nothing waiting: nothing to warn about
  await chrome.alarms.clear(RETRY_ALARM);
  await status.setNextRetryAt(null);
  await status.refreshQueueSize();
}

async function onFailure(outcome) {
  const { retryAttempt = 0 } = await chrome.storage.local.get('retryAttempt');
  const retryOptions = await getRetryOptions();
  // A refused token will not heal by itself soon, but a policy push or a new token
  // might: retry slowly rather than never.
  const attempt = outcome.kind === 'auth' ? 30 : retryAttempt;
  const delay = nextRetryDelayMs(attempt, outcome.retryAfterMs ?? null, retryOptions);
  const when = Date.now() + delay;
  await chrome.storage.local.set({ retryAttempt: retryAttempt + 1 });
  await chrome.alarms.create(RETRY_ALARM, { when });
  await status.setNextRetryAt(when);
  await status.recordError(describeUploadFailure(outcome), outcome.kind);
  await status.refreshQueueSize();
}

async function setAsideOversized(entries) {
  // Over 1 MiB alone, the server would refuse it forever and it would block the queue.
  await outbox.remove(entries.map((entry) => entry.localId));
  await status.recordRejected(entries.map((entry) => ({ reason: 'too large to upload (over 1 MiB)', summary: summarizeEvent(entry.event) })));
}
