// One stream's pages, with everything it touches injected, so the order that makes a
// stopped worker safe is tested in Node: a page's events are in the outbox before its cursor
// is saved, so a worker stopped in between fetches that page again (the outbox and the
// server's dedupe absorb the repeat) and never skips one.

/** A provider asked us to wait (429/503 with Retry-After), or could not be reached. */
export class RetryLater extends Error {
  constructor(message, delayMs) {
    super(message);
    this.delayMs = delayMs;
  }
}

/**
 * @param {object} stream see providers/google-calendar/stream.js
 * @param {object} deps
 * @param {(cursor) => Promise<{body?: object, restart?: boolean}>} deps.fetchPage
 * @param {() => Promise<object|null>} deps.getCursor
 * @param {(cursor) => Promise<void>} deps.putCursor
 * @param {(ids: string[]) => Promise<Map<string, object>>} deps.getSeen
 * @param {(events: object[]) => Promise<void>} deps.putSeen
 * @param {(events: object[]) => Promise<number>} deps.queue the policy step and the outbox; returns how many were queued
 * @param {object} deps.context mailbox, ownAddresses, fallbackTimeZone
 * @param {number} [deps.maxPages]
 * @param {() => number} [deps.now]
 * @returns {Promise<{more: boolean, queued: number, pages: number}>} more: pages remain for the next run
 */
export async function runStream(stream, { fetchPage, getCursor, putCursor, getSeen, putSeen, queue, context, maxPages = 20, now = Date.now }) {
  let cursor = (await getCursor()) ?? stream.firstCursor(now());
  let queued = 0;
  let restarts = 0;
  for (let pages = 0; pages < maxPages; pages += 1) {
    const page = await fetchPage(cursor);
    if (page.restart) {
      // The provider forgot our sync point (410 Gone): a full sync of the window again.
      if ((restarts += 1) > 1) throw new RetryLater('the provider refused a fresh sync too', 60_000);
      cursor = stream.firstCursor(now());
      await putCursor(cursor);
      continue;
    }
    const items = stream.items(page.body);
    const previous = await getSeen(items.map((item) => item?.id).filter((id) => typeof id === 'string'));
    const events = items
      .map((item) => stream.map(item, { ...context, previous: previous.get(item?.id) ?? null }, page.body))
      .filter((result) => result.event)
      .map((result) => result.event);
    if (events.length > 0) queued += await queue(events);
    // Meetings are remembered so that a later "deleted" (an id only) can cancel the stored one.
    await putSeen(events.filter((event) => event.type === 'meeting'));
    const { cursor: next, done } = stream.next(cursor, page.body);
    await putCursor(next);
    cursor = next;
    if (done) return { more: false, queued, pages: pages + 1 };
  }
  return { more: true, queued, pages: maxPages };
}
