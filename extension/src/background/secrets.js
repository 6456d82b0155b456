// The token, kept in the extension's IndexedDB so that only the service worker and the
// extension's own pages can read it (content scripts can read chrome.storage.local).
import { SECRETS, withDatabase } from './db.js';

export async function readToken() {
  return (await withDatabase((database) => database.get(SECRETS, 'token'))) ?? '';
}

export async function writeToken(token) {
  await withDatabase((database) => database.put(SECRETS, token, 'token'));
}

/** Earlier versions kept the token in chrome.storage.local; move it out once. */
export async function migrateTokenOutOfStorage() {
  const { token } = await chrome.storage.local.get('token');
  if (typeof token !== 'string') return;
  if (token.trim() !== '' && (await readToken()) === '') await writeToken(token.trim());
  await chrome.storage.local.remove('token');
}
