// Pure: one Microsoft Graph event (calendarView/delta) -> one meeting event of the wire
// contract, or a reason to skip it. Tested on Graph and Outlook REST recordings.
import { normalizeResponse } from '../../connectors/responses.js';
import { datePart, exclusiveEndDate, localDate, toInstant, wallTimeToInstant } from '../../connectors/zoned-time.js';
import { seriesUid } from './global-object-id.js';
import { ianaZone } from './windows-zones.js';

export const SOURCE = 'outlook-calendar';

function person(emailAddress) {
  const email = typeof emailAddress?.address === 'string' ? emailAddress.address.trim().toLowerCase() : '';
  if (!email.includes('@')) return null;
  return { email, name: typeof emailAddress.name === 'string' ? emailAddress.name : null };
}

/** Graph's {dateTime, timeZone}: the zone is the one asked for with Prefer: outlook.timezone. */
function instantOf(edge) {
  if (typeof edge?.dateTime !== 'string') return null;
  return toInstant(edge.dateTime, ianaZone(edge.timeZone) ?? 'UTC');
}

/**
 * @param {object} item a Graph event, or {id, "@removed": {...}} from a delta
 * @param {object} context
 * @param {string} context.mailbox the connected account's address
 * @param {string} context.fallbackTimeZone IANA zone for an all-day meeting whose own zone is unknown
 * @param {object} [context.previous] the last event sent for this id (a removal has nothing else)
 * @returns {{event: object} | {skip: string}}
 */
export function mapGraphEvent(item, { mailbox, fallbackTimeZone = 'UTC', previous = null }) {
  if (!item || typeof item.id !== 'string') return { skip: 'no id' };
  if (item['@removed']) {
    if (!previous) return { skip: 'removed before it was ever captured' };
    return { event: { ...previous, status: 'cancelled' } };
  }
  // calendarView returns each occurrence; a series master is not itself a meeting time.
  if (item.type === 'seriesMaster') return { skip: 'series master' };
  const iCalUid = seriesUid(item.iCalUId);
  if (typeof iCalUid !== 'string' || iCalUid === '') return { skip: 'no iCalUId' };
  const organizer = person(item.organizer?.emailAddress);
  if (!organizer) return { skip: 'no organizer address' };

  const event = {
    type: 'meeting',
    source: SOURCE,
    sourceId: item.id,
    iCalUid,
    recurrenceId: recurrenceIdOf(item),
    startsAt: null,
    endsAt: null,
    title: typeof item.subject === 'string' ? item.subject : '',
    organizer,
    attendees: (Array.isArray(item.attendees) ? item.attendees : [])
      .filter((attendee) => String(attendee?.type).toLowerCase() !== 'resource')
      .map((attendee) => {
        const who = person(attendee?.emailAddress);
        return who && { ...who, response: normalizeResponse(attendee.status?.response) };
      })
      .filter(Boolean),
    status: item.isCancelled === true ? 'cancelled' : 'confirmed',
    sequence: null, // Graph does not expose the iCalendar SEQUENCE; updatedAt orders versions
    updatedAt: toInstant(item.lastModifiedDateTime, 'UTC'),
    mailbox: String(mailbox).toLowerCase(),
  };
  if (item.isAllDay === true) {
    const timeZone = ianaZone(item.originalStartTimeZone) ?? fallbackTimeZone;
    const startDate = allDayDate(item.start, timeZone);
    const endDate = startDate && exclusiveEndDate(startDate, allDayDate(item.end, timeZone));
    Object.assign(event, {
      startsAt: wallTimeToInstant(startDate, timeZone),
      endsAt: wallTimeToInstant(endDate, timeZone),
      allDay: true,
      startDate,
      endDate,
      timeZone,
    });
  } else {
    event.startsAt = instantOf(item.start);
    event.endsAt = instantOf(item.end);
  }
  if (!event.startsAt || !event.endsAt) return { skip: 'no start or end' };
  return { event };
}

/**
 * The date of an all-day edge. Outlook keeps all-day meetings as midnights in the meeting's
 * zone: asked for UTC (Prefer: outlook.timezone), a Berlin one reads 22:00 the day before, so a
 * time that is not midnight is read back in the meeting's own zone.
 */
function allDayDate(edge, timeZone) {
  if (typeof edge?.dateTime !== 'string') return null;
  if (/T00:00(:00(\.0+)?)?$/.test(edge.dateTime)) return datePart(edge.dateTime);
  return localDate(instantOf(edge), timeZone);
}

/**
 * An occurrence or exception of a series is named by its original start. Graph gives it as
 * originalStart; an occurrence never moved starts at its original start.
 */
function recurrenceIdOf(item) {
  if (item.type !== 'occurrence' && item.type !== 'exception' && !item.seriesMasterId) return null;
  if (typeof item.originalStart === 'string') return toInstant(item.originalStart, 'UTC');
  if (item.type === 'occurrence') return instantOf(item.start);
  return null;
}
