// System labels Gmail puts on messages in sync traffic (InboxSDK: sync-compose constants,
// gmail.js: parse_fd_bv_is_draft).
const SENDING = "^pfg"; // set on a message the user has just sent (compose "send" action)
const DRAFT = "^r"; // drafts carry "^r" (and "^r_bt"); they are not emails yet
const SENT = "^f"; // the Sent folder

export const isBeingSent = (labels) => Array.isArray(labels) && labels.includes(SENDING);
export const isDraft = (labels) => Array.isArray(labels) && labels.includes(DRAFT) && !labels.includes(SENDING);
export const isInSent = (labels) => Array.isArray(labels) && labels.includes(SENT);
