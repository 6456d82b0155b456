// Signing a rep's Google or Microsoft account in with the org's OAuth app, and keeping an
// access token fresh. chrome.identity.launchWebAuthFlow opens the provider's own page and
// hands back the redirect to chrome.identity.getRedirectURL(); it exists in Chrome and Edge
// alike (chrome.identity.getAuthToken does not exist in Edge). Tokens go to the connectors'
// IndexedDB only (store.js).
import { accountFromIdToken } from './id-token.js';
import { ACCOUNTS, appFor, authorizationUrl, ownAddresses, readRedirect, tokenRequestBody } from './accounts.js';
import { pkcePair, randomToken } from './pkce.js';
import { deleteGrant, forgetStreams, getGrant, putGrant } from './store.js';
import { setAccountStatus } from './status.js';

const EXPIRY_MARGIN_MS = 2 * 60_000;
const GOOGLE_TOKEN_ORIGIN = 'https://oauth2.googleapis.com';
const TIMEOUT_MS = 30_000;

/** Thrown when the rep must click "Reconnect": the grant was revoked or has expired for good. */
export class ConsentLost extends Error {}

async function currentMe() {
  const { me } = await chrome.storage.local.get('me');
  return me ?? null;
}

/** One authorization round trip; returns the token endpoint's answer and the account address. */
async function authorize(app, { interactive, loginHint }) {
  const redirectUri = chrome.identity.getRedirectURL();
  const state = randomToken();
  const nonce = randomToken();
  const { verifier, challenge } = await pkcePair();
  const url = authorizationUrl(app, { redirectUri, state, nonce, codeChallenge: challenge, loginHint, silent: !interactive });
  let redirectedTo;
  try {
    redirectedTo = await chrome.identity.launchWebAuthFlow({ url, interactive });
  } catch (error) {
    return { error: interactive ? `Sign-in was not completed: ${error.message}` : 'silent sign-in not possible' };
  }
  const redirect = readRedirect(redirectedTo, state);
  if (redirect.error) return { error: `The provider said: ${redirect.error} ${redirect.description ?? ''}`.trim(), providerError: redirect.error };
  const tokens = await postToken(app, { grant_type: 'authorization_code', code: redirect.code, redirect_uri: redirectUri, code_verifier: verifier });
  if (tokens.error) return tokens;
  const account = accountFromIdToken(tokens.id_token, { provider: app.provider, clientId: app.clientId, nonce });
  if (account.error) return account;
  return { tokens, email: account.email };
}

async function postToken(app, grant) {
  let response;
  try {
    response = await fetch(app.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: tokenRequestBody(app, grant),
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { error: `Cannot reach the sign-in service: ${error.message}`, transient: true };
  }
  const body = await response.json().catch(() => null);
  if (response.ok && typeof body?.access_token === 'string') return body;
  const code = body?.error ?? `HTTP ${response.status}`;
  // invalid_grant: revoked, expired, or the password changed. Anything else may heal.
  return { error: `The sign-in service refused: ${code}`, providerError: code, transient: code !== 'invalid_grant' && response.status >= 500 };
}

function grantRecord(provider, email, tokens, previous = null, now = Date.now()) {
  return {
    provider,
    email,
    accessToken: tokens.access_token,
    expiresAt: now + Math.max(60, Number(tokens.expires_in) || 3600) * 1000,
    // A refresh answer may omit the refresh token (Google does): keep the one we had.
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    scope: tokens.scope ?? previous?.scope ?? null,
  };
}

/**
 * The rep's one click: signs in, checks the account is one of the rep's own addresses, and
 * keeps the grant. Returns {ok, email} or {ok: false, message}.
 */
export async function connect(provider) {
  const me = await currentMe();
  const app = appFor(provider, me);
  if (!app) return { ok: false, message: 'Your organisation has not set this connector up yet.' };
  const previous = await getGrant(provider);
  const result = await authorize(app, { interactive: true, loginHint: previous?.email });
  if (result.error) return { ok: false, message: result.error };
  const allowed = ownAddresses(me);
  if (!allowed.includes(result.email)) {
    return { ok: false, message: `${result.email} is not one of your addresses (${allowed.join(', ')}); connect your own work account.` };
  }
  if (previous && previous.email !== result.email) await forgetStreams(ACCOUNTS[provider].streams);
  await putGrant(grantRecord(provider, result.email, result.tokens, previous?.email === result.email ? previous : null));
  await setAccountStatus(provider, { email: result.email, state: 'connected', message: null, connectedAt: Date.now() });
  return { ok: true, email: result.email };
}

export async function disconnect(provider) {
  const grant = await getGrant(provider);
  const app = appFor(provider, await currentMe());
  // Google lets an app give its grant back; Microsoft's refresh tokens simply lapse (24 h).
  if (grant?.refreshToken && app?.provider === 'google' && new URL(app.tokenEndpoint).origin === GOOGLE_TOKEN_ORIGIN) {
    await fetch(`${GOOGLE_TOKEN_ORIGIN}/revoke`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: grant.refreshToken }), credentials: 'omit',
    }).catch(() => {}); // best effort: the grant is forgotten here either way
  }
  await deleteGrant(provider);
  await forgetStreams(ACCOUNTS[provider].streams);
  await setAccountStatus(provider, null);
}

/**
 * A valid access token for the provider: the stored one, else a refresh, else (Microsoft's
 * refresh tokens for browser apps last 24 hours) a silent sign-in while the browser still has
 * the provider's session. Throws ConsentLost when none works; the popup then offers Reconnect.
 * @param {{force?: boolean}} [options] force: the API refused the stored token (401)
 */
export async function accessToken(provider, { force = false } = {}) {
  return navigator.locks.request(`quietlog-token-${provider}`, async () => {
    const grant = await getGrant(provider);
    if (!grant) throw new ConsentLost('not connected');
    if (!force && grant.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return { token: grant.accessToken, email: grant.email };
    const app = appFor(provider, await currentMe());
    if (!app) throw new ConsentLost('the organisation removed this connector');
    if (grant.refreshToken) {
      const refreshed = await postToken(app, { grant_type: 'refresh_token', refresh_token: grant.refreshToken });
      if (!refreshed.error) {
        const next = grantRecord(provider, grant.email, refreshed, grant);
        await putGrant(next);
        return { token: next.accessToken, email: grant.email };
      }
      if (refreshed.transient) throw new Error(refreshed.error);
    }
    const silent = await authorize(app, { interactive: false, loginHint: grant.email });
    if (!silent.error && silent.email === grant.email) {
      const next = grantRecord(provider, grant.email, silent.tokens, grant);
      await putGrant(next);
      return { token: next.accessToken, email: grant.email };
    }
    await putGrant({ ...grant, accessToken: null, refreshToken: null, expiresAt: 0 });
    await setAccountStatus(provider, { state: 'reconnect', message: 'Access was withdrawn or has expired. Click Reconnect.' });
    throw new ConsentLost('consent lost');
  });
}
