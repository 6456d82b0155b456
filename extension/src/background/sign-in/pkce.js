// Pure pieces of the OpenID Connect authorization code flow with PKCE (RFC 7636) and a
// nonce, unit-tested in Node: random values, the S256 challenge, the authorization URL,
// and reading the provider's redirect.

/** A URL-safe random string carrying `bytes` bytes of entropy. */
export function randomUrlSafe(bytes = 32) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64Url(buffer);
}

/** The S256 code challenge of a code verifier. */
export async function s256Challenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function base64Url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The provider's authorization URL. The endpoint comes from the provider's discovery
 * document (relayed by the Quietlog server), never from the extension's code.
 */
export function authorizationUrl({ authorizationEndpoint, clientId, redirectUri, state, nonce, codeChallenge, loginHint, responseType = 'code' }) {
  const url = new URL(authorizationEndpoint);
  if (url.protocol !== 'https:' && !isLoopback(url.hostname)) throw new Error('The sign-in provider must use https');
  if (responseType !== 'code' && responseType !== 'id_token') throw new Error(`Unknown sign-in response type ${responseType}`);
  url.searchParams.set('response_type', responseType);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  if (responseType === 'code') {
    url.searchParams.set('code_challenge', codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

/**
 * Reads the URL the provider redirected to. Returns {code} (authorization code flow) or
 * {idToken} (Google's implicit answer, in the fragment), or throws with the provider's own
 * error description; a redirect with another state is not ours and is refused.
 */
export function readRedirect(redirectedTo, { redirectUri, state }) {
  const url = new URL(redirectedTo);
  if (!redirectedTo.startsWith(redirectUri)) throw new Error('The sign-in came back to an unexpected address');
  // Some providers answer in the fragment (response_mode=fragment); accept both.
  const params = url.searchParams.has('state') || url.searchParams.has('error')
    ? url.searchParams
    : new URLSearchParams(url.hash.replace(/^#/, ''));
  if (params.get('state') !== state) throw new Error('The sign-in answer does not belong to this sign-in (state mismatch)');
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new Error(`The sign-in provider refused: ${description ? `${description} (${error})` : error}`);
  }
  const idToken = params.get('id_token');
  if (idToken) return { idToken };
  const code = params.get('code');
  if (!code) throw new Error('The sign-in provider sent no authorization code');
  return { code };
}

/** The form body of the code exchange at the provider's token endpoint (a public client: no secret). */
export function tokenRequestBody({ code, redirectUri, clientId, codeVerifier }) {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: codeVerifier,
  });
}

function isLoopback(hostname) {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
