// Google Calendar API v3 events -> meeting events, on recorded responses (fixtures/SOURCES.md:
// northworld/google_calendar test mocks, kewisch/gdata-provider gcalItems).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapGoogleEvent } from '../../../src/providers/google-calendar/map-event.js';
import { readFixture } from './read-fixture.js';

const MAILBOX = 'some.person@gmail.com';
const LA = 'America/Los_Angeles';
const items = readFixture('gdata-provider-gcalItems.json');

test('events.list page (events.json): every recurring master maps with iCalUID, sequence, updated and the calendar zone', () => {
  const page = readFixture('events.json');
  const results = page.items.map((item) => mapGoogleEvent(item, { mailbox: MAILBOX, calendarTimeZone: page.timeZone ?? LA }));
  const first = results[0].event;
  assert.equal(first.type, 'meeting');
  assert.equal(first.source, 'google-calendar');
  assert.equal(first.sourceId, 'fhru34kt6ikmr20knd2456l08n');
  assert.equal(first.iCalUid, 'fhru34kt6ikmr20knd2456l08n@google.com');
  assert.equal(first.startsAt, '2011-10-03T16:30:00.000Z');
  assert.equal(first.endsAt, '2011-10-03T17:30:00.000Z');
  assert.equal(first.title, 'Staff Meeting');
  assert.equal(first.sequence, 2);
  assert.equal(first.updatedAt, '2012-01-09T19:39:49.000Z');
  assert.equal(first.recurrenceId, null);
  assert.equal(first.status, 'confirmed');
  assert.equal(first.mailbox, MAILBOX);
  // A group calendar is not a person: the creator stands in as organizer.
  assert.deepEqual(first.organizer, { email: 'some.person@gmail.com', name: 'Some Person' });
  // The third item has no iCalUID in this recording: skipped, not sent half-formed.
  assert.deepEqual(results[2], { skip: 'no iCalUID' });
});

test('recurring series (repeating_events.json): the master maps with its RRULE series UID, no recurrence id', () => {
  const page = readFixture('repeating_events.json');
  const { event } = mapGoogleEvent(page.items[0], { mailbox: MAILBOX, calendarTimeZone: page.timeZone });
  assert.equal(event.iCalUid, 'fhru34kt6ikmr20knd2456l08n@google.com');
  assert.equal(event.startsAt, '2014-11-16T01:00:00.000Z');
  assert.equal(event.sequence, 0);
});

test('one occurrence of a series: originalStartTime becomes the recurrence id (all-day: midnight in the calendar zone)', () => {
  const instance = { ...items.recur_instance, iCalUID: 'osndfnwejrgnejnsdjfwegjdfr@google.com', organizer: { email: 'organizer@example.com' } };
  const { event } = mapGoogleEvent(instance, { mailbox: 'organizer@example.com', calendarTimeZone: 'Europe/Berlin' });
  assert.equal(event.recurrenceId, '2006-06-24T22:00:00.000Z');
  assert.equal(event.allDay, true);
  assert.equal(event.startDate, '2006-06-26');
  assert.equal(event.endDate, '2006-06-27');
  assert.equal(event.timeZone, 'Europe/Berlin');
  assert.equal(event.startsAt, '2006-06-25T22:00:00.000Z');
  assert.equal(event.endsAt, '2006-06-26T22:00:00.000Z');
});

test('cancelled instance (cancelled_events.json) arrives as an id only: it cancels the version sent before', () => {
  const cancelled = readFixture('cancelled_events.json');
  const previous = {
    type: 'meeting', source: 'google-calendar', sourceId: cancelled.id, iCalUid: '5hskl88u70fdekmted80rkjut4@google.com',
    recurrenceId: '2015-07-01T01:00:00.000Z', startsAt: '2015-07-01T01:00:00.000Z', endsAt: '2015-07-01T02:00:00.000Z',
    title: 'Weekly', organizer: { email: 'a@x.com', name: null }, attendees: [], status: 'confirmed', sequence: 0,
    updatedAt: '2015-06-01T00:00:00.000Z', mailbox: MAILBOX,
  };
  assert.deepEqual(mapGoogleEvent(cancelled, { mailbox: MAILBOX, calendarTimeZone: 'Asia/Tokyo', previous }).event, { ...previous, status: 'cancelled' });
  assert.deepEqual(mapGoogleEvent(cancelled, { mailbox: MAILBOX, calendarTimeZone: 'Asia/Tokyo' }), { skip: 'cancelled before it was ever captured' });
});

test('all-day event (find__all_day_event_by_id.json): dates and the calendar zone, instants at its midnights', () => {
  const { event } = mapGoogleEvent(readFixture('find__all_day_event_by_id.json'), { mailbox: MAILBOX, calendarTimeZone: LA });
  assert.equal(event.allDay, true);
  assert.equal(event.startDate, '2008-09-24');
  assert.equal(event.endDate, '2008-09-25', 'an end on the start day means one day; the contract wants the day after');
  assert.equal(event.endsAt, '2008-09-25T07:00:00.000Z');
  assert.equal(event.timeZone, LA);
  assert.equal(event.startsAt, '2008-09-24T07:00:00.000Z');
});

test('attendee responses (gcalItems simple_event): tentative kept, rooms dropped, dateTime without offset read in its zone', () => {
  const { event } = mapGoogleEvent(items.simple_event, { mailbox: 'organizer@example.com', calendarTimeZone: 'UTC' });
  assert.deepEqual(event.attendees, [{ email: 'attendee@example.com', name: 'attendee name', response: 'tentative' }]);
  assert.equal(event.startsAt, '2006-06-10T16:00:00.000Z');
  assert.equal(event.organizer.email, 'organizer@example.com');
  assert.equal(event.sequence, 1);
});

test('responses are normalised to accepted / declined / tentative / none', () => {
  const attendees = ['accepted', 'declined', 'tentative', 'needsAction'].map((responseStatus, i) => ({ email: `p${i}@globex.example`, responseStatus }));
  const { event } = mapGoogleEvent({ ...items.simple_event, attendees }, { mailbox: 'organizer@example.com', calendarTimeZone: 'UTC' });
  assert.deepEqual(event.attendees.map((a) => a.response), ['accepted', 'declined', 'tentative', 'none']);
});

test('out of office, focus time and working location are not meetings', () => {
  assert.deepEqual(mapGoogleEvent(items.ooo_event, { mailbox: MAILBOX, calendarTimeZone: 'UTC' }), { skip: 'not a meeting (outOfOffice)' });
  assert.deepEqual(mapGoogleEvent(items.focus_event, { mailbox: MAILBOX, calendarTimeZone: 'UTC' }), { skip: 'not a meeting (focusTime)' });
});
