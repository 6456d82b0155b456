// Pure: one Google Calendar API v3 event (events.list with singleEvents=true) -> one
// meeting event of the wire contract, or a reason to skip it. Tested on recorded responses.
import { normalizeResponse } from '../../connectors/responses.js';
import { datePart, exclusiveEndDate, isIanaZone, toInstant, wallTimeToInstant } from '../../connectors/zoned-time.js';

export const SOURCE = 'google-calendar';

// Calendar entries that are not meetings with people: nothing to log.
const NOT_MEETINGS = new Set(['outOfOffice', 'focusTime', 'workingLocation', 'birthday', 'task']);
// Group, resource (room) and holiday calendars appear as organizers and attendees; they are
// calendars, not people, and must not make a meeting look external.
const CALENDAR_ADDRESS = /@(group\.|resource\.|import\.)?calendar\.google\.com$|\.calendar\.google\.com$/i;
const STATUSES = new Set(['confirmed', 'tentative', 'cancelled']);

function person(entry) {
  const email = typeof entry?.email === 'string' ? entry.email.trim().toLowerCase() : '';
  if (!email.includes('@') || CALENDAR_ADDRESS.test(email)) return null;
  return { email, name: typeof entry.displayName === 'string' ? entry.displayName : null };
}

/** Start or end: a dateTime (with or without offset), or an all-day date. */
function when(edge, calendarTimeZone) {
  const zone = isIanaZone(edge?.timeZone) ? edge.timeZone : calendarTimeZone;
  if (typeof edge?.dateTime === 'string') return { instant: toInstant(edge.dateTime, zone) };
  if (typeof edge?.date === 'string') {
    const date = datePart(edge.date);
    return { date, instant: wallTimeToInstant(date, zone), zone };
  }
  return null;
}

/**
 * @param {object} item an events#event resource
 * @param {object} context
 * @param {string} context.mailbox the connected account's address
 * @param {string} context.calendarTimeZone the `timeZone` of the events.list response
 * @param {object} [context.previous] the last event sent for this item's id: Google sends a
 *   deleted or cancelled instance as {id, status: "cancelled"} with nothing else
 * @returns {{event: object} | {skip: string}}
 */
export function mapGoogleEvent(item, { mailbox, calendarTimeZone, previous = null }) {
  if (!item || typeof item.id !== 'string') return { skip: 'no id' };
  if (NOT_MEETINGS.has(item.eventType)) return { skip: `not a meeting (${item.eventType})` };
  const status = STATUSES.has(item.status) ? item.status : 'confirmed';
  if (status === 'cancelled' && !item.start) {
    if (!previous) return { skip: 'cancelled before it was ever captured' };
    return { event: { ...previous, status: 'cancelled', updatedAt: item.updated ?? previous.updatedAt } };
  }
  const iCalUid = item.iCalUID ?? previous?.iCalUid;
  if (typeof iCalUid !== 'string' || iCalUid === '') return { skip: 'no iCalUID' };
  const start = when(item.start, calendarTimeZone);
  const end = when(item.end, calendarTimeZone);
  if (!start?.instant || !end?.instant) return { skip: 'no start or end' };

  const organizer = person(item.organizer) ?? person(item.creator);
  if (!organizer) return { skip: 'no organizer address' };
  const attendees = (Array.isArray(item.attendees) ? item.attendees : [])
    .filter((attendee) => attendee?.resource !== true)
    .map((attendee) => {
      const who = person(attendee);
      return who && { ...who, response: normalizeResponse(attendee.responseStatus) };
    })
    .filter(Boolean);

  const event = {
    type: 'meeting',
    source: SOURCE,
    sourceId: item.id,
    iCalUid,
    recurrenceId: recurrenceIdOf(item, calendarTimeZone),
    startsAt: start.instant,
    endsAt: end.instant,
    title: typeof item.summary === 'string' ? item.summary : '',
    organizer,
    attendees,
    status,
    sequence: Number.isInteger(item.sequence) ? item.sequence : null,
    updatedAt: toInstant(item.updated, 'UTC'),
    mailbox: String(mailbox).toLowerCase(),
  };
  if (start.date) {
    // All day: the dates as the calendar shows them (end exclusive, as Google gives it) and the
    // calendar's zone, with startsAt/endsAt the midnights of those dates in that zone.
    const endDate = exclusiveEndDate(start.date, end.date);
    Object.assign(event, { allDay: true, startDate: start.date, endDate, timeZone: start.zone, endsAt: wallTimeToInstant(endDate, start.zone) });
  }
  return { event };
}

/** The original start of one occurrence of a series (its RECURRENCE-ID), else null. */
function recurrenceIdOf(item, calendarTimeZone) {
  if (!item.recurringEventId || !item.originalStartTime) return null;
  return when(item.originalStartTime, calendarTimeZone)?.instant ?? null;
}
