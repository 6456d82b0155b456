import { toContact, toContacts } from "./contacts.js";
import { field, repeated } from "./sync-json.js";

/**
 * Reads one message in the layout Gmail uses for a whole message: compose requests, compose
 * responses and 2022+ thread data (InboxSDK sync-compose-processor-20220909, gmail.js
 * parse_fd_embedded_json). Field numbers: 1 id, 2 from, 3 to, 4 cc, 5 bcc, 7 date (ms),
 * 8 subject, 10 snippet, 11 labels, 14 RFC Message-ID. The body (9) is never read.
 * Every sync shape is treated as untrusted: missing fields come back undefined.
 */
export function readMessageRecord(node, threadId) {
  const sourceId = field(node, 1);
  return {
    sourceId: typeof sourceId === "string" ? sourceId : undefined,
    threadId,
    from: toContact(field(node, 2)),
    to: toContacts(field(node, 3)),
    cc: toContacts(field(node, 4)),
    bcc: toContacts(field(node, 5)),
    occurredAtMs: field(node, 7) ?? field(node, 18),
    subject: field(node, 8),
    snippet: field(node, 10),
    labels: repeated(node, 11),
    rfcMessageId: field(node, 14),
  };
}
