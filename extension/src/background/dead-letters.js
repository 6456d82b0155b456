// Events the server refused (or that could not go where they were captured for). Kept
// with the server's reason, shown in the popup and exportable; never deleted silently.
import { DEAD_LETTERS, withDatabase } from './db.js';

export async function count() {
  return withDatabase((database) => database.count(DEAD_LETTERS));
}

/** Newest first, at most `limit`. */
export async function latest(limit = 20) {
  return withDatabase(async (database) => {
    const found = [];
    let cursor = await database.transaction(DEAD_LETTERS).store.openCursor(null, 'prev');
    while (cursor && found.length < limit) {
      found.push(cursor.value);
      cursor = await cursor.continue();
    }
    return found;
  });
}

export async function all() {
  return withDatabase((database) => database.getAll(DEAD_LETTERS));
}
