// Pure: wall-clock times in a named time zone -> instants. Calendars give all-day meetings
// as dates and some times without an offset; the server keys and orders meetings by instant,
// so both become instants computed in the calendar's own zone.

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Is this a time zone name Intl knows (IANA)? */
export function isIanaZone(timeZone) {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function offsetMs(utcMs, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type) => Number(parts.find((part) => part.type === type).value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * "2024-03-10" or "2024-03-10T09:30:00[.0000000]" read as wall-clock time in `timeZone`
 * -> ISO instant.
 * @returns {string|null} null when the input is not such a time or the zone is unknown
 */
export function wallTimeToInstant(localDateTime, timeZone) {
  const match = LOCAL_DATE_TIME.exec(String(localDateTime ?? ''));
  if (!match || !isIanaZone(timeZone)) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // The zone's offsets a day either side cover any DST change at this wall time.
  const candidates = [...new Set([offsetMs(wallAsUtc - DAY_MS, timeZone), offsetMs(wallAsUtc + DAY_MS, timeZone)])]
    .map((offset) => wallAsUtc - offset)
    .sort((a, b) => a - b);
  // Repeated hour (DST ends): the first. Skipped hour (DST starts): read with the offset
  // before the gap, as RFC 5545 3.3.5 says, which lands after it.
  const guess = candidates.find((instant) => instant + offsetMs(instant, timeZone) === wallAsUtc)
    ?? wallAsUtc - offsetMs(wallAsUtc - DAY_MS, timeZone);
  return new Date(guess).toISOString();
}

/** An ISO date-time with an offset -> ISO instant; without one, read in `timeZone`. */
export function toInstant(dateTime, timeZone) {
  if (typeof dateTime !== 'string' || dateTime === '') return null;
  if (HAS_OFFSET.test(dateTime)) {
    const date = new Date(dateTime);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return wallTimeToInstant(dateTime, timeZone);
}

/** "2024-03-10T00:00:00.0000000" or "2024-03-10" -> "2024-03-10". */
export function datePart(value) {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value ?? ''));
  return match ? match[1] : null;
}

/** The calendar date an instant falls on in `timeZone`, as "YYYY-MM-DD". */
export function localDate(instant, timeZone) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime()) || !isIanaZone(timeZone)) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** "2024-03-10" -> "2024-03-11". */
export function nextDay(date) {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * An all-day meeting's end date as the wire contract wants it: the day after the last day
 * (iCalendar's exclusive DTEND). A calendar that gives the end as the start day itself means
 * a one-day meeting.
 */
export function exclusiveEndDate(startDate, endDate) {
  return endDate && endDate > startDate ? endDate : nextDay(startDate);
}
