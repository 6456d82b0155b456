// Syncs every connected account's streams into the outbox, from chrome.alarms and on browser
// start. Per page: map, apply the customer rules (background/policy.js) so internal-only
// meetings and mail never leave the browser, write what is kept to the outbox, and only then
// save the cursor. A worker stopped anywhere in between fetches the same page again, and the
// outbox and the server's dedupe make that harmless: nothing lost, nothing doubled.
import * as outbox from '../background/outbox.js';
import { applyPolicy } from '../background/policy.js';
import { refreshMeIfStale } from '../background/server-api.js';
import { getSettings, isPaused } from '../background/settings.js';
import * as status from '../background/status.js';
import { flush } from '../background/uploader.js';
import { googleCalendarStream } from '../providers/google-calendar/stream.js';
import { outlookCalendarStream, outlookInboxStream, outlookSentStream } from '../providers/outlook/streams.js';
import { ACCOUNTS, appFor, ownAddresses } from './accounts.js';
import { classifyApiResponse, DEFAULT_BACKOFF_MS } from './api-response.js';
import { accessToken, ConsentLost } from './auth.js';
import { getAccountStatus, setAccountStatus } from './status.js';
import { RetryLater, runStream } from './run-stream.js';
import { getCursor, getGrant, getSeen, putCursor, putSeen } from './store.js';

export const SYNC_ALARM = 'quietlog-connectors-sync';
export const SYNC_PERIOD_MINUTES = 5;
const STREAMS = [googleCalendarStream, outlookCalendarStream, outlookInboxStream, outlookSentStream];
// Pages per stream in one run, so one run stays well inside a service worker's lifetime;
// the rest follows at once from an alarm.
const MAX_PAGES_PER_RUN = 20;
const CONTINUE_DELAY_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function syncConnectors() {
  return navigator.locks.request('quietlog-connectors-sync', syncLocked);
}

async function syncLocked() {
  const settings = await getSettings();
  if (!settings.serverUrl || !settings.token) return { notConfigured: true };
  await refreshMeIfStale(settings);
  const { me } = await chrome.storage.local.get('me');
  // Without the policy and the rep's addresses, nothing may be captured.
  if (!me?.policy || ownAddresses(me).length === 0) return { noPolicy: true };
  let more = false;
  let queued = 0;
  // Paused: the sync still moves on, but what happened meanwhile is dropped, never logged
  // later: a pause keeps those meetings and emails off the record.
  const paused = await isPaused();
  for (const provider of Object.keys(ACCOUNTS)) {
    const result = await syncProvider(provider, me, paused);
    more ||= result.more;
    queued += result.queued;
  }
  if (queued > 0) {
    await status.refreshQueueSize();
    flush().catch((error) => console.error('Quietlog upload failed', error));
  }
  if (more) await chrome.alarms.create(SYNC_ALARM, { when: Date.now() + CONTINUE_DELAY_MS, periodInMinutes: SYNC_PERIOD_MINUTES });
  return { queued, more };
}

async function syncProvider(provider, me, paused) {
  const grant = await getGrant(provider);
  if (!grant || !appFor(provider, me)) return { more: false, queued: 0 };
  const accountStatus = (await getAccountStatus())[provider] ?? {};
  if (accountStatus.state === 'reconnect') return { more: false, queued: 0 };
  if (accountStatus.retryAt && accountStatus.retryAt > Date.now()) return { more: true, queued: 0 };
  if (!ownAddresses(me).includes(grant.email)) {
    // The rep's addresses changed: this account is no longer theirs to capture.
    await setAccountStatus(provider, { state: 'reconnect', message: `${grant.email} is no longer one of your addresses.` });
    return { more: false, queued: 0 };
  }
  let more = false;
  let queued = 0;
  try {
    for (const stream of STREAMS.filter((s) => s.provider === provider)) {
      const result = await syncStream(stream, { me, mailbox: grant.email, paused });
      more ||= result.more;
      queued += result.queued;
    }
    await setAccountStatus(provider, { state: 'connected', message: null, lastSyncAt: Date.now(), retryAt: null });
  } catch (error) {
    if (error instanceof ConsentLost) return { more: false, queued };
    const retryAt = Date.now() + (error instanceof RetryLater ? error.delayMs : DEFAULT_BACKOFF_MS);
    await setAccountStatus(provider, { message: error.message, retryAt });
    await chrome.alarms.create(SYNC_ALARM, { when: retryAt, periodInMinutes: SYNC_PERIOD_MINUTES });
  }
  return { more, queued };
}

async function syncStream(stream, { me, mailbox, paused }) {
  // The customer rules see the connected account as the rep (an alias is the rep, too).
  const meAsMailbox = { ...me, user: { ...me.user, email: mailbox } };
  return runStream(stream, {
    fetchPage: (cursor) => fetchPage(stream, cursor),
    getCursor: () => getCursor(stream.id),
    putCursor: (cursor) => putCursor(stream.id, cursor),
    getSeen: (ids) => getSeen(stream.id, ids),
    // Nor remembered: a later deletion must not send a meeting that was never logged.
    putSeen: (events) => (paused ? Promise.resolve() : putSeen(stream.id, events)),
    queue: async (events) => {
      if (paused) return 0;
      const kept = events.map((event) => applyPolicy(event, meAsMailbox)).filter((d) => d.keep).map((d) => d.event);
      return kept.length > 0 ? outbox.addEvents(kept) : 0;
    },
    context: { mailbox, ownAddresses: ownAddresses(me), fallbackTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC' },
    maxPages: MAX_PAGES_PER_RUN,
  });
}

async function fetchPage(stream, cursor, retried = false) {
  const { token } = await accessToken(stream.provider, { force: retried });
  const { url, headers } = stream.request(cursor, token);
  let response;
  try {
    response = await fetch(url, { headers, credentials: 'omit', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new RetryLater(`Cannot reach ${new URL(url).host}: ${error.message}`, DEFAULT_BACKOFF_MS);
  }
  const body = response.status === 403 ? await response.text().catch(() => '') : '';
  const verdict = classifyApiResponse(response.status, response.headers.get('Retry-After'), { retried, mustRestart: stream.mustRestart, body });
  if (verdict.kind === 'refresh') return fetchPage(stream, cursor, true);
  if (verdict.kind === 'consent-lost') {
    // Refused even with a fresh token: the consent no longer covers this (revoked scope).
    await setAccountStatus(stream.provider, { state: 'reconnect', message: 'Access was withdrawn. Click Reconnect.' });
    throw new ConsentLost(`HTTP ${response.status}`);
  }
  if (verdict.kind === 'restart') return { restart: true };
  if (verdict.kind === 'wait') throw new RetryLater(`${new URL(url).host} asked to wait (HTTP ${response.status})`, verdict.delayMs);
  return { body: await response.json() };
}
