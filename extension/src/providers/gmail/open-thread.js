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
 * aborts. DOM changes are coalesced (one look per 100 ms at most), so a busy Gmail page
 * costs one querySelector per burst of mutations.
 */
export function watchOpenThread(win, onChange, { signal, delayMs = 100 } = {}) {
  let current;
  let timer = null;
  const check = () => {
    timer = null;
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
    if (timer === null) timer = win.setTimeout(check, delayMs);
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
