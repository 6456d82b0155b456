// Pure: what an upload's HTTP answer means for the queued events.
import { splitBatch } from './batching.js';

/** Every status that means the server has decided about the event. */
export const SETTLED_STATUSES = new Set(['stored', 'duplicate', 'updated', 'skipped', 'rejected']);

/**
 * Classifies an HTTP answer to POST /api/v1/captures.
 *  - ok: 2xx, read the per-event results
 *  - auth: 401/403, the token is bad or lacks the role; keep events until it is fixed
 *  - too_large: 413, this batch is over the server's (or a proxy's) limits; it will
 *    never be accepted as it is, so split it (see planRefusal)
 *  - invalid: 400 with the server's JSON error ({"error":{...}}): the body as a whole
 *    was refused, most likely because of one malformed event; split it to find that one.
 *    A 400 without that shape (a proxy, a captive portal) says nothing about our events
 *    and is retried, so it cannot turn the whole outbox into "rejected".
 *  - retry: network error, 5xx, 429, or anything else; keep events, back off
 */
export function classifyUploadResponse(status, body = null) {
  if (status == null) return 'retry';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'auth';
  if (status === 413) return 'too_large';
  if (status === 400 && body?.error && typeof body.error === 'object') return 'invalid';
  return 'retry';
}

/** Whether an outcome's kind means "this exact batch will never be accepted". */
export function isBatchRefusal(kind) {
  return kind === 'too_large' || kind === 'invalid';
}

/**
 * What to do with a batch the server refused as a whole (kind too_large or invalid):
 *  - two or more events: `{action: 'split', parts: [older half, newer half]}`, to be
 *    sent at once, so the good events still go and a bad one ends up alone;
 *  - a single event: `{action: 'reject', rejected: [{localId, reason, summary}]}`, with
 *    the server's message as the reason: it can never be accepted, so it leaves the
 *    outbox and shows in the popup like a per-event rejection.
 */
export function planRefusal(batch, { kind, status = null, body = null } = {}) {
  if (batch.length > 1) {
    return { action: 'split', parts: splitBatch(batch) };
  }
  const message = typeof body?.error?.message === 'string' && body.error.message.trim() !== '' ? body.error.message.trim() : null;
  const fallback = kind === 'too_large' ? `too large for the server (HTTP ${status ?? 413})` : `refused by the server as malformed (HTTP ${status ?? 400})`;
  return {
    action: 'reject',
    rejected: batch.map((entry) => ({ localId: entry.localId, reason: message ?? fallback, summary: summarizeEvent(entry.event) })),
  };
}

/**
 * Matches a 2xx answer's results to the batch (`outcomes`: each settled entry's status and
 * the server's reason, which the thread panel shows for a skipped message). An event leaves the outbox only when a
 * result with a settled status names its index; anything the answer does not cover
 * stays queued and goes again.
 */
export function settleBatch(batch, answer) {
  const results = Array.isArray(answer?.results) ? answer.results : [];
  const settledIds = [];
  const rejected = [];
  const outcomes = [];
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
    outcomes.push({ localId: entry.localId, status: result.status, reason: typeof result.reason === 'string' ? result.reason : null });
    if (result.status === 'rejected') {
      rejected.push({ localId: entry.localId, reason: String(result.reason ?? 'no reason given'), summary: summarizeEvent(entry.event) });
    }
  }
  const keptIds = batch.filter((_, index) => !seen.has(index)).map((entry) => entry.localId);
  return { settledIds, keptIds, rejected, counts, outcomes };
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
export function describeUploadFailure({ status = null, networkError = null, body = null, noAccessTo = null } = {}) {
  const serverMessage = body?.error?.message ? ` (${body.error.message})` : '';
  if (status == null && noAccessTo) return describeNoAccess(noAccessTo);
  if (status == null) return `Cannot reach the Quietlog server${networkError ? `: ${networkError}` : ''}. Will retry.`;
  if (status === 401 && body?.error?.code === 'access_withdrawn') {
    return 'Your access was withdrawn by your company. What you captured is kept here and not uploaded.';
  }
  if (status === 401) return `The server refused the token${serverMessage}. Sign in again, or enter a new token in Options.`;
  if (status === 403) return `This token may not upload captures${serverMessage}. Ask your admin for a rep token.`;
  if (status === 429) return 'The server asked us to slow down. Will retry.';
  if (status >= 500) return `The server had an error (HTTP ${status}). Will retry.`;
  return `The server did not accept the upload (HTTP ${status})${serverMessage}. Will retry.`;
}

/**
 * Pure: the words for a server Chrome does not let the extension read yet. Quietlog's server
 * answers the extension under CORS and needs no access; an older server, or one behind a
 * proxy that strips the CORS headers, is unreadable until the rep allows it once.
 */
export function describeNoAccess(serverUrl) {
  return `Quietlog is not allowed to contact ${serverUrl} yet. Open Options and click "Allow access".`;
}

/** Pure: why nothing is uploaded while the server has not said who we are (GET /api/v1/me). */
export function describeUnconfirmed({ serverUrl, allowed }) {
  if (!allowed) return describeNoAccess(serverUrl);
  return 'Waiting for the server to confirm who you are; nothing is uploaded until then.';
}

/** Pure: why nothing can be uploaded yet, in words that say who can fix it. */
export function describeNotSetUp({ serverUrl, unusableManagedServerUrl = null, token, allowTokenPaste = true }) {
  if (unusableManagedServerUrl) {
    return `Your organisation set the server address "${unusableManagedServerUrl}", which Quietlog cannot use (it must start with https://). Ask your IT team to correct it.`;
  }
  if (serverUrl && !token) {
    return allowTokenPaste === false
      ? 'Not signed in yet: open Options and sign in with your company account.'
      : 'Not signed in yet: open Options and sign in, or paste a token.';
  }
  return 'Not set up yet: enter the server URL and token in Options.';
}
