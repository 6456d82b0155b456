import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliverBatch } from '../../src/background/delivery.js';
import { classifyUploadResponse } from '../../src/background/results.js';

const entries = (count) => Array.from({ length: count }, (_, i) => ({ localId: i + 1, event: { type: 'email', sourceId: `m${i + 1}` } }));
const answer = (status, body) => ({ kind: classifyUploadResponse(status, body), status, body });

function server({ poison = new Set(), down = false } = {}) {
  const requests = [];
  const post = async (part) => {
    requests.push(part.map((e) => e.localId));
    if (down || part.some((e) => poison.has(e.localId))) return answer(500, { error: { code: 'internal', message: 'boom' } });
    return answer(200, { results: part.map((_, index) => ({ index, status: 'stored' })) });
  };
  return { post, requests };
}

describe('deliverBatch after repeated server errors (one poisoned event)', () => {
  it('gets every other event through and parks the one the server fails on', async () => {
    const fake = server({ poison: new Set([3]) });
    const removed = [];
    const result = await deliverBatch(entries(8), { post: fake.post, bisectServerErrors: true, onSettled: async ({ settledIds }) => removed.push(...settledIds) });
    assert.equal(result.failure, null);
    assert.deepEqual(result.parked.map((e) => e.localId), [3]);
    assert.deepEqual(removed.sort((a, b) => a - b), [1, 2, 4, 5, 6, 7, 8]);
    assert.ok(fake.requests.length <= 2 * Math.ceil(Math.log2(8)) + 1, `requests: ${JSON.stringify(fake.requests)}`);
  });
  it('stops after two requests when the whole server is down, parking nothing', async () => {
    const fake = server({ down: true });
    const result = await deliverBatch(entries(500), { post: fake.post, bisectServerErrors: true });
    assert.equal(result.failure.status, 500);
    assert.deepEqual(result.parked, []);
    assert.equal(fake.requests.length, 2);
  });
  it('does not split on a 5xx before errors repeat', async () => {
    const fake = server({ poison: new Set([1]) });
    const result = await deliverBatch(entries(4), { post: fake.post });
    assert.equal(result.failure.status, 500);
    assert.equal(fake.requests.length, 1);
  });
});
