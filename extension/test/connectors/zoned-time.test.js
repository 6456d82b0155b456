// Wall-clock times in a named zone -> instants, and each calendar's responses -> four words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeResponse } from '../../src/connectors/responses.js';
import { toInstant, wallTimeToInstant } from '../../src/connectors/zoned-time.js';

test('midnight of a date in a zone, across DST', () => {
  assert.equal(wallTimeToInstant('2026-07-01', 'Europe/Berlin'), '2026-06-30T22:00:00.000Z');
  assert.equal(wallTimeToInstant('2026-12-01', 'Europe/Berlin'), '2026-11-30T23:00:00.000Z');
  assert.equal(wallTimeToInstant('2026-03-08T02:30:00', 'America/New_York'), '2026-03-08T07:30:00.000Z', 'a skipped wall time lands after the gap');
  assert.equal(wallTimeToInstant('2026-12-01', 'Not/AZone'), null);
});

test('an offset wins over the zone; Graph\'s seven-digit fractions are read', () => {
  assert.equal(toInstant('2011-10-03T09:30:00-07:00', 'UTC'), '2011-10-03T16:30:00.000Z');
  assert.equal(toInstant('2019-04-16T20:30:00.0000000', 'UTC'), '2019-04-16T20:30:00.000Z');
});

test('responses from both providers become accepted / declined / tentative / none', () => {
  assert.deepEqual(['accepted', 'declined', 'tentative', 'needsAction', 'tentativelyAccepted', 'organizer', 'notResponded', 'None', undefined].map(normalizeResponse),
    ['accepted', 'declined', 'tentative', 'none', 'tentative', 'accepted', 'none', 'none', 'none']);
});
