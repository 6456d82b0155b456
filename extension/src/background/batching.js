// Pure: which queued events go into the next upload. The server refuses more than
// 500 events or 1 MiB per request, so a batch stays under both, counting the
// envelope ({"client":...,"events":[...]}) too.

export const MAX_BATCH_EVENTS = 500;
export const MAX_BATCH_BYTES = 1024 * 1024;

const encoder = new TextEncoder();

export function jsonBytes(value) {
  return encoder.encode(JSON.stringify(value)).length;
}

export function buildBody(client, events) {
  return { client, events };
}

/**
 * Takes the longest prefix of `entries` (oldest first, each `{localId, event}`) whose
 * request body fits the limits. An event too large to ever fit alone is returned in
 * `oversized` so the caller can set it aside instead of blocking the queue forever.
 */
export function takeBatch(entries, client, { maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES } = {}) {
  const envelopeBytes = jsonBytes(buildBody(client, []));
  const batch = [];
  const oversized = [];
  let bytes = envelopeBytes;
  for (const entry of entries) {
    if (batch.length >= maxEvents) break;
    const eventBytes = jsonBytes(entry.event) + (batch.length > 0 ? 1 : 0); // comma
    if (envelopeBytes + jsonBytes(entry.event) > maxBytes) {
      if (batch.length === 0) {
        oversized.push(entry);
        continue;
      }
      break;
    }
    if (bytes + eventBytes > maxBytes) break;
    batch.push(entry);
    bytes += eventBytes;
  }
  return { batch, oversized, bytes };
}
