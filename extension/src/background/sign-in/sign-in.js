// "Sign in with <company>": the service worker runs the whole OpenID Connect flow so that
// neither the provider's tokens nor the Quietlog token ever pass through a page.
//  1. ask the Quietlog server how to start (GET /api/v1/sign-in: client id and the
//     provider's endpoints, from its discovery document);
//  2. chrome.identity.launchWebAuthFlow with the authorization code flow, PKCE and a nonce;
//  3. exchange the code at the provider's token endpoint for an ID token (Google sends the
//     ID token back directly, see the server's SignInService.Start);
//  4. trade the ID token and nonce for a Quietlog token (POST /api/v1/sign-in/oidc);
//  5. keep that token where the settings module keeps tokens (never readable by content scripts).
import { normalizeServerUrl } from '../connection.js';
import { getSettings, saveSettings } from '../settings.js';
import { describeSignInFailure, originPatternOf } from './describe.js';
import { authorizationUrl, randomUrlSafe, readRedirect, s256Challenge, tokenRequestBody } from './pkce.js';

const TIMEOUT_MS = 20_000;

/**
 * What the options page and popup show: whether single sign-on is offered for this server
 * (the typed URL if the rep is still typing one, else the saved or managed one), its button
 * name, and the origins to ask access for in the click.
 */
export async function getSignInOffer({ serverUrl: typedUrl } = {}) {
  const settings = await getSettings();
  const serverUrl = chooseServerUrl(settings, typedUrl);
  if (!serverUrl) return { available: false, message: 'Enter the server URL first.' };
  const start = await fetchStart(serverUrl, settings.orgId);
  if (!start.ok) return { available: false, serverUrl, message: start.message };
  return {
    available: true,
    serverUrl,
    displayName: start.oidc.displayName,
    origins: [originPatternOf(serverUrl), originPatternOf(start.oidc.tokenEndpoint)],
    signedIn: settings.token !== '',
  };
}

/** Runs the whole sign-in; answers {ok, message}. */
export async function signIn({ serverUrl: typedUrl } = {}) {
  const settings = await getSettings();
  const serverUrl = chooseServerUrl(settings, typedUrl);
  if (!serverUrl) return { ok: false, message: 'Enter the server URL first.' };
  const start = await fetchStart(serverUrl, settings.orgId);
  if (!start.ok) return { ok: false, message: start.message };
  const { oidc } = start;

  const redirectUri = chrome.identity.getRedirectURL();
  const state = randomUrlSafe();
  const nonce = randomUrlSafe();
  const codeVerifier = randomUrlSafe(48);
  const url = authorizationUrl({
    authorizationEndpoint: oidc.authorizationEndpoint,
    clientId: oidc.clientId,
    redirectUri,
    state,
    nonce,
    codeChallenge: await s256Challenge(codeVerifier),
    loginHint: await knownEmail(),
    responseType: oidc.responseType ?? 'code',
  });
  let redirectedTo;
  try {
    redirectedTo = await chrome.identity.launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    return { ok: false, message: `Sign-in was not completed: ${error?.message ?? error}` };
  }
  let idToken;
  try {
    const answer = readRedirect(redirectedTo, { redirectUri, state });
    idToken = answer.idToken ?? await exchangeCode(oidc.tokenEndpoint, { code: answer.code, redirectUri, clientId: oidc.clientId, codeVerifier });
  } catch (error) {
    return { ok: false, message: error.message };
  }
  const traded = await postJson(`${serverUrl}/api/v1/sign-in/oidc`, { idToken, nonce, org: oidc.orgId });
  if (!traded.ok) return { ok: false, message: describeSignInFailure({ ...traded, serverUrl }) };
  await saveSettings({ serverUrl, token: traded.body.token });
  const user = traded.body.user ?? {};
  return { ok: true, message: `Signed in as ${user.name ? `${user.name} (${user.email})` : user.email}.` };
}

/** A managed server URL always wins; otherwise what the rep is typing, else the saved one. */
function chooseServerUrl(settings, typedUrl) {
  if (settings.managed.serverUrl) return settings.serverUrl;
  return normalizeServerUrl(typedUrl) ?? settings.serverUrl;
}

/** Who signed in last time, so the provider can skip asking (login_hint). */
async function knownEmail() {
  const { me } = await chrome.storage.local.get('me');
  return typeof me?.user?.email === 'string' ? me.user.email : undefined;
}

async function fetchStart(serverUrl, orgId) {
  const query = orgId ? `?org=${encodeURIComponent(orgId)}` : '';
  const answer = await getJson(`${serverUrl}/api/v1/sign-in${query}`);
  if (!answer.ok) return { ok: false, message: describeSignInFailure({ ...answer, serverUrl }) };
  const oidc = answer.body?.oidc;
  if (!oidc?.authorizationEndpoint || !oidc?.tokenEndpoint || !oidc?.clientId) {
    return { ok: false, message: `Not a Quietlog server: ${serverUrl} did not describe its sign-in.` };
  }
  return { ok: true, oidc };
}

async function exchangeCode(tokenEndpoint, { code, redirectUri, clientId, codeVerifier }) {
  let response;
  try {
    response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: tokenRequestBody({ code, redirectUri, clientId, codeVerifier }),
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`Cannot reach your company's sign-in service: ${error?.message ?? error}`, { cause: error });
  }
  const body = await response.json().catch(() => null);
  if (!response.ok || typeof body?.id_token !== 'string') {
    const why = body?.error_description ?? body?.error ?? `HTTP ${response.status}`;
    throw new Error(`Your company's sign-in service did not complete the sign-in: ${why}`);
  }
  return body.id_token;
}

async function getJson(url) {
  return request(url, { headers: { Accept: 'application/json' } });
}

async function postJson(url, body) {
  return request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
}

async function request(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, networkError: String(error?.message ?? error) };
  }
  const body = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body };
}
