// The durable queue of captured events (IndexedDB). Every event is written here before
// any upload is tried, and leaves only once the server has decided about it (or to the
// dead-letter store, never silently). An entry may be held back: a send inside Gmail's
// undo window, or a message waiting for its Message-ID (`heldUntil`), or an event the
// server failed on repeatedly (`notBefore`). Entries belong to one destination
// (`generation`, see destination.js): a new server or user never receives them.
import { DEAD_LETTERS, OUTBOX, withDatabase } from './db.js';

async function fingerprintOf(event) {
  const bytes = new TextEncoder().encode(JSON.stringify(event));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Writes entries durably; returns how many were new or replaced a queued one.
 * Each item is an event, or {event, holdKey, heldUntil}. An item whose holdKey matches a
 * queued entry replaces it (a fuller capture of the same message). Resolves only after
 * the transaction commits.
 */
export async function addEvents(items, { generation = null, now = Date.now() } = {}) {
  const prepared = await Promise.all(items.map(async (item) => {
    const entry = item && item.event ? item : { event: item };
    return {
      event: entry.event,
      fingerprint: await fingerprintOf(entry.event),
      queuedAt: now,
      generation,
      holdKey: entry.holdKey ?? null,
      holdKind: entry.holdKind ?? null,
      heldUntil: entry.heldUntil ?? 0,
      notBefore: 0,
    };
  }));
  return withDatabase(async (database) => {
    const tx = database.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    let added = 0;
    for (const record of prepared) {
      const byKey = record.holdKey ? await findByHoldKey(tx.store, record.holdKey, generation) : undefined;
      if (byKey) {
        await tx.store.put({ ...byKey, event: mergeEvent(byKey.event, record.event), fingerprint: record.fingerprint, heldUntil: record.heldUntil, holdKind: record.holdKind });
        added += 1;
        continue;
      }
      if ((await tx.store.index('fingerprint').getKey(record.fingerprint)) !== undefined) continue;
      await tx.store.add(record);
      added += 1;
    }
    await tx.done;
    return added;
  });
}

// A later capture never loses what an earlier one knew (a Message-ID, a subject).
function mergeEvent(queued, fresh) {
  return { ...fresh, messageId: fresh.messageId ?? queued.messageId ?? null };
}

async function findByHoldKey(store, holdKey, generation) {
  const matches = await store.index('holdKey').getAll(holdKey);
  return matches.find((entry) => entry.generation === generation);
}

/**
 * Keeps at most `max` entries held for `holdKind`: the oldest beyond that are released at
 * once (sent as they are). Returns how many were released.
 */
export async function releaseOldestHeld(holdKind, max, now = Date.now()) {
  return withDatabase(async (database) => {
    const tx = database.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    const held = (await tx.store.getAll()).filter((entry) => entry.holdKind === holdKind && entry.heldUntil > now);
    const excess = held.slice(0, Math.max(0, held.length - max)); // getAll is oldest first
    for (const entry of excess) await tx.store.put({ ...entry, heldUntil: 0 });
    await tx.done;
    return excess.length;
  });
}

/** Removes the still-held entries of these hold keys (an undone send); returns how many. */
export async function cancelHeld(holdKeys, now = Date.now()) {
  return withDatabase(async (database) => {
    const tx = database.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    let removed = 0;
    for (const key of holdKeys) {
      for (const entry of await tx.store.index('holdKey').getAll(key)) {
        if (entry.heldUntil > now) {
          await tx.store.delete(entry.localId);
          removed += 1;
        }
      }
    }
    await tx.done;
    return removed;
  });
}

/** The oldest `limit` entries of `generation` that may go now, as {localId, event}. */
export async function oldest(limit, { generation = null, now = Date.now() } = {}) {
  return withDatabase(async (database) => {
    const entries = [];
    let cursor = await database.transaction(OUTBOX).store.openCursor();
    while (cursor && entries.length < limit) {
      const value = cursor.value;
      if (value.generation === generation && !(value.heldUntil > now) && !(value.notBefore > now)) {
        entries.push({ localId: value.localId, event: value.event });
      }
      cursor = await cursor.continue();
    }
    return entries;
  });
}

/** When the next held or parked entry becomes due (ms), or null. */
export async function nextDueAt({ generation = null, now = Date.now() } = {}) {
  return withDatabase(async (database) => {
    let next = null;
    for (const value of await database.getAll(OUTBOX)) {
      if (value.generation !== generation) continue;
      const due = Math.max(value.heldUntil ?? 0, value.notBefore ?? 0);
      if (due > now && (next == null || due < next)) next = due;
    }
    return next;
  });
}

/** Entries of other generations (captured for another server or user). */
export async function otherGenerations(generation) {
  return withDatabase(async (database) => (await database.getAll(OUTBOX)).filter((entry) => entry.generation !== generation));
}

/** Keeps an entry queued but not before `notBefore` (the server failed on it alone). */
export async function park(localIds, notBefore) {
  return withDatabase(async (database) => {
    const tx = database.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    for (const id of localIds) {
      const entry = await tx.store.get(id);
      if (entry) await tx.store.put({ ...entry, notBefore });
    }
    await tx.done;
  });
}

/** Replaces queued events (the policy applied again at upload trimmed them). */
export async function replaceEvents(updates) {
  if (updates.length === 0) return;
  return withDatabase(async (database) => {
    const tx = database.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    for (const { localId, event } of updates) {
      const entry = await tx.store.get(localId);
      if (entry) await tx.store.put({ ...entry, event });
    }
    await tx.done;
  });
}

export async function remove(localIds) {
  if (localIds.length === 0) return;
  await withDatabase(async (database) => {
    const tx = database.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    await Promise.all([...localIds.map((id) => tx.store.delete(id)), tx.done]);
  });
}

/** Moves entries to the dead-letter store in one transaction: never lost in between. */
export async function moveToDeadLetters(entries, reasonOf, { serverUrl = null, now = Date.now() } = {}) {
  if (entries.length === 0) return;
  await withDatabase(async (database) => {
    const tx = database.transaction([OUTBOX, DEAD_LETTERS], 'readwrite', { durability: 'strict' });
    for (const entry of entries) {
      await tx.objectStore(DEAD_LETTERS).add({ event: entry.event, reason: reasonOf(entry), at: now, serverUrl });
      if (entry.localId != null) await tx.objectStore(OUTBOX).delete(entry.localId);
    }
    await tx.done;
  });
}

export async function size() {
  return withDatabase((database) => database.count(OUTBOX));
}
