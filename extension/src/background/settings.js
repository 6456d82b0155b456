// Server URL and token. The rep types them in Options (chrome.storage.local); IT can
// push them by policy (chrome.storage.managed, see managed_schema.json), and a managed
// value always wins so a rep cannot point a managed browser elsewhere.
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_CAP_MS } from './backoff.js';
import { normalizeServerUrl } from './connection.js';

const MANAGED_KEYS = ['serverUrl', 'token'];

async function readManaged() {
  try {
    return (await chrome.storage.managed.get(MANAGED_KEYS)) ?? {};
  } catch {
    // No policy support on this platform, or no schema: nothing is managed.
    return {};
  }
}

/** Pure: merges typed and policy settings; a non-empty managed value wins. */
export function mergeSettings(local, managed) {
  const pick = (key) => (typeof managed[key] === 'string' && managed[key].trim() !== '' ? managed[key].trim() : local[key] ?? '');
  return {
    serverUrl: normalizeServerUrl(pick('serverUrl')) ?? '',
    token: pick('token'),
    managed: {
      serverUrl: typeof managed.serverUrl === 'string' && managed.serverUrl.trim() !== '',
      token: typeof managed.token === 'string' && managed.token.trim() !== '',
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
