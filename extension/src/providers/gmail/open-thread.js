// Which thread the rep has open, read from Gmail's DOM. Gmail's URL names the thread with
// an opaque token (#inbox/FMfcg...), but the open thread's heading carries its sync id.
export const OPEN_THREAD_SELECTORS = [
  {
    selector: "h2[data-thread-perm-id]",
    attribute: "data-thread-perm-id",
    reason: 'the open thread\'s subject heading (h2.hP) carries "thread-f:<id>"; InboxSDK reads the thread id here',
  },
  {
    selector: "[role=main] [data-thread-perm-id]",
    attribute: "data-thread-perm-id",
    reason: "the same attribute on another element of the reading pane, in layouts without the heading",
  },
];

/** The open thread's id ("thread-f:..."), or null when no thread is open. */
export function findOpenThreadId(doc) {
  for (const { selector, attribute } of OPEN_THREAD_SELECTORS) {
    const value = doc.querySelector(selector)?.getAttribute(attribute);
    if (typeof value === "string" && /^thread-[af]:/.test(value)) return value;
  }
  return null;
}

/**
 * Calls `onChange(threadId | null)` whenever the open thread changes, until `signal`
 * aborts. The first change after a quiet spell is looked at at once (the panel follows
 * the rep's click in the same frame); the rest of a burst of mutations is coalesced into
 * one look per `delayMs`, so a busy Gmail page costs at most one querySelector per
 * `delayMs`.
 */
export function watchOpenThread(win, onChange, { signal, delayMs = 25 } = {}) {
  let current;
  let timer = null;
  let lastLook = -Infinity;
  const now = () => win.performance?.now?.() ?? Date.now();
  const check = () => {
    timer = null;
    lastLook = now();
    const threadId = findOpenThreadId(win.document);
    if (threadId === current) return;
    current = threadId;
    try {
      onChange(threadId);
    } catch {
      // capture is best effort; Gmail carries on
    }
  };
  const schedule = () => {
    if (timer !== null) return;
    const wait = lastLook + delayMs - now();
    if (wait <= 0) check();
    else timer = win.setTimeout(check, wait);
  };
  const start = () => {
    const observer = new win.MutationObserver(schedule);
    observer.observe(win.document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-thread-perm-id"] });
    signal?.addEventListener("abort", () => observer.disconnect());
    schedule();
  };
  win.addEventListener("hashchange", schedule, { signal });
  if (win.document.documentElement) start();
  else win.document.addEventListener("readystatechange", start, { once: true, signal });
}
