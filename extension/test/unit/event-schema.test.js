import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateEvent } from '../../src/background/event-schema.js';

const limits = JSON.parse(readFileSync(new URL('../../../shared-policy/event-limits.json', import.meta.url), 'utf8'));
const valid = () => ({
  type: 'email', source: 'gmail', sourceId: 'msg-f:1', messageId: '<a@b.c>', threadId: 'thread-f:1', direction: 'inbound',
  occurredAt: '2024-05-14T09:30:00.000Z', from: { email: 'carla@globex-example.com', name: 'Carla' },
  to: [{ email: 'rep@acme.com', name: null }], cc: [], subject: 'Hi', snippet: 'Hello', mailbox: 'rep@acme.com',
});

describe('validateEvent (limits from shared-policy/event-limits.json)', () => {
  it('accepts a well-formed email event', () => assert.deepEqual(validateEvent(valid()), { ok: true }));
  it('refuses non-objects and unknown types', () => {
    assert.equal(validateEvent(null).ok, false);
    assert.equal(validateEvent([]).ok, false);
    assert.match(validateEvent({ ...valid(), type: 'chat' }).errors[0], /^type:/);
  });
  it('names the field that breaks a shared limit', () => {
    const long = validateEvent({ ...valid(), subject: 'x'.repeat(limits.maxSubjectChars + 1) });
    assert.deepEqual(long.errors, [`subject: longer than ${limits.maxSubjectChars} characters`]);
    assert.match(validateEvent({ ...valid(), snippet: 'x'.repeat(limits.maxSnippetChars + 1) }).errors[0], /^snippet:/);
    assert.match(validateEvent({ ...valid(), direction: 'sideways' }).errors[0], /^direction:/);
    assert.match(validateEvent({ ...valid(), occurredAt: '2200-01-01T00:00:00Z' }).errors[0], /^occurredAt:/);
    const crowd = Array.from({ length: limits.maxParticipantsPerEvent }, (_, i) => ({ email: `p${i}@x.example`, name: null }));
    assert.ok(validateEvent({ ...valid(), to: crowd }).errors.some((e) => e.startsWith('to/cc/bcc:')));
  });
  it('refuses fields the contract does not have (a page cannot smuggle data)', () => {
    assert.deepEqual(validateEvent({ ...valid(), body: '<html>' }).errors, ['body: not a field of a email event']);
    assert.match(validateEvent({ ...valid(), from: { email: 'a@b.example', html: 'x' } }).errors[0], /^from\.html:/);
  });
  it('requires the mailbox', () => assert.match(validateEvent({ ...valid(), mailbox: undefined }).errors.join(), /mailbox/));
  it('accepts bcc and a null Message-ID', () => {
    assert.equal(validateEvent({ ...valid(), messageId: null, bcc: [{ email: 'x@y.example', name: null }] }).ok, true);
  });
});
