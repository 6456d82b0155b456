// Entry for the MAIN-world content script (manifest "world": "MAIN", run_at document_start):
// it must be in place before Gmail's own code creates its first request or page data.
// esbuild bundles it into one classic script; it has no access to chrome.* and holds
// nothing secret. Gmail's payloads are parsed here, in the page, and only event fields
// cross to the content script, over the private channel (channel.js).
import { findAccountEmail } from "./account-email.js";
import { createCaptureSession } from "./capture-session.js";
import { createPageEnd } from "./channel.js";
import { watchOpenThread } from "./open-thread.js";
import { hookPageData } from "./page-data.js";
import { installSyncHook } from "./sync-hook.js";

const STARTED = Symbol.for("quietlog.gmail.pageHook");

// Injected again into open tabs after an extension update (see background/reinject.js):
// the first copy keeps running and takes the new content script's port.
if (!window[STARTED]) {
  window[STARTED] = true;
  const channel = createPageEnd(window);
  const session = createCaptureSession({
    accountEmail: () => findAccountEmail(window),
    emit: (message) => channel.send({ ...message, accountEmail: findAccountEmail(window) }),
  });
  installSyncHook(window, (exchange) => session.onSyncExchange(exchange));
  hookPageData(window, (data) => session.onPageData(data));
  // Capture need not follow a click as closely as the panel: a burst costs one look per 100 ms.
  watchOpenThread(window, (threadId) => session.onThreadOpened(threadId), { delayMs: 100 });
}
