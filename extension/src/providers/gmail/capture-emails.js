import { readHookMessage } from "./hook-protocol.js";
import { eventsFromHookMessage } from "./route-hook-message.js";

/** The message the background's handler table receives ("captureEvents"). */
export function captureEventsMessage(events) {
  return { type: "captureEvents", events };
}

/**
 * Turns the page hook's observations into capture events for the background, until
 * `signal` aborts. The content script only forwards events: the background holds the token,
 * applies the org's policy and chooses where to upload.
 */
export function init(signal, { win = globalThis.window, sendMessage = (m) => chrome.runtime.sendMessage(m) } = {}) {
  win.addEventListener(
    "message",
    (event) => {
      const hookMessage = readHookMessage(event, win);
      if (!hookMessage) return;
      const { events, skipped, problems } = eventsFromHookMessage(hookMessage);
      if (skipped) console.warn(`Quietlog: skipped ${skipped} Gmail message(s) it could not read`, problems);
      if (!events.length) return;
      Promise.resolve()
        .then(() => sendMessage(captureEventsMessage(events)))
        .catch((error) => console.warn("Quietlog: could not hand captured emails to the extension", error));
    },
    { signal },
  );
}
