// The extension's IndexedDB. It lives in the extension's own origin
// (chrome-extension://<id>), which content scripts cannot open: that is why the token is
// kept here and not in chrome.storage.local (which content scripts can read).
import { openDB } from 'idb';

const DB_NAME = 'quietlog';
const DB_VERSION = 2;
export const OUTBOX = 'outbox';
export const DEAD_LETTERS = 'deadLetters';
export const SECRETS = 'secrets';

/** Opened per use: a cached handle would be a global the worker loses when stopped. */
export function openDatabase() {
  return openDB(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        // localId: autoIncrement, so ids are stable and ordered oldest first.
        const store = database.createObjectStore(OUTBOX, { keyPath: 'localId', autoIncrement: true });
        // The same capture seen twice (thread opened again) is queued once.
        store.createIndex('fingerprint', 'fingerprint', { unique: true });
      }
      if (oldVersion < 2) {
        // holdKey: one message of one mailbox, so a later, fuller capture (the final
        // Message-ID, an undo) finds the queued one.
        tx.objectStore(OUTBOX).createIndex('holdKey', 'holdKey', { unique: false });
        database.createObjectStore(DEAD_LETTERS, { keyPath: 'id', autoIncrement: true });
        database.createObjectStore(SECRETS);
      }
    },
  });
}

/** Runs `work(database)` and always closes the handle. */
export async function withDatabase(work) {
  const database = await openDatabase();
  try {
    return await work(database);
  } finally {
    database.close();
  }
}
