import { toEmailEvents } from "./email-event.js";
import { isBeingSent } from "./labels.js";
import { readMessageRecord } from "./message-record.js";
import { field, parseSyncJson, repeated } from "./sync-json.js";

/**
 * The messages a compose request body puts on the wire. A request carries a list of thread
 * changes (field 2.1); each change names its thread (2.1) and holds the message either as a
 * new message (2.2.14.1) or as a reply (2.2.2.1): paths from InboxSDK's
 * sync-compose-processor-20220909, same in the 2018 object shape.
 */
export function readComposedMessages(requestText) {
  const request = parseSyncJson(requestText);
  return repeated(request, 2, 1).flatMap((change) => {
    const threadId = field(change, 2, 1);
    return [field(change, 2, 2, 14, 1), field(change, 2, 2, 2, 1)]
      .filter((message) => message !== undefined)
      .map((message) => readMessageRecord(message, threadId));
  });
}

/**
 * Events for the messages a compose request SENDS (draft saves travel the same way and are
 * ignored). The request holds what the rep typed (recipients, subject) but no Message-ID;
 * see parse-send.js for combining it with the response.
 */
export function parseSendRequest(requestText, { accountEmail } = {}) {
  const sent = readComposedMessages(requestText).filter((message) => isBeingSent(message.labels));
  return toEmailEvents(sent, accountEmail);
}
