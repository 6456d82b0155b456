// The sync loop's order of work, on recorded Google Calendar pages: events reach the outbox
// before the cursor moves, so a worker stopped at any point loses nothing and doubles nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classifyApiResponse } from '../../src/connectors/api-response.js';
import { RetryLater, runStream } from '../../src/connectors/run-stream.js';
import { googleCalendarStream } from '../../src/providers/google-calendar/stream.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../providers/google-calendar/fixtures/${name}`, import.meta.url), 'utf8'));
const PAGE_1 = fixture('events.json'); // nextPageToken
const PAGE_2 = fixture('repeating_events.json'); // nextSyncToken
const MAILBOX = 'some.person@gmail.com';

/** A fake provider and a fake durable world: cursor, outbox (deduped like the real one), seen. */
function world({ failPutCursorOnce = false, answers = null } = {}) {
  const state = { cursor: null, outbox: new Map(), seen: new Map(), log: [], fetches: [] };
  let failed = !failPutCursorOnce;
  const deps = {
    fetchPage: async (cursor) => {
      state.fetches.push(cursor.pageToken ?? cursor.syncToken ?? 'first');
      state.log.push('fetch');
      if (answers) return answers.shift();
      return { body: cursor.pageToken ? PAGE_2 : PAGE_1 };
    },
    getCursor: async () => state.cursor,
    putCursor: async (cursor) => {
      if (!failed) {
        failed = true;
        throw new Error('worker stopped');
      }
      state.log.push('cursor');
      state.cursor = cursor;
    },
    getSeen: async (ids) => new Map(ids.filter((id) => state.seen.has(id)).map((id) => [id, state.seen.get(id)])),
    putSeen: async (events) => events.forEach((event) => state.seen.set(event.sourceId, event)),
    queue: async (events) => {
      state.log.push('queue');
      let added = 0;
      for (const event of events) {
        const key = JSON.stringify(event);
        if (!state.outbox.has(key)) added += 1;
        state.outbox.set(key, event);
      }
      return added;
    },
    context: { mailbox: MAILBOX, fallbackTimeZone: 'UTC' },
    now: () => Date.parse('2026-11-30T00:00:00Z'),
  };
  return { state, deps };
}

test('each page is queued before its cursor is saved; the last page leaves the syncToken', async () => {
  const { state, deps } = world();
  const result = await runStream(googleCalendarStream, deps);
  assert.deepEqual(state.log, ['fetch', 'queue', 'cursor', 'fetch', 'queue', 'cursor']);
  assert.equal(result.more, false);
  assert.equal(state.cursor.syncToken, PAGE_2.nextSyncToken);
  assert.equal(state.outbox.size, 3, 'the two mappable events of page 1 and the one of page 2');
});

test('a worker stopped after queueing but before the cursor: the page comes again, nothing lost or doubled', async () => {
  const { state, deps } = world({ failPutCursorOnce: true });
  await assert.rejects(runStream(googleCalendarStream, deps), /worker stopped/);
  assert.equal(state.cursor, null);
  const queuedBefore = state.outbox.size;
  await runStream(googleCalendarStream, deps); // the next wake-up
  assert.deepEqual(state.fetches, ['first', 'first', PAGE_1.nextPageToken]);
  assert.equal(state.outbox.size, 3);
  assert.equal(queuedBefore, 2);
});

test('a run stops after maxPages with the cursor at the next page, and says there is more', async () => {
  const { state, deps } = world();
  const result = await runStream(googleCalendarStream, { ...deps, maxPages: 1 });
  assert.equal(result.more, true);
  assert.equal(state.cursor.pageToken, PAGE_1.nextPageToken);
});

test('410 Gone restarts the window once; a second refusal backs off', async () => {
  const { state, deps } = world({ answers: [{ restart: true }, { body: PAGE_2 }] });
  state.cursor = { syncToken: 'expired', pageToken: null, timeMin: null, timeMax: null };
  await runStream(googleCalendarStream, deps);
  assert.equal(state.cursor.syncToken, PAGE_2.nextSyncToken);
  const again = world({ answers: [{ restart: true }, { restart: true }] });
  await assert.rejects(runStream(googleCalendarStream, again.deps), RetryLater);
});

test('HTTP answers: 401 refreshes once, then consent is lost; 429/503 wait as Retry-After says; Google\'s 403 rate limit waits', () => {
  const options = { retried: false, mustRestart: (s) => s === 410, now: 0 };
  assert.equal(classifyApiResponse(200, null, options).kind, 'ok');
  assert.equal(classifyApiResponse(401, null, options).kind, 'refresh');
  assert.equal(classifyApiResponse(401, null, { ...options, retried: true }).kind, 'consent-lost');
  assert.equal(classifyApiResponse(410, null, options).kind, 'restart');
  assert.deepEqual(classifyApiResponse(429, '7', options), { kind: 'wait', delayMs: 7000 });
  assert.deepEqual(classifyApiResponse(503, 'Thu, 01 Jan 1970 00:00:30 GMT', options), { kind: 'wait', delayMs: 30_000 });
  assert.deepEqual(classifyApiResponse(503, null, options), { kind: 'wait', delayMs: 60_000 });
  assert.equal(classifyApiResponse(403, null, { ...options, body: '{"error":{"errors":[{"reason":"rateLimitExceeded"}]}}' }).kind, 'wait');
  assert.equal(classifyApiResponse(403, null, { ...options, body: '{"error":{"code":"ErrorAccessDenied"}}' }).kind, 'consent-lost');
});
