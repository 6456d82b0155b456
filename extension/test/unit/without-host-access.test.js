// Zero-click rollout: the server answers the extension under CORS, so the service worker
// reaches it without the rep ever granting access to the server's origin. Only a server that
// cannot be read without that access (an older one, or behind a proxy stripping CORS) makes
// the popup and Test connection ask for "Allow access". Chrome's CORS check is stood in for
// by the stubbed fetch: it answers ("cors") or fails as Chrome does ("blocked": a TypeError).
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { installFakeChrome } from './support/fake-chrome.js';

const fake = installFakeChrome({ managed: {} });
let hostAccess = false;
globalThis.chrome.permissions.contains = async () => hostAccess;
globalThis.navigator ??= {};
globalThis.navigator.locks ??= { request: (_name, task) => task() }; // one caller at a time in these tests anyway

const { flush } = await import('../../src/background/uploader.js');
const { testConnection } = await import('../../src/background/server-api.js');
const { queueCaptures } = await import('../../src/background/intake.js');
const { threadPanel } = await import('../../src/background/thread-panel.js');
const { accessNeeded } = await import('../../src/background/server-fetch.js');

const SERVER = 'https://quietlog.acme.com';
const jwt = (sub) => `h.${Buffer.from(JSON.stringify({ iss: 'quietlog', sub })).toString('base64url')}.s`;
const policy = { internalDomains: ['acme.com'], neverLog: { addresses: [], domains: [] }, allowFreeMail: false, captureLevel: 'subject_snippet' };
const ME = { user: { email: 'rep@acme.com', name: 'Ann Rep', addresses: ['rep@acme.com'] }, org: { name: 'Acme' }, policy };
const email = () => ({
  type: 'email', source: 'gmail', sourceId: `msg-f:${Math.random().toString().slice(2, 12)}`, messageId: `<${Math.random()}@acme.com>`, threadId: 'thread-f:1', direction: 'outbound',
  occurredAt: '2026-11-29T09:30:00.000Z', from: { email: 'rep@acme.com', name: 'Ann' }, to: [{ email: 'bob@globex-example.com', name: null }], cc: [], subject: 'Quote',
});

let server; // 'cors' | 'blocked'
let requests;
globalThis.fetch = async (url, init = {}) => {
  requests.push({ url: String(url), method: init.method ?? 'GET', mode: init.mode, credentials: init.credentials });
  if (server === 'blocked' && !hostAccess) throw new TypeError('Failed to fetch');
  const path = new URL(String(url)).pathname;
  if (path === '/api/v1/me') return Response.json(ME);
  if (path === '/api/v1/captures') {
    const { events } = JSON.parse(init.body);
    return Response.json({ results: events.map((_, index) => ({ index, status: 'stored' })) });
  }
  if (path === '/api/v1/me/threads') return Response.json({ excluded: false, interactions: 1, lastCapturedAt: null });
  return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
};

async function lastError() {
  return (await globalThis.chrome.storage.local.get('lastError')).lastError ?? null;
}

describe('a managed server without host access', () => {
  beforeEach(() => {
    fake.local.clear();
    fake.managed.clear();
    fake.managed.set('serverUrl', SERVER);
    fake.managed.set('token', jwt('u1'));
    hostAccess = false;
    requests = [];
  });

  it('answering under CORS: /me and uploads go through, nothing asked of the rep', async () => {
    server = 'cors';
    const queued = await queueCaptures([email()], { mailbox: 'rep@acme.com' });
    assert.equal(queued.accepted, 1, JSON.stringify(queued));
    const result = await flush();
    assert.equal(result.sent, 1);
    assert.equal(await lastError(), null);
    assert.equal(await accessNeeded(SERVER), false);
    assert.ok(requests.some((r) => r.method === 'POST' && r.url === `${SERVER}/api/v1/captures`));
    for (const r of requests) {
      assert.equal(r.mode, 'cors', r.url);
      assert.equal(r.credentials, 'omit', `${r.url}: never the browser's cookies`);
    }
    const checked = await testConnection();
    assert.equal(checked.ok, true, checked.message);
    assert.equal(checked.message, 'Connected as Ann Rep (rep@acme.com), org Acme.');
    const panel = await threadPanel({ mailbox: 'rep@acme.com', threadId: 'thread-f:1', contacts: [] });
    assert.match(panel.status, /^Logged/);
  });

  it('not readable without access (no CORS): the popup and Test connection name the missing access', async () => {
    server = 'blocked';
    const result = await flush();
    assert.equal(result.sent, 0);
    const error = await lastError();
    assert.equal(error.kind, 'permission');
    assert.equal(error.message, `Quietlog is not allowed to contact ${SERVER} yet. Open Options and click "Allow access".`);
    assert.equal(await accessNeeded(SERVER), true);
    const checked = await testConnection();
    assert.equal(checked.ok, false);
    assert.match(checked.message, /not allowed to contact https:\/\/quietlog\.acme\.com: .*"Allow access"/);
    // Once the rep allows it, the same server is reached.
    hostAccess = true;
    assert.equal(await accessNeeded(SERVER), false);
    assert.equal((await testConnection()).ok, true);
  });

  it('a server that is down with access granted is not a matter of access', async () => {
    server = 'blocked';
    hostAccess = true;
    globalThis.chrome.permissions.contains = async () => true;
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () => { throw new TypeError('Failed to fetch'); };
    try {
      await flush();
      const error = await lastError();
      assert.notEqual(error.kind, 'permission');
      assert.doesNotMatch(error.message, /Allow access/);
      assert.match((await testConnection()).message, /^Server unreachable/);
    } finally {
      globalThis.fetch = realFetch;
      globalThis.chrome.permissions.contains = async () => hostAccess;
    }
  });
});
