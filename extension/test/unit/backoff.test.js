import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextRetryDelayMs, parseRetryAfter, retryDelayMs } from '../../src/background/backoff.js';

describe('retryDelayMs', () => {
  const options = { baseMs: 5_000, capMs: 300_000 };

  it('starts at the base delay, between half and all of it', () => {
    assert.equal(retryDelayMs(0, { ...options, random: () => 0 }), 2_500);
    assert.equal(retryDelayMs(0, { ...options, random: () => 1 }), 5_000);
  });

  it('doubles with each attempt', () => {
    const top = (attempt) => retryDelayMs(attempt, { ...options, random: () => 1 });
    assert.deepEqual([0, 1, 2, 3].map(top), [5_000, 10_000, 20_000, 40_000]);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [6, 7, 20, 1000]) {
      assert.equal(retryDelayMs(attempt, { ...options, random: () => 1 }), 300_000);
    }
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, options)));
    assert.ok(delays.size > 10);
    for (const delay of delays) assert.ok(delay >= 20_000 && delay <= 40_000);
  });

  it('defaults to 5 s first retry and 5 min cap', () => {
    assert.ok(retryDelayMs(0, { random: () => 1 }) === 5_000);
    assert.ok(retryDelayMs(50, { random: () => 1 }) === 300_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => assert.equal(parseRetryAfter('120'), 120_000));
  it('reads an HTTP-date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
  });
  it('ignores absent or garbled values', () => {
    assert.equal(parseRetryAfter(null), null);
    assert.equal(parseRetryAfter(''), null);
    assert.equal(parseRetryAfter('soon'), null);
  });
});

describe('nextRetryDelayMs', () => {
  it('honours a Retry-After longer than our own backoff', () => {
    assert.equal(nextRetryDelayMs(0, 60_000, { random: () => 1 }), 60_000);
  });
  it('keeps our own backoff when Retry-After is shorter', () => {
    assert.equal(nextRetryDelayMs(3, 1_000, { random: () => 1 }), 40_000);
  });
});
