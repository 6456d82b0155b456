// The thread panel in Gmail (isolated-world content script): when a thread is open, asks
// the service worker what to show about it and draws it in a closed shadow root, so
// Gmail's CSS and page scripts cannot reach it and its CSS cannot leak into Gmail.
// It names the thread, the mailbox and the addresses seen; the service worker chooses
// every URL and holds the token.
import { findOpenThreadId, watchOpenThread } from "./open-thread.js";
import { createPanel } from "./thread-panel-view.js";

const MAX_THREADS_REMEMBERED = 50;
const MAX_ADDRESSES = 100;
// "Not logged yet" (the messages are still on their way to the server): look again a few times.
const RECHECK_MS = 3_000;
const MAX_RECHECKS = 5;

/** Pure: the addresses of a thread's capture events (from, to, cc), lower-cased, de-duplicated. */
export function addressesOfEvents(events, threadId) {
  const found = new Set();
  for (const event of Array.isArray(events) ? events : []) {
    if (event?.threadId !== threadId) continue;
    for (const person of [event.from, ...(event.to ?? []), ...(event.cc ?? [])]) {
      if (typeof person?.email === "string") found.add(person.email.trim().toLowerCase());
    }
  }
  return [...found];
}

/**
 * Starts the panel. `account()` names the tab's mailbox: {mailbox, delegated};
 * `send(message)` reaches the service worker. Returns `noteEvents(events)`, called with
 * every capture the page script hands over, so the panel learns the thread's addresses
 * from parsed data.
 *
 * The host element carries `data-state`: "checking" from the moment the thread opens,
 * "ready" once the service worker's answer is drawn (the bench times the panel by it;
 * it says nothing of the thread).
 */
export function startThreadPanel(win, { account, send }) {
  const seen = new Map(); // threadId -> Set of addresses
  let openThread = null;
  let host = null;
  let update = null;
  let state = {};
  let hidden = false;
  let pending = null;
  let rechecks = 0;
  let asked = new Set(); // the addresses the last question about the open thread named

  const contactsOf = (threadId) => {
    const fromDom = [...win.document.querySelectorAll("[role=main] [email]")].map((node) => node.getAttribute("email"));
    return [...new Set([...(seen.get(threadId) ?? []), ...fromDom])].slice(0, MAX_ADDRESSES);
  };

  const draw = (next) => {
    state = { ...state, ...next };
    if (update) update(state);
  };

  function mount() {
    if (host) return;
    // A copy left by an older content script (after an extension update) gives way.
    for (const old of win.document.querySelectorAll("quietlog-thread-panel")) old.remove();
    host = win.document.createElement("quietlog-thread-panel");
    const root = host.attachShadow({ mode: "closed" });
    update = createPanel(root, win.document, { onToggle: toggle, onClose: () => { hidden = true; host.remove(); } });
    win.document.body.append(host);
  }

  const question = (threadId) => {
    const { mailbox, delegated } = account();
    return { mailbox, delegated: delegated === true, threadId };
  };

  async function refresh() {
    const threadId = openThread;
    if (!threadId || hidden) return;
    mount();
    const contacts = contactsOf(threadId);
    asked = new Set(contacts);
    const answer = await send({ type: "threadPanel", ...question(threadId), contacts }).catch(() => null);
    if (threadId !== openThread || !host) return;
    if (!answer || answer.error) draw({ status: "Quietlog could not check this thread.", logged: false, contacts: [], canToggle: false, busy: false });
    else draw({ ...answer, busy: false });
    host.setAttribute("data-state", "ready");
    if (answer?.pending && rechecks < MAX_RECHECKS) {
      rechecks += 1;
      win.setTimeout(() => { if (threadId === openThread) scheduleRefresh(); }, RECHECK_MS);
    }
  }

  async function toggle(excluded) {
    const threadId = openThread;
    draw({ busy: true, message: excluded ? "Removing this thread from your record…" : "Logging this thread again…" });
    const answer = await send({ type: "setThreadExcluded", ...question(threadId), excluded }).catch(() => null);
    if (threadId !== openThread) return;
    draw({ busy: false, message: answer?.status ?? "Quietlog could not change this thread.", excluded: answer?.ok ? answer.excluded : !excluded });
    if (answer?.ok) refresh();
  }

  // Coalesces refreshes (new addresses arrive in bursts).
  const scheduleRefresh = () => {
    if (pending === null) pending = win.setTimeout(() => { pending = null; refresh(); }, 50);
  };

  watchOpenThread(win, (threadId) => {
    openThread = threadId;
    if (!threadId) {
      host?.remove();
      host = null;
      update = null;
      state = {};
      return;
    }
    rechecks = 0;
    if (pending !== null) { win.clearTimeout(pending); pending = null; }
    // Drawn at once, then filled by the service worker's answer without waiting for more
    // addresses (those that arrive later refresh it again).
    state = { message: "" };
    if (hidden) return;
    mount();
    host.setAttribute("data-state", "checking");
    draw({ status: "Checking this thread…", logged: false, contacts: [], canToggle: false, excluded: false, busy: false });
    refresh();
  });

  return function noteEvents(events) {
    const current = openThread ?? findOpenThreadId(win.document);
    let grew = false;
    const threads = new Set((Array.isArray(events) ? events : []).map((event) => event?.threadId).filter((id) => typeof id === "string"));
    for (const threadId of threads) {
      const known = seen.get(threadId) ?? new Set();
      for (const email of addressesOfEvents(events, threadId)) {
        if (known.size < MAX_ADDRESSES && !known.has(email)) { known.add(email); grew = grew || threadId === current; }
      }
      seen.delete(threadId);
      seen.set(threadId, known);
      if (seen.size > MAX_THREADS_REMEMBERED) seen.delete(seen.keys().next().value);
    }
    // Ask again only for an address the last question did not name (the tab's own
    // mailbox, on every message, tells the panel nothing new).
    const own = account().mailbox;
    const news = grew && current === openThread && contactsOf(current).some((email) => email !== own && !asked.has(email));
    if (news) scheduleRefresh();
  };
}
