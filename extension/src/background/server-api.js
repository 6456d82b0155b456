// Calls to the server other than uploads: Test connection, and keeping the org policy fresh.
// All go through server-fetch.js (CORS, no cookies, no host access needed).
import { describeConnection, normalizeServerUrl } from './connection.js';
import { destinationDigest } from './destination.js';
import { accessNeeded, serverFetch } from './server-fetch.js';
import { getSettings } from './settings.js';

const TIMEOUT_MS = 15_000;
const ME_MAX_AGE_MS = 60 * 60_000;
const ME_RETRY_MS = 5 * 60_000;

/** Checks a server URL and token (the typed ones, else the saved ones) against GET /api/v1/me. */
export async function testConnection({ serverUrl: typedUrl, token: typedToken } = {}) {
  const saved = await getSettings();
  const rawUrl = typedUrl && String(typedUrl).trim() !== '' && !saved.managed.serverUrl ? typedUrl : saved.serverUrl;
  const token = typedToken && String(typedToken).trim() !== '' && !saved.managed.token ? String(typedToken).trim() : saved.token;
  if (!rawUrl || !token) return describeConnection({ notConfigured: true });
  const serverUrl = normalizeServerUrl(rawUrl);
  if (serverUrl == null) return describeConnection({ invalidUrl: true, serverUrl: rawUrl });
  // Asked whether or not Chrome granted access to the server: a server that answers under
  // CORS needs none. Only a request that found nothing it may read names the missing access.
  const outcome = await fetchMe(serverUrl, token);
  if (outcome.networkError != null && (await accessNeeded(serverUrl))) {
    return describeConnection({ noPermission: true, serverUrl });
  }
  const result = describeConnection(outcome);
  if (result.ok && serverUrl === saved.serverUrl && token === saved.token) await rememberMe(result.me, await destinationDigest(serverUrl, token));
  return { ok: result.ok, message: result.message };
}

/**
 * Re-reads who we are and the org policy (applied before queueing, see policy.js) when
 * the copy is older than an hour, or belongs to another server or token: IT may push a new
 * server or token by policy at any time (even while the browser is closed), and what the
 * old server said must not decide what is captured for the new one. Failures are quiet:
 * uploads report their own errors.
 */
export async function refreshMeIfStale({ serverUrl, token }, now = Date.now()) {
  const destination = await destinationDigest(serverUrl, token);
  const stored = await chrome.storage.local.get(['meCheckedAt', 'meFor']);
  const { meCheckedAt = 0 } = stored;
  if (stored.meFor !== undefined && stored.meFor !== destination) {
    await chrome.storage.local.remove(['me', 'meCheckedAt']);
  } else if (now - meCheckedAt < ME_MAX_AGE_MS) {
    // A copy kept before copies were tied to their destination is taken as this one's.
    if (stored.meFor === undefined) await chrome.storage.local.set({ meFor: destination });
    return;
  }
  const result = describeConnection(await fetchMe(serverUrl, token));
  if (result.ok) await rememberMe(result.me, destination);
  // Server down or token refused: keep what we had (nothing, for a new destination), and
  // ask again in a few minutes rather than before every retry.
  else await chrome.storage.local.set({ meCheckedAt: now - ME_MAX_AGE_MS + ME_RETRY_MS, meFor: destination });
}

async function rememberMe(me, destination) {
  await chrome.storage.local.set({ me, meCheckedAt: Date.now(), meFor: destination });
}

async function fetchMe(serverUrl, token) {
  let response;
  try {
    response = await serverFetch(serverUrl, '/api/v1/me', {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { networkError: String(error?.message ?? error), serverUrl };
  }
  const body = parseJsonOrNull(await response.text());
  return { status: response.status, isJson: body !== null && typeof body === 'object', body, serverUrl };
}

function parseJsonOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON: describeConnection says it is not a Quietlog server
  }
}
