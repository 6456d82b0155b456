// How a provider hands captured events to the outbox: `queueCaptures`. Every event,
// whichever page or connector it came from, passes the same gates here before it is
// written: not paused, the server has said who we are (policy and addresses), the mailbox
// is the rep's own, the event fits the shared schema, and the org's policy keeps it
// (trimmed to the capture level). Nothing is written before all of that is known.
import { directionFor, mailboxDecision } from './accounts.js';
import { recordAccount } from './account-status.js';
import { currentGeneration } from './destination.js';
import { validateEvent } from './event-schema.js';
import * as outbox from './outbox.js';
import { applyPolicy } from './policy.js';
import { refreshMeIfStale } from './server-api.js';
import { getSettings, isPaused } from './settings.js';
import * as status from './status.js';
import { excludedKey } from './thread-panel-logic.js';

export const MAX_EVENTS_PER_CALL = 500;
// Gmail's longest undo window is 30 s; a send is held a little longer unless later sync
// data confirms or undoes it first. Stored (chrome.storage.local) so tests can shorten it.
const DEFAULT_SEND_HOLD_MS = 40_000;
// How long a message without its Message-ID waits for Gmail to supply it, and how many
// may wait at once (beyond that the oldest go as they are, keyed by Gmail's id).
const DEFAULT_MESSAGE_ID_HOLD_MS = 2 * 60_000;
export const MAX_HELD_FOR_MESSAGE_ID = 200;

/**
 * Queues events seen in `mailbox`. `hold`: 'send' (a send still inside Gmail's undo
 * window), 'messageId' (waiting for its Message-ID) or null. Returns counts, and
 * `reason` when nothing could be logged.
 * @returns {Promise<{accepted: number, filtered: number, invalid: number, reason?: string}>}
 */
export async function queueCaptures(events, { mailbox, delegated = false, hold = null, now = Date.now() } = {}) {
  const list = Array.isArray(events) ? events.slice(0, MAX_EVENTS_PER_CALL) : [];
  if (await isPaused(now)) return { accepted: 0, filtered: list.length, invalid: 0, reason: 'paused' };
  const settings = await getSettings();
  if (!settings.serverUrl || !settings.token) return { accepted: 0, filtered: list.length, invalid: 0, reason: 'not set up' };
  const me = await knownMe(settings);
  const decision = mailboxDecision({ mailbox, delegated }, me);
  await recordAccount({ mailbox, delegated, ...decision }, now);
  if (!decision.logging) return { accepted: 0, filtered: list.length, invalid: 0, reason: decision.reason };

  const holdMs = await holdDuration(hold);
  // Threads the rep chose not to log (the Gmail thread panel): never queued again.
  const { excludedThreads = [] } = await chrome.storage.local.get('excludedThreads');
  const excluded = new Set(excludedThreads);
  const items = [];
  let invalid = 0;
  let filtered = 0;
  for (const raw of list) {
    const event = withMailbox(raw, mailbox, me);
    if (!validateEvent(event).ok) { invalid += 1; continue; }
    if (typeof event.threadId === 'string' && excluded.has(excludedKey(event.mailbox, event.threadId))) { filtered += 1; continue; }
    const policy = applyPolicy(event, me);
    if (!policy.keep) { filtered += 1; continue; }
    items.push({ event: policy.event, holdKey: holdKeyOf(policy.event), holdKind: holdMs > 0 ? hold : null, heldUntil: holdMs > 0 ? now + holdMs : 0 });
  }
  const generation = await currentGeneration(settings);
  // Durable first: the answer goes back only once the events are in IndexedDB.
  const accepted = items.length > 0 ? await outbox.addEvents(items, { generation, now }) : 0;
  if (hold === 'messageId') await outbox.releaseOldestHeld('messageId', MAX_HELD_FOR_MESSAGE_ID, now);
  await status.refreshQueueSize();
  return { accepted, filtered, invalid };
}

/** An undone send: its held copy is removed before it ever leaves the browser. */
export async function cancelHeldSends(sourceIds, { mailbox }) {
  const keys = (Array.isArray(sourceIds) ? sourceIds : []).filter((id) => typeof id === 'string').map((id) => `${String(mailbox).toLowerCase()}|${id}`);
  const removed = await outbox.cancelHeld(keys);
  await status.refreshQueueSize();
  return { removed };
}

/** The account a page shows, even when it has nothing to capture yet (for the popup). */
export async function reportAccount({ mailbox, delegated = false }, now = Date.now()) {
  const settings = await getSettings();
  const me = settings.serverUrl && settings.token ? await knownMe(settings) : null;
  const decision = mailboxDecision({ mailbox, delegated }, me);
  await recordAccount({ mailbox, delegated, ...decision }, now);
  return decision;
}

function withMailbox(raw, mailbox, me) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const event = { ...raw, mailbox: String(mailbox).toLowerCase() };
  // The page guesses direction from the account alone; the rep's aliases decide.
  if (event.type === 'email' && event.from) event.direction = directionFor(event, me, mailbox);
  return event;
}

function holdKeyOf(event) {
  return event.type === 'email' && typeof event.sourceId === 'string' ? `${event.mailbox}|${event.sourceId}` : null;
}

async function holdDuration(hold) {
  if (hold !== 'send' && hold !== 'messageId') return 0;
  const { sendHoldMs, messageIdHoldMs } = await chrome.storage.local.get(['sendHoldMs', 'messageIdHoldMs']);
  if (hold === 'send') return Number.isFinite(sendHoldMs) && sendHoldMs > 0 ? sendHoldMs : DEFAULT_SEND_HOLD_MS;
  return Number.isFinite(messageIdHoldMs) && messageIdHoldMs > 0 ? messageIdHoldMs : DEFAULT_MESSAGE_ID_HOLD_MS;
}

// The policy and addresses, asking the server first when we have never heard from it.
async function knownMe(settings) {
  await refreshMeIfStale(settings);
  const { me } = await chrome.storage.local.get('me');
  return me ?? null;
}
