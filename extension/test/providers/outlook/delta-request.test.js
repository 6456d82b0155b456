// Graph delta requests: the window, Mail.ReadBasic fields, and links followed only on Graph.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterDeltaPage, calendarStartUrl, graphHeaders, messagesStartUrl } from '../../../src/providers/outlook/delta-request.js';
import { readFixture } from './read-fixture.js';

const NOW = Date.parse('2026-11-30T00:00:00Z');

test('calendarView delta over 30 days back and 90 ahead, times in UTC, small pages', () => {
  const url = new URL(calendarStartUrl(NOW));
  assert.equal(url.pathname, '/v1.0/me/calendarView/delta');
  assert.equal(url.searchParams.get('startDateTime'), '2026-10-31T00:00:00.000Z');
  assert.equal(url.searchParams.get('endDateTime'), '2027-02-28T00:00:00.000Z');
  assert.match(graphHeaders('t').Prefer, /outlook\.timezone="UTC"/);
  assert.match(graphHeaders('t').Prefer, /odata\.maxpagesize=50/);
});

test('message delta per folder selects only header fields', () => {
  const url = new URL(messagesStartUrl('sentitems', NOW));
  assert.equal(url.pathname, '/v1.0/me/mailFolders/sentitems/messages/delta');
  assert.equal(url.searchParams.get('$select'), 'internetMessageId,conversationId,from,sender,toRecipients,ccRecipients,bccRecipients,subject,sentDateTime,receivedDateTime,isDraft');
  assert.equal(url.searchParams.get('$filter'), 'receivedDateTime ge 2026-10-31T00:00:00.000Z');
});

test('nextLink pages on (event-delta response); deltaLink ends the round; a link off Graph is refused', () => {
  const next = afterDeltaPage(readFixture('v1.0__api__event-delta__response.json'));
  assert.equal(next.done, false);
  assert.match(next.cursor.url, /^https:\/\/graph\.microsoft\.com\/v1\.0\/me\/calendarView\/delta/);
  assert.deepEqual(afterDeltaPage({ '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=x' }),
    { cursor: { url: 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=x' }, done: true });
  assert.throws(() => afterDeltaPage({ '@odata.nextLink': 'https://evil.example/steal' }), /leaves Microsoft Graph/);
});
