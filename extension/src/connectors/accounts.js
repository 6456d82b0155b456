// Pure: the two accounts a rep can connect, what each asks for, and the org's OAuth app for
// each (policy.connectors from GET /api/v1/me). Scopes are the narrowest read-only ones.

export const ACCOUNTS = {
  google: {
    label: 'Google Calendar',
    scopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events.readonly'],
    issuers: ['https://accounts.google.com', 'accounts.google.com'],
    streams: ['google-calendar'],
  },
  microsoft: {
    label: 'Outlook mail and calendar',
    // Mail.ReadBasic cannot read bodies or attachments; offline_access gives a refresh token.
    scopes: ['openid', 'email', 'offline_access', 'https://graph.microsoft.com/Calendars.Read', 'https://graph.microsoft.com/Mail.ReadBasic'],
    // Any tenant's v2.0 issuer; the tenant itself is checked through the app's own settings.
    issuers: [/^https:\/\/login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0$/],
    streams: ['outlook-calendar', 'outlook-mail-inbox', 'outlook-mail-sentitems'],
  },
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on the loopback address (a local test or proxy), as the server allows. */
export function isAllowedEndpoint(value) {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

/** The org's app for this account, or null when IT has not set one up (no connector offered). */
export function appFor(provider, me) {
  const app = me?.policy?.connectors?.[provider];
  if (!ACCOUNTS[provider] || !app || typeof app.clientId !== 'string' || app.clientId === '') return null;
  if (!isAllowedEndpoint(app.authorizationEndpoint) || !isAllowedEndpoint(app.tokenEndpoint)) return null;
  return {
    provider,
    clientId: app.clientId,
    clientSecret: typeof app.clientSecret === 'string' ? app.clientSecret : null,
    tenant: app.tenant ?? null,
    authorizationEndpoint: app.authorizationEndpoint,
    tokenEndpoint: app.tokenEndpoint,
  };
}

/** The addresses a connected account may have: the rep's own (primary first). */
export function ownAddresses(me) {
  const list = Array.isArray(me?.user?.addresses) && me.user.addresses.length > 0 ? me.user.addresses : [me?.user?.email];
  return list.filter((address) => typeof address === 'string' && address.includes('@')).map((address) => address.toLowerCase());
}

/**
 * The authorization request (authorization code with PKCE). Google's extra parameters ask
 * for a refresh token (access_type=offline) and make sure one is issued again on reconnect
 * (prompt=consent); `silent` asks without any window (prompt=none).
 */
export function authorizationUrl(app, { redirectUri, state, nonce, codeChallenge, loginHint, silent = false }) {
  const url = new URL(app.authorizationEndpoint);
  const params = {
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: ACCOUNTS[app.provider].scopes.join(' '),
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  };
  if (app.provider === 'google') {
    Object.assign(params, { access_type: 'offline', include_granted_scopes: 'true', prompt: silent ? 'none' : 'consent select_account' });
  } else {
    Object.assign(params, { response_mode: 'query', prompt: silent ? 'none' : 'select_account' });
  }
  if (loginHint) params.login_hint = loginHint;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/** Form body for the token endpoint: the code exchange or a refresh. */
export function tokenRequestBody(app, grant) {
  const body = new URLSearchParams({ client_id: app.clientId, ...grant });
  // Google asks its web-application clients for the secret even with PKCE (see README).
  if (app.provider === 'google' && app.clientSecret) body.set('client_secret', app.clientSecret);
  if (app.provider === 'microsoft' && grant.grant_type === 'refresh_token') body.set('scope', ACCOUNTS.microsoft.scopes.join(' '));
  return body;
}

/** Reads the redirect Chrome handed back: the code, or the provider's error. */
export function readRedirect(redirectedTo, expectedState) {
  const url = new URL(redirectedTo);
  const params = url.searchParams.has('code') || url.searchParams.has('error') ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== expectedState) return { error: 'state_mismatch' };
  if (params.has('error')) return { error: params.get('error'), description: params.get('error_description') ?? '' };
  const code = params.get('code');
  return code ? { code } : { error: 'no_code' };
}
