// Pure: when to try again after a failed upload.

export const DEFAULT_RETRY_BASE_MS = 5_000;
export const DEFAULT_RETRY_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with "equal jitter": the delay for attempt n (0-based) lies in
 * [d/2, d] where d = min(cap, base * 2^n). Half is fixed so a retry is never
 * immediate; half is random so many browsers coming back after one outage spread out.
 */
export function retryDelayMs(attempt, { baseMs = DEFAULT_RETRY_BASE_MS, capMs = DEFAULT_RETRY_CAP_MS, random = Math.random } = {}) {
  const safeAttempt = Math.max(0, Math.min(attempt, 30));
  const ceiling = Math.min(capMs, baseMs * 2 ** safeAttempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Retry-After is either delay-seconds or an HTTP-date. Returns milliseconds from `now`,
 * or null when absent or unreadable.
 */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null) return null;
  const text = String(value).trim();
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return null;
  return Math.max(0, when - now);
}

/** The server's Retry-After wins when it asks for longer than our own backoff. */
export function nextRetryDelayMs(attempt, retryAfterMs, options) {
  const own = retryDelayMs(attempt, options);
  return retryAfterMs == null ? own : Math.max(own, retryAfterMs);
}
