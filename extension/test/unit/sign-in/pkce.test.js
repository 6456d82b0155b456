import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { authorizationUrl, randomUrlSafe, readRedirect, s256Challenge, tokenRequestBody } from '../../../src/background/sign-in/pkce.js';
import { describeSignInFailure, originPatternOf } from '../../../src/background/sign-in/describe.js';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

describe('PKCE and nonce', () => {
  it('makes URL-safe random values of the asked strength, never twice the same', () => {
    const a = randomUrlSafe(32);
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, randomUrlSafe(32));
    assert.match(randomUrlSafe(48), /^[A-Za-z0-9_-]{64}$/);
  });

  it('computes the S256 challenge: base64url of the verifier\'s SHA-256, unpadded', async () => {
    const verifier = randomUrlSafe(48);
    assert.equal(await s256Challenge(verifier), createHash('sha256').update(verifier).digest('base64url'));
    assert.doesNotMatch(await s256Challenge(verifier), /[=+/]/);
  });
});

describe('authorizationUrl', () => {
  it('asks the discovered endpoint for a code with PKCE, nonce and state', () => {
    const url = new URL(authorizationUrl({
      authorizationEndpoint: 'https://login.microsoftonline.com/tenant-1/oauth2/v2.0/authorize?p=keep',
      clientId: 'client-1', redirectUri: REDIRECT, state: 's1', nonce: 'n1', codeChallenge: 'c1', loginHint: 'ann@acme.com',
    }));
    assert.equal(url.origin + url.pathname, 'https://login.microsoftonline.com/tenant-1/oauth2/v2.0/authorize');
    assert.equal(url.searchParams.get('p'), 'keep');
    assert.deepEqual(Object.fromEntries([...url.searchParams].filter(([key]) => key !== 'p')), {
      response_type: 'code', client_id: 'client-1', redirect_uri: REDIRECT, scope: 'openid email profile',
      state: 's1', nonce: 'n1', code_challenge: 'c1', code_challenge_method: 'S256', login_hint: 'ann@acme.com',
    });
  });

  it('asks Google for the ID token itself, bound by the nonce', () => {
    const url = new URL(authorizationUrl({ authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth', clientId: 'c',
      redirectUri: REDIRECT, state: 's', nonce: 'n', codeChallenge: 'x', responseType: 'id_token' }));
    assert.equal(url.searchParams.get('response_type'), 'id_token');
    assert.equal(url.searchParams.get('nonce'), 'n');
    assert.equal(url.searchParams.has('code_challenge'), false);
  });

  it('refuses a provider without https unless it runs on this machine', () => {
    const base = { clientId: 'c', redirectUri: REDIRECT, state: 's', nonce: 'n', codeChallenge: 'c' };
    assert.throws(() => authorizationUrl({ ...base, authorizationEndpoint: 'http://idp.example.com/authorize' }), /https/);
    assert.ok(authorizationUrl({ ...base, authorizationEndpoint: 'http://127.0.0.1:8081/authorize' }));
  });
});

describe('readRedirect', () => {
  it('returns the code of our own sign-in', () => {
    assert.deepEqual(readRedirect(`${REDIRECT}?code=abc&state=s1`, { redirectUri: REDIRECT, state: 's1' }), { code: 'abc' });
    assert.deepEqual(readRedirect(`${REDIRECT}#code=abc&state=s1`, { redirectUri: REDIRECT, state: 's1' }), { code: 'abc' });
    assert.deepEqual(readRedirect(`${REDIRECT}#id_token=eyJ.x.y&state=s1`, { redirectUri: REDIRECT, state: 's1' }), { idToken: 'eyJ.x.y' });
  });

  it('refuses another sign-in\'s answer, another address, and says what the provider refused', () => {
    assert.throws(() => readRedirect(`${REDIRECT}?code=abc&state=other`, { redirectUri: REDIRECT, state: 's1' }), /state/);
    assert.throws(() => readRedirect('https://evil.example/?code=abc&state=s1', { redirectUri: REDIRECT, state: 's1' }), /unexpected address/);
    assert.throws(() => readRedirect(`${REDIRECT}?error=access_denied&error_description=User+is+not+assigned&state=s1`,
      { redirectUri: REDIRECT, state: 's1' }), /User is not assigned \(access_denied\)/);
    assert.throws(() => readRedirect(`${REDIRECT}?state=s1`, { redirectUri: REDIRECT, state: 's1' }), /no authorization code/);
  });
});

describe('tokenRequestBody', () => {
  it('exchanges the code as a public client with the verifier', () => {
    const body = tokenRequestBody({ code: 'abc', redirectUri: REDIRECT, clientId: 'c1', codeVerifier: 'v1' });
    assert.deepEqual(Object.fromEntries(body), { grant_type: 'authorization_code', code: 'abc', redirect_uri: REDIRECT, client_id: 'c1', code_verifier: 'v1' });
  });
});

describe('describeSignInFailure', () => {
  it('turns the server\'s refusals into what the rep can do', () => {
    assert.match(describeSignInFailure({ status: 403, body: { error: { code: 'deactivated', message: 'x' } } }), /withdrawn by your company/);
    assert.match(describeSignInFailure({ status: 403, body: { error: { code: 'not_provisioned', message: 'No Quietlog user has the address a@b.com' } } }), /a@b\.com/);
    assert.match(describeSignInFailure({ status: 404, body: { error: { code: 'sign_in_not_configured', message: 'x' } } }), /Paste the token/);
    assert.match(describeSignInFailure({ networkError: 'failed', serverUrl: 'https://q.acme.com' }), /Cannot reach the Quietlog server at https:\/\/q\.acme\.com/);
    assert.match(describeSignInFailure({ status: 401, body: { error: { code: 'invalid_id_token', message: 'ID token refused: it has expired' } } }), /expired/);
  });

  it('makes the origin pattern Chrome wants (no port)', () => {
    assert.equal(originPatternOf('http://127.0.0.1:8081/token'), 'http://127.0.0.1/*');
    assert.equal(originPatternOf('https://oauth2.googleapis.com/token'), 'https://oauth2.googleapis.com/*');
  });
});
