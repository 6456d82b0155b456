import { parseSend } from "./parse-send.js";
import { parseThreadResponse } from "./parse-thread-response.js";

const NOTHING = Object.freeze({ events: [], skipped: 0, problems: [] });
const succeeded = (status) => status >= 200 && status < 300;

/**
 * The capture events in one sync exchange seen by the page hook. A failed request sent
 * nothing and showed nothing, so it yields no events; an unparseable body is one skip.
 */
export function eventsFromHookMessage(message) {
  if (!succeeded(message.status)) return NOTHING;
  const context = { accountEmail: message.accountEmail };
  try {
    if (message.kind === "send") return parseSend(message.requestBody, message.responseText, context);
    if (message.kind === "thread") return parseThreadResponse(message.responseText, context);
  } catch (error) {
    return { events: [], skipped: 1, problems: [`${message.kind} body: ${error.message}`] };
  }
  return NOTHING;
}
