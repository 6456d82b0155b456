// The server and the extension must decide alike what is a customer: both read the same
// role-mailbox rule, and the server's free-mail list is generated from the npm package the
// extension bundles. This catches the two drifting apart after a package bump.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import freeMailDomains from 'email-providers/all.json' with { type: 'json' };
import { isCustomerAddress } from '../../src/background/policy.js';

const serverList = readFileSync(new URL('../../../server/src/main/resources/policy/free-mail-domains.txt', import.meta.url), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

const policy = { internalDomains: ['acme.com'], neverLog: { addresses: [], domains: [] }, allowFreeMail: false };

test('the server free-mail list is the package list the extension bundles (run scripts/update-free-mail-domains)', () => {
  assert.deepEqual(new Set(serverList), new Set(freeMailDomains.map((d) => d.toLowerCase())));
});

test('free-mail addresses from the maintained list are not customers unless allowed', () => {
  assert.equal(isCustomerAddress('someone@yahoo.co.uk', policy, 'rep@acme.com'), false);
  assert.equal(isCustomerAddress('someone@yahoo.co.uk', { ...policy, allowFreeMail: true }, 'rep@acme.com'), true);
  assert.equal(isCustomerAddress('buyer@globex.com', policy, 'rep@acme.com'), true);
});

test('role and bulk mailboxes from the shared rule are not customers', () => {
  for (const sender of ['noreply@vendor.com', 'no-reply@vendor.com', 'notifications@github.com', 'do-not-reply@bank.com',
    'newsletter@shop.com', 'bounces+123@mailer.com', 'mailer-daemon@mx.globex.com']) {
    assert.equal(isCustomerAddress(sender, policy, 'rep@acme.com'), false, sender);
  }
  assert.equal(isCustomerAddress('newsroom.lead@globex.com', policy, 'rep@acme.com'), true);
});

test('the operations and service mailboxes of RFC 2142 are not customers; its business ones are', () => {
  for (const sender of ['abuse@globex.com', 'noc@globex.com', 'security@globex.com', 'postmaster@globex.com',
    'hostmaster@globex.com', 'webmaster@globex.com', 'www@globex.com', 'usenet@globex.com', 'uucp@globex.com',
    'ftp@globex.com']) {
    assert.equal(isCustomerAddress(sender, policy, 'rep@acme.com'), false, sender);
  }
  for (const person of ['info@globex.com', 'sales@globex.com', 'support@globex.com']) {
    assert.equal(isCustomerAddress(person, policy, 'rep@acme.com'), true, person);
  }
});
