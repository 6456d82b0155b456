// Pure parts of the Gmail thread panel, run in the service worker: which server URLs a
// panel request may cause (built here from checked inputs, never taken from the page),
// why each contact is or is not a customer, and the plain-words status the panel shows.
import limits from '../../../shared-policy/event-limits.json' with { type: 'json' };
import { isRepAddress, mailboxDecision } from './accounts.js';
import { isCustomerAddress } from './policy.js';
import freeMailDomains from 'email-providers/all.json' with { type: 'json' };

const FREE_MAIL_DOMAINS = new Set(freeMailDomains);
const THREAD_ID = /^thread-[af]:[0-9A-Za-z_-]+$/;
const EMAIL_SHAPE = /^[^\s@/?#\\]+@[^\s@/?#\\]+$/;
// The panel shows a handful of contacts; a hostile page cannot make us fetch hundreds.
export const MAX_PANEL_CONTACTS = 10;

const domainOf = (email) => email.slice(email.lastIndexOf('@') + 1);
const inDomains = (domain, list) => (list ?? []).some((entry) => {
  const d = String(entry).toLowerCase().replace(/^@/, '');
  return domain === d || domain.endsWith(`.${d}`);
});

/**
 * Checks what a content script asked about: a Gmail thread id, and a mailbox that is one
 * of the rep's own, or a delegated one the org logs (nothing is asked about another
 * account's threads).
 * @returns {{ok: true, mailbox: string, threadId: string} | {ok: false, reason: string}}
 */
export function checkThreadRequest({ mailbox, threadId, delegated = false }, me) {
  if (typeof threadId !== 'string' || threadId.length > limits.maxThreadIdChars || !THREAD_ID.test(threadId)) {
    return { ok: false, reason: 'threadId: not a Gmail thread id' };
  }
  const decision = mailboxDecision({ mailbox, delegated: delegated === true }, me);
  if (!decision.logging) return { ok: false, reason: decision.reason };
  return { ok: true, mailbox: mailbox.trim().toLowerCase(), threadId };
}

/** The server URLs for one thread (status, exclude, log again). `serverUrl` has no trailing slash. */
export function threadUrls(serverUrl, { mailbox, threadId }) {
  const query = new URLSearchParams({ source: 'gmail', threadId, mailbox }).toString();
  return {
    status: `${serverUrl}/api/v1/me/threads?${query}`,
    exclude: `${serverUrl}/api/v1/me/excluded-threads`,
    include: `${serverUrl}/api/v1/me/excluded-threads?${query}`,
  };
}

export function contactSummaryUrl(serverUrl, email) {
  return `${serverUrl}/api/v1/contacts/${encodeURIComponent(email)}/summary`;
}

/** The distinct, well-formed, lower-cased addresses of a thread (at most MAX_PANEL_CONTACTS). */
export function cleanContacts(contacts) {
  const seen = new Set();
  for (const raw of Array.isArray(contacts) ? contacts : []) {
    const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (email.length > limits.maxAddressChars || !EMAIL_SHAPE.test(email)) continue;
    seen.add(email);
    if (seen.size >= MAX_PANEL_CONTACTS * 3) break;
  }
  return [...seen];
}

/** Why an address does or does not count as a customer, in a short word the panel explains. */
export function contactKind(email, me) {
  const policy = me?.policy ?? {};
  if (isRepAddress(email, me)) return 'you';
  const domain = domainOf(email);
  if (inDomains(domain, policy.internalDomains)) return 'internal';
  const neverLog = policy.neverLog ?? {};
  if ((neverLog.addresses ?? []).some((a) => String(a).toLowerCase() === email) || inDomains(domain, neverLog.domains)) return 'never-log';
  if (isCustomerAddress(email, policy, me)) return 'customer';
  if (!policy.allowFreeMail && FREE_MAIL_DOMAINS.has(domain)) return 'free-mail';
  return 'role';
}

// The server's reasons for skipping an event (POST /api/v1/captures `skipped`), by their
// prefix, in the panel's words. Anything else is shown as the server wrote it.
const SKIP_WORDS = [
  ['not-your-mailbox:', 'the server does not count this mailbox as one of your addresses'],
  ['excluded-thread:', 'you chose not to log this thread'],
  ['never-log:', 'someone in this thread is on a never-log list'],
  ['internal:', 'internal only (everyone is a colleague)'],
  ['free-mail:', 'its only outside addresses are free-mail, which your organisation does not log'],
  ['role-sender:', 'its only outside addresses are automated senders (no customer)'],
  ['not-a-participant:', 'a colleague logged this email and you are not on it'],
];

/** Plain words for a server `skipped` reason (the text is shown as text, never markup). */
export function skipReasonWords(reason) {
  const text = String(reason ?? '').trim();
  const known = SKIP_WORDS.find(([prefix]) => text.startsWith(prefix));
  if (known) return known[1];
  return text === '' ? 'the server skipped it' : `the server skipped it (${text.slice(0, 200)})`;
}

/**
 * The panel's status line, from what the extension knows and what the server said.
 * `paused`: bool; `mailboxReason`: null or mailboxDecision's reason; `kinds`: contactKind
 * of each address; `server`: {excluded, interactions, lastCapturedAt} or null (unreachable);
 * `skipped`: the reason the server gave when it last skipped a message of this thread, or null.
 * @returns {{logged: boolean, text: string, pending?: boolean}} `pending`: worth asking again soon
 */
export function whyNotLogged({ paused = false, mailboxReason = null, kinds = [], server = null, skipped = null }) {
  if (mailboxReason) return { logged: false, text: `Not logged: ${mailboxReason}.` };
  if (server?.excluded) return { logged: false, text: 'Not logged: you chose not to log this thread.' };
  if (kinds.includes('never-log')) return { logged: false, text: 'Not logged: someone in this thread is on a never-log list (your organisation\'s or your own).' };
  if (kinds.length > 0 && !kinds.includes('customer')) {
    const why = kinds.includes('free-mail') ? 'only colleagues and free-mail addresses, which your organisation does not log'
      : kinds.includes('role') ? 'only colleagues and automated senders (no customer)'
        : 'internal only (everyone is a colleague)';
    return { logged: false, text: `Not logged: ${why}.` };
  }
  if (server && server.interactions > 0) {
    const last = server.lastCapturedAt ? `, last on ${String(server.lastCapturedAt).slice(0, 10)}` : '';
    return { logged: true, text: `Logged: ${server.interactions} message${server.interactions === 1 ? '' : 's'} on your record${last}.` };
  }
  if (skipped && (server == null || server.interactions === 0)) return { logged: false, text: `Not logged: ${skipReasonWords(skipped)}.` };
  if (paused) return { logged: false, text: 'Not logged: logging is paused.' };
  if (server == null) return { logged: false, text: 'Could not reach the Quietlog server; this thread\'s status is unknown.' };
  return { logged: false, text: 'Not logged yet: it will be once the messages are uploaded.', pending: true };
}

/** What the panel shows of one contact summary answer (only these fields leave the worker). */
export function contactRow(email, kind, summary) {
  const counts = summary?.counts ?? {};
  const num = (value) => (Number.isFinite(value) ? value : 0);
  return {
    email,
    kind,
    name: typeof summary?.contact?.name === 'string' ? summary.contact.name : null,
    account: typeof summary?.contact?.account === 'string' ? summary.contact.account : null,
    emails: num(counts.emails),
    meetings: num(counts.meetings),
    lastTouchAt: typeof counts.lastTouchAt === 'string' ? counts.lastTouchAt : null,
  };
}

/** The key under which a thread the rep excluded is remembered locally. */
export const excludedKey = (mailbox, threadId) => `${String(mailbox).toLowerCase()}|${threadId}`;
