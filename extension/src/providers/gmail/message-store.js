import { normalizeThreadId } from "./email-event.js";

const isPresent = (value) => value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/**
 * What the page has learned about each message, from every Gmail payload (page data,
 * thread data, compose answers, list data). Records are merged field by field: a later
 * payload fills what an earlier one lacked (list data has no recipients; split thread
 * data may lack the Message-ID) and updates labels. Bounded: the oldest messages are
 * forgotten first. Bodies are never kept (message-record.js does not read them).
 */
export class MessageStore {
  constructor({ maxMessages = 5000 } = {}) {
    this.maxMessages = maxMessages;
    this.byId = new Map();
    this.byThread = new Map();
  }

  /** Merges one record; returns the merged record, or null when it has no id. */
  learn(record) {
    if (!record || typeof record.sourceId !== "string") return null;
    const threadId = normalizeThreadId(record.threadId);
    const previous = this.byId.get(record.sourceId);
    const merged = previous ? { ...previous } : { sourceId: record.sourceId };
    for (const [key, value] of Object.entries(record)) {
      if (key !== "threadId" && isPresent(value)) merged[key] = value;
    }
    if (typeof threadId === "string" && threadId) merged.threadId = threadId;
    this.byId.delete(record.sourceId);
    this.byId.set(record.sourceId, merged);
    if (merged.threadId) {
      if (!this.byThread.has(merged.threadId)) this.byThread.set(merged.threadId, new Set());
      this.byThread.get(merged.threadId).add(merged.sourceId);
    }
    this.evict();
    return merged;
  }

  get(sourceId) {
    return this.byId.get(sourceId) ?? null;
  }

  ofThread(threadId) {
    const ids = this.byThread.get(normalizeThreadId(threadId));
    return ids ? [...ids].map((id) => this.byId.get(id)).filter(Boolean) : [];
  }

  evict() {
    while (this.byId.size > this.maxMessages) {
      const [oldestId, oldest] = this.byId.entries().next().value;
      this.byId.delete(oldestId);
      this.byThread.get(oldest.threadId)?.delete(oldestId);
    }
  }
}
