import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildBody, jsonBytes, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, takeBatch } from '../../src/background/batching.js';

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
