// Options' Save message, as the background answers it: what policy decides cannot be
// changed around the page.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { installFakeChrome } from './support/fake-chrome.js';

const fake = installFakeChrome();
globalThis.fetch = async () => { throw new TypeError('Failed to fetch'); }; // no server here
// Save starts an upload; the service worker's Web Locks run it one at a time.
globalThis.navigator ??= {};
globalThis.navigator.locks ??= { request: async (_name, task) => task() };
const { dispatch } = await import('../../src/background/messages.js');
const { getSettings } = await import('../../src/background/settings.js');

const optionsPage = { id: 'test', url: 'chrome-extension://test/options/options.html' };
const save = (message) => dispatch({ type: 'saveSettings', ...message }, optionsPage);

describe('saveSettings from Options', () => {
  beforeEach(() => {
    fake.local.clear();
    fake.managed.clear();
  });

  it('refuses a pasted token when policy turned pasting off, keeping the fallback', async () => {
    fake.managed.set('serverUrl', 'https://q.acme.com');
    fake.managed.set('allowTokenPaste', false);
    fake.managed.set('token', 'policy-token');
    const answer = await save({ serverUrl: 'https://q.acme.com', token: 'pasted-token' });
    assert.equal(answer.error, 'Your organisation turned token pasting off: sign in with your company account instead.');
    const settings = await getSettings();
    assert.equal(settings.token, 'policy-token');
    assert.equal(settings.tokenSource, 'managed');
  });

  it('keeps the managed server whatever address is sent', async () => {
    fake.managed.set('serverUrl', 'https://q.acme.com');
    const answer = await save({ serverUrl: 'https://elsewhere.example', token: '' });
    assert.equal(answer.serverUrl, 'https://q.acme.com');
    assert.equal(answer.managed.serverUrl, true);
  });

  it('saves a pasted token when policy allows pasting', async () => {
    fake.managed.set('serverUrl', 'https://q.acme.com');
    const answer = await save({ serverUrl: 'https://q.acme.com', token: 'pasted-token' });
    assert.equal(answer.tokenSource, 'own');
  });
});
