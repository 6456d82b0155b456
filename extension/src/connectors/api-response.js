// Pure: what a provider API's HTTP status means for a sync.
import { parseRetryAfter } from '../background/backoff.js';

export const DEFAULT_BACKOFF_MS = 60_000;
const RATE_LIMIT_REASON = /rateLimitExceeded|userRateLimitExceeded|quotaExceeded|ApplicationThrottled/;

/**
 * @param {number} status
 * @param {string|null} retryAfter the Retry-After header
 * @param {{retried: boolean, mustRestart: (status: number) => boolean, body?: string}} options
 *   retried: a fresh token was already tried for this request; body: the error body of a 403
 * @returns {{kind: 'ok'} | {kind: 'refresh'} | {kind: 'consent-lost'} | {kind: 'restart'} | {kind: 'wait', delayMs: number}}
 */
export function classifyApiResponse(status, retryAfter, { retried, mustRestart, body = '', now = Date.now() }) {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  // 401: the access token expired or was revoked; one refresh decides which.
  if (status === 401) return retried ? { kind: 'consent-lost' } : { kind: 'refresh' };
  // Google answers some rate limits with 403 (usageLimits reasons); any other 403 on a read
  // this app was granted means the consent no longer covers it.
  if (status === 403 && !RATE_LIMIT_REASON.test(body)) return { kind: 'consent-lost' };
  if (mustRestart(status)) return { kind: 'restart' };
  // 429 and 503 come with Retry-After from both Google and Graph; honour it, else back off.
  const asked = parseRetryAfter(retryAfter, now);
  return { kind: 'wait', delayMs: asked ?? DEFAULT_BACKOFF_MS };
}
