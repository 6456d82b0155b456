// Every call to the Quietlog server goes through here. The server answers the extension
// under CORS (any origin, never cookies), so Chrome lets the service worker read its answers
// without the rep ever granting access to the server's origin: IT's policy alone sets the
// extension up. An older server, or a proxy that strips the CORS headers, is readable only
// with that access; a request to it then fails as a network error. What the last request
// found is kept (`serverReach`), so the popup and Options ask for access only when it is
// really missing (see needsHostAccess in connection.js).
import { needsHostAccess, originPattern } from './connection.js';

const REACH_KEY = 'serverReach';

/**
 * fetch() to the server: CORS, no cookies. `target` is a path ("/api/v1/me") or a URL already
 * built on serverUrl. Rejects as fetch does.
 */
export async function serverFetch(serverUrl, target, init = {}) {
  const url = String(target).startsWith(`${serverUrl}/`) ? String(target) : `${serverUrl}${target}`;
  let response;
  try {
    response = await fetch(url, { ...init, mode: 'cors', credentials: 'omit' });
  } catch (error) {
    // A timeout says nothing about access; a TypeError is what Chrome gives for a refused
    // CORS read (and for a server that is down, which looks the same from here).
    if (error?.name === 'TypeError' || error instanceof TypeError) await noteReach(serverUrl, false);
    throw error;
  }
  await noteReach(serverUrl, true);
  return response;
}

async function noteReach(serverUrl, answered) {
  const { [REACH_KEY]: reach } = await chrome.storage.local.get(REACH_KEY);
  if (reach?.serverUrl === serverUrl && reach.answered === answered) return;
  await chrome.storage.local.set({ [REACH_KEY]: { serverUrl, answered } });
}

/** Whether the rep must grant access to this server before anything reaches it. */
export async function accessNeeded(serverUrl) {
  if (!serverUrl) return false;
  const { [REACH_KEY]: reach } = await chrome.storage.local.get(REACH_KEY);
  return needsHostAccess({ serverUrl, hostAccess: await hostAccess(serverUrl), reach });
}

async function hostAccess(serverUrl) {
  try {
    return await chrome.permissions.contains({ origins: [originPattern(serverUrl)] });
  } catch {
    return true; // cannot tell: describe failures as plain failures
  }
}
