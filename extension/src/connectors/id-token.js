// Pure: the account's address from the OpenID id_token that came back from the token
// endpoint over TLS (OpenID Connect Core 3.1.3.7: then the signature need not be checked),
// after checking it was issued to this app, for this sign-in, and is not expired.
import { ACCOUNTS } from './accounts.js';

function decodePart(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** @returns {{email: string} | {error: string}} */
export function accountFromIdToken(idToken, { provider, clientId, nonce, now = Date.now() }) {
  let claims;
  try {
    const parts = String(idToken).split('.');
    if (parts.length !== 3) return { error: 'id_token: not a JWT' };
    claims = decodePart(parts[1]);
  } catch {
    return { error: 'id_token: unreadable' };
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(clientId)) return { error: 'id_token: issued to another app' };
  const issuerOk = ACCOUNTS[provider].issuers.some((issuer) => (issuer instanceof RegExp ? issuer.test(claims.iss) : issuer === claims.iss));
  if (!issuerOk) return { error: `id_token: unexpected issuer ${claims.iss}` };
  if (nonce && claims.nonce !== nonce) return { error: 'id_token: not from this sign-in (nonce)' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < now - 60_000) return { error: 'id_token: expired' };
  // Google: email (verified). Microsoft: email when the account has one, else the sign-in
  // name, which for work accounts is the primary address.
  if (provider === 'google' && claims.email_verified === false) return { error: 'id_token: email not verified' };
  const email = claims.email ?? (provider === 'microsoft' ? claims.preferred_username : undefined);
  if (typeof email !== 'string' || !email.includes('@')) return { error: 'id_token: no email address' };
  return { email: email.trim().toLowerCase() };
}
