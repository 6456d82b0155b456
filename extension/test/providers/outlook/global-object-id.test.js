// Exchange Global Object IDs (MS-OXOCAL 2.2.1.27) -> the series UID other calendars share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriesUid } from '../../../src/providers/outlook/global-object-id.js';

// The UID of a real Exchange meeting (shared/fixtures/calendar/icalendar/alarm_outlook_closed.ics).
const SERIES = '040000008200E00074C5B7101A82E00800000000C41E94C5B4F3DA010000000000000000100000007EA1D0AA9DB96545A536FABC0B0C1F5A';

function hex(text) {
  return Array.from(text, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('').toUpperCase();
}

test('an occurrence (instance date in bytes 16-19) maps to the series UID', () => {
  const occurrence = `${SERIES.slice(0, 32)}07EA0C18${SERIES.slice(40)}`;
  assert.equal(seriesUid(occurrence), SERIES);
  assert.equal(seriesUid(SERIES), SERIES);
});

test('a meeting from another calendar carries that calendar\'s UID after vCal-Uid', () => {
  const data = `vCal-Uid\u0001\u0000\u0000\u0000abc123@google.com\u0000`;
  const size = data.length.toString(16).padStart(2, '0').toUpperCase();
  const goid = `040000008200E00074C5B7101A82E008` + '07EA0C18' + '0'.repeat(16) + '0'.repeat(16) + `${size}000000` + hex(data);
  assert.equal(seriesUid(goid), 'abc123@google.com');
});

test('anything else is left as it is', () => {
  assert.equal(seriesUid('calid'), 'calid');
  assert.equal(seriesUid('040000008200E00074C5B7101A82E008ZZ'), '040000008200E00074C5B7101A82E008ZZ');
});
