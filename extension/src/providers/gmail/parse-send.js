import { toEmailEvents } from "./email-event.js";
import { isBeingSent } from "./labels.js";
import { readComposedMessages } from "./parse-send-request.js";
import { readRespondedMessages } from "./parse-send-response.js";

function readOrNothing(read, text) {
  if (typeof text !== "string" || !text) return [];
  try {
    return read(text).filter((message) => isBeingSent(message.labels));
  } catch {
    return []; // one unreadable half must not lose what the other half says
  }
}

const present = (value) => value !== undefined && value !== null && value !== "";
const nonEmpty = (list) => (list.length ? list : undefined);

/**
 * The messages a compose exchange SENDS, one record each. Per message the request
 * supplies what the rep typed (sender, recipients, subject: the response leaves a new
 * thread's subject empty), and the response supplies what only Gmail knows (RFC
 * Message-ID, snippet, final ids). Only the drafts the request sends count: the response
 * repeats the whole thread, whose earlier messages may still carry ^pfg (InboxSDK matches
 * the sent draft's id the same way). A response alone (no request seen) still yields its
 * sent messages.
 */
export function readSentMessages(requestText, responseText) {
  const requested = new Map(readOrNothing(readComposedMessages, requestText).map((m) => [m.sourceId, m]));
  const sentIds = new Set(requested.keys());
  const responded = readOrNothing(readRespondedMessages, responseText).filter((answer) => sentIds.size === 0 || sentIds.has(answer.sourceId));
  const merged = responded.map((answer) => {
    const asked = requested.get(answer.sourceId);
    requested.delete(answer.sourceId);
    if (!asked) return answer;
    return {
      ...answer,
      from: asked.from ?? answer.from,
      to: nonEmpty(asked.to) ?? answer.to,
      cc: nonEmpty(asked.cc) ?? answer.cc,
      bcc: nonEmpty(asked.bcc) ?? answer.bcc,
      subject: present(asked.subject) ? asked.subject : answer.subject,
    };
  });
  return [...merged, ...requested.values()];
}

/** One event per sent message of a compose exchange (see readSentMessages). */
export function parseSend(requestText, responseText, { accountEmail } = {}) {
  return toEmailEvents(readSentMessages(requestText, responseText), accountEmail);
}
