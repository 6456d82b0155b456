// Pure: which queued events go into the next upload. The server refuses more than
// 500 events or 1 MiB per request, so a batch stays under both, counting the
// envelope ({"client":...,"events":[...]}) too. A server (or a proxy in front of it)
// may allow less: a 413 teaches us smaller limits, see learnBatchLimits.

export const MAX_BATCH_EVENTS = 500;
export const MAX_BATCH_BYTES = 1024 * 1024;

/** A learned limit doubles back toward the defaults every this long without a new 413. */
export const LIMIT_REGROW_MS = 6 * 60 * 60_000;

const encoder = new TextEncoder();

export function jsonBytes(value) {
  return encoder.encode(JSON.stringify(value)).length;
}

export function buildBody(client, events) {
  return { client, events };
}

/**
 * Takes the longest prefix of `entries` (oldest first, each `{localId, event}`) whose
 * request body fits the limits. An event too large to ever fit alone (over
 * `oversizeBytes`, by default `maxBytes`) is returned in `oversized` so the caller can
 * set it aside instead of blocking the queue forever. `maxBytes` may be a smaller,
 * learned limit: an event over it but under `oversizeBytes` still goes, alone, and the
 * server decides.
 */
export function takeBatch(entries, client, { maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES, oversizeBytes = maxBytes } = {}) {
  const envelopeBytes = jsonBytes(buildBody(client, []));
  const batch = [];
  const oversized = [];
  let bytes = envelopeBytes;
  for (const entry of entries) {
    if (batch.length >= maxEvents) break;
    const aloneBytes = envelopeBytes + jsonBytes(entry.event);
    const eventBytes = jsonBytes(entry.event) + (batch.length > 0 ? 1 : 0); // comma
    if (batch.length === 0) {
      if (aloneBytes > oversizeBytes) {
        oversized.push(entry);
        continue;
      }
      batch.push(entry);
      bytes += eventBytes;
      if (aloneBytes > maxBytes) break; // over the learned limit: it goes alone
      continue;
    }
    if (bytes + eventBytes > maxBytes) break;
    batch.push(entry);
    bytes += eventBytes;
  }
  return { batch, oversized, bytes };
}

/** Splits a batch of two or more in half, the older half (the larger one when odd) first. */
export function splitBatch(batch) {
  const middle = Math.ceil(batch.length / 2);
  return [batch.slice(0, middle), batch.slice(middle)];
}

/**
 * The limits to batch with now, from what chrome.storage.local `batchLimits` remembers
 * ({maxEvents, maxBytes, learnedAt, version, serverUrl}, or nothing).
 *
 * Why they grow back: a 413 may come from a proxy limit that is later raised, or from
 * a server that is upgraded; a limit kept forever would make every upload small for
 * good. So a learned limit doubles every LIMIT_REGROW_MS (6 h) without a new 413 until it
 * is back at the defaults; if the server still allows less, the next 413 halves and
 * relearns it at the cost of one refused request. A new extension version or another
 * server URL starts from the defaults at once (our own limits may have changed).
 */
export function effectiveBatchLimits(stored, { now = Date.now(), version = null, serverUrl = null } = {}) {
  const defaults = { maxEvents: MAX_BATCH_EVENTS, maxBytes: MAX_BATCH_BYTES };
  if (!stored || typeof stored !== 'object') return defaults;
  if (stored.version !== version || stored.serverUrl !== serverUrl) return defaults;
  const elapsed = Math.max(0, now - (Number(stored.learnedAt) || 0));
  const factor = 2 ** Math.min(30, Math.floor(elapsed / LIMIT_REGROW_MS));
  return {
    maxEvents: grow(stored.maxEvents, factor, MAX_BATCH_EVENTS),
    maxBytes: grow(stored.maxBytes, factor, MAX_BATCH_BYTES),
  };
}

function grow(learned, factor, ceiling) {
  if (!Number.isFinite(learned) || learned < 1) return ceiling;
  return Math.min(ceiling, Math.floor(learned) * factor);
}

/**
 * What a 413 on a batch of `events` events and `bytes` body bytes teaches, given the
 * limits in force (`current`). The server's message says which limit was hit
 * ("events: at most 500 per request, got 501" or "body: larger than 1048576 bytes"):
 * when it names a number below what we sent we take it, else we take the half we are
 * about to try. A message that names neither (a proxy's HTML page) shrinks both.
 * Returns the record to keep in chrome.storage.local `batchLimits`.
 */
export function learnBatchLimits(current, { events, bytes, message = '' }, { now = Date.now(), version = null, serverUrl = null } = {}) {
  const text = String(message ?? '');
  const namesEvents = /\bevents?\b/i.test(text);
  const namesBytes = !namesEvents && /\bbytes?\b|\bbody\b/i.test(text);
  let stated = NaN;
  if (namesEvents) stated = Number(/at most\s+(\d+)/i.exec(text)?.[1]);
  if (namesBytes) stated = Number(/(\d+)\s*bytes/i.exec(text)?.[1]);
  let { maxEvents, maxBytes } = current;
  if (!namesBytes) {
    const limit = namesEvents && stated >= 1 && stated < events ? stated : Math.ceil(events / 2);
    maxEvents = Math.max(1, Math.min(maxEvents, limit));
  }
  if (!namesEvents) {
    const limit = namesBytes && stated >= 1 && stated < bytes ? stated : Math.ceil(bytes / 2);
    maxBytes = Math.max(1, Math.min(maxBytes, limit));
  }
  return { maxEvents, maxBytes, learnedAt: now, version, serverUrl };
}
