// System labels Gmail puts on messages in sync traffic (InboxSDK: sync-compose constants,
// gmail.js: parse_fd_bv_is_draft, check_event_type, the ^scheduled send event).
const SENDING = "^pfg"; // set on a message the user has just sent (compose "send" action)
const DRAFT = "^r"; // drafts carry "^r" (and "^r_bt"); they are not emails yet
const SENT = "^f"; // the Sent folder
const SCHEDULED = "^scheduled"; // a send scheduled for later: not sent yet
const SPAM = "^s";
const TRASH = "^k";

const has = (labels, label) => Array.isArray(labels) && labels.includes(label);

export const isBeingSent = (labels) => has(labels, SENDING);
export const isDraft = (labels) => has(labels, DRAFT) && !has(labels, SENDING);
export const isInSent = (labels) => has(labels, SENT);
export const isScheduled = (labels) => has(labels, SCHEDULED);

/** Mail that is not (yet) a customer touch: drafts, spam, trash, still-scheduled sends. */
export function isExcluded(labels) {
  return isDraft(labels) || has(labels, SPAM) || has(labels, TRASH) || isScheduled(labels);
}
