// Sends the outbox to the server, oldest first, one batch at a time, and schedules a
// retry with backoff when that fails. Safe to call any time: a Web Lock makes calls
// run one after another, even across the worker's wake-ups. A batch the server refuses
// as a whole (400 malformed, 413 too large) is split and sent again at once, see
// delivery.js; limits learned from a 413 are kept in chrome.storage.local `batchLimits`.
import { nextRetryDelayMs, parseRetryAfter } from './backoff.js';
import { buildBody, effectiveBatchLimits, jsonBytes, learnBatchLimits, MAX_BATCH_BYTES, takeBatch } from './batching.js';
import { deliverBatch } from './delivery.js';
import * as outbox from './outbox.js';
import { classifyUploadResponse, describeUploadFailure, summarizeEvent } from './results.js';
import { refreshMeIfStale } from './server-api.js';
import { getRetryOptions, getSettings } from './settings.js';
import * as status from './status.js';

export const RETRY_ALARM = 'quietlog-retry';
const REQUEST_TIMEOUT_MS = 30_000;
const LIMITS_KEY = 'batchLimits';

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
    const limits = await currentBatchLimits(settings);
    const entries = await outbox.oldest(limits.maxEvents);
    if (entries.length === 0) {
      await onQueueEmpty();
      return { sent };
    }
    // A learned byte limit is soft (an event over it still goes alone); only an event
    // over the server's documented 1 MiB is set aside without asking.
    const { batch, oversized } = takeBatch(entries, client(), { ...limits, oversizeBytes: MAX_BATCH_BYTES });
    if (oversized.length > 0) {
      await setAsideOversized(oversized);
      continue;
    }
    const delivered = await deliverBatch(batch, {
      post: (part) => post(settings, part),
      onSettled: async ({ settledIds, rejected, ok }) => {
        await outbox.remove(settledIds);
        await status.recordRejected(rejected);
        if (ok) await status.recordSuccess();
        await status.refreshQueueSize();
      },
      onTooLarge: (part, outcome) => rememberSmallerLimits(settings, part, outcome),
    });
    sent += delivered.sent;
    if (delivered.failure) {
      await onFailure(delivered.failure);
      return { sent };
    }
  }
}

function limitScope(settings) {
  return { version: chrome.runtime.getManifest().version, serverUrl: settings.serverUrl };
}

async function currentBatchLimits(settings) {
  const { [LIMITS_KEY]: stored } = await chrome.storage.local.get(LIMITS_KEY);
  return effectiveBatchLimits(stored, limitScope(settings));
}

async function rememberSmallerLimits(settings, part, outcome) {
  const current = await currentBatchLimits(settings);
  const bytes = jsonBytes(buildBody(client(), part.map((entry) => entry.event)));
  const learned = learnBatchLimits(current, { events: part.length, bytes, message: outcome.body?.error?.message }, limitScope(settings));
  await chrome.storage.local.set({ [LIMITS_KEY]: learned });
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
    kind: classifyUploadResponse(response.status, body),
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
