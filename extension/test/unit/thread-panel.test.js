// The thread panel's service-worker side end to end with a stubbed server: which requests
// a content script's question causes, what comes back, and that an excluded thread is not
// queued again.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { installFakeChrome } from './support/fake-chrome.js';

const fake = installFakeChrome();
// The uploader serialises flushes with a Web Lock; one flush at a time is all a test runs.
globalThis.navigator ??= {};
globalThis.navigator.locks ??= { request: (_name, work) => work() };
const { threadPanel, setThreadExcluded } = await import('../../src/background/thread-panel.js');
const { queueCaptures } = await import('../../src/background/intake.js');
const { flush } = await import('../../src/background/uploader.js');
const { saveSettings } = await import('../../src/background/settings.js');

const jwt = (sub) => `h.${Buffer.from(JSON.stringify({ iss: 'quietlog', sub })).toString('base64url')}.s`;
const policy = { internalDomains: ['acme.com'], neverLog: { addresses: [], domains: [] }, allowFreeMail: false, captureLevel: 'subject_snippet' };
const ME = { user: { email: 'rep@acme.com', addresses: ['rep@acme.com'] }, policy };
const TOKEN = jwt('u1');

let requests;
let threadState;
let me = ME;
let captureAnswer; // (events) -> results of POST /api/v1/captures
globalThis.fetch = async (url, init = {}) => {
  const u = new URL(String(url));
  requests.push({ method: init.method ?? 'GET', url: String(url), auth: init.headers?.Authorization, body: init.body });
  const json = (body) => new Response(JSON.stringify(body), { status: 200 });
  if (u.pathname === '/api/v1/me') return json(me);
  if (u.pathname === '/api/v1/captures') return json({ results: captureAnswer(JSON.parse(init.body).events) });
  if (u.pathname === '/api/v1/me/threads') return json(threadState);
  if (u.pathname === '/api/v1/me/excluded-threads' && init.method === 'PUT') { threadState = { excluded: true, interactions: 0, lastCapturedAt: null }; return json({ excluded: true, removedInteractions: 2 }); }
  if (u.pathname === '/api/v1/me/excluded-threads' && init.method === 'DELETE') { threadState = { ...threadState, excluded: false }; return json({ excluded: false }); }
  if (u.pathname.startsWith('/api/v1/contacts/')) {
    return json({ contact: { email: 'carla@globex.example', name: 'Carla <b>', account: 'globex.example' }, counts: { emails: 2, meetings: 1, cancelledMeetings: 0, total: 3, lastTouchAt: '2026-11-29T10:00:00Z' }, lastTouches: [{ subject: 'private' }] });
  }
  return new Response('{}', { status: 404 });
};

const email = (threadId) => ({
  type: 'email', source: 'gmail', sourceId: `msg-f:${Math.random().toString().slice(2, 12)}`, messageId: '<a@globex.example>', threadId, direction: 'inbound',
  occurredAt: '2026-11-29T09:30:00.000Z', from: { email: 'carla@globex.example', name: 'Carla' }, to: [{ email: 'rep@acme.com', name: null }], cc: [], subject: 'Quote',
});

describe('thread panel (service worker)', () => {
  beforeEach(async () => {
    for (const key of ['me', 'meCheckedAt', 'paused', 'excludedThreads', 'threadSkips', 'nextRetryAt']) fake.local.delete(key);
    me = ME;
    captureAnswer = (events) => events.map((_, index) => ({ index, status: 'stored' }));
    await saveSettings({ serverUrl: 'https://q.acme.com', token: TOKEN });
    requests = [];
    threadState = { excluded: false, interactions: 2, lastCapturedAt: '2026-11-29T09:31:00Z' };
  });

  it('answers the status and the customer contacts, asking only its own server with the token', async () => {
    const answer = await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:42', contacts: ['carla@globex.example', 'rep@acme.com', 'bob@acme.com'] });
    assert.equal(answer.logged, true);
    assert.match(answer.status, /^Logged: 2 messages/);
    assert.deepEqual(answer.contacts, [{ email: 'carla@globex.example', kind: 'customer', name: 'Carla <b>', account: 'globex.example', emails: 2, meetings: 1, lastTouchAt: '2026-11-29T10:00:00Z' }]);
    assert.equal(JSON.stringify(answer).includes('private'), false, 'last touches\' subjects are not passed to the page');
    assert.ok(requests.every((r) => r.url.startsWith('https://q.acme.com/api/v1/') && r.auth === `Bearer ${TOKEN}`));
    assert.ok(requests.some((r) => r.url === 'https://q.acme.com/api/v1/contacts/carla%40globex.example/summary'));
    assert.equal(requests.some((r) => r.url.includes('bob%40acme.com')), false, 'colleagues are not looked up');
  });

  it('asks the server nothing about a mailbox that is not the rep\'s', async () => {
    await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:1', contacts: [] }); // learns who the rep is
    requests = [];
    const answer = await threadPanel({ mailbox: 'boss@acme.com', threadId: 'thread-f:42', contacts: ['carla@globex.example'] });
    assert.equal(answer.status, 'Not logged: not one of your addresses.');
    assert.equal(answer.canToggle, false);
    assert.deepEqual(requests, []);
    const refused = await setThreadExcluded({ mailbox: 'boss@acme.com', threadId: 'thread-f:42', excluded: true });
    assert.equal(refused.ok, false);
    assert.deepEqual(requests, []);
  });

  it('"Don\'t log this thread" tells the server, and later captures of the thread are not queued', async () => {
    const result = await setThreadExcluded({ mailbox: 'rep@acme.com', threadId: 'thread-f:42', excluded: true });
    assert.equal(result.ok, true);
    assert.equal(result.removedInteractions, 2);
    const put = requests.find((r) => r.method === 'PUT');
    assert.equal(put.url, 'https://q.acme.com/api/v1/me/excluded-threads');
    assert.deepEqual(JSON.parse(put.body), { source: 'gmail', threadId: 'thread-f:42', mailbox: 'rep@acme.com' });

    const queued = await queueCaptures([email('thread-f:42'), email('thread-f:43')], { mailbox: 'rep@acme.com' });
    assert.deepEqual([queued.accepted, queued.filtered], [1, 1]);
    const panel = await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:42', contacts: ['carla@globex.example'] });
    assert.equal(panel.excluded, true);
    assert.equal(panel.status, 'Not logged: you chose not to log this thread.');

    const undo = await setThreadExcluded({ mailbox: 'rep@acme.com', threadId: 'thread-f:42', excluded: false });
    assert.equal(undo.ok, true);
    assert.ok(requests.some((r) => r.method === 'DELETE' && r.url === 'https://q.acme.com/api/v1/me/excluded-threads?source=gmail&threadId=thread-f%3A42&mailbox=rep%40acme.com'));
    assert.equal((await queueCaptures([email('thread-f:42')], { mailbox: 'rep@acme.com' })).accepted, 1);
  });

  it('says why the server skipped a thread\'s messages, in plain words, until one of them is stored', async () => {
    threadState = { excluded: false, interactions: 0, lastCapturedAt: null };
    const cases = [
      ['not-your-mailbox: rep@acme.com is not one of your addresses, and the org does not log delegated mailboxes', 'Not logged: the server does not count this mailbox as one of your addresses.'],
      ['excluded-thread: you chose not to log this thread', 'Not logged: you chose not to log this thread.'],
      ['never-log: lawyer@counsel.example is on a never-log list', 'Not logged: someone in this thread is on a never-log list.'],
      ['free-mail: only free-mail addresses outside the org (x@gmail.com)', 'Not logged: its only outside addresses are free-mail, which your organisation does not log.'],
    ];
    for (const [reason, words] of cases) {
      captureAnswer = (events) => events.map((_, index) => ({ index, status: 'skipped', reason }));
      assert.equal((await queueCaptures([email('thread-f:77')], { mailbox: 'rep@acme.com' })).accepted, 1);
      await flush();
      const answer = await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:77', contacts: ['carla@globex.example'] });
      assert.equal(answer.status, words, reason);
      assert.equal(answer.logged, false);
    }
    // Another thread is not affected; a later message of the thread that is stored clears it.
    assert.match((await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:78', contacts: ['carla@globex.example'] })).status, /^Not logged yet/);
    captureAnswer = (events) => events.map((_, index) => ({ index, status: 'stored' }));
    await queueCaptures([email('thread-f:77')], { mailbox: 'rep@acme.com' });
    await flush();
    assert.match((await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:77', contacts: ['carla@globex.example'] })).status, /^Not logged yet/);
  });

  it('says a delegated mailbox is not logged because the organisation does not log them, and asks the server nothing', async () => {
    const answer = await threadPanel({ mailbox: 'boss@acme.com', delegated: true, threadId: 'thread-f:42', contacts: ['carla@globex.example'] });
    assert.equal(answer.status, 'Not logged: a mailbox delegated to you, which your organisation does not log.');
    assert.ok(!answer.status.includes('not one of your addresses'));
    assert.equal(answer.canToggle, false);
    assert.ok(requests.every((r) => new URL(r.url).pathname === '/api/v1/me'), JSON.stringify(requests));
  });

  it('shows a delegated mailbox\'s thread like the rep\'s own when the organisation logs delegated mailboxes', async () => {
    me = { ...ME, policy: { ...policy, allowDelegatedMailboxes: true } };
    const answer = await threadPanel({ mailbox: 'Boss@acme.com', delegated: true, threadId: 'thread-f:42', contacts: ['carla@globex.example'] });
    assert.match(answer.status, /^Logged: 2 messages/);
    assert.equal(answer.canToggle, true);
    assert.ok(requests.some((r) => r.url === 'https://q.acme.com/api/v1/me/threads?source=gmail&threadId=thread-f%3A42&mailbox=boss%40acme.com'));
    // The same address opened as the rep's own account (not delegated) is still not theirs.
    assert.equal((await threadPanel({ mailbox: 'boss@acme.com', threadId: 'thread-f:42', contacts: [] })).status, 'Not logged: not one of your addresses.');
  });

  it('answers an internal-only thread from the policy alone, without asking the server about it', async () => {
    await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:1', contacts: [] }); // learns who the rep is
    requests = [];
    const answer = await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:5', contacts: ['rep@acme.com', 'bob@acme.com'] });
    assert.equal(answer.status, 'Not logged: internal only (everyone is a colleague).');
    assert.deepEqual(requests, []);
  });
});
