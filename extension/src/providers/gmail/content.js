// Entry for the isolated-world content script on mail.google.com (bundled by esbuild into
// one classic script, run at document_start). It opens the private channel to the page
// script, adds the mailbox the tab shows, and hands each message to the service worker.
// It never listens to window messages, never sees the token and never chooses a URL.
import { openContentEnd } from "./channel.js";
import { currentMailbox, toBackgroundMessage } from "./forward-captures.js";
import { startThreadPanel } from "./thread-panel.js";

let dead = false;
const alive = () => !dead && typeof chrome !== "undefined" && chrome.runtime?.id !== undefined;
const waitMs = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(message) {
  try {
    return await chrome.runtime.sendMessage(message);
  } catch (error) {
    // After an extension update this copy is orphaned: stop answering pings so the page
    // script moves to the new content script, which gets every unacknowledged message.
    if (!alive() || /context invalidated/i.test(String(error?.message))) dead = true;
    throw error;
  }
}

// The title names the account only once Gmail has drawn it; wait for it (bounded) rather
// than send events the service worker would refuse for an unknown mailbox.
async function mailboxFor(claimedEmail) {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const seen = currentMailbox(window, claimedEmail);
    if (seen.mailbox || !seen.isMailbox) return seen;
    await waitMs(250);
  }
  return currentMailbox(window, claimedEmail);
}

let reported = null;
async function reportAccount(seen) {
  const key = `${seen.mailbox}|${seen.delegated}`;
  if (!seen.mailbox || key === reported) return;
  reported = key;
  await send({ type: "reportAccount", mailbox: seen.mailbox, delegated: seen.delegated }).catch(() => {});
}

// The in-thread panel: whether the open thread is logged, its customers, "Don't log this thread".
const noteEvents = startThreadPanel(window, { account: () => currentMailbox(window, null), send });

openContentEnd(window, {
  alive,
  onMessage: async (message) => {
    const seen = await mailboxFor(message?.accountEmail);
    if (!seen.isMailbox) return true; // not a mailbox page (e.g. Gmail's settings frames): nothing to log
    const request = toBackgroundMessage(message, seen);
    if (!request) return true; // not a shape the page script sends: dropped
    // The panel learns the thread's addresses first: it need not wait for the outbox.
    if (request.type === "captureEvents") noteEvents(request.events);
    await reportAccount(seen);
    await send(request);
    return true;
  },
});

// Tell the popup which account this tab shows even before anything is captured.
const reportWhenKnown = () => reportAccount(currentMailbox(window, null)).catch(() => {});
window.addEventListener("load", () => setTimeout(reportWhenKnown, 500), { once: true });
setTimeout(reportWhenKnown, 3000);
