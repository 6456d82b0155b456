// The thread panel's pure parts in the service worker: what a content script may ask
// about, which URLs that builds, and the plain words the panel shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkThreadRequest, cleanContacts, contactKind, contactRow, contactSummaryUrl, skipReasonWords, threadUrls, whyNotLogged,
} from '../../src/background/thread-panel-logic.js';
import { mailboxDecision } from '../../src/background/accounts.js';
import { foldSkips } from '../../src/background/thread-skips.js';

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
  it('refuses a delegated mailbox unless the org logs them, saying so (not "not one of your addresses")', () => {
    const refused = checkThreadRequest({ mailbox: 'boss@acme.com', threadId: 'thread-f:1', delegated: true }, ME);
    assert.deepEqual(refused, { ok: false, reason: 'a mailbox delegated to you, which your organisation does not log' });
    const allowing = { ...ME, policy: { ...policy, allowDelegatedMailboxes: true } };
    assert.deepEqual(checkThreadRequest({ mailbox: 'Boss@acme.com', threadId: 'thread-f:1', delegated: true }, allowing), { ok: true, mailbox: 'boss@acme.com', threadId: 'thread-f:1' });
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
  it('words every reason a thread is not logged exactly as the panel shows it', () => {
    const none = { excluded: false, interactions: 0 };
    const text = (input) => whyNotLogged(input).text;
    const mailbox = (input) => text({ mailboxReason: mailboxDecision(input, ME).reason, server: none });
    assert.equal(mailbox({ mailbox: 'me@home.example' }), 'Not logged: not one of your addresses.');
    assert.equal(mailbox({ mailbox: 'boss@acme.com', delegated: true }), 'Not logged: a mailbox delegated to you, which your organisation does not log.');
    assert.equal(text({ mailboxReason: mailboxDecision({ mailbox: 'rep@acme.com' }, null).reason }), 'Not logged: waiting for the server to confirm who you are.');
    assert.equal(text({ kinds: ['you', 'internal'], server: none }), 'Not logged: internal only (everyone is a colleague).');
    assert.equal(text({ kinds: ['you', 'customer', 'never-log'], server: none }), 'Not logged: someone in this thread is on a never-log list (your organisation\'s or your own).');
    assert.equal(text({ kinds: ['you', 'internal', 'free-mail'], server: none }), 'Not logged: only colleagues and free-mail addresses, which your organisation does not log.');
    assert.equal(text({ kinds: ['you', 'role'], server: none }), 'Not logged: only colleagues and automated senders (no customer).');
    assert.equal(text({ paused: true, kinds: ['you', 'customer'], server: none }), 'Not logged: logging is paused.');
    assert.equal(text({ kinds: ['customer'], server: { excluded: true, interactions: 0 } }), 'Not logged: you chose not to log this thread.');
    assert.equal(text({ kinds: ['customer'], server: none }), 'Not logged yet: it will be once the messages are uploaded.');
    assert.equal(whyNotLogged({ kinds: ['customer'], server: none }).pending, true);
  });
  it('words the server\'s skip reasons, and a message on record wins over an older skip', () => {
    const words = {
      'not-your-mailbox: me@home.example is not one of your addresses, and the org does not log delegated mailboxes': 'the server does not count this mailbox as one of your addresses',
      'excluded-thread: you chose not to log this thread': 'you chose not to log this thread',
      'never-log: lawyer@counsel.example is on a never-log list': 'someone in this thread is on a never-log list',
      'internal: no participant outside the org\'s internal domains': 'internal only (everyone is a colleague)',
      'free-mail: only free-mail addresses outside the org (x@gmail.com)': 'its only outside addresses are free-mail, which your organisation does not log',
      'role-sender: only role or bulk addresses outside the org (noreply@x.example)': 'its only outside addresses are automated senders (no customer)',
      'not-a-participant: this email is already logged and you are not on it': 'a colleague logged this email and you are not on it',
      'something-new: <b>odd</b>': 'the server skipped it (something-new: <b>odd</b>)',
    };
    for (const [reason, expected] of Object.entries(words)) assert.equal(skipReasonWords(reason), expected, reason);
    const skipped = 'not-your-mailbox: x';
    assert.equal(whyNotLogged({ kinds: ['customer'], skipped, server: { excluded: false, interactions: 0 } }).text, 'Not logged: the server does not count this mailbox as one of your addresses.');
    assert.equal(whyNotLogged({ kinds: ['customer'], skipped, server: null }).text, 'Not logged: the server does not count this mailbox as one of your addresses.');
    assert.equal(whyNotLogged({ kinds: ['customer'], skipped, server: { excluded: false, interactions: 1 } }).logged, true);
  });
  it('remembers the last skip per thread and forgets it when a message of the thread is stored', () => {
    const event = (localId, threadId, mailbox = 'rep@acme.com') => ({ localId, event: { type: 'email', threadId, mailbox } });
    const batch = [event(1, 'thread-f:1'), event(2, 'thread-f:2'), { localId: 3, event: { type: 'meeting', mailbox: 'rep@acme.com' } }];
    let list = foldSkips([], batch, [{ localId: 1, status: 'skipped', reason: 'never-log: x' }, { localId: 2, status: 'stored', reason: null }, { localId: 3, status: 'skipped', reason: 'internal: y' }]);
    assert.deepEqual(list, [['rep@acme.com|thread-f:1', 'never-log: x']]);
    list = foldSkips(list, [event(4, 'thread-f:1')], [{ localId: 4, status: 'duplicate' }]);
    assert.deepEqual(list, []);
  });
  it('keeps only what the panel shows of a contact summary', () => {
    const summary = { contact: { email: 'carla@globex.example', name: '<img src=x onerror=alert(1)>', account: 'globex.example' }, counts: { emails: 3, meetings: 1, lastTouchAt: '2026-11-29T10:00:00Z', total: 4 }, lastTouches: [{ subject: 'secret' }] };
    assert.deepEqual(contactRow('carla@globex.example', 'customer', summary), {
      email: 'carla@globex.example', kind: 'customer', name: '<img src=x onerror=alert(1)>', account: 'globex.example', emails: 3, meetings: 1, lastTouchAt: '2026-11-29T10:00:00Z',
    });
    assert.deepEqual(contactRow('new@globex.example', 'customer', null).emails, 0);
  });
});
