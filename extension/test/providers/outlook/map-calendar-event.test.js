// Microsoft Graph (and Outlook REST v1.0) events -> meeting events, on recorded responses
// (fixtures/SOURCES.md: microsoftgraph/microsoft-graph-docs examples, O365/python-o365 tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapGraphEvent } from '../../../src/providers/outlook/map-calendar-event.js';
import { fromRestV1 } from '../../../src/providers/outlook/rest-v1.js';
import { seriesUid } from '../../../src/providers/outlook/global-object-id.js';
import { readFixture } from './read-fixture.js';

const MAILBOX = 'samanthab@a830edad905084922e17020313.onmicrosoft.com';

test('event GET (v1.0 event-get response): Windows time zone, organizer, responses normalised', () => {
  const item = { ...readFixture('v1.0__api__event-get__response.json'), iCalUId: 'uid-1', lastModifiedDateTime: '2017-04-20T08:00:00Z' };
  const { event } = mapGraphEvent(item, { mailbox: MAILBOX });
  assert.equal(event.source, 'outlook-calendar');
  assert.equal(event.sourceId, 'AAMkAGIAAAoZDOFAAA=');
  assert.equal(event.startsAt, '2017-04-21T17:00:00.000Z', '10:00 Pacific (daylight time) is 17:00 UTC');
  assert.equal(event.endsAt, '2017-04-21T19:00:00.000Z');
  assert.equal(event.title, 'Orientation ');
  assert.deepEqual(event.organizer, { email: MAILBOX, name: 'Samantha Booth' });
  assert.deepEqual(event.attendees.map((a) => a.response), ['none', 'tentative']);
  assert.equal(event.status, 'confirmed');
  assert.equal(event.updatedAt, '2017-04-20T08:00:00.000Z');
  assert.equal(event.recurrenceId, null);
  assert.equal(event.sequence, null);
});

test('instances (event-list-instances): occurrences keyed by their start, an exception by originalStart', () => {
  const page = readFixture('v1.0__api__event-list-instances__get_instances.json');
  const organizer = { emailAddress: { address: MAILBOX, name: 'S' } };
  const [exception, occurrence] = page.value.map((item) => ({ ...item, organizer, iCalUId: 'series-uid' }));
  assert.equal(mapGraphEvent(occurrence, { mailbox: MAILBOX }).event.recurrenceId, '2019-04-08T20:30:00.000Z');
  // The docs' exception lacks originalStart; a delta gives it. Without it there is no key to move.
  assert.equal(mapGraphEvent(exception, { mailbox: MAILBOX }).event.recurrenceId, null);
  const moved = mapGraphEvent({ ...exception, originalStart: '2019-04-15T20:30:00Z' }, { mailbox: MAILBOX }).event;
  assert.equal(moved.recurrenceId, '2019-04-15T20:30:00.000Z');
  assert.equal(moved.startsAt, '2019-04-16T20:30:00.000Z');
});

test('series master (seriesMaster expansion) is skipped: calendarView lists its occurrences', () => {
  const master = { ...readFixture('beta__api__event-get__get_event_seriesMaster_expansion.json'), type: 'seriesMaster' };
  assert.deepEqual(mapGraphEvent(master, { mailbox: MAILBOX }), { skip: 'series master' });
});

test('calendarView (user-list-calendarview): Exchange iCalUId is reduced to the series UID', () => {
  const item = readFixture('v1.0__api__user-list-calendarview__response.json').value[0];
  assert.equal(seriesUid(item.iCalUId), item.iCalUId, 'a series UID has no occurrence date and stays as it is');
});

test('delta with @removed cancels the version sent before; isCancelled is cancelled', () => {
  const previous = { type: 'meeting', sourceId: 'AAMk1', iCalUid: 'u', status: 'confirmed', startsAt: 'a', endsAt: 'b' };
  assert.equal(mapGraphEvent({ id: 'AAMk1', '@removed': { reason: 'deleted' } }, { mailbox: MAILBOX, previous }).event.status, 'cancelled');
  assert.deepEqual(mapGraphEvent({ id: 'AAMk1', '@removed': { reason: 'deleted' } }, { mailbox: MAILBOX }), { skip: 'removed before it was ever captured' });
  const item = { ...readFixture('v1.0__api__event-get__get_event_multiple_locations.json'), iCalUId: 'u2', isCancelled: true };
  assert.equal(mapGraphEvent(item, { mailbox: MAILBOX }).event.status, 'cancelled');
});

test('Outlook REST v1.0 CalendarView (events.json): single instance, and an all-day one with dates in its zone', () => {
  const [single, allDay] = readFixture('events.json').value.map(fromRestV1);
  const one = mapGraphEvent(single, { mailbox: 'test@unit.com' }).event;
  assert.equal(one.iCalUid, 'calid');
  assert.equal(one.startsAt, '2015-04-22T12:00:00.000Z');
  assert.equal(one.updatedAt, '2015-04-22T11:03:34.025Z');
  assert.deepEqual(one.organizer, { email: 'organizer@unit.com', name: 'The Choosen One' });
  assert.deepEqual(one.attendees, [{ email: 'test@unit.com', name: 'Tester for Testing', response: 'none' }]);
  const day = mapGraphEvent(allDay, { mailbox: 'test@unit.com' }).event;
  assert.equal(day.allDay, true);
  assert.equal(day.startDate, '2015-04-24');
  assert.equal(day.endDate, '2015-04-25');
  assert.equal(day.timeZone, 'UTC');
  assert.equal(day.startsAt, '2015-04-24T00:00:00.000Z');
});

test('all-day read back in UTC (22:00 the day before in Berlin) keeps its own dates', () => {
  const item = {
    id: 'y', iCalUId: 'u', isAllDay: true, originalStartTimeZone: 'W. Europe Standard Time',
    start: { dateTime: '2026-12-23T23:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-24T23:00:00.0000000', timeZone: 'UTC' },
    organizer: { emailAddress: { address: 'a@b.com' } },
  };
  const { event } = mapGraphEvent(item, { mailbox: 'a@b.com' });
  assert.deepEqual([event.startDate, event.endDate, event.startsAt], ['2026-12-24', '2026-12-25', '2026-12-23T23:00:00.000Z']);
});

test('all-day in a Windows zone: IANA zone, midnights there', () => {
  const item = {
    id: 'x', iCalUId: 'u', isAllDay: true, originalStartTimeZone: 'W. Europe Standard Time',
    start: { dateTime: '2026-12-24T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-12-25T00:00:00.0000000', timeZone: 'UTC' },
    organizer: { emailAddress: { address: 'a@b.com' } },
  };
  const { event } = mapGraphEvent(item, { mailbox: 'a@b.com' });
  assert.equal(event.timeZone, 'Europe/Berlin');
  assert.equal(event.startsAt, '2026-12-23T23:00:00.000Z');
  assert.equal(event.endsAt, '2026-12-24T23:00:00.000Z');
});
