import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildBody, effectiveBatchLimits, jsonBytes, learnBatchLimits, LIMIT_REGROW_MS, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, splitBatch, takeBatch } from '../../src/background/batching.js';

const client = { name: 'quietlog-extension', version: '0.1.0' };
const entry = (localId, extra = {}) => ({ localId, event: { type: 'email', sourceId: `m${localId}`, subject: 'Hello', ...extra } });

describe('takeBatch', () => {
  it('takes at most 500 events even when they are small', () => {
    const entries = Array.from({ length: 700 }, (_, i) => entry(i + 1));
    const { batch } = takeBatch(entries, client);
    assert.equal(MAX_BATCH_EVENTS, 500);
    assert.equal(batch.length, 500);
    assert.deepEqual(batch.map((e) => e.localId).slice(0, 3), [1, 2, 3]);
  });

  it('keeps the whole request body under 1 MiB', () => {
    const big = 'x'.repeat(100 * 1024);
    const entries = Array.from({ length: 20 }, (_, i) => entry(i + 1, { snippet: big }));
    const { batch, bytes } = takeBatch(entries, client);
    const body = buildBody(client, batch.map((e) => e.event));
    assert.equal(bytes, jsonBytes(body), 'the running count matches the real body size');
    assert.ok(bytes <= MAX_BATCH_BYTES);
    assert.equal(batch.length, 10);
    const oneMore = buildBody(client, entries.slice(0, batch.length + 1).map((e) => e.event));
    assert.ok(jsonBytes(oneMore) > MAX_BATCH_BYTES, 'one more event would not fit');
  });

  it('counts multi-byte characters as bytes, not characters', () => {
    const entries = Array.from({ length: 5 }, (_, i) => entry(i + 1, { subject: 'é'.repeat(300) }));
    const { batch } = takeBatch(entries, client, { maxBytes: 1500 });
    assert.ok(jsonBytes(buildBody(client, batch.map((e) => e.event))) <= 1500);
    assert.equal(batch.length, 2);
  });

  it('sets aside an event too large to ever fit instead of blocking the queue', () => {
    const entries = [entry(1, { snippet: 'x'.repeat(MAX_BATCH_BYTES) }), entry(2)];
    const { batch, oversized } = takeBatch(entries, client);
    assert.deepEqual(oversized.map((e) => e.localId), [1]);
    assert.deepEqual(batch.map((e) => e.localId), [2]);
  });

  it('returns an empty batch for an empty queue', () => {
    assert.deepEqual(takeBatch([], client).batch, []);
  });
});

describe('takeBatch with a learned byte limit', () => {
  it('still sends an event over the learned limit, alone, and sets aside only what is over oversizeBytes', () => {
    const entries = [entry(1, { snippet: 'x'.repeat(5000) }), entry(2), entry(3, { snippet: 'x'.repeat(MAX_BATCH_BYTES) })];
    const first = takeBatch(entries, client, { maxBytes: 1000, oversizeBytes: MAX_BATCH_BYTES });
    assert.deepEqual(first.batch.map((e) => e.localId), [1]);
    assert.deepEqual(first.oversized, []);
    const second = takeBatch(entries.slice(1), client, { maxBytes: 1000, oversizeBytes: MAX_BATCH_BYTES });
    assert.deepEqual(second.batch.map((e) => e.localId), [2]);
    const third = takeBatch(entries.slice(2), client, { maxBytes: 1000, oversizeBytes: MAX_BATCH_BYTES });
    assert.deepEqual(third.oversized.map((e) => e.localId), [3]);
  });
});

describe('splitBatch', () => {
  it('splits in half, older half first and larger when odd', () => {
    assert.deepEqual(splitBatch([1, 2, 3, 4]), [[1, 2], [3, 4]]);
    assert.deepEqual(splitBatch([1, 2, 3]), [[1, 2], [3]]);
    const [a, b] = splitBatch(Array.from({ length: 200 }, (_, i) => i));
    assert.equal(a.length, 100);
    assert.equal(b.length, 100);
  });
});

describe('learnBatchLimits / effectiveBatchLimits', () => {
  const defaults = { maxEvents: MAX_BATCH_EVENTS, maxBytes: MAX_BATCH_BYTES };
  const scope = { version: '0.1.0', serverUrl: 'https://q.acme.com' };

  it('halves the event limit on a 413 that names events but no usable number', () => {
    const learned = learnBatchLimits(defaults, { events: 200, bytes: 40_000, message: 'events: too many' }, { now: 1000, ...scope });
    assert.deepEqual(learned, { maxEvents: 100, maxBytes: MAX_BATCH_BYTES, learnedAt: 1000, ...scope });
  });

  it('takes the number the server states when it is below what we sent', () => {
    assert.equal(learnBatchLimits(defaults, { events: 500, bytes: 90_000, message: 'events: at most 150 per request, got 500' }).maxEvents, 150);
    const bytes = learnBatchLimits(defaults, { events: 300, bytes: 900_000, message: 'body: larger than 524288 bytes (512 KiB)' });
    assert.deepEqual([bytes.maxEvents, bytes.maxBytes], [MAX_BATCH_EVENTS, 524_288]);
  });

  it('halves the byte limit when the stated number is not below what we sent', () => {
    const learned = learnBatchLimits(defaults, { events: 300, bytes: 900_000, message: 'body: larger than 1048576 bytes (1 MiB)' });
    assert.equal(learned.maxBytes, 450_000);
  });

  it('shrinks both when the answer does not say which limit (a proxy page)', () => {
    const learned = learnBatchLimits(defaults, { events: 201, bytes: 80_001, message: undefined });
    assert.deepEqual([learned.maxEvents, learned.maxBytes], [101, 40_001]);
  });

  it('never grows a limit and never goes below one', () => {
    assert.equal(learnBatchLimits({ maxEvents: 20, maxBytes: 5000 }, { events: 10, bytes: 3000, message: 'events: at most 300' }).maxEvents, 5);
    assert.equal(learnBatchLimits({ maxEvents: 1, maxBytes: 5000 }, { events: 2, bytes: 300, message: 'events: at most 0' }).maxEvents, 1);
  });

  it('uses the remembered limits, doubling them back every 6 hours, up to the defaults', () => {
    const stored = { maxEvents: 100, maxBytes: 300_000, learnedAt: 0, ...scope };
    assert.deepEqual(effectiveBatchLimits(stored, { now: LIMIT_REGROW_MS - 1, ...scope }), { maxEvents: 100, maxBytes: 300_000 });
    assert.deepEqual(effectiveBatchLimits(stored, { now: LIMIT_REGROW_MS, ...scope }), { maxEvents: 200, maxBytes: 600_000 });
    assert.deepEqual(effectiveBatchLimits(stored, { now: 3 * LIMIT_REGROW_MS, ...scope }), defaults);
    assert.deepEqual(effectiveBatchLimits(stored, { now: 365 * 24 * 3_600_000, ...scope }), defaults);
  });

  it('starts from the defaults with nothing stored, after an extension update, or for another server', () => {
    const stored = { maxEvents: 100, maxBytes: 300_000, learnedAt: 0, ...scope };
    assert.deepEqual(effectiveBatchLimits(undefined, { now: 0, ...scope }), defaults);
    assert.deepEqual(effectiveBatchLimits(stored, { now: 0, ...scope, version: '0.2.0' }), defaults);
    assert.deepEqual(effectiveBatchLimits(stored, { now: 0, ...scope, serverUrl: 'https://other.example' }), defaults);
    assert.deepEqual(effectiveBatchLimits({ ...stored, maxEvents: 'x' }, { now: 0, ...scope }).maxEvents, MAX_BATCH_EVENTS);
  });

  it('keeps a learned limit across a clock set back', () => {
    const stored = { maxEvents: 100, maxBytes: 300_000, learnedAt: 10 * LIMIT_REGROW_MS, ...scope };
    assert.equal(effectiveBatchLimits(stored, { now: 0, ...scope }).maxEvents, 100);
  });
});
