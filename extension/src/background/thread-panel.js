// The service-worker side of the Gmail thread panel. The content script names a thread
// and its addresses; this checks them, builds the server URLs itself, calls the server
// with the token, and answers only what the panel shows.
import { refreshMeIfStale } from './server-api.js';
import { serverFetch } from './server-fetch.js';
import { getSettings, isPaused } from './settings.js';
import {
  MAX_PANEL_CONTACTS, checkThreadRequest, cleanContacts, contactKind, contactRow, contactSummaryUrl, excludedKey, threadUrls, whyNotLogged,
} from './thread-panel-logic.js';

const TIMEOUT_MS = 10_000;
// The threads the rep excluded, remembered so later captures of them never enter the outbox.
const MAX_REMEMBERED = 2000;

async function context() {
  const settings = await getSettings();
  if (!settings.serverUrl || !settings.token) return { error: 'Quietlog is not set up: open its options.' };
  await refreshMeIfStale(settings);
  const { me } = await chrome.storage.local.get('me');
  return { settings, me: me ?? null };
}

async function call(settings, url, { method = 'GET', body } = {}) {
  try {
    const response = await serverFetch(settings.serverUrl, url, {
      method,
      headers: { Authorization: `Bearer ${settings.token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const json = await response.json().catch(() => null);
    return response.ok && json && typeof json === 'object' ? json : null;
  } catch {
    return null;
  }
}

/** {mailbox, threadId, contacts} -> {logged, status, excluded, contacts: [...]} or {error}. */
export async function threadPanel({ mailbox, threadId, contacts }) {
  const { settings, me, error } = await context();
  if (error) return { logged: false, status: error, excluded: false, canToggle: false, contacts: [] };
  const emails = cleanContacts(contacts);
  const kinds = emails.map((email) => contactKind(email, me));
  const checked = checkThreadRequest({ mailbox, threadId }, me);
  if (!checked.ok) {
    const mailboxReason = checked.reason.startsWith('threadId') ? 'this page is not a Gmail thread' : checked.reason;
    return { logged: false, status: whyNotLogged({ mailboxReason }).text, excluded: false, canToggle: false, contacts: [] };
  }
  const urls = threadUrls(settings.serverUrl, checked);
  const external = emails.filter((_, i) => kinds[i] === 'customer').slice(0, MAX_PANEL_CONTACTS);
  const [server, ...summaries] = await Promise.all([
    call(settings, urls.status),
    ...external.map((email) => call(settings, contactSummaryUrl(settings.serverUrl, email))),
  ]);
  const serverStatus = server && typeof server.interactions === 'number' ? server : null;
  const excluded = serverStatus?.excluded === true || (await locallyExcluded(checked.mailbox, checked.threadId));
  const verdict = whyNotLogged({ paused: await isPaused(), kinds, server: serverStatus ? { ...serverStatus, excluded } : (excluded ? { excluded, interactions: 0 } : null) });
  return {
    logged: verdict.logged,
    status: verdict.text,
    excluded,
    canToggle: true,
    pending: verdict.pending === true,
    contacts: external.map((email, i) => contactRow(email, 'customer', summaries[i])),
  };
}

/** {mailbox, threadId, excluded} -> {ok, excluded, removedInteractions?, status}. */
export async function setThreadExcluded({ mailbox, threadId, excluded }) {
  const { settings, me, error } = await context();
  if (error) return { ok: false, status: error };
  const checked = checkThreadRequest({ mailbox, threadId }, me);
  if (!checked.ok) return { ok: false, status: `Not changed: ${checked.reason}.` };
  const urls = threadUrls(settings.serverUrl, checked);
  const want = excluded === true;
  const answer = want
    ? await call(settings, urls.exclude, { method: 'PUT', body: { source: 'gmail', threadId: checked.threadId, mailbox: checked.mailbox } })
    : await call(settings, urls.include, { method: 'DELETE' });
  if (!answer) return { ok: false, excluded: !want, status: 'Could not reach the Quietlog server; nothing changed.' };
  await rememberExcluded(checked.mailbox, checked.threadId, want);
  const removed = Number.isFinite(answer.removedInteractions) ? answer.removedInteractions : 0;
  return {
    ok: true,
    excluded: want,
    removedInteractions: removed,
    status: want ? `This thread will not be logged; ${removed} logged message${removed === 1 ? '' : 's'} removed from your record.` : 'This thread will be logged again from now on.',
  };
}

export async function locallyExcluded(mailbox, threadId) {
  const { excludedThreads = [] } = await chrome.storage.local.get('excludedThreads');
  return excludedThreads.includes(excludedKey(mailbox, threadId));
}

async function rememberExcluded(mailbox, threadId, excluded) {
  const key = excludedKey(mailbox, threadId);
  const { excludedThreads = [] } = await chrome.storage.local.get('excludedThreads');
  const rest = excludedThreads.filter((entry) => entry !== key);
  await chrome.storage.local.set({ excludedThreads: excluded ? [...rest, key].slice(-MAX_REMEMBERED) : rest });
}
