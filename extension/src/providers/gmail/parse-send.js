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
 * One event per sent message from the whole compose exchange. Per message the request
 * supplies what the rep typed (sender, recipients, subject: the response leaves a new
 * thread's subject empty), and the response supplies what only Gmail knows (RFC Message-ID,
 * snippet, final ids). Either half alone still yields events.
 */
export function parseSend(requestText, responseText, { accountEmail } = {}) {
  const requested = new Map(readOrNothing(readComposedMessages, requestText).map((m) => [m.sourceId, m]));
  const merged = readOrNothing(readRespondedMessages, responseText).map((answer) => {
    const asked = requested.get(answer.sourceId);
    requested.delete(answer.sourceId);
    if (!asked) return answer;
    return {
      ...answer,
      from: asked.from ?? answer.from,
      to: nonEmpty(asked.to) ?? answer.to,
      cc: nonEmpty(asked.cc) ?? answer.cc,
      subject: present(asked.subject) ? asked.subject : answer.subject,
    };
  });
  return toEmailEvents([...merged, ...requested.values()], accountEmail);
}
