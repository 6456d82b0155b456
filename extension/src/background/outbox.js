// The durable queue of captured events (IndexedDB). Every event is written here before
// any upload is tried, and deleted only once the server has decided about it.
import { openDB } from 'idb';

const DB_NAME = 'quietlog';
const DB_VERSION = 1;
const STORE = 'outbox';

function db() {
  // Opened per use: a cached handle would be a global the worker loses when stopped.
  return openDB(DB_NAME, DB_VERSION, {
    upgrade(database) {
      // localId: autoIncrement, so ids are stable and ordered oldest first.
      const store = database.createObjectStore(STORE, { keyPath: 'localId', autoIncrement: true });
      // The same capture seen twice (thread opened again) is queued once.
      store.createIndex('fingerprint', 'fingerprint', { unique: true });
    },
  });
}

async function fingerprintOf(event) {
  const bytes = new TextEncoder().encode(JSON.stringify(event));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Writes events durably; returns how many were new. Resolves only after the transaction commits. */
export async function addEvents(events, now = Date.now()) {
  const prepared = await Promise.all(events.map(async (event) => ({ event, fingerprint: await fingerprintOf(event), queuedAt: now })));
  const database = await db();
  try {
    const tx = database.transaction(STORE, 'readwrite', { durability: 'strict' });
    const index = tx.store.index('fingerprint');
    let added = 0;
    for (const record of prepared) {
      if ((await index.getKey(record.fingerprint)) !== undefined) continue;
      await tx.store.add(record);
      added += 1;
    }
    await tx.done;
    return added;
  } finally {
    database.close();
  }
}

/** The oldest `limit` queued entries, as {localId, event}. */
export async function oldest(limit) {
  const database = await db();
  try {
    const entries = [];
    let cursor = await database.transaction(STORE).store.openCursor();
    while (cursor && entries.length < limit) {
      entries.push({ localId: cursor.value.localId, event: cursor.value.event });
      cursor = await cursor.continue();
    }
    return entries;
  } finally {
    database.close();
  }
}

export async function remove(localIds) {
  if (localIds.length === 0) return;
  const database = await db();
  try {
    const tx = database.transaction(STORE, 'readwrite', { durability: 'strict' });
    await Promise.all([...localIds.map((id) => tx.store.delete(id)), tx.done]);
  } finally {
    database.close();
  }
}

export async function size() {
  const database = await db();
  try {
    return await database.count(STORE);
  } finally {
    database.close();
  }
}
