import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeConnection, needsHostAccess, normalizeServerUrl, originPattern } from '../../src/background/connection.js';

const serverUrl = 'https://quietlog.acme.com';
const me = {
  user: { id: 'u1', email: 'rep@acme.com', name: 'Ann Rep', role: 'rep' },
  org: { id: 'o1', name: 'Acme' },
  policy: { internalDomains: ['acme.com'], neverLog: { addresses: [], domains: [] }, allowFreeMail: false, captureLevel: 'subject_snippet' },
};

describe('describeConnection (Test connection wording)', () => {
  it('names the user and org when the token works', () => {
    const result = describeConnection({ status: 200, isJson: true, body: me, serverUrl });
    assert.equal(result.ok, true);
    assert.equal(result.message, 'Connected as Ann Rep (rep@acme.com), org Acme.');
  });

  it('says the server is unreachable on a network error', () => {
    const result = describeConnection({ networkError: 'Failed to fetch', serverUrl });
    assert.equal(result.ok, false);
    assert.match(result.message, /^Server unreachable/);
    assert.match(result.message, /quietlog\.acme\.com/);
  });

  it('says it is not a Quietlog server on a 404 or a non-JSON answer', () => {
    assert.match(describeConnection({ status: 404, isJson: true, body: { error: { code: 'not_found', message: 'no' } }, serverUrl }).message, /^Not a Quietlog server/);
    assert.match(describeConnection({ status: 200, isJson: false, body: null, serverUrl }).message, /^Not a Quietlog server/);
    assert.match(describeConnection({ status: 200, isJson: true, body: { hello: 'world' }, serverUrl }).message, /^Not a Quietlog server/);
  });

  it('says the token is refused on 401, with the server reason', () => {
    const result = describeConnection({ status: 401, isJson: true, body: { error: { code: 'token_expired', message: 'token expired' } }, serverUrl });
    assert.match(result.message, /^Token refused/);
    assert.match(result.message, /token expired/);
  });

  it('says the role is wrong on 403', () => {
    assert.match(describeConnection({ status: 403, isJson: true, body: {}, serverUrl }).message, /^Wrong role/);
  });

  it('says the server failed on 5xx', () => {
    assert.match(describeConnection({ status: 503, isJson: true, body: {}, serverUrl }).message, /server had an error \(HTTP 503\)/);
  });

  it('asks for settings before testing, a real address, and host permission', () => {
    assert.match(describeConnection({ notConfigured: true }).message, /Enter the server URL and token/);
    assert.match(describeConnection({ invalidUrl: true, serverUrl: 'quietlog' }).message, /not a web address/);
    assert.match(describeConnection({ noPermission: true, serverUrl }).message, /not allowed to contact .*no CORS headers.*"Allow access"/);
  });

  it('leaves out the name and org when the server has none', () => {
    const body = { user: { email: 'rep@acme.com' }, org: {} };
    assert.equal(describeConnection({ status: 200, isJson: true, body, serverUrl }).message, 'Connected as rep@acme.com.');
  });
});

describe('normalizeServerUrl', () => {
  it('drops trailing slashes, query and fragment', () => {
    assert.equal(normalizeServerUrl(' https://q.acme.com/ '), 'https://q.acme.com');
    assert.equal(normalizeServerUrl('http://127.0.0.1:8080/base/?x=1#y'), 'http://127.0.0.1:8080/base');
  });
  it('refuses what is not http(s)', () => {
    for (const text of ['', 'quietlog', 'ftp://q.acme.com', 'javascript:alert(1)']) assert.equal(normalizeServerUrl(text), null);
  });
});

describe('originPattern', () => {
  it('gives the host match pattern Chrome asks permission for', () => {
    assert.equal(originPattern('http://127.0.0.1:8080'), 'http://127.0.0.1/*');
    assert.equal(originPattern('https://q.acme.com/base'), 'https://q.acme.com/*');
  });
});

describe('needsHostAccess', () => {
  const blocked = { serverUrl, answered: false };
  it('asks nothing of a server that answered without access (CORS), or before anything is known', () => {
    assert.equal(needsHostAccess({ serverUrl, hostAccess: false, reach: { serverUrl, answered: true } }), false);
    assert.equal(needsHostAccess({ serverUrl, hostAccess: false, reach: undefined }), false);
  });
  it('asks when the last request to this server found nothing readable without access', () => {
    assert.equal(needsHostAccess({ serverUrl, hostAccess: false, reach: blocked }), true);
  });
  it('asks nothing once access is granted, of another server, or with no server', () => {
    assert.equal(needsHostAccess({ serverUrl, hostAccess: true, reach: blocked }), false);
    assert.equal(needsHostAccess({ serverUrl: 'https://other.acme.com', hostAccess: false, reach: blocked }), false);
    assert.equal(needsHostAccess({ serverUrl: '', hostAccess: false, reach: blocked }), false);
  });
});
