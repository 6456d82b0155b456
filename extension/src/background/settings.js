// Server URL and token. The rep types them in Options or signs in (chrome.storage.local); IT can
// push them by policy (chrome.storage.managed, see managed_schema.json), and a managed
// value always wins so a rep cannot point a managed browser elsewhere.
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_CAP_MS } from './backoff.js';
import { normalizeServerUrl } from './connection.js';

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
  return {
    serverUrl: normalizeServerUrl(pick('serverUrl')) ?? '',
    // The rep's own token (signed in, or pasted) first: a token pushed by policy is only the
    // fallback for a browser where nobody has signed in.
    token: typeof local.token === 'string' && local.token.trim() !== '' ? local.token.trim() : pick('token'),
    orgId,
    allowTokenPaste: managed.allowTokenPaste !== false,
    managed: {
      serverUrl: typeof managed.serverUrl === 'string' && managed.serverUrl.trim() !== '',
      token: typeof managed.token === 'string' && managed.token.trim() !== '',
      orgId: orgId !== '',
      allowTokenPaste: typeof managed.allowTokenPaste === 'boolean',
    },
  };
}

export async function getSettings() {
  const [local, managed] = await Promise.all([chrome.storage.local.get(MANAGED_KEYS), readManaged()]);
  return mergeSettings(local, managed);
}

/** Saves what the rep typed. An empty token keeps the saved one (Options never shows it back). */
export async function saveSettings({ serverUrl, token }) {
  const normalized = normalizeServerUrl(serverUrl);
  if (normalized == null) throw new Error('The server URL must start with https:// or http://');
  const update = { serverUrl: normalized };
  if (typeof token === 'string' && token.trim() !== '') update.token = token.trim();
  // Who we are and the policy belong to the old server or token: read them afresh.
  await chrome.storage.local.remove(['me', 'meCheckedAt']);
  await chrome.storage.local.set(update);
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

export async function isPaused() {
  const { paused } = await chrome.storage.local.get('paused');
  return paused === true;
}

export async function setPaused(paused) {
  await chrome.storage.local.set({ paused: paused === true });
}
