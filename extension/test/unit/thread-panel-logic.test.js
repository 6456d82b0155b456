// The thread panel's pure parts in the service worker: what a content script may ask
// about, which URLs that builds, and the plain words the panel shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkThreadRequest, cleanContacts, contactKind, contactRow, contactSummaryUrl, threadUrls, whyNotLogged,
} from '../../src/background/thread-panel-logic.js';

const policy = { internalDomains: ['acme.com'], neverLog: { addresses: ['lawyer@counsel.example'], domains: ['hr-vendor.example'] }, allowFreeMail: false, captureLevel: 'subject_snippet' };
const ME = { user: { email: 'rep@acme.com', addresses: ['rep@acme.com', 'ann@acme-sales.example'] }, policy };

describe('checkThreadRequest', () => {
  it('accepts a Gmail thread of one of the rep\'s own mailboxes, lower-casing the mailbox', () => {
    assert.deepEqual(checkThreadRequest({ mailbox: 'Ann@Acme-Sales.example', threadId: 'thread-f:1799' }, ME), { ok: true, mailbox: 'ann@acme-sales.example', threadId: 'thread-f:1799' });
  });
  it('refuses another person\'s mailbox, naming why', () => {
    const result = checkThreadRequest({ mailbox: 'boss@acme.com', threadId: 'thread-f:1' }, ME);
    assert.equal(result.ok, false);
    assert.match(result.reason, /not one of your addresses/);
  });
  it('refuses thread ids that are not Gmail\'s (path or query tricks)', () => {
    for (const threadId of ['thread-f:1/../../admin', 'thread-f:1&mailbox=x@y.z', '../me', '', null, `thread-f:${'1'.repeat(600)}`]) {
      const result = checkThreadRequest({ mailbox: 'rep@acme.com', threadId }, ME);
      assert.equal(result.ok, false, String(threadId));
      assert.match(result.reason, /^threadId:/);
    }
  });
  it('asks nothing before the server has said who the rep is', () => {
    assert.equal(checkThreadRequest({ mailbox: 'rep@acme.com', threadId: 'thread-f:1' }, null).ok, false);
  });
});

describe('server URLs', () => {
  it('are built on the configured server with encoded parameters', () => {
    const urls = threadUrls('https://q.acme.com', { mailbox: 'rep+x@acme.com', threadId: 'thread-f:17' });
    assert.equal(urls.status, 'https://q.acme.com/api/v1/me/threads?source=gmail&threadId=thread-f%3A17&mailbox=rep%2Bx%40acme.com');
    assert.equal(urls.exclude, 'https://q.acme.com/api/v1/me/excluded-threads');
    assert.equal(urls.include, 'https://q.acme.com/api/v1/me/excluded-threads?source=gmail&threadId=thread-f%3A17&mailbox=rep%2Bx%40acme.com');
  });
  it('encode a contact address as one path segment', () => {
    assert.equal(contactSummaryUrl('https://q.acme.com', "o'neil+sales@globex.example"), "https://q.acme.com/api/v1/contacts/o'neil%2Bsales%40globex.example/summary");
  });
  it('are asked only for well-formed, distinct addresses', () => {
    assert.deepEqual(cleanContacts(['Carla@Globex.example', 'carla@globex.example', 'a/b@x.example', 'x@y/../z', 'no-at', 42, ' bob@initech.example ']),
      ['carla@globex.example', 'bob@initech.example']);
  });
});

describe('contactKind and the "why not logged" wording', () => {
  it('classifies each address the way the capture policy does', () => {
    assert.equal(contactKind('carla@globex.example', ME), 'customer');
    assert.equal(contactKind('ann@acme-sales.example', ME), 'you');
    assert.equal(contactKind('bob@eu.acme.com', ME), 'internal');
    assert.equal(contactKind('lawyer@counsel.example', ME), 'never-log');
    assert.equal(contactKind('x@hr-vendor.example', ME), 'never-log');
    assert.equal(contactKind('someone@gmail.com', ME), 'free-mail');
    assert.equal(contactKind('noreply@globex.example', ME), 'role');
  });
  it('says why in plain words', () => {
    assert.equal(whyNotLogged({ mailboxReason: 'not one of your addresses' }).text, 'Not logged: not one of your addresses.');
    assert.match(whyNotLogged({ kinds: ['you', 'internal'], server: { excluded: false, interactions: 0 } }).text, /internal only/);
    assert.match(whyNotLogged({ kinds: ['you', 'customer', 'never-log'], server: { excluded: false, interactions: 0 } }).text, /never-log list/);
    assert.match(whyNotLogged({ kinds: ['you', 'free-mail'], server: { excluded: false, interactions: 0 } }).text, /free-mail/);
    assert.match(whyNotLogged({ kinds: ['you', 'customer'], server: { excluded: true, interactions: 0 } }).text, /you chose not to log/);
    assert.match(whyNotLogged({ paused: true, kinds: ['you', 'customer'], server: { excluded: false, interactions: 0 } }).text, /paused/);
    assert.equal(whyNotLogged({ kinds: ['customer'], server: { excluded: false, interactions: 2, lastCapturedAt: '2026-11-30T08:00:00Z' } }).text,
      'Logged: 2 messages on your record, last on 2026-11-30.');
    assert.equal(whyNotLogged({ kinds: ['customer'], server: { excluded: false, interactions: 2 } }).logged, true);
    assert.match(whyNotLogged({ kinds: ['customer'], server: null }).text, /Could not reach/);
  });
  it('keeps only what the panel shows of a contact summary', () => {
    const summary = { contact: { email: 'carla@globex.example', name: '<img src=x onerror=alert(1)>', account: 'globex.example' }, counts: { emails: 3, meetings: 1, lastTouchAt: '2026-11-29T10:00:00Z', total: 4 }, lastTouches: [{ subject: 'secret' }] };
    assert.deepEqual(contactRow('carla@globex.example', 'customer', summary), {
      email: 'carla@globex.example', kind: 'customer', name: '<img src=x onerror=alert(1)>', account: 'globex.example', emails: 3, meetings: 1, lastTouchAt: '2026-11-29T10:00:00Z',
    });
    assert.deepEqual(contactRow('new@globex.example', 'customer', null).emails, 0);
  });
});
