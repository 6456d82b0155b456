// Builds fake Gmail sync traffic by templating RECORDED Gmail traffic (see
// ../../providers/gmail/fixtures/SOURCES.md): each builder takes the parsed recorded file,
// swaps in new ids, addresses, subject and times, and keeps every other field as Gmail
// sent it. Runs in Node (fake server) and in the browser (fake page), so no imports.

const clone = (value) => JSON.parse(JSON.stringify(value));

/** Replaces every occurrence of each old id string (ids also appear inside other strings). */
function renameIds(template, renames) {
  let text = JSON.stringify(template);
  for (const [from, to] of renames) text = text.split(from).join(to);
  return JSON.parse(text);
}

const wireContact = ({ email, name }) => [1, email, name ?? null];

// Paths below are array indexes (0-based) into the 2022 recordings and object keys into
// the 2018 one; the field meanings are in src/providers/gmail/message-record.js.

/**
 * A compose "send" request body like 2022-09-09-cvOnSend_3_request.json.
 * values: {threadId, messageId, from: {email, name}, to: [{email, name}], subject, bodyHtml, sentAtMs, labels?}
 * `labels` replaces the recorded ones: ["^all", "^r", "^r_bt"] makes the same message a
 * draft again, which is what Gmail's Undo does.
 */
export function buildSendRequest(template, values) {
  const change = template[1][0][0][1];
  const recordedMessage = change[1][13][0];
  const request = renameIds(template, [
    [recordedMessage[0], values.messageId],
    [change[0], values.threadId],
  ]);
  const message = request[1][0][0][1][1][13][0];
  message[1][1] = values.from.email;
  message[1][2] = values.from.name;
  message[1][9] = values.from.email;
  message[2] = values.to.map(wireContact);
  message[6] = values.sentAtMs;
  message[7] = values.subject;
  message[8][1][0][1] = values.bodyHtml;
  message[17] = values.sentAtMs;
  message[4] = []; // no Bcc unless asked
  if (values.labels) message[10] = values.labels;
  return request;
}

/**
 * Thread data embedded in the page (_GM_setData key Cl6csf): the 2022 whole-message
 * layout, from the thread node of 2022-09-09-cvOnReplySend_4_response.json with one
 * message. values: {threadId, messageId, from, to, subject, snippet, receivedAtMs, rfcMessageId}
 */
export function buildPageDataThread(template, values) {
  const thread = clone(template[1][5][0][0][2][6][0]);
  const message = thread[4][0];
  thread[0] = values.subject;
  thread[2] = values.receivedAtMs;
  thread[3] = values.threadId;
  thread[4] = [message];
  message[0] = values.messageId;
  message[1] = wireContact(values.from);
  message[2] = values.to.map(wireContact);
  message[6] = values.receivedAtMs;
  message[7] = values.subject;
  message[9] = values.snippet;
  message[10] = ["^all", "^i"];
  message[13] = values.rfcMessageId;
  message[17] = values.receivedAtMs;
  return [null, [[null, thread]]];
}

/**
 * The response to a send like 2022-09-09-cvOnSend_3_response.json (Gmail may leave its subject
 * empty for a new thread).
 * values: {threadId, messageId, from, to, sentAtMs, snippet, rfcMessageId}
 */
export function buildSendResponse(template, values) {
  const recordedThread = template[1][5][0][0];
  const recordedMessage = recordedThread[2][6][0][4][0];
  const response = renameIds(template, [
    [recordedMessage[0].replace("msg-a:", ""), values.messageId.replace("msg-a:", "")],
    [recordedThread[0], values.threadId],
  ]);
  const thread = response[1][5][0][0][2][6][0];
  const message = thread[4][0];
  message[1] = wireContact(values.from);
  message[2] = values.to.map(wireContact);
  message[6] = values.sentAtMs;
  message[9] = values.snippet;
  message[13] = values.rfcMessageId;
  thread[2] = values.sentAtMs;
  thread[16] = [values.to.map(({ email, name }) => [name ?? email, email])];
  return response;
}

/**
 * Thread data ("fd") with one message, like thread-response-2018-03-08.json.
 * values: {threadId, messageId, from, to, subject, snippet, bodyHtml, receivedAtMs, rfcMessageId}
 */
export function buildThreadResponse(template, values) {
  const response = clone(template);
  const thread = response[2][0];
  const [summary] = thread[2][2];
  const [detail] = thread[3];
  const time = String(values.receivedAtMs);
  const wireAddress = ({ email, name }) => (name ? { 1: 1, 2: email, 3: name } : { 1: 1, 2: email });

  thread[1] = values.threadId;
  Object.assign(thread[2][1], { 1: values.threadId, 2: values.subject, 3: values.snippet, 4: time });
  Object.assign(summary, { 1: values.messageId, 2: wireAddress(values.from), 3: time, 7: time, 11: values.snippet, 16: time });
  detail[1] = values.messageId;
  Object.assign(detail[2], {
    1: values.to.map(wireAddress),
    4: [wireAddress(values.from)],
    5: values.subject,
    6: { 2: [{ 1: 0, 3: { 2: values.bodyHtml } }] },
    7: values.snippet,
    8: values.rfcMessageId,
    12: wireAddress(values.to[0]),
    17: time,
  });
  detail[2][11] = { ...detail[2][11], 17: values.from.email, 9: values.from.email.split("@")[1] };
  return response;
}
