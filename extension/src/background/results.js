// Pure: what an upload's HTTP answer means for the queued events.

/** Every status that means the server has decided about the event. */
export const SETTLED_STATUSES = new Set(['stored', 'duplicate', 'updated', 'skipped', 'rejected']);

/**
 * Classifies an HTTP answer to POST /api/v1/captures.
 *  - ok: 2xx, read the per-event results
 *  - auth: 401/403, the token is bad or lacks the role; keep events until it is fixed
 *  - retry: network error, 5xx, 429, or anything else; keep events, back off
 */
export function classifyUploadResponse(status) {
  if (status == null) return 'retry';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'auth';
  return 'retry';
}

/**
 * Matches a 2xx answer's results to the batch. An event leaves the outbox only when a
 * result with a settled status names its index; anything the answer does not cover
 * stays queued and goes again.
 */
export function settleBatch(batch, answer) {
  const results = Array.isArray(answer?.results) ? answer.results : [];
  const settledIds = [];
  const rejected = [];
  const counts = {};
  const seen = new Set();
  for (const result of results) {
    const index = result?.index;
    if (!Number.isInteger(index) || index < 0 || index >= batch.length || seen.has(index)) continue;
    if (!SETTLED_STATUSES.has(result.status)) continue;
    seen.add(index);
    const entry = batch[index];
    settledIds.push(entry.localId);
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    if (result.status === 'rejected') {
      rejected.push({ localId: entry.localId, reason: String(result.reason ?? 'no reason given'), summary: summarizeEvent(entry.event) });
    }
  }
  const keptIds = batch.filter((_, index) => !seen.has(index)).map((entry) => entry.localId);
  return { settledIds, keptIds, rejected, counts };
}

/** A short human label for an event, for the popup's list of rejected events. */
export function summarizeEvent(event) {
  if (!event || typeof event !== 'object') return 'unknown event';
  const title = event.type === 'meeting' ? event.title : event.subject;
  const label = typeof title === 'string' && title.trim() !== '' ? title.trim() : '(no subject)';
  const kind = typeof event.type === 'string' ? event.type : 'event';
  return `${kind}: ${label.slice(0, 120)}`;
}

/** Plain words for the popup when an upload did not go through. */
export function describeUploadFailure({ status = null, networkError = null, body = null } = {}) {
  const serverMessage = body?.error?.message ? ` (${body.error.message})` : '';
  if (status == null) return `Cannot reach the Quietlog server${networkError ? `: ${networkError}` : ''}. Will retry.`;
  if (status === 401) return `The server refused the token${serverMessage}. Enter a new token in Options.`;
  if (status === 403) return `This token may not upload captures${serverMessage}. Ask your admin for a rep token.`;
  if (status === 429) return 'The server asked us to slow down. Will retry.';
  if (status >= 500) return `The server had an error (HTTP ${status}). Will retry.`;
  return `The server did not accept the upload (HTTP ${status})${serverMessage}. Will retry.`;
}
