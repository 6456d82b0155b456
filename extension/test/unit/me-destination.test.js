// Who we are and the org policy (GET /api/v1/me) belong to one server and one token. When IT
// pushes another server or token by Chrome policy, the old answer must not decide what is
// captured for the new destination.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { installFakeChrome } from './support/fake-chrome.js';

const fake = installFakeChrome();
const { refreshMeIfStale } = await import('../../src/background/server-api.js');
const { getSettings } = await import('../../src/background/settings.js');

const jwt = (sub) => `h.${Buffer.from(JSON.stringify({ iss: 'quietlog', sub })).toString('base64url')}.s`;
const meOf = (email) => ({ user: { email, addresses: [email] }, policy: { internalDomains: ['acme.com'] } });

const answers = new Map(); // server URL -> the body its /api/v1/me answers (absent: unreachable)
const asked = [];
globalThis.fetch = async (url, init) => {
  const serverUrl = String(url).replace(/\/api\/v1\/me$/, '');
  asked.push({ serverUrl, authorization: init.headers.Authorization });
  if (!answers.has(serverUrl)) throw new TypeError('Failed to fetch');
  return new Response(JSON.stringify(answers.get(serverUrl)), { status: 200 });
};

async function storedMe() {
  return (await globalThis.chrome.storage.local.get('me')).me ?? null;
}

describe('refreshMeIfStale', () => {
  beforeEach(() => {
    fake.local.clear();
    fake.managed.clear();
    answers.clear();
    asked.length = 0;
  });

  it('asks once an hour for the same server and token', async () => {
    fake.managed.set('serverUrl', 'https://a.acme.com');
    fake.managed.set('token', jwt('u1'));
    answers.set('https://a.acme.com', meOf('rep@acme.com'));
    await refreshMeIfStale(await getSettings());
    await refreshMeIfStale(await getSettings());
    assert.equal(asked.length, 1);
    assert.equal((await storedMe()).user.email, 'rep@acme.com');
  });

  it('asks the new server at once when IT pushes another server by policy', async () => {
    fake.managed.set('serverUrl', 'https://a.acme.com');
    fake.managed.set('token', jwt('u1'));
    answers.set('https://a.acme.com', meOf('rep@acme.com'));
    answers.set('https://b.acme.com', meOf('rep@b.acme.com'));
    await refreshMeIfStale(await getSettings());
    fake.managed.set('serverUrl', 'https://b.acme.com');
    await refreshMeIfStale(await getSettings());
    assert.deepEqual(asked.map((a) => a.serverUrl), ['https://a.acme.com', 'https://b.acme.com']);
    assert.equal((await storedMe()).user.email, 'rep@b.acme.com');
  });

  it('forgets the old server\'s answer when the new one cannot be reached, and then waits before asking again', async () => {
    fake.managed.set('serverUrl', 'https://a.acme.com');
    fake.managed.set('token', jwt('u1'));
    answers.set('https://a.acme.com', meOf('rep@acme.com'));
    await refreshMeIfStale(await getSettings());
    fake.managed.set('serverUrl', 'https://down.acme.com');
    await refreshMeIfStale(await getSettings());
    assert.equal(await storedMe(), null, 'nothing known about the new server: nothing is captured for it');
    await refreshMeIfStale(await getSettings());
    assert.equal(asked.length, 2, 'no new question before the retry time');
  });

  it('asks again when the policy token changes to another user', async () => {
    fake.managed.set('serverUrl', 'https://a.acme.com');
    fake.managed.set('token', jwt('u1'));
    answers.set('https://a.acme.com', meOf('rep@acme.com'));
    await refreshMeIfStale(await getSettings());
    fake.managed.set('token', jwt('u2'));
    await refreshMeIfStale(await getSettings());
    assert.deepEqual(asked.map((a) => a.authorization), [`Bearer ${jwt('u1')}`, `Bearer ${jwt('u2')}`]);
  });

  it('keeps a fresh answer stored before answers were tied to their destination', async () => {
    fake.managed.set('serverUrl', 'https://a.acme.com');
    fake.managed.set('token', jwt('u1'));
    await globalThis.chrome.storage.local.set({ me: meOf('rep@acme.com'), meCheckedAt: Date.now() });
    await refreshMeIfStale(await getSettings());
    assert.equal(asked.length, 0);
    assert.equal((await storedMe()).user.email, 'rep@acme.com');
    assert.ok((await globalThis.chrome.storage.local.get('meFor')).meFor, 'now tied to this destination');
  });

  it('never keeps the token in chrome.storage.local', async () => {
    fake.managed.set('serverUrl', 'https://a.acme.com');
    fake.managed.set('token', 'opaque-secret-token');
    answers.set('https://a.acme.com', meOf('rep@acme.com'));
    await refreshMeIfStale(await getSettings());
    assert.ok(!JSON.stringify(Object.fromEntries(fake.local)).includes('opaque-secret-token'));
  });
});
