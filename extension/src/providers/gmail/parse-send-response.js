import { toEmailEvents } from "./email-event.js";
import { isBeingSent } from "./labels.js";
import { readMessageRecord } from "./message-record.js";
import { field, parseSyncJson, repeated } from "./sync-json.js";

/**
 * Every message in the thread updates of a compose response: field 2.6 lists updated
 * threads; each holds its id at 1.1 and its state at 1.3.7.1, whose field 4 repeats the
 * thread id and field 5 lists the thread's messages (InboxSDK sync-compose-processor-20220909).
 */
export function readRespondedMessages(responseText) {
  const response = parseSyncJson(responseText);
  return repeated(response, 2, 6).flatMap((update) => {
    const thread = field(update, 1, 3, 7, 1);
    const threadId = field(update, 1, 1) ?? field(thread, 4);
    return repeated(thread, 5).map((message) => readMessageRecord(message, threadId));
  });
}

/**
 * Events for the messages a compose response confirms as sent. The response carries
 * Gmail's final message and thread ids and the RFC Message-ID; for a new thread its
 * subject is empty, which parse-send.js fills in from the request.
 */
export function parseSendResponse(responseText, { accountEmail } = {}) {
  const sent = readRespondedMessages(responseText).filter((message) => isBeingSent(message.labels));
  return toEmailEvents(sent, accountEmail);
}
