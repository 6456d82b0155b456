// The page hook (MAIN world) and the content script (isolated world) talk through
// window.postMessage. The page and every other script on it can post too, so the receiver
// checks the sender window, the origin, the tag and the shape before trusting a message.
export const HOOK_MESSAGE_TAG = "quietlog:gmail-sync@1";

const KINDS = new Set(["send", "thread"]);
const optionalString = (value) => value === null || typeof value === "string";

/** The message the hook posts for one observed sync exchange. */
export function toHookMessage({ kind, url, status, requestBody, responseText, accountEmail }) {
  return { tag: HOOK_MESSAGE_TAG, kind, url, status, requestBody, responseText, accountEmail };
}

/** The hook's message carried by a window "message" event, or null for anything else. */
export function readHookMessage(event, win) {
  if (event.source !== win || event.origin !== win.location.origin) return null;
  const data = event.data;
  if (!data || typeof data !== "object" || data.tag !== HOOK_MESSAGE_TAG) return null;
  if (!KINDS.has(data.kind) || typeof data.url !== "string" || !Number.isInteger(data.status)) return null;
  if (![data.requestBody, data.responseText, data.accountEmail].every(optionalString)) return null;
  return data;
}
