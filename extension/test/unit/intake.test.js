// queueCaptures end to end inside the service worker modules: what reaches the outbox.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { installFakeChrome } from './support/fake-chrome.js';

const fake = installFakeChrome();
const { queueCaptures } = await import('../../src/background/intake.js');
const outbox = await import('../../src/background/outbox.js');
const deadLetters = await import('../../src/background/dead-letters.js');
const { saveSettings } = await import('../../src/background/settings.js');
const { reapplyPolicy } = await import('../../src/background/policy.js');

const jwt = (sub) => `h.${Buffer.from(JSON.stringify({ iss: 'quietlog', sub })).toString('base64url')}.s`;
const policy = { internalDomains: ['acme.com'], neverLog: { addresses: [], domains: [] }, allowFreeMail: false, captureLevel: 'subject_snippet' };
const ME = { user: { email: 'rep@acme.com', addresses: ['rep@acme.com', 'ann.rep@acme-sales.example'] }, policy };
const email = (extra = {}) => ({
  type: 'email', source: 'gmail', sourceId: `msg-f:${Math.random().toString().slice(2, 12)}`, messageId: '<a@globex-example.com>', threadId: 'thread-f:1', direction: 'inbound',
  occurredAt: '2024-05-14T09:30:00.000Z', from: { email: 'carla@globex-example.com', name: 'Carla' }, to: [{ email: 'rep@acme.com', name: null }], cc: [],
  subject: 'Quote', snippet: 'Hello', ...extra,
});

let meAnswer;
globalThis.fetch = async (url) => {
  if (String(url).endsWith('/api/v1/me') && meAnswer) return new Response(JSON.stringify(meAnswer), { status: 200 });
  throw new Error('server unreachable');
};

describe('queueCaptures (the one way into the outbox)', () => {
  beforeEach(async () => {
    await outbox.remove((await outbox.otherGenerations('none')).map((entry) => entry.localId));
    for (const key of ['me', 'meCheckedAt', 'paused', 'outboxGeneration', 'outboxServerUrl', 'accountsSeen']) fake.local.delete(key);
    meAnswer = null;
    await saveSettings({ serverUrl: 'https://q.acme.com', token: jwt('u1') });
  });

  it('writes nothing while the server has not said who the rep is and what the policy is', async () => {
    const result = await queueCaptures([email()], { mailbox: 'rep@acme.com' });
    assert.equal(result.accepted, 0);
    assert.match(result.reason, /waiting for the server/);
    assert.equal(await outbox.size(), 0);
  });

  it('asks the server first, then keeps a customer email with its mailbox and the direction from the rep\'s addresses', async () => {
    meAnswer = ME;
    const result = await queueCaptures([email({ from: { email: 'ann.rep@acme-sales.example', name: null }, to: [{ email: 'bob@globex-example.com', name: null }] })], { mailbox: 'rep@acme.com' });
    assert.equal(result.accepted, 1);
    const { outboxGeneration } = await globalThis.chrome.storage.local.get('outboxGeneration');
    const [event] = await outbox.oldest(10, { generation: outboxGeneration });
    assert.equal(event.event.mailbox, 'rep@acme.com');
    assert.equal(event.event.direction, 'outbound', 'a send-as alias of the rep is outbound');
  });

  it('writes nothing from another account or a delegated mailbox, and records why', async () => {
    meAnswer = ME;
    assert.equal((await queueCaptures([email()], { mailbox: 'me@home.example' })).accepted, 0);
    assert.equal((await queueCaptures([email()], { mailbox: 'rep@acme.com', delegated: true })).accepted, 0);
    assert.equal(await outbox.size(), 0);
    const { accountsSeen } = await globalThis.chrome.storage.local.get('accountsSeen');
    assert.ok(accountsSeen.some((a) => a.mailbox === 'me@home.example' && !a.logging && a.reason === 'not one of your addresses'));
  });

  it('strips subject and snippet before the outbox at the metadata level, and refuses what breaks the schema', async () => {
    meAnswer = { ...ME, policy: { ...policy, captureLevel: 'metadata' } };
    const result = await queueCaptures([email(), email({ body: '<html>' }), email({ subject: 'x'.repeat(5000) })], { mailbox: 'rep@acme.com' });
    assert.deepEqual([result.accepted, result.invalid], [1, 2]);
    const [entry] = await outbox.otherGenerations('none');
    assert.equal(entry.event.subject, null);
    assert.equal('snippet' in entry.event, false);
  });

  it('writes nothing while paused', async () => {
    meAnswer = ME;
    await globalThis.chrome.storage.local.set({ paused: { until: Date.now() + 60_000 } });
    assert.equal((await queueCaptures([email()], { mailbox: 'rep@acme.com' })).reason, 'paused');
    assert.equal(await outbox.size(), 0);
  });

  it('moves the old outbox to the dead letters when another user\'s token is saved, never to the new one', async () => {
    meAnswer = ME;
    await queueCaptures([email({ subject: 'for user one' })], { mailbox: 'rep@acme.com' });
    const before = await deadLetters.count();
    await saveSettings({ serverUrl: 'https://q.acme.com', token: jwt('u2') });
    await queueCaptures([email({ subject: 'for user two' })], { mailbox: 'rep@acme.com' });
    const { outboxGeneration } = await globalThis.chrome.storage.local.get('outboxGeneration');
    assert.deepEqual((await outbox.oldest(10, { generation: outboxGeneration })).map((e) => e.event.subject), ['for user two']);
    assert.equal(await deadLetters.count(), before + 1);
    assert.match((await deadLetters.latest(1))[0].reason, /not sent to https:\/\/q\.acme\.com/);
  });

  it('applies the policy again at upload (a domain turned internal since)', () => {
    const entries = [{ localId: 1, event: email() }, { localId: 2, event: email({ from: { email: 'x@newly-internal.example', name: null } }) }];
    const now = { ...ME, policy: { ...policy, internalDomains: ['acme.com', 'newly-internal.example'], captureLevel: 'subject' } };
    const { kept, dropped, trimmed } = reapplyPolicy(entries, now);
    assert.deepEqual(dropped, [2]);
    assert.deepEqual(kept.map((k) => k.localId), [1]);
    assert.equal('snippet' in kept[0].event, false);
    assert.equal(trimmed.length, 1);
  });
});
