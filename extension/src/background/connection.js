// Pure: turns the answer to GET /api/v1/me into words a rep can act on.

/**
 * @param {object} outcome one of
 *   {notConfigured: true}
 *   {invalidUrl: true, serverUrl}
 *   {noPermission: true, serverUrl}
 *   {networkError: string, serverUrl}
 *   {status: number, isJson: boolean, body: any, serverUrl}
 * @returns {{ok: boolean, message: string, me?: object}}
 */
export function describeConnection(outcome) {
  if (outcome.notConfigured) return fail('Enter the server URL and token first.');
  if (outcome.invalidUrl) return fail(`"${outcome.serverUrl}" is not a web address. It should look like https://quietlog.example.com.`);
  if (outcome.noPermission) {
    return fail(`Quietlog is not allowed to contact ${outcome.serverUrl}: the server does not let the extension in by itself (no CORS headers). Save, then click "Allow access".`);
  }
  if (outcome.networkError != null) {
    return fail(`Server unreachable: nothing answered at ${outcome.serverUrl}. Check the address and that the server is running.`);
  }
  const { status, isJson, body } = outcome;
  const serverMessage = isJson && body?.error?.message ? ` The server said: ${body.error.message}` : '';
  if (status === 401) return fail(`Token refused: the server does not accept this token. It may be mistyped, expired or revoked; ask your admin for a new one.${serverMessage}`);
  if (status === 403) return fail(`Wrong role: the token is valid but its user may not use the extension.${serverMessage}`);
  if (status === 404 || !isJson) {
    return fail(`Not a Quietlog server: ${outcome.serverUrl} answered (HTTP ${status}) but not like a Quietlog server. Check the server URL.`);
  }
  if (status >= 500) return fail(`The server had an error (HTTP ${status}). Try again later.${serverMessage}`);
  if (status < 200 || status >= 300) return fail(`Unexpected answer from the server (HTTP ${status}).${serverMessage}`);
  const user = body?.user;
  const org = body?.org;
  if (!user || typeof user.email !== 'string') {
    return fail(`Not a Quietlog server: ${outcome.serverUrl} answered but without the expected user details.`);
  }
  const who = user.name ? `${user.name} (${user.email})` : user.email;
  const orgPart = org?.name ? `, org ${org.name}` : '';
  return { ok: true, message: `Connected as ${who}${orgPart}.`, me: body };
}

function fail(message) {
  return { ok: false, message };
}

/** Normalises a typed server URL to its origin-plus-path form without a trailing slash. */
export function normalizeServerUrl(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return null;
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  // Tokens and captures travel to this address: plain http only on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) return null;
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}

function isLoopback(hostname) {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** The match pattern chrome.permissions needs for a server URL ("https://host:port/*" is not allowed; ports are ignored). */
export function originPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Pure: must the rep grant the extension access to this server? Only when Chrome has not
 * granted it and the last request to this very server found no answer it may read: a server
 * that answers under CORS needs no access, and before the first request nothing is known, so
 * nothing is asked.
 * @param {{serverUrl: string, hostAccess: boolean, reach?: {serverUrl: string, answered: boolean}}} state
 */
export function needsHostAccess({ serverUrl, hostAccess, reach }) {
  if (!serverUrl || hostAccess) return false;
  return reach?.serverUrl === serverUrl && reach.answered === false;
}
