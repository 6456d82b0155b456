// Server URL and token. The rep types them in Options or signs in: the URL goes to
// chrome.storage.local, the token to the extension's IndexedDB (secrets.js), which content
// scripts cannot read. IT can push both by policy (chrome.storage.managed, see
// managed_schema.json), and a managed value always wins so a rep cannot point a managed
// browser elsewhere.
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_CAP_MS } from './backoff.js';
import { normalizeServerUrl } from './connection.js';
import { migrateTokenOutOfStorage, readToken, writeToken } from './secrets.js';

const MANAGED_KEYS = ['serverUrl', 'token'];
// Policy-only settings for single sign-on (see managed_schema.json): which org on a shared
// server, and whether the rep may paste a token instead.
const MANAGED_SIGN_IN_KEYS = ['orgId', 'allowTokenPaste'];

async function readManaged() {
  try {
    return (await chrome.storage.managed.get([...MANAGED_KEYS, ...MANAGED_SIGN_IN_KEYS])) ?? {};
  } catch {
    // No policy support on this platform, or no schema: nothing is managed.
    return {};
  }
}

/** Pure: merges typed and policy settings; a non-empty managed value wins. */
export function mergeSettings(local, managed) {
  const pick = (key) => (typeof managed[key] === 'string' && managed[key].trim() !== '' ? managed[key].trim() : local[key] ?? '');
  const orgId = typeof managed.orgId === 'string' && managed.orgId.trim() !== '' ? managed.orgId.trim() : '';
  // The rep's own token (signed in, or pasted) first: a token pushed by policy is only the
  // fallback for a browser where nobody has signed in.
  const ownToken = typeof local.token === 'string' && local.token.trim() !== '' ? local.token.trim() : '';
  const token = ownToken || pick('token');
  const serverUrl = normalizeServerUrl(pick('serverUrl')) ?? '';
  const managedServerUrl = typeof managed.serverUrl === 'string' && managed.serverUrl.trim() !== '';
  return {
    serverUrl,
    // A policy address that is not usable (plain http to another machine, not a URL) still
    // locks the field, so a rep cannot send captures elsewhere; it is kept to be named.
    unusableManagedServerUrl: managedServerUrl && serverUrl === '' ? managed.serverUrl.trim() : null,
    token,
    tokenSource: ownToken ? 'own' : token ? 'managed' : 'none',
    orgId,
    allowTokenPaste: managed.allowTokenPaste !== false,
    managed: {
      serverUrl: managedServerUrl,
      token: typeof managed.token === 'string' && managed.token.trim() !== '',
      orgId: orgId !== '',
      allowTokenPaste: typeof managed.allowTokenPaste === 'boolean',
    },
  };
}

export async function getSettings() {
  await migrateTokenOutOfStorage();
  const [{ serverUrl }, token, managed] = await Promise.all([chrome.storage.local.get('serverUrl'), readToken(), readManaged()]);
  return mergeSettings({ serverUrl, token }, managed);
}

/** Saves what the rep typed. An empty token keeps the saved one (Options never shows it back). */
export async function saveSettings({ serverUrl, token }) {
  const normalized = normalizeServerUrl(serverUrl);
  if (normalized == null) throw new Error('The server URL must start with https:// (http:// only for localhost)');
  if (typeof token === 'string' && token.trim() !== '') await writeToken(token.trim());
  // Who we are and the policy belong to the old server or token: read them afresh.
  await chrome.storage.local.remove(['me', 'meCheckedAt']);
  await chrome.storage.local.set({ serverUrl: normalized });
  return getSettings();
}

/** Retry timing; stored so tests and impatient admins can shorten it without a rebuild. */
export async function getRetryOptions() {
  const { retryBaseMs, retryCapMs } = await chrome.storage.local.get(['retryBaseMs', 'retryCapMs']);
  return {
    baseMs: Number.isFinite(retryBaseMs) && retryBaseMs > 0 ? retryBaseMs : DEFAULT_RETRY_BASE_MS,
    capMs: Number.isFinite(retryCapMs) && retryCapMs > 0 ? retryCapMs : DEFAULT_RETRY_CAP_MS,
  };
}

/** Pure: is logging paused at `now`? `paused` is false, true (until turned back on) or {until: ms}. */
export function pausedAt(paused, now = Date.now()) {
  if (paused === true) return true;
  return Number.isFinite(paused?.until) && paused.until > now;
}

/** Pure: the end of a pause chosen in the popup ('hour', 'tomorrow' = next local midnight, 'off'). */
export function pauseUntil(choice, now = Date.now()) {
  if (choice === 'hour') return { until: now + 60 * 60_000 };
  if (choice === 'tomorrow') {
    const midnight = new Date(now);
    midnight.setHours(24, 0, 0, 0);
    return { until: midnight.getTime() };
  }
  if (choice === 'off' || choice === true) return true;
  return false;
}

export async function getPause() {
  const { paused = false } = await chrome.storage.local.get('paused');
  return paused;
}

export async function isPaused(now = Date.now()) {
  return pausedAt(await getPause(), now);
}

/** `choice`: 'hour', 'tomorrow', 'off' (until turned back on) or false (resume). */
export async function setPaused(choice) {
  await chrome.storage.local.set({ paused: pauseUntil(choice) });
}
