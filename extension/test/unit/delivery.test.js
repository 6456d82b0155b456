import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildBody, jsonBytes, learnBatchLimits, MAX_BATCH_BYTES } from '../../src/background/batching.js';
import { deliverBatch } from '../../src/background/delivery.js';
import { classifyUploadResponse } from '../../src/background/results.js';

const client = { name: 'quietlog-extension', version: '0.1.0' };
const entries = (count, poison = new Set()) =>
  Array.from({ length: count }, (_, i) => ({ localId: i + 1, event: { type: 'email', sourceId: `m${i + 1}`, subject: poison.has(i + 1) ? 'poison' : `s${i + 1}` } }));

/** A fake server: answers like POST /api/v1/captures, and records each request's localIds. */
function fakeServer({ maxEvents = 500, isMalformed = () => false, failWith = null } = {}) {
  const requests = [];
  const post = async (part) => {
    requests.push(part.map((e) => e.localId));
    const answer = (status, body) => ({ kind: classifyUploadResponse(status, body), status, body });
    if (failWith) return answer(failWith, { error: { code: 'x', message: 'nope' } });
    if (part.length > maxEvents) return answer(413, { error: { code: 'too_large', message: `events: at most ${maxEvents} per request, got ${part.length}` } });
    if (part.some((e) => isMalformed(e.event))) return answer(400, { error: { code: 'invalid_request', message: 'body: not valid JSON (bad event)' } });
    return answer(200, { results: part.map((_, index) => ({ index, status: 'stored' })) });
  };
  return { post, requests };
}

function collector() {
  const removed = [];
  const rejected = [];
  const tooLarge = [];
  return {
    removed,
    rejected,
    tooLarge,
    onSettled: async (settled) => {
      removed.push(...settled.settledIds);
      rejected.push(...settled.rejected);
    },
    onTooLarge: async (part, outcome) => tooLarge.push({ size: part.length, message: outcome.body.error.message }),
  };
}

describe('deliverBatch', () => {
  it('splits 200 events refused with 413 into 100 + 100 and sends both at once', async () => {
    const server = fakeServer({ maxEvents: 100 });
    const c = collector();
    const result = await deliverBatch(entries(200), { post: server.post, ...c });
    assert.deepEqual(server.requests.map((r) => r.length), [200, 100, 100]);
    assert.deepEqual(server.requests[1], entries(100).map((e) => e.localId), 'older half first');
    assert.equal(result.failure, null);
    assert.equal(result.sent, 200);
    assert.equal(c.removed.length, 200);
    assert.deepEqual(c.rejected, []);
    assert.deepEqual(c.tooLarge, [{ size: 200, message: 'events: at most 100 per request, got 200' }]);
  });

  it('isolates one malformed event in 4 on a 400: 3 stored, 1 rejected with the server message', async () => {
    const server = fakeServer({ isMalformed: (event) => event.subject === 'poison' });
    const c = collector();
    const batch = entries(4, new Set([3]));
    const result = await deliverBatch(batch, { post: server.post, ...c });
    assert.deepEqual(server.requests, [[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
    assert.equal(result.failure, null);
    assert.equal(result.sent, 4);
    assert.deepEqual(c.removed.sort(), [1, 2, 3, 4]);
    assert.deepEqual(c.rejected, [{ localId: 3, reason: 'body: not valid JSON (bad event)', summary: 'email: poison' }]);
    assert.deepEqual(c.tooLarge, [], 'a 400 teaches nothing about limits');
  });

  it('finds one bad event in 500 with few requests', async () => {
    const server = fakeServer({ isMalformed: (event) => event.subject === 'poison' });
    const c = collector();
    const result = await deliverBatch(entries(500, new Set([377])), { post: server.post, ...c });
    assert.equal(result.sent, 500);
    assert.deepEqual(c.rejected.map((r) => r.localId), [377]);
    assert.ok(server.requests.length <= 2 * Math.ceil(Math.log2(500)) + 1, `${server.requests.length} requests`);
  });

  it('rejects a single event that still gets 413, with the server message', async () => {
    const server = fakeServer({ maxEvents: 0 });
    const c = collector();
    const result = await deliverBatch(entries(1), { post: server.post, ...c });
    assert.equal(result.failure, null);
    assert.deepEqual(c.removed, [1]);
    assert.deepEqual(c.rejected, [{ localId: 1, reason: 'events: at most 0 per request, got 1', summary: 'email: s1' }]);
    assert.deepEqual(c.tooLarge, [], 'a single event too large says nothing about batch size');
  });

  it('keeps everything and reports auth and retry answers as they were', async () => {
    for (const status of [401, 403, 429, 500, 503]) {
      const server = fakeServer({ failWith: status });
      const c = collector();
      const result = await deliverBatch(entries(4), { post: server.post, ...c });
      assert.equal(result.failure.status, status);
      assert.equal(result.failure.kind, status < 404 ? 'auth' : 'retry');
      assert.equal(result.sent, 0);
      assert.deepEqual(c.removed, []);
      assert.equal(server.requests.length, 1, 'no splitting');
    }
  });

  it('stops at a failure after a split and keeps the parts not sent yet', async () => {
    let calls = 0;
    const post = async (part) => {
      calls += 1;
      if (calls === 1) return { kind: 'too_large', status: 413, body: { error: { message: 'body: larger than 1048576 bytes (1 MiB)' } } };
      if (calls === 2) return { kind: 'ok', status: 200, body: { results: part.map((_, index) => ({ index, status: 'stored' })) } };
      return { kind: 'retry', status: 503, body: null };
    };
    const c = collector();
    const result = await deliverBatch(entries(6), { post, ...c });
    assert.deepEqual(c.removed, [1, 2, 3]);
    assert.equal(result.sent, 3);
    assert.equal(result.failure.status, 503);
  });

  it('treats a 2xx that decided nothing as a failure rather than spinning', async () => {
    const result = await deliverBatch(entries(2), { post: async () => ({ kind: 'ok', status: 200, body: { results: [] } }) });
    assert.equal(result.failure.kind, 'retry');
    assert.equal(result.sent, 0);
  });

  it('remembers a smaller limit the uploader can start from next time', async () => {
    const server = fakeServer({ maxEvents: 100 });
    let stored = null;
    const batch = entries(200);
    await deliverBatch(batch, {
      post: server.post,
      onTooLarge: async (part, outcome) => {
        const bytes = jsonBytes(buildBody(client, part.map((e) => e.event)));
        stored = learnBatchLimits({ maxEvents: 500, maxBytes: MAX_BATCH_BYTES }, { events: part.length, bytes, message: outcome.body.error.message }, { now: 0 });
      },
    });
    assert.equal(stored.maxEvents, 100);
    assert.equal(stored.maxBytes, MAX_BATCH_BYTES);
  });
});
