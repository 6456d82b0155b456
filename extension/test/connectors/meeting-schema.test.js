// The connectors' meetings pass the outbox's one schema check (background/event-schema.js),
// all-day ones included, as the server's contract has them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEvent } from '../../src/background/event-schema.js';
import { mapGraphEvent } from '../../src/providers/outlook/map-calendar-event.js';
import { fromRestV1 } from '../../src/providers/outlook/rest-v1.js';
import { mapGoogleEvent } from '../../src/providers/google-calendar/map-event.js';
import { readFixture } from '../providers/google-calendar/read-fixture.js';
import { readFixture as readOutlook } from '../providers/outlook/read-fixture.js';

test('mapped Google and Outlook meetings, timed and all-day, pass the schema', () => {
  const google = mapGoogleEvent(readFixture('find__all_day_event_by_id.json'), { mailbox: 'some.person@gmail.com', calendarTimeZone: 'America/Los_Angeles' }).event;
  const timed = mapGoogleEvent(readFixture('events.json').items[0], { mailbox: 'some.person@gmail.com', calendarTimeZone: 'America/Los_Angeles' }).event;
  const outlook = readOutlook('events.json').value.map(fromRestV1).map((item) => mapGraphEvent(item, { mailbox: 'test@unit.com' }).event);
  for (const event of [google, timed, ...outlook]) assert.deepEqual(validateEvent(event), { ok: true }, JSON.stringify(event));
});

test('an all-day meeting without its dates or zone, or longer than the limit, is refused by field', () => {
  const google = mapGoogleEvent(readFixture('find__all_day_event_by_id.json'), { mailbox: 'some.person@gmail.com', calendarTimeZone: 'America/Los_Angeles' }).event;
  assert.match(validateEvent({ ...google, timeZone: 'Pacific Standard Time' }).errors.join(), /timeZone/);
  assert.match(validateEvent({ ...google, endDate: google.startDate }).errors.join(), /endDate/);
  assert.match(validateEvent({ ...google, endsAt: '2009-01-01T00:00:00Z' }).errors.join(), /endsAt: more than 31 days/);
});
