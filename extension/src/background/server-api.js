// Calls to the server other than uploads: Test connection, and keeping the org policy fresh.
import { describeConnection, normalizeServerUrl, originPattern } from './connection.js';
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
  if (!(await chrome.permissions.contains({ origins: [originPattern(serverUrl)] }))) {
    return describeConnection({ noPermission: true, serverUrl });
  }
  const result = describeConnection(await fetchMe(serverUrl, token));
  if (result.ok && serverUrl === saved.serverUrl && token === saved.token) await rememberMe(result.me);
  return { ok: result.ok, message: result.message };
}

/**
 * Re-reads who we are and the org policy (applied before queueing, see policy.js) when
 * the copy is older than an hour. Failures are quiet: uploads report their own errors.
 */
export async function refreshMeIfStale({ serverUrl, token }, now = Date.now()) {
  const { meCheckedAt = 0 } = await chrome.storage.local.get('meCheckedAt');
  if (now - meCheckedAt < ME_MAX_AGE_MS) return;
  const result = describeConnection(await fetchMe(serverUrl, token));
  if (result.ok) await rememberMe(result.me);
  // Server down or token refused: keep the old policy, and ask again in a few minutes
  // rather than before every retry.
  else await chrome.storage.local.set({ meCheckedAt: now - ME_MAX_AGE_MS + ME_RETRY_MS });
}

async function rememberMe(me) {
  await chrome.storage.local.set({ me, meCheckedAt: Date.now() });
}

async function fetchMe(serverUrl, token) {
  let response;
  try {
    response = await fetch(`${serverUrl}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      credentials: 'omit',
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
