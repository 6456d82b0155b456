import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { managedView } from '../../src/options/managed-view.js';

const nothingManaged = { serverUrl: false, token: false, orgId: false, allowTokenPaste: false };

describe('managedView (what Options shows and locks)', () => {
  it('locks nothing and lists nothing when no policy is set', () => {
    const view = managedView({ serverUrl: 'https://q.acme.com', tokenSource: 'own', allowTokenPaste: true, managed: nothingManaged });
    assert.deepEqual(view, {
      serverLocked: false, serverValue: 'https://q.acme.com', serverNote: 'Set by your organisation.',
      tokenField: true, tokenNote: 'A token is saved. Leave empty to keep it.',
      saveButton: true, askAccess: false, summary: [],
    });
  });

  it('locks the server and lists every managed setting', () => {
    const view = managedView({
      serverUrl: 'https://q.acme.com', tokenSource: 'managed', allowTokenPaste: false,
      managed: { serverUrl: true, token: true, orgId: true, allowTokenPaste: true },
    });
    assert.equal(view.serverLocked, true);
    assert.equal(view.tokenField, false);
    assert.deepEqual(view.summary, [
      'Server: https://q.acme.com',
      'Which organisation to sign in to',
      'A fallback token, used until you sign in',
      'Sign-in only: pasting a token is turned off',
    ]);
    assert.equal(view.saveButton, false, 'nothing left for the rep to save');
  });

  it('keeps Save when the server is managed but the rep may still paste a token', () => {
    const view = managedView({ serverUrl: 'https://q.acme.com', tokenSource: 'none', allowTokenPaste: true, managed: { ...nothingManaged, serverUrl: true } });
    assert.equal(view.saveButton, true);
    assert.equal(view.tokenField, true);
    assert.equal(view.tokenNote, '');
  });

  it('says the organisation provides the token only while the rep has none of their own', () => {
    const managed = { ...nothingManaged, token: true };
    assert.equal(managedView({ tokenSource: 'managed', managed }).tokenNote, 'Your organisation provides a token until you sign in.');
    assert.equal(managedView({ tokenSource: 'own', managed }).tokenNote, 'A token is saved. Leave empty to keep it.');
  });

  it('asks for access only when the server could not be read without it, managed or typed', () => {
    const settings = { serverUrl: 'https://q.acme.com', tokenSource: 'managed', allowTokenPaste: false, managed: { ...nothingManaged, serverUrl: true, token: true } };
    // A server that answers the extension under CORS needs no click: zero-touch rollout.
    assert.equal(managedView(settings).askAccess, false);
    assert.equal(managedView(settings, { accessNeeded: false }).askAccess, false);
    // One that does not (an older server, a proxy stripping CORS) needs the rep's grant once.
    assert.equal(managedView(settings, { accessNeeded: true }).askAccess, true);
    assert.equal(managedView({ ...settings, managed: nothingManaged }, { accessNeeded: true }).askAccess, true);
    // A managed URL that is not usable (normalised to '') has nothing to ask for.
    assert.equal(managedView({ ...settings, serverUrl: '' }, { accessNeeded: true }).askAccess, false);
  });

  it('shows a policy address Quietlog cannot use, locked, with what is wrong and who can fix it', () => {
    const view = managedView({
      serverUrl: '', unusableManagedServerUrl: 'http://quietlog.example.com', tokenSource: 'none', allowTokenPaste: true,
      managed: { ...nothingManaged, serverUrl: true },
    }, { accessNeeded: true });
    assert.equal(view.serverLocked, true, 'the rep cannot point the browser elsewhere instead');
    assert.equal(view.serverValue, 'http://quietlog.example.com');
    assert.match(view.serverNote, /cannot use this address \(it must start with https:\/\/\)\. Ask your IT team/);
    assert.deepEqual(view.summary, ['Server: http://quietlog.example.com']);
    assert.equal(view.askAccess, false, 'nothing to allow');
  });

  it('copes with no answer from the background', () => {
    assert.deepEqual(managedView(undefined).summary, []);
  });
});
