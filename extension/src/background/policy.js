// Pure: the org's policy (from GET /api/v1/me), applied before an event is even queued,
// so private and internal mail never leaves the machine. The server applies it again.

import { isRepAddress } from './accounts.js';
import freeMailDomains from 'email-providers/all.json' with { type: 'json' };
import roleMailboxes from '../../../shared-policy/role-mailboxes.json' with { type: 'json' };

// Addresses anyone can sign up for: a person there is not, by default, a customer account.
// The maintained list from the email-providers package; the server reads the same list.
const FREE_MAIL_DOMAINS = new Set(freeMailDomains);

// Local parts of role and bulk senders: mail from a machine, not a customer touch.
// The rule lives in shared-policy/ so the server and the extension decide alike.
const ROLE_LOCAL_PART = new RegExp(`^(${roleMailboxes.localParts.join('|')})([+._-].*)?$`, 'i');

function domainOf(email) {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

function inDomainList(domain, domains) {
  return domains.some((listed) => {
    const d = String(listed).toLowerCase().replace(/^@/, '');
    return domain === d || domain.endsWith(`.${d}`);
  });
}

export function participantsOf(event) {
  const people = event.type === 'meeting'
    ? [event.organizer, ...(event.attendees ?? [])]
    : [event.from, ...(event.to ?? []), ...(event.cc ?? []), ...(event.bcc ?? [])];
  return people
    .map((person) => (typeof person?.email === 'string' ? person.email.trim().toLowerCase() : ''))
    .filter((email) => email.includes('@'));
}

/** Is this address someone whose mail counts as a customer interaction? `me` is GET /api/v1/me. */
export function isCustomerAddress(email, policy, me) {
  if (isRepAddress(email, me)) return false;
  const domain = domainOf(email);
  const neverLog = policy.neverLog ?? {};
  if (inDomainList(domain, policy.internalDomains ?? [])) return false;
  if ((neverLog.addresses ?? []).some((address) => String(address).toLowerCase() === email)) return false;
  if (inDomainList(domain, neverLog.domains ?? [])) return false;
  if (!policy.allowFreeMail && FREE_MAIL_DOMAINS.has(domain)) return false;
  if (ROLE_LOCAL_PART.test(email.slice(0, email.lastIndexOf('@')))) return false;
  return true;
}

/**
 * @returns {{keep: boolean, reason?: string, event?: object}} the event trimmed to the
 *   org's capture level when kept. With no policy known, nothing is kept: private and
 *   internal mail must not leave the machine on a guess. Applied when an event is queued
 *   and again just before it is uploaded (the policy may have changed meanwhile).
 */
export function applyPolicy(event, me) {
  const policy = me?.policy;
  if (!policy || !me?.user) return { keep: false, reason: 'policy not known' };
  // Anyone on a never-log list keeps the whole event off the record, whoever else is on it.
  const neverLog = policy.neverLog ?? {};
  const participants = participantsOf(event);
  const blocked = participants.find((email) => (neverLog.addresses ?? []).some((a) => String(a).toLowerCase() === email)
    || inDomainList(domainOf(email), neverLog.domains ?? []));
  if (blocked) return { keep: false, reason: 'never-log' };
  if (!participants.some((email) => isCustomerAddress(email, policy, me))) return { keep: false, reason: 'no customer' };
  return { keep: true, event: trimToCaptureLevel(event, policy.captureLevel) };
}

export function trimToCaptureLevel(event, captureLevel) {
  if (event.type !== 'email' || captureLevel === 'subject_snippet') return event;
  const { snippet: _snippet, ...withoutSnippet } = event;
  if (captureLevel === 'subject') return withoutSnippet;
  // Metadata only, and any level we do not know: the least is kept.
  return { ...withoutSnippet, subject: null };
}

/**
 * The policy applied again to queued entries ({localId, event}) just before upload: what
 * it no longer keeps is `dropped` (ids), what it trims differently is `trimmed`, and
 * `kept` is what goes, as it should go now.
 */
export function reapplyPolicy(entries, me) {
  const kept = [];
  const dropped = [];
  const trimmed = [];
  for (const entry of entries) {
    const decision = applyPolicy(entry.event, me);
    if (!decision.keep) { dropped.push(entry.localId); continue; }
    if (JSON.stringify(decision.event) !== JSON.stringify(entry.event)) trimmed.push({ localId: entry.localId, event: decision.event });
    kept.push({ localId: entry.localId, event: decision.event });
  }
  return { kept, dropped, trimmed };
}
