// Gmail's sync API paths (InboxSDK's XHR interception and tests use the same ones):
// compose sends, draft saves and label changes all POST to /sync/u/<n>/i/s;
// opening a thread fetches its data from /sync/u/<n>/i/fd.
const SYNC_ENDPOINTS = [
  { kind: "send", path: /^\/sync\/u\/\d+\/i\/s$/ },
  { kind: "thread", path: /^\/sync\/u\/\d+\/i\/fd$/ },
];

/** "send", "thread" or null for a request URL (relative URLs resolve against `base`). */
export function classifySyncUrl(url, base) {
  let pathname;
  try {
    pathname = new URL(String(url), base).pathname;
  } catch {
    return null;
  }
  return SYNC_ENDPOINTS.find((endpoint) => endpoint.path.test(pathname))?.kind ?? null;
}
