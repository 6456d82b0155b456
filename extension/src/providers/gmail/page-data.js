import { readMessageRecord } from "./message-record.js";
import { readThreadRecords } from "./parse-thread-response.js";
import { field, parseSyncJson, repeated } from "./sync-json.js";

// Gmail ships the data of the first screen inside the page: inline scripts call
// window._GM_setData({...}) with JSON strings under fixed keys (gmail.js
// embedded_data_watcher): "Cl6csf" holds open-thread data in the 2022 whole-message
// layout, "a6jdv" the thread list. A thread opened by a reload, a deep link or a
// notification click arrives only here.
const THREAD_DATA_KEY = "Cl6csf";
const LIST_DATA_KEY = "a6jdv";

const jsonTextAt = (data, key) => {
  const text = data?.[key]?.[0]?.[2];
  return typeof text === "string" ? text : null;
};

/**
 * The thread list in the page's embedded list data: threads at 1.1, each holding the
 * thread at 5 (subject 1, id 4, messages 5, in the whole-message layout but without
 * recipients: gmail.js parse_bv_embedded_json).
 */
export function readListRecords(text) {
  const records = [];
  for (const container of repeated(parseSyncJson(text), 1, 1)) {
    const thread = field(container, 5);
    const threadId = field(thread, 4);
    const subject = field(thread, 1);
    for (const message of repeated(thread, 5)) {
      const record = readMessageRecord(message, threadId);
      if (record.subject === undefined && typeof subject === "string") record.subject = subject;
      records.push(record);
    }
  }
  return records;
}

/** Every message record in one _GM_setData payload; unreadable parts are skipped. */
export function readPageDataRecords(data) {
  const records = [];
  const threadText = jsonTextAt(data, THREAD_DATA_KEY);
  if (threadText) {
    try {
      records.push(...readThreadRecords(threadText).records);
    } catch {
      // not the layout we know: the same thread still comes by /i/fd when opened
    }
  }
  const listText = jsonTextAt(data, LIST_DATA_KEY);
  if (listText) {
    try {
      records.push(...readListRecords(listText));
    } catch {
      // as above
    }
  }
  return records;
}

/**
 * Calls `onData(payload)` for every _GM_setData call, Gmail's own function still called
 * with its own arguments. At document_start Gmail has not defined it yet, so the property
 * is wrapped when Gmail assigns it.
 */
export function hookPageData(win, onData) {
  const wrap = (fn) => {
    if (typeof fn !== "function") return fn;
    return function (data) {
      try {
        onData(data);
      } catch {
        // observing never breaks Gmail
      }
      return fn.apply(this, arguments);
    };
  };
  let current = wrap(win._GM_setData);
  try {
    Object.defineProperty(win, "_GM_setData", {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (fn) => {
        current = wrap(fn);
      },
    });
  } catch {
    // a page that froze the property: page data is then only seen through /i/fd
  }
}
