import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalAddress, directionFor, mailboxDecision, repAddresses } from '../../src/background/accounts.js';
import { mailboxFromUrl } from '../../src/providers/gmail/mailbox.js';

const policy = { internalDomains: ['acme.com'], captureLevel: 'subject_snippet' };
const meWithAddresses = { user: { email: 'rep@acme.com', addresses: ['rep@acme.com', 'ann.rep@acme-sales.example'] }, policy };
const meBeforeAddresses = { user: { email: 'Rep@Acme.com' }, policy };

describe('mailboxDecision', () => {
  it('logs the rep\'s own mailbox and its aliases', () => {
    assert.deepEqual(mailboxDecision({ mailbox: 'rep@acme.com' }, meWithAddresses), { logging: true, reason: null });
    assert.equal(mailboxDecision({ mailbox: 'ann.rep@acme-sales.example' }, meWithAddresses).logging, true);
  });
  it('falls back to user.email while the server does not list addresses', () => {
    assert.equal(mailboxDecision({ mailbox: 'rep@acme.com' }, meBeforeAddresses).logging, true);
  });
  it('does not log another account in the same browser', () => {
    assert.deepEqual(mailboxDecision({ mailbox: 'me@home.example' }, meWithAddresses), { logging: false, reason: 'not one of your addresses' });
  });
  it('does not log delegated mailboxes unless the org allows it', () => {
    assert.equal(mailboxDecision({ mailbox: 'boss@acme.com', delegated: true }, meWithAddresses).logging, false);
    assert.match(mailboxDecision({ mailbox: 'rep@acme.com', delegated: true }, meWithAddresses).reason, /delegated/);
    const allowing = { ...meWithAddresses, policy: { ...policy, allowDelegatedMailboxes: true } };
    assert.equal(mailboxDecision({ mailbox: 'boss@acme.com', delegated: true }, allowing).logging, true);
  });
  it('logs nothing before the server has said who we are, or before the address is known', () => {
    assert.equal(mailboxDecision({ mailbox: 'rep@acme.com' }, null).logging, false);
    assert.equal(mailboxDecision({ mailbox: null }, meWithAddresses).logging, false);
  });
});

describe('addresses', () => {
  it('reads user.addresses with the primary, lower-cased, once each', () => {
    assert.deepEqual(repAddresses({ user: { email: 'Rep@acme.com', addresses: ['rep@acme.com', 'X@Y.example'] } }), ['rep@acme.com', 'x@y.example']);
  });
  it('ignores +tags', () => assert.equal(canonicalAddress('Rep+Quotes@Acme.com'), 'rep@acme.com'));
  it('makes a send from an alias outbound', () => {
    assert.equal(directionFor({ from: { email: 'ann.rep@acme-sales.example' } }, meWithAddresses, 'rep@acme.com'), 'outbound');
    assert.equal(directionFor({ from: { email: 'rep+deals@acme.com' } }, meWithAddresses, 'rep@acme.com'), 'outbound');
    assert.equal(directionFor({ from: { email: 'carla@globex-example.com' } }, meWithAddresses, 'rep@acme.com'), 'inbound');
  });
});

describe('mailboxFromUrl', () => {
  it('reads the account index of /mail/u/N/', () => {
    assert.deepEqual(mailboxFromUrl('https://mail.google.com/mail/u/1/#inbox'), { accountIndex: 1, delegated: false });
    assert.deepEqual(mailboxFromUrl('https://mail.google.com/mail/'), { accountIndex: 0, delegated: false });
  });
  it('detects delegated mailboxes', () => {
    assert.deepEqual(mailboxFromUrl('https://mail.google.com/mail/u/0/d/AEoRXRS7abc/#inbox'), { accountIndex: 0, delegated: true });
  });
  it('is null elsewhere', () => {
    assert.equal(mailboxFromUrl('https://mail.google.com/chat/u/0/'), null);
    assert.equal(mailboxFromUrl('https://evil.example/mail/u/0/'), null);
  });
});
