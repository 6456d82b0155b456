import { toContact, toContacts } from "./contacts.js";
import { toEmailEvents } from "./email-event.js";
import { isExcluded } from "./labels.js";
import { readMessageRecord } from "./message-record.js";
import { field, parseSyncJson, repeated } from "./sync-json.js";

/**
 * Thread data ("fd") split across two records per message (InboxSDK
 * gmail-sync-response-processor, gmail.js parse_fd_request_payload): the thread's summary
 * (2.2) lists each message's id (1), sender (2), labels (4), date (7) and snippet (11); the
 * details (3) hold recipients (2.1 to, 2.2 cc), subject (2.5), RFC Message-ID (2.8) and date
 * (2.17). Summary field 12 is In-Reply-To, not the message's own id.
 */
function readSplitThread(wrapper) {
  const threadId = field(wrapper, 1);
  const threadSubject = field(wrapper, 2, 1, 2);
  const detailsById = new Map(repeated(wrapper, 3).map((detail) => [field(detail, 1), field(detail, 2)]));
  return repeated(wrapper, 2, 2).map((summary) => {
    const sourceId = field(summary, 1);
    const detail = detailsById.get(sourceId);
    return {
      sourceId,
      threadId,
      from: toContact(field(summary, 2)),
      to: toContacts(field(detail, 1)),
      cc: toContacts(field(detail, 2)),
      bcc: toContacts(field(detail, 3)),
      occurredAtMs: field(summary, 7) ?? field(detail, 17),
      subject: field(detail, 5) ?? threadSubject,
      snippet: field(summary, 11),
      labels: repeated(summary, 4),
      rfcMessageId: field(detail, 8),
    };
  });
}

/**
 * Thread data in the 2022+ whole-message layout (gmail.js parse_fd_embedded_json): each
 * entry holds the thread at 2, whose field 4 is the thread id and field 5 its messages.
 */
function readWholeMessageThread(wrapper) {
  const thread = field(wrapper, 2);
  const threadId = field(thread, 4);
  return repeated(thread, 5).map((message) => readMessageRecord(message, threadId));
}

function readThreadMessages(wrapper) {
  return typeof field(wrapper, 1) === "string" ? readSplitThread(wrapper) : readWholeMessageThread(wrapper);
}

/**
 * Every message record of a thread-data response (/i/fd, and the same layout embedded in
 * the page), drafts included; `unreadable` counts threads that could not be read.
 */
export function readThreadRecords(responseText) {
  const records = [];
  let unreadable = 0;
  for (const wrapper of repeated(parseSyncJson(responseText), 2)) {
    try {
      records.push(...readThreadMessages(wrapper));
    } catch {
      unreadable += 1;
    }
  }
  return { records, unreadable };
}

/**
 * Events for every message of the threads in a thread-data response. Drafts are left out;
 * a message seen twice (Gmail sends a thread again after each change) counts once, in its
 * latest form. A malformed thread or message is skipped and counted, never fatal.
 */
export function parseThreadResponse(responseText, { accountEmail } = {}) {
  const latestById = new Map();
  const { records, unreadable: unreadableThreads } = readThreadRecords(responseText);
  for (const message of records) {
    latestById.delete(message.sourceId);
    latestById.set(message.sourceId, message);
  }
  const messages = [...latestById.values()].filter((message) => !isExcluded(message.labels));
  const result = toEmailEvents(messages, accountEmail);
  return { ...result, skipped: result.skipped + unreadableThreads };
}
