import { normalizeThreadId, toEmailEvent } from "./email-event.js";
import { isBeingSent, isDraft, isExcluded, isInSent, isScheduled } from "./labels.js";
import { MessageStore } from "./message-store.js";
import { readPageDataRecords } from "./page-data.js";
import { readComposedMessages } from "./parse-send-request.js";
import { readRespondedMessages } from "./parse-send-response.js";
import { readSentMessages } from "./parse-send.js";
import { readThreadRecords } from "./parse-thread-response.js";

const succeeded = (status) => status >= 200 && status < 300;
const safely = (read, fallback) => {
  try {
    return read();
  } catch {
    return fallback;
  }
};

/**
 * The page side of Gmail capture: learns message metadata from every payload into one
 * store, and decides what to hand over, as messages for the content script:
 *  - {op: "capture", events, hold: null}: messages of the thread the rep opened (whatever
 *    brought their data: page data, /i/fd, /i/s, list data, or the cache: no request);
 *  - {op: "capture", events, hold: "messageId"}: the same, still without a Message-ID
 *    (held in the outbox until Gmail supplies it or the hold ends);
 *  - {op: "capture", events, hold: "send"}: a send Gmail accepted, still inside the undo
 *    window; released when later data shows it sent or when the window is over;
 *  - {op: "cancelSends", sourceIds}: those sends were undone (back to a draft);
 *    they never leave the browser.
 * Scheduled sends are captured only once later data shows them sent.
 * `emit(message)` is called synchronously; `accountEmail()` names the account.
 */
export function createCaptureSession({ emit, accountEmail = () => null, store = new MessageStore() }) {
  const pendingSends = new Set();
  const scheduled = new Set();
  const emitted = new Map(); // sourceId -> whether it went with its Message-ID
  let openThreadId = null;

  function toEvents(records) {
    const events = [];
    for (const record of records) {
      try {
        events.push(toEmailEvent(record, accountEmail()));
      } catch {
        // a message without the fields the contract needs is not captured
      }
    }
    return events;
  }

  function captureOpened(records) {
    const complete = [];
    const waiting = [];
    for (const record of records) {
      if (record.threadId !== openThreadId || isExcluded(record.labels) || isBeingSent(record.labels) || pendingSends.has(record.sourceId)) continue;
      const hasMessageId = typeof record.rfcMessageId === "string" && record.rfcMessageId !== "";
      const before = emitted.get(record.sourceId);
      if (before === true || (before === false && !hasMessageId)) continue;
      (hasMessageId ? complete : waiting).push(record);
    }
    for (const [records_, hold] of [[complete, null], [waiting, "messageId"]]) {
      const events = toEvents(records_);
      if (events.length === 0) continue;
      for (const event of events) emitted.set(event.sourceId, event.messageId != null);
      emit({ op: "capture", events, hold });
    }
  }

  // What later data says about a send or a scheduled message.
  function followUp(record) {
    if (pendingSends.has(record.sourceId)) {
      if (isDraft(record.labels)) {
        pendingSends.delete(record.sourceId);
        emit({ op: "cancelSends", sourceIds: [record.sourceId] });
      } else if (isInSent(record.labels) && !isBeingSent(record.labels) && !isScheduled(record.labels)) {
        pendingSends.delete(record.sourceId);
        const events = toEvents([record]);
        if (events.length > 0) emit({ op: "capture", events, hold: null });
        emitted.set(record.sourceId, true);
      }
      return;
    }
    if (scheduled.has(record.sourceId) && Array.isArray(record.labels) && !isScheduled(record.labels) && isInSent(record.labels)) {
      scheduled.delete(record.sourceId);
      const events = toEvents([record]);
      if (events.length > 0) emit({ op: "capture", events, hold: null });
      emitted.set(record.sourceId, true);
    }
  }

  function learnAll(records) {
    const merged = records.map((record) => store.learn(record)).filter(Boolean);
    for (const record of merged) followUp(record);
    if (openThreadId) captureOpened(merged);
  }

  function onCompose(requestBody, responseText) {
    const composed = typeof requestBody === "string" ? safely(() => readComposedMessages(requestBody), []) : [];
    // Undo: the sent draft comes back as a draft before the window is over.
    const undone = composed.filter((message) => isDraft(message.labels) && pendingSends.has(message.sourceId));
    for (const message of undone) pendingSends.delete(message.sourceId);
    if (undone.length > 0) emit({ op: "cancelSends", sourceIds: undone.map((message) => message.sourceId) });
    for (const message of composed) if (isScheduled(message.labels)) scheduled.add(message.sourceId);

    const sentIds = new Set(composed.filter((message) => isBeingSent(message.labels) && !isScheduled(message.labels)).map((message) => message.sourceId));
    const responded = typeof responseText === "string" ? safely(() => readRespondedMessages(responseText), []) : [];
    // Everything else in the answer (incoming mail of the thread, thread states) is learned.
    learnAll(responded.filter((record) => !sentIds.has(record.sourceId)).concat(composed.filter((m) => isScheduled(m.labels))));
    if (sentIds.size === 0) return;
    const sent = safely(() => readSentMessages(requestBody, responseText), []).filter((record) => sentIds.has(record.sourceId));
    for (const record of sent) {
      store.learn(record);
      pendingSends.add(record.sourceId);
      emitted.set(record.sourceId, true);
    }
    const events = toEvents(sent);
    if (events.length > 0) emit({ op: "capture", events, hold: "send" });
  }

  return {
    store,
    /** One sync exchange seen by the hook: {kind: "send" | "thread", status, requestBody, responseText}. */
    onSyncExchange({ kind, status, requestBody, responseText }) {
      if (!succeeded(status)) return;
      if (kind === "send") onCompose(requestBody, responseText);
      else if (kind === "thread") learnAll(safely(() => readThreadRecords(responseText).records, []));
    },
    /** One _GM_setData payload (data embedded in the page). */
    onPageData(data) {
      learnAll(readPageDataRecords(data));
    },
    /** The thread the rep has open (from the URL/DOM), or null. */
    onThreadOpened(threadId) {
      openThreadId = typeof threadId === "string" && threadId ? normalizeThreadId(threadId) : null;
      if (openThreadId) captureOpened(store.ofThread(openThreadId));
    },
  };
}
