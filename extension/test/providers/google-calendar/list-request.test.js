// The events.list requests of a sync: a 30/90-day window page by page, then syncToken only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterPage, fullSyncCursor, listUrl } from '../../../src/providers/google-calendar/list-request.js';
import { readFixture } from './read-fixture.js';

const NOW = Date.parse('2026-11-30T00:00:00Z');

test('a full sync asks for single events, deleted ones too, in the window', () => {
  const url = new URL(listUrl(fullSyncCursor(NOW)));
  assert.equal(url.origin + url.pathname, 'https://www.googleapis.com/calendar/v3/calendars/primary/events');
  assert.equal(url.searchParams.get('singleEvents'), 'true');
  assert.equal(url.searchParams.get('showDeleted'), 'true');
  assert.equal(url.searchParams.get('timeMin'), '2026-10-31T00:00:00.000Z');
  assert.equal(url.searchParams.get('timeMax'), '2027-02-28T00:00:00.000Z');
  assert.equal(url.searchParams.get('syncToken'), null);
});

test('a page with nextPageToken (events.json) continues the same query; the last one (repeating_events.json) keeps the syncToken', () => {
  const start = fullSyncCursor(NOW);
  const second = afterPage(start, readFixture('events.json'));
  assert.equal(second.done, false);
  assert.equal(new URL(listUrl(second.cursor)).searchParams.get('pageToken'), readFixture('events.json').nextPageToken);
  assert.equal(new URL(listUrl(second.cursor)).searchParams.get('timeMin'), start.timeMin);
  const last = afterPage(second.cursor, readFixture('repeating_events.json'));
  assert.equal(last.done, true);
  const incremental = new URL(listUrl(last.cursor));
  assert.equal(incremental.searchParams.get('syncToken'), 'AKi8uge987ECEIjyiZnV_cECGAU=');
  assert.equal(incremental.searchParams.get('timeMin'), null, 'Google refuses timeMin with a syncToken');
  assert.equal(incremental.searchParams.get('pageToken'), null);
});

test('a page with neither token is an error, not a silent restart', () => {
  assert.throws(() => afterPage(fullSyncCursor(NOW), { items: [] }), /neither/);
});
