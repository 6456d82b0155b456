// Which outbox is current. Events are captured for one server and one user; when the
// server URL changes, or the token now belongs to someone else, a new outbox starts and
// the old events go to the dead-letter store (exportable) rather than to the new place.
import { getSettings } from './settings.js';
import * as outbox from './outbox.js';

/**
 * Pure: the identity of where events go: the server URL plus the token's issuer and
 * subject. A refreshed token of the same user on the same server keeps the outbox; a token
 * that cannot be read as a JWT counts by its own value.
 */
export function destinationKey(serverUrl, token) {
  if (!serverUrl || !token) return null;
  const claims = jwtClaims(token);
  const who = claims?.sub ? `${claims.iss ?? ''}|${claims.sub}` : `token:${token}`;
  return `${serverUrl}|${who}`;
}

function jwtClaims(token) {
  const part = String(token).split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims = JSON.parse(json);
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/** The digest of where events go (never the token itself), or null when not set up. */
export async function destinationDigest(serverUrl, token) {
  const key = destinationKey(serverUrl, token);
  return key ? digest(key) : null;
}

async function digest(text) {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The current outbox generation (a digest of the destination; the token itself is never
 * stored in it), moving events of any other generation to the dead letters. Null when not
 * set up: then nothing is queued.
 */
export async function currentGeneration(settings) {
  const { serverUrl, token } = settings ?? (await getSettings());
  const generation = await destinationDigest(serverUrl, token);
  if (!generation) return null;
  const { outboxGeneration } = await chrome.storage.local.get('outboxGeneration');
  if (outboxGeneration === undefined) {
    // First run (a fresh install, or an update from a version without generations): what
    // is queued was captured for the server configured now.
    await outbox.adoptUnassigned(generation);
    await chrome.storage.local.set({ outboxGeneration: generation, outboxServerUrl: serverUrl });
  } else if (outboxGeneration !== generation) {
    const { outboxServerUrl = null } = await chrome.storage.local.get('outboxServerUrl');
    const stale = await outbox.otherGenerations(generation);
    await outbox.moveToDeadLetters(stale, () => `captured for ${outboxServerUrl ?? 'another server'} with another sign-in; not sent to ${serverUrl}`, { serverUrl: outboxServerUrl });
    await chrome.storage.local.set({ outboxGeneration: generation, outboxServerUrl: serverUrl });
  }
  return generation;
}
