// Fake Google and Microsoft sign-in. The authorization page is a local HTTP server (the
// window of chrome.identity.launchWebAuthFlow is not routed by playwright; the org policy
// points the authorization endpoint at it), which answers at once with a 302 to the
// extension's redirect URI, as the real page does once the rep has clicked "Allow". The
// token endpoints are answered at their real origins through context.route (tokenRoute).
// It checks what a real provider checks: PKCE S256, client id and secret, redirect URI.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const GOOGLE_ISSUER = 'https://accounts.google.com';
export const MS_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const MS_ISSUER = `https://login.microsoftonline.com/${MS_TENANT}/v2.0`;

function jwt(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'fake' })}.${part(claims)}.${randomBytes(16).toString('base64url')}`;
}

/**
 * @param {object} options
 * @param {{google: {clientId, clientSecret, email}, microsoft: {clientId, email}}} options.apps
 */
export async function startFakeOAuth({ apps }) {
  const codes = new Map(); // code -> {provider, challenge, redirectUri, nonce}
  const refreshTokens = new Map(); // refresh token -> provider
  const accessTokens = new Map(); // access token -> provider
  const revoked = new Set(); // providers whose consent the rep withdrew
  const log = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const provider = url.pathname.split('/')[1];
    const app = apps[provider];
    const params = Object.fromEntries(url.searchParams);
    log.push({ provider, path: url.pathname, params });
    const redirect = new URL(params.redirect_uri ?? 'about:blank');
    const answer = (fields) => {
      for (const [key, value] of Object.entries({ ...fields, state: params.state })) redirect.searchParams.set(key, value);
      response.writeHead(302, { Location: redirect.toString() }).end();
    };
    if (!app || url.pathname !== `/${provider}/authorize` || params.client_id !== app.clientId) {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('unknown client');
      return;
    }
    if (params.response_type !== 'code' || params.code_challenge_method !== 'S256' || !params.code_challenge) {
      answer({ error: 'invalid_request', error_description: 'authorization code with PKCE S256 required' });
      return;
    }
    if (params.prompt === 'none' && revoked.has(provider)) {
      answer({ error: provider === 'google' ? 'consent_required' : 'interaction_required' });
      return;
    }
    if (params.prompt !== 'none') revoked.delete(provider); // the rep allowed again
    const code = randomBytes(12).toString('hex');
    codes.set(code, { provider, challenge: params.code_challenge, redirectUri: params.redirect_uri, nonce: params.nonce, scope: params.scope });
    answer({ code });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  function tokens(provider, nonce) {
    const app = apps[provider];
    const accessToken = `${provider}-at-${randomBytes(8).toString('hex')}`;
    const refreshToken = `${provider}-rt-${randomBytes(8).toString('hex')}`;
    accessTokens.set(accessToken, provider);
    refreshTokens.set(refreshToken, provider);
    const now = Math.floor(Date.now() / 1000);
    const idClaims = provider === 'google'
      ? { iss: GOOGLE_ISSUER, aud: app.clientId, sub: '1001', email: app.email, email_verified: true, nonce, iat: now, exp: now + 3600 }
      : { iss: MS_ISSUER, aud: app.clientId, tid: MS_TENANT, sub: 'ms-1', preferred_username: app.email, nonce, iat: now, exp: now + 3600 };
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: 3599, token_type: 'Bearer', id_token: jwt(idClaims) };
  }

  /** The token endpoint of `provider`, for context.route at its real origin. */
  function tokenRoute(provider) {
    return async (route) => {
      const request = route.request();
      const form = new URLSearchParams(request.postData() ?? '');
      const app = apps[provider];
      const refuse = (status, error) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error }) });
      log.push({ provider, path: 'token', grant: form.get('grant_type') });
      if (request.url().endsWith('/revoke')) {
        refreshTokens.delete(form.get('token'));
        return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
      }
      if (form.get('client_id') !== app.clientId) return refuse(401, 'invalid_client');
      if (provider === 'google' && form.get('client_secret') !== app.clientSecret) return refuse(400, 'invalid_client');
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code'));
        codes.delete(form.get('code'));
        if (!grant || grant.provider !== provider || grant.redirectUri !== form.get('redirect_uri')) return refuse(400, 'invalid_grant');
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (challenge !== grant.challenge) return refuse(400, 'invalid_grant');
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(tokens(provider, grant.nonce)) });
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (refreshTokens.get(form.get('refresh_token')) !== provider || revoked.has(provider)) return refuse(400, 'invalid_grant');
        const fresh = tokens(provider, undefined);
        delete fresh.id_token;
        delete fresh.refresh_token; // as Google does: the old refresh token stays valid
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(fresh) });
      }
      return refuse(400, 'unsupported_grant_type');
    };
  }

  return {
    origin,
    log,
    tokenRoute,
    /** Is this bearer token one we issued for `provider`, and not withdrawn? */
    authorized(provider, authorization) {
      const token = String(authorization ?? '').replace(/^Bearer /, '');
      return accessTokens.get(token) === provider && !revoked.has(provider);
    },
    /** The rep withdrew consent (myaccount.google.com / myapps.microsoft.com). */
    revoke(provider) {
      revoked.add(provider);
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
