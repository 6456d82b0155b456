// The connectors' own IndexedDB, which only the extension's pages and its service worker can
// open: content scripts run in the web page's origin and cannot reach it (unlike
// chrome.storage.local, which they can read). It holds the OAuth grants, each stream's sync
// cursor, and the last version sent of each meeting (a deleted one comes back as an id only).
import { openDB } from 'idb';

const DB_NAME = 'quietlog-connectors';
const DB_VERSION = 1;

function db() {
  // Opened per use: a cached handle would be a global the worker loses when stopped.
  return openDB(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('grants', { keyPath: 'provider' });
      database.createObjectStore('cursors', { keyPath: 'stream' });
      database.createObjectStore('seen', { keyPath: ['stream', 'sourceId'] });
    },
  });
}

async function withDb(work) {
  const database = await db();
  try {
    return await work(database);
  } finally {
    database.close();
  }
}

export const getGrant = (provider) => withDb((d) => d.get('grants', provider));
export const putGrant = (grant) => withDb((d) => d.put('grants', grant));
export const deleteGrant = (provider) => withDb((d) => d.delete('grants', provider));

export const getCursor = async (stream) => (await withDb((d) => d.get('cursors', stream)))?.cursor ?? null;
export const putCursor = (stream, cursor) => withDb((d) => d.put('cursors', { stream, cursor }));

/** Forgets a provider's cursors and meetings (on disconnect, or another account connected). */
export function forgetStreams(streams) {
  return withDb(async (d) => {
    const tx = d.transaction(['cursors', 'seen'], 'readwrite');
    for (const stream of streams) {
      await tx.objectStore('cursors').delete(stream);
      await tx.objectStore('seen').delete(IDBKeyRange.bound([stream, ''], [stream, '\uffff']));
    }
    await tx.done;
  });
}

export function getSeen(stream, sourceIds) {
  return withDb(async (d) => {
    const tx = d.transaction('seen');
    const found = new Map();
    for (const sourceId of sourceIds) {
      const row = await tx.store.get([stream, sourceId]);
      if (row) found.set(sourceId, row.event);
    }
    return found;
  });
}

export function putSeen(stream, events) {
  if (events.length === 0) return Promise.resolve();
  return withDb(async (d) => {
    const tx = d.transaction('seen', 'readwrite', { durability: 'strict' });
    for (const event of events) await tx.store.put({ stream, sourceId: event.sourceId, event });
    await tx.done;
  });
}
