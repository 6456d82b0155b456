// Sends the outbox to the server, oldest first, one batch at a time, and schedules a
// retry with backoff when that fails. Safe to call any time: a Web Lock makes calls
// run one after another, even across the worker's wake-ups. Every path (a new capture,
// Sync now, the alarm) honours the time the server asked us to wait (Retry-After) and
// the backoff. A batch the server refuses as a whole (400 malformed, 413 too large) is
// split, see delivery.js; limits learned from a 413 are kept in `batchLimits`. Events
// the server refuses go to the dead-letter store with its reason. The org's policy is
// applied again to each event just before it leaves.
import { nextRetryDelayMs, parseRetryAfter } from './backoff.js';
import { buildBody, effectiveBatchLimits, jsonBytes, learnBatchLimits, MAX_BATCH_BYTES, takeBatch } from './batching.js';
import { deliverBatch } from './delivery.js';
import { currentGeneration } from './destination.js';
import * as outbox from './outbox.js';
import { reapplyPolicy } from './policy.js';
import { classifyUploadResponse, describeNotSetUp, describeUnconfirmed, describeUploadFailure } from './results.js';
import { refreshMeIfStale } from './server-api.js';
import { accessNeeded, serverFetch } from './server-fetch.js';
import { getRetryOptions, getSettings } from './settings.js';
import * as status from './status.js';
import { recordOutcomes } from './thread-skips.js';

export const RETRY_ALARM = 'quietlog-retry';
export const DUE_ALARM = 'quietlog-due';
const REQUEST_TIMEOUT_MS = 30_000;
const LIMITS_KEY = 'batchLimits';
// After this many 5xx in a row, batches are bisected to find an event the server fails on.
const BISECT_AFTER_SERVER_ERRORS = 3;
// An event the server fails on alone while others go through waits this long.
const PARK_MS = 60 * 60_000;

function client() {
  return { name: 'quietlog-extension', version: chrome.runtime.getManifest().version };
}

/** `fromAlarm`: the retry alarm itself, which fires when the wait is over. */
export function flush({ fromAlarm = false } = {}) {
  return navigator.locks.request('quietlog-upload', () => flushLocked({ fromAlarm }));
}

async function flushLocked({ fromAlarm }) {
  const settings = await getSettings();
  if (!settings.serverUrl || !settings.token) {
    await status.refreshQueueSize();
    await status.recordError(describeNotSetUp(settings), 'config');
    return { sent: 0 };
  }
  const { nextRetryAt } = await chrome.storage.local.get('nextRetryAt');
  if (!fromAlarm && Number.isFinite(nextRetryAt) && nextRetryAt > Date.now()) {
    // The server asked us to wait (or is failing): a new capture or Sync now must not
    // knock again before then. The retry alarm is already set for that time.
    return { sent: 0, deferredUntil: nextRetryAt };
  }
  const generation = await currentGeneration(settings);
  // The requests below need no host access: the server answers the extension under CORS.
  // Only when one found nothing it may read, without access, is the failure explained as the
  // missing access (an older server, or a proxy stripping CORS), which the rep can fix.
  await refreshMeIfStale(settings);
  const { me } = await chrome.storage.local.get('me');
  if (!me?.policy) {
    const allowed = !(await accessNeeded(settings.serverUrl));
    await status.recordError(describeUnconfirmed({ serverUrl: settings.serverUrl, allowed }), allowed ? 'config' : 'permission');
    return { sent: 0 };
  }
  let sent = 0;
  for (;;) {
    const limits = await currentBatchLimits(settings);
    const entries = await applyPolicyAgain(await outbox.oldest(limits.maxEvents, { generation }), me);
    if (entries.length === 0) {
      await onQueueEmpty(generation);
      return { sent };
    }
    // A learned byte limit is soft (an event over it still goes alone); only an event
    // over the server's documented 1 MiB is set aside without asking.
    const { batch, oversized } = takeBatch(entries, client(), { ...limits, oversizeBytes: MAX_BATCH_BYTES });
    if (oversized.length > 0) {
      await outbox.moveToDeadLetters(oversized, () => 'too large to upload (over 1 MiB)', { serverUrl: settings.serverUrl });
      continue;
    }
    const { serverErrorStreak = 0 } = await chrome.storage.local.get('serverErrorStreak');
    const delivered = await deliverBatch(batch, {
      post: (part) => post(settings, part),
      onSettled: async ({ settledIds, rejected, outcomes, ok }) => {
        const rejectedIds = new Set(rejected.map((entry) => entry.localId));
        const reasons = new Map(rejected.map((entry) => [entry.localId, entry.reason]));
        await outbox.moveToDeadLetters(batch.filter((entry) => rejectedIds.has(entry.localId)), (entry) => reasons.get(entry.localId), { serverUrl: settings.serverUrl });
        await outbox.remove(settledIds.filter((id) => !rejectedIds.has(id)));
        // Why the server skipped a thread's messages, for the Gmail thread panel.
        await recordOutcomes(batch, outcomes).catch(() => {});
        if (ok) await status.recordSuccess();
        await status.refreshQueueSize();
      },
      onTooLarge: (part, outcome) => rememberSmallerLimits(settings, part, outcome),
      bisectServerErrors: serverErrorStreak >= BISECT_AFTER_SERVER_ERRORS,
    });
    sent += delivered.sent;
    if (delivered.parked.length > 0) await outbox.park(delivered.parked.map((entry) => entry.localId), Date.now() + PARK_MS);
    if (delivered.failure) {
      const blocked = delivered.failure.status == null && (await accessNeeded(settings.serverUrl));
      await onFailure(delivered.failure, { noAccessTo: blocked ? settings.serverUrl : null });
      return { sent };
    }
    await chrome.storage.local.set({ serverErrorStreak: 0 });
  }
}

// The policy may have changed since the event was queued (or the event was queued by an
// older version): what it no longer keeps leaves the outbox here, unsent.
async function applyPolicyAgain(entries, me) {
  const { kept, dropped, trimmed } = reapplyPolicy(entries, me);
  await outbox.remove(dropped);
  await outbox.replaceEvents(trimmed);
  return kept;
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
    response = await serverFetch(settings.serverUrl, '/api/v1/captures', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.token}` },
      body: JSON.stringify(buildBody(client(), batch.map((entry) => entry.event))),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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

async function onQueueEmpty(generation) {
  await chrome.storage.local.set({ retryAttempt: 0, serverErrorStreak: 0 });
  await status.clearError(); // configured and nothing waiting: nothing to warn about
  await chrome.alarms.clear(RETRY_ALARM);
  await status.setNextRetryAt(null);
  await status.refreshQueueSize();
  await scheduleDue(generation);
}

/** Wakes the uploader when the next held send or parked event becomes due. */
export async function scheduleDue(generation) {
  const due = await outbox.nextDueAt({ generation });
  if (due == null) {
    await chrome.alarms.clear(DUE_ALARM);
    return;
  }
  await chrome.alarms.create(DUE_ALARM, { when: due });
  // Alarms may fire late; while the worker is awake, a timer is more punctual.
  setTimeout(() => flush().catch(() => {}), Math.max(0, due - Date.now()) + 50);
}

async function onFailure(outcome, { noAccessTo = null } = {}) {
  const { retryAttempt = 0, serverErrorStreak = 0 } = await chrome.storage.local.get(['retryAttempt', 'serverErrorStreak']);
  const retryOptions = await getRetryOptions();
  // A refused token will not heal by itself soon, but a policy push or a new token
  // might: retry slowly rather than never.
  const attempt = outcome.kind === 'auth' ? 30 : retryAttempt;
  const delay = nextRetryDelayMs(attempt, outcome.retryAfterMs ?? null, retryOptions);
  const when = Date.now() + delay;
  const serverError = Number.isInteger(outcome.status) && outcome.status >= 500;
  await chrome.storage.local.set({ retryAttempt: retryAttempt + 1, serverErrorStreak: serverError ? serverErrorStreak + 1 : 0 });
  await chrome.alarms.create(RETRY_ALARM, { when });
  await status.setNextRetryAt(when);
  const noAccess = noAccessTo != null && outcome.status == null;
  await status.recordError(describeUploadFailure({ ...outcome, noAccessTo }), noAccess ? 'permission' : outcome.kind);
  await status.refreshQueueSize();
}
