// The outbox and dead-letter store on a real IndexedDB implementation (fake-indexeddb).
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as deadLetters from '../../src/background/dead-letters.js';
import * as outbox from '../../src/background/outbox.js';

const email = (sourceId, extra = {}) => ({ type: 'email', source: 'gmail', sourceId, messageId: null, subject: `s-${sourceId}`, mailbox: 'rep@acme.com', ...extra });
const held = (sourceId, until, extra = {}) => ({ event: email(sourceId, extra), holdKey: `rep@acme.com|${sourceId}`, holdKind: 'send', heldUntil: until });
const NOW = 1_000_000;

async function clear() {
  const all = await outbox.otherGenerations('none');
  await outbox.remove(all.map((entry) => entry.localId));
}

describe('outbox', () => {
  beforeEach(clear);

  it('queues the same capture once, and only for its generation', async () => {
    assert.equal(await outbox.addEvents([email('m1'), email('m1')], { generation: 'g1', now: NOW }), 1);
    assert.deepEqual((await outbox.oldest(10, { generation: 'g1', now: NOW })).map((e) => e.event.sourceId), ['m1']);
    assert.deepEqual(await outbox.oldest(10, { generation: 'g2', now: NOW }), [], 'another server or user never sees it');
  });

  it('holds a send until its time, replaces it with a fuller capture, and releases it', async () => {
    await outbox.addEvents([held('m2', NOW + 5_000)], { generation: 'g1', now: NOW });
    assert.deepEqual(await outbox.oldest(10, { generation: 'g1', now: NOW }), [], 'held inside the undo window');
    assert.equal(await outbox.nextDueAt({ generation: 'g1', now: NOW }), NOW + 5_000);
    await outbox.addEvents([held('m2', 0, { messageId: '<final@x>' })], { generation: 'g1', now: NOW + 1 });
    const ready = await outbox.oldest(10, { generation: 'g1', now: NOW + 1 });
    assert.deepEqual(ready.map((e) => [e.event.sourceId, e.event.messageId]), [['m2', '<final@x>']]);
    assert.equal(await outbox.size(), 1, 'replaced, not added');
  });

  it('never loses a Message-ID a queued copy already had', async () => {
    await outbox.addEvents([{ ...held('m3', NOW + 5_000, { messageId: '<known@x>' }) }], { generation: 'g1', now: NOW });
    await outbox.addEvents([held('m3', 0)], { generation: 'g1', now: NOW });
    assert.equal((await outbox.oldest(10, { generation: 'g1', now: NOW }))[0].event.messageId, '<known@x>');
  });

  it('removes an undone send only while it is still held', async () => {
    await outbox.addEvents([held('m4', NOW + 5_000), held('m5', 0)], { generation: 'g1', now: NOW });
    assert.equal(await outbox.cancelHeld(['rep@acme.com|m4', 'rep@acme.com|m5'], NOW), 1);
    assert.deepEqual((await outbox.oldest(10, { generation: 'g1', now: NOW })).map((e) => e.event.sourceId), ['m5']);
  });

  it('keeps at most N held for a Message-ID, releasing the oldest', async () => {
    const items = ['a', 'b', 'c'].map((id) => ({ ...held(id, NOW + 60_000), holdKind: 'messageId' }));
    await outbox.addEvents(items, { generation: 'g1', now: NOW });
    assert.equal(await outbox.releaseOldestHeld('messageId', 2, NOW), 1);
    assert.deepEqual((await outbox.oldest(10, { generation: 'g1', now: NOW })).map((e) => e.event.sourceId), ['a']);
  });

  it('parks an event without losing it', async () => {
    await outbox.addEvents([email('p1'), email('p2')], { generation: 'g1', now: NOW });
    const [first] = await outbox.oldest(1, { generation: 'g1', now: NOW });
    await outbox.park([first.localId], Date.now() + 60_000);
    assert.deepEqual((await outbox.oldest(10, { generation: 'g1' })).map((e) => e.event.sourceId), ['p2']);
    assert.equal(await outbox.size(), 2);
  });

  it('moves refused events to the dead letters with their reason, in one step', async () => {
    await outbox.addEvents([email('d1'), email('d2')], { generation: 'g1', now: NOW });
    const entries = await outbox.oldest(10, { generation: 'g1', now: NOW });
    const before = await deadLetters.count();
    await outbox.moveToDeadLetters(entries.slice(0, 1), () => 'subject: longer than 1000 characters', { serverUrl: 'https://q.acme.com', now: NOW });
    assert.equal(await deadLetters.count(), before + 1);
    const [latest] = await deadLetters.latest(1);
    assert.equal(latest.reason, 'subject: longer than 1000 characters');
    assert.equal(latest.event.sourceId, 'd1');
    assert.deepEqual((await outbox.oldest(10, { generation: 'g1', now: NOW })).map((e) => e.event.sourceId), ['d2']);
    assert.ok((await deadLetters.all()).some((letter) => letter.event.sourceId === 'd1'), 'exportable');
  });
});
