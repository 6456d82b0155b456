// The OAuth requests the connectors make: authorization code with PKCE, the narrowest
// read-only scopes, the org's app from the policy, and the redirect read back safely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appFor, authorizationUrl, isAllowedEndpoint, ownAddresses, readRedirect, tokenRequestBody } from '../../src/connectors/accounts.js';
import { accountFromIdToken } from '../../src/connectors/id-token.js';

const me = {
  user: { email: 'ann@acme.com', addresses: ['ann@acme.com', 'ann.rep@acme.co.uk'] },
  policy: {
    connectors: {
      google: { clientId: '1-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-x', authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth', tokenEndpoint: 'https://oauth2.googleapis.com/token' },
      microsoft: { clientId: 'c1d2', tenant: 'organizations', authorizationEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize', tokenEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token' },
    },
  },
};
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';

test('no app in the policy, or an endpoint that is not https: no connector offered', () => {
  assert.equal(appFor('google', { policy: { connectors: { google: null, microsoft: null } } }), null);
  assert.equal(appFor('google', null), null);
  const bad = { policy: { connectors: { google: { ...me.policy.connectors.google, tokenEndpoint: 'http://evil.example/token' } } } };
  assert.equal(appFor('google', bad), null);
  assert.equal(isAllowedEndpoint('http://127.0.0.1:9999/authorize'), true);
  assert.equal(isAllowedEndpoint('https://user:pw@x.example/'), false);
});

test('Google: code + PKCE S256, calendar.events.readonly, offline access and consent for a refresh token', () => {
  const url = new URL(authorizationUrl(appFor('google', me), { redirectUri: REDIRECT, state: 's', nonce: 'n', codeChallenge: 'c', loginHint: 'ann@acme.com' }));
  assert.equal(url.origin + url.pathname, 'https://accounts.google.com/o/oauth2/v2/auth');
  const p = Object.fromEntries(url.searchParams);
  assert.equal(p.response_type, 'code');
  assert.equal(p.code_challenge_method, 'S256');
  assert.equal(p.redirect_uri, REDIRECT);
  assert.equal(p.scope, 'openid email https://www.googleapis.com/auth/calendar.events.readonly');
  assert.equal(p.access_type, 'offline');
  assert.match(p.prompt, /consent/);
  assert.equal(p.login_hint, 'ann@acme.com');
  const body = tokenRequestBody(appFor('google', me), { grant_type: 'authorization_code', code: 'k', code_verifier: 'v', redirect_uri: REDIRECT });
  assert.equal(body.get('client_secret'), 'GOCSPX-x', 'Google asks web-application clients for the secret even with PKCE');
  assert.equal(body.get('code_verifier'), 'v');
});

test('Microsoft: Calendars.Read and Mail.ReadBasic with offline_access; no secret; a silent try uses prompt=none', () => {
  const app = appFor('microsoft', me);
  const p = Object.fromEntries(new URL(authorizationUrl(app, { redirectUri: REDIRECT, state: 's', nonce: 'n', codeChallenge: 'c', silent: true })).searchParams);
  assert.equal(p.scope, 'openid email offline_access https://graph.microsoft.com/Calendars.Read https://graph.microsoft.com/Mail.ReadBasic');
  assert.equal(p.prompt, 'none');
  assert.equal(p.response_mode, 'query');
  const refresh = tokenRequestBody(app, { grant_type: 'refresh_token', refresh_token: 'r' });
  assert.equal(refresh.get('client_secret'), null);
  assert.match(refresh.get('scope'), /Mail\.ReadBasic/);
});

test('the redirect is read only with the state we sent', () => {
  assert.deepEqual(readRedirect(`${REDIRECT}?code=abc&state=s1`, 's1'), { code: 'abc' });
  assert.deepEqual(readRedirect(`${REDIRECT}?code=abc&state=other`, 's1'), { error: 'state_mismatch' });
  assert.equal(readRedirect(`${REDIRECT}?error=access_denied&state=s1`, 's1').error, 'access_denied');
});

test('the rep\'s own addresses: user.addresses, else user.email', () => {
  assert.deepEqual(ownAddresses(me), ['ann@acme.com', 'ann.rep@acme.co.uk']);
  assert.deepEqual(ownAddresses({ user: { email: 'Bob@Acme.com' } }), ['bob@acme.com']);
});

function jwt(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.sig`;
}

test('id_token: the account address, only when issued to this app for this sign-in', () => {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const google = { iss: 'https://accounts.google.com', aud: '1-abc.apps.googleusercontent.com', nonce: 'n', exp, email: 'Ann@acme.com', email_verified: true };
  const context = { provider: 'google', clientId: '1-abc.apps.googleusercontent.com', nonce: 'n' };
  assert.deepEqual(accountFromIdToken(jwt(google), context), { email: 'ann@acme.com' });
  assert.match(accountFromIdToken(jwt({ ...google, aud: 'other' }), context).error, /another app/);
  assert.match(accountFromIdToken(jwt({ ...google, nonce: 'x' }), context).error, /nonce/);
  assert.match(accountFromIdToken(jwt({ ...google, iss: 'https://evil.example' }), context).error, /issuer/);
  assert.match(accountFromIdToken(jwt({ ...google, exp: 1 }), context).error, /expired/);
  assert.match(accountFromIdToken(jwt({ ...google, email_verified: false }), context).error, /not verified/);
  const microsoft = { iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', aud: 'c1d2', nonce: 'n', exp, preferred_username: 'ann@acme.com' };
  assert.deepEqual(accountFromIdToken(jwt(microsoft), { provider: 'microsoft', clientId: 'c1d2', nonce: 'n' }), { email: 'ann@acme.com' });
});
