import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeSettings } from '../../src/background/settings.js';
import { senderAllowed } from '../../src/background/messages.js';
import { formatAgo, formatIn } from '../../src/popup/format.js';

describe('mergeSettings', () => {
  it('uses what the rep typed when nothing is managed', () => {
    const settings = mergeSettings({ serverUrl: 'https://q.acme.com/', token: 't1' }, {});
    assert.deepEqual(settings, {
      serverUrl: 'https://q.acme.com', unusableManagedServerUrl: null, token: 't1', tokenSource: 'own', orgId: '', allowTokenPaste: true,
      managed: { serverUrl: false, token: false, orgId: false, allowTokenPaste: false },
    });
  });
  it('lets a policy server URL win over a typed one', () => {
    const settings = mergeSettings({ serverUrl: 'https://evil.example', token: 't1' }, { serverUrl: 'https://q.acme.com', token: 'policy' });
    assert.equal(settings.serverUrl, 'https://q.acme.com');
    assert.deepEqual(settings.managed, { serverUrl: true, token: true, orgId: false, allowTokenPaste: false });
  });
  it('uses a policy token only when the rep has none of their own', () => {
    assert.equal(mergeSettings({ token: 'signed-in' }, { token: 'policy' }).token, 'signed-in');
    assert.equal(mergeSettings({}, { token: 'policy' }).token, 'policy');
  });
  it('says whose token is used: the rep\'s own, the policy\'s fallback, or none', () => {
    assert.equal(mergeSettings({ token: 'signed-in' }, { token: 'policy' }).tokenSource, 'own');
    assert.equal(mergeSettings({ token: ' ' }, { token: 'policy' }).tokenSource, 'managed');
    assert.equal(mergeSettings({}, {}).tokenSource, 'none');
  });
  it('reads the sign-in settings from policy only', () => {
    const settings = mergeSettings({ orgId: 'typed', allowTokenPaste: false }, { orgId: ' 3f0e9f34-1 ', allowTokenPaste: false });
    assert.equal(settings.orgId, '3f0e9f34-1');
    assert.equal(settings.allowTokenPaste, false);
    assert.equal(mergeSettings({ allowTokenPaste: false }, {}).allowTokenPaste, true);
  });
  it('keeps a policy server address it cannot use locked and named, never falling back to the typed one', () => {
    const settings = mergeSettings({ serverUrl: 'https://typed.example', token: 't1' }, { serverUrl: ' http://quietlog.example.com ' });
    assert.equal(settings.serverUrl, '');
    assert.equal(settings.unusableManagedServerUrl, 'http://quietlog.example.com');
    assert.equal(settings.managed.serverUrl, true);
    assert.equal(mergeSettings({}, { serverUrl: 'https://q.acme.com' }).unusableManagedServerUrl, null);
  });
  it('ignores empty policy values', () => {
    assert.equal(mergeSettings({ token: 't1' }, { token: '  ' }).token, 't1');
  });
});

describe('senderAllowed', () => {
  const id = 'abc';
  const origin = 'chrome-extension://abc/';
  const contentScript = { id, url: 'https://mail.google.com/mail/u/0/', tab: { id: 1, url: 'https://mail.google.com/mail/u/0/' } };
  const optionsPage = { id, url: 'chrome-extension://abc/options/options.html', tab: { id: 2, url: 'chrome-extension://abc/options/options.html' } };
  const popup = { id, url: 'chrome-extension://abc/popup/popup.html' };

  it('lets content scripts hand over captures and nothing else', () => {
    assert.equal(senderAllowed('content', contentScript, id, origin), true);
    assert.equal(senderAllowed('extension', contentScript, id, origin), false);
  });
  it('lets extension pages use settings and status', () => {
    assert.equal(senderAllowed('extension', optionsPage, id, origin), true);
    assert.equal(senderAllowed('extension', popup, id, origin), true);
    assert.equal(senderAllowed('content', popup, id, origin), false);
  });
  it('refuses other extensions', () => {
    assert.equal(senderAllowed('content', { ...contentScript, id: 'other' }, id, origin), false);
  });
  it('refuses content scripts in tabs that are not Gmail, or in frames', () => {
    const elsewhere = { id, url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 3, url: 'https://evil.example/' } };
    assert.equal(senderAllowed('content', elsewhere, id, origin), false);
    const plainHttp = { id, url: 'http://mail.google.com/mail/u/0/', tab: { id: 3, url: 'http://mail.google.com/mail/u/0/' } };
    assert.equal(senderAllowed('content', plainHttp, id, origin), false);
    assert.equal(senderAllowed('content', { ...contentScript, frameId: 2 }, id, origin), false);
  });
});

describe('popup time wording', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('says never before the first sync', () => assert.equal(formatAgo(null, now), 'never'));
  it('says just now, minutes and hours ago', () => {
    assert.equal(formatAgo(now - 10_000, now), 'just now');
    assert.equal(formatAgo(now - 5 * 60_000, now), '5 min ago');
    assert.equal(formatAgo(now - 3 * 3_600_000, now), '3 h ago');
  });
  it('says when the next try is', () => {
    assert.equal(formatIn(now + 12_000, now), 'in 12 s');
    assert.equal(formatIn(now + 180_000, now), 'in 3 min');
  });
});

describe('popup account and pause wording', async () => {
  const { describeAccount, describePause } = await import('../../src/popup/format.js');
  it('says which account is not logging and why', () => {
    assert.equal(describeAccount({ mailbox: 'me@home.example', logging: false, reason: 'not one of your addresses' }), 'Not logging this account: me@home.example (not one of your addresses)');
    assert.equal(describeAccount({ mailbox: 'boss@acme.com', delegated: true, logging: false, reason: 'a mailbox delegated to you, which your organisation does not log' }),
      'Not logging this account: boss@acme.com (a mailbox delegated to you, which your organisation does not log)');
    assert.equal(describeAccount({ mailbox: 'boss@acme.com', delegated: true, logging: true, reason: null }), 'Logging: boss@acme.com (delegated to you)');
    assert.equal(describeAccount({ mailbox: 'rep@acme.com', logging: true }), 'Logging: rep@acme.com');
  });
  it('says how long logging is paused', () => {
    assert.equal(describePause(false, null), null);
    assert.match(describePause(true, 'off'), /until you turn it back on/);
    assert.match(describePause(true, Date.now() + 3_600_000), /^Paused until /);
  });
});
