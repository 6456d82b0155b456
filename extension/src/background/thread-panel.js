// The service-worker side of the Gmail thread panel. The content script names a thread
// and its addresses; this checks them, builds the server URLs itself, calls the server
// with the token, and answers only what the panel shows.
import { refreshMeIfStale } from './server-api.js';
import { serverFetch } from './server-fetch.js';
import { getSettings, pausedAt } from './settings.js';
import {
  MAX_PANEL_CONTACTS, checkThreadRequest, cleanContacts, contactKind, contactRow, contactSummaryUrl, excludedKey, threadUrls, whyNotLogged,
} from './thread-panel-logic.js';
import { forgetSkip } from './thread-skips.js';

const TIMEOUT_MS = 10_000;
// The threads the rep excluded, remembered so later captures of them never enter the outbox.
const MAX_REMEMBERED = 2000;
// A contact's summary changes slowly; the rep opening thread after thread with the same
// customer need not wait for it each time. Kept in the worker's memory only, briefly.
const SUMMARY_TTL_MS = 60_000;
const MAX_SUMMARIES = 200;
const summaries = new Map(); // `${serverUrl}|${token}|${email}` -> {at, value}: one rep's view of one contact
// The settings (the token is read from IndexedDB) and /me, kept for the next thread the
// rep opens: reading them again each time costs more than the server's answer. Dropped
// when they change (a new server, token or policy also clears `me`), on a 401, and
// after a few seconds in any case.
const CONTEXT_TTL_MS = 10_000;
const CONTEXT_KEYS = ['serverUrl', 'me', 'meCheckedAt', 'token'];
let remembered = null; // {at, value: Promise<{settings, me} | {error}>}
let listening = false;
// Registered on first use (a worker woken for something else holds nothing to drop).
function forgetOnChange() {
  if (listening) return;
  listening = true;
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || CONTEXT_KEYS.some((key) => key in changes)) remembered = null;
  });
}

async function freshContext() {
  const settings = await getSettings();
  if (!settings.serverUrl || !settings.token) return { error: 'Quietlog is not set up: open its options.' };
  await refreshMeIfStale(settings);
  const { me } = await chrome.storage.local.get('me');
  return { settings, me: me ?? null };
}

function context({ fresh = false, now = Date.now() } = {}) {
  forgetOnChange();
  if (fresh || !remembered || now - remembered.at >= CONTEXT_TTL_MS) {
    const value = freshContext();
    remembered = { at: now, value };
    value.then((result) => { if (result.error && remembered?.value === value) remembered = null; }, () => { remembered = null; });
  }
  return remembered.value;
}

/** What the extension itself knows of a thread, in one storage read. */
async function localFacts(mailbox, threadId, now = Date.now()) {
  const key = excludedKey(mailbox, threadId);
  const { excludedThreads = [], paused = false, threadSkips = [] } = await chrome.storage.local.get(['excludedThreads', 'paused', 'threadSkips']);
  return {
    excluded: excludedThreads.includes(key),
    paused: pausedAt(paused, now),
    skipped: (Array.isArray(threadSkips) ? threadSkips : []).find(([entry]) => entry === key)?.[1] ?? null,
  };
}

async function call(settings, url, { method = 'GET', body } = {}) {
  try {
    const response = await serverFetch(settings.serverUrl, url, {
      method,
      headers: { Authorization: `Bearer ${settings.token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 401) remembered = null;
    const json = await response.json().catch(() => null);
    return response.ok && json && typeof json === 'object' ? json : null;
  } catch {
    return null;
  }
}

async function contactSummary(settings, email, now = Date.now()) {
  const key = `${settings.serverUrl}|${settings.token}|${email}`;
  const cached = summaries.get(key);
  if (cached && now - cached.at < SUMMARY_TTL_MS) return cached.value;
  const value = await call(settings, contactSummaryUrl(settings.serverUrl, email));
  if (value) {
    summaries.delete(key);
    summaries.set(key, { at: now, value });
    if (summaries.size > MAX_SUMMARIES) summaries.delete(summaries.keys().next().value);
  }
  return value;
}

/**
 * {mailbox, delegated, threadId, contacts} -> {logged, status, excluded, contacts: [...]}.
 * What the extension knows itself (mailbox, policy, pause, local opt-out, the server's
 * last skip reason) is read while the server is asked, all at once.
 */
export async function threadPanel({ mailbox, delegated = false, threadId, contacts }) {
  const { settings, me, error } = await context();
  if (error) return { logged: false, status: error, excluded: false, canToggle: false, contacts: [] };
  const emails = cleanContacts(contacts);
  const kinds = emails.map((email) => contactKind(email, me));
  const checked = checkThreadRequest({ mailbox, threadId, delegated }, me);
  if (!checked.ok) {
    const mailboxReason = checked.reason.startsWith('threadId') ? 'this page is not a Gmail thread' : checked.reason;
    return { logged: false, status: whyNotLogged({ mailboxReason }).text, excluded: false, canToggle: false, contacts: [] };
  }
  const urls = threadUrls(settings.serverUrl, checked);
  const external = emails.filter((_, i) => kinds[i] === 'customer').slice(0, MAX_PANEL_CONTACTS);
  // No customer, or someone on a never-log list: the policy alone decides, so the answer
  // needs nothing from the server but the contacts' summaries.
  const decidedLocally = kinds.includes('never-log') || (kinds.length > 0 && !kinds.includes('customer'));
  const [server, { excluded: localExcluded, paused, skipped }, ...found] = await Promise.all([
    decidedLocally ? { excluded: false, interactions: 0, lastCapturedAt: null } : call(settings, urls.status),
    localFacts(checked.mailbox, checked.threadId),
    ...external.map((email) => contactSummary(settings, email)),
  ]);
  const serverStatus = server && typeof server.interactions === 'number' ? server : null;
  const excluded = serverStatus?.excluded === true || localExcluded;
  const verdict = whyNotLogged({ paused, kinds, skipped, server: serverStatus ? { ...serverStatus, excluded } : (excluded ? { excluded, interactions: 0 } : null) });
  return {
    logged: verdict.logged,
    status: verdict.text,
    excluded,
    canToggle: true,
    pending: verdict.pending === true,
    contacts: external.map((email, i) => contactRow(email, 'customer', found[i])),
  };
}

/** {mailbox, delegated, threadId, excluded} -> {ok, excluded, removedInteractions?, status}. */
export async function setThreadExcluded({ mailbox, delegated = false, threadId, excluded }) {
  const { settings, me, error } = await context({ fresh: true });
  if (error) return { ok: false, status: error };
  const checked = checkThreadRequest({ mailbox, threadId, delegated }, me);
  if (!checked.ok) return { ok: false, status: `Not changed: ${checked.reason}.` };
  const urls = threadUrls(settings.serverUrl, checked);
  const want = excluded === true;
  const answer = want
    ? await call(settings, urls.exclude, { method: 'PUT', body: { source: 'gmail', threadId: checked.threadId, mailbox: checked.mailbox } })
    : await call(settings, urls.include, { method: 'DELETE' });
  if (!answer) return { ok: false, excluded: !want, status: 'Could not reach the Quietlog server; nothing changed.' };
  await rememberExcluded(checked.mailbox, checked.threadId, want);
  if (!want) await forgetSkip(checked.mailbox, checked.threadId);
  const removed = Number.isFinite(answer.removedInteractions) ? answer.removedInteractions : 0;
  return {
    ok: true,
    excluded: want,
    removedInteractions: removed,
    status: want ? `This thread will not be logged; ${removed} logged message${removed === 1 ? '' : 's'} removed from your record.` : 'This thread will be logged again from now on.',
  };
}

async function rememberExcluded(mailbox, threadId, excluded) {
  const key = excludedKey(mailbox, threadId);
  const { excludedThreads = [] } = await chrome.storage.local.get('excludedThreads');
  const rest = excludedThreads.filter((entry) => entry !== key);
  await chrome.storage.local.set({ excludedThreads: excluded ? [...rest, key].slice(-MAX_REMEMBERED) : rest });
}
