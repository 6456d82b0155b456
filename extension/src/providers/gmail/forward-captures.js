import { accountEmailFromTitle } from "./account-email.js";
import { mailboxFromUrl } from "./mailbox.js";

const OPS = new Set(["capture", "cancelSends"]);
const HOLDS = new Set([null, "send", "messageId"]);
const MAX_EVENTS = 500;
const isIdList = (value) => Array.isArray(value) && value.length <= MAX_EVENTS && value.every((id) => typeof id === "string" && id.length < 600);

/**
 * The mailbox the tab shows: the address in Gmail's title (read from the isolated world),
 * else the page script's claim; and whether it is a delegated mailbox (/mail/u/N/d/...).
 */
export function currentMailbox(win, claimedEmail) {
  const location = mailboxFromUrl(win.location.href);
  const fromTitle = accountEmailFromTitle(win.document.title);
  const claimed = typeof claimedEmail === "string" && claimedEmail.includes("@") ? claimedEmail : null;
  return { mailbox: (fromTitle ?? claimed)?.toLowerCase() ?? null, delegated: location?.delegated === true, isMailbox: location !== null };
}

/**
 * Pure: the service-worker message for one message from the page script, or null when it
 * is not one of the shapes the page script sends. The page is not trusted: the service
 * worker checks every event against the schema again.
 */
export function toBackgroundMessage(message, { mailbox, delegated }) {
  if (!message || typeof message !== "object" || !OPS.has(message.op)) return null;
  if (message.op === "cancelSends") {
    return isIdList(message.sourceIds) ? { type: "cancelSends", mailbox, sourceIds: message.sourceIds } : null;
  }
  if (!Array.isArray(message.events) || message.events.length > MAX_EVENTS || !HOLDS.has(message.hold ?? null)) return null;
  return { type: "captureEvents", mailbox, delegated, hold: message.hold ?? null, events: message.events };
}
