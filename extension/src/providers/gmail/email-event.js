import { directionOf } from "./direction.js";

const MESSAGE_ID = /^msg-[af]:/;
const THREAD_ID = /^thread-[af]:/;

/**
 * Gmail lets a compose request name a custom thread id ("thread-a:r1|msg-a:r2"); the
 * part before "|" is the thread id Gmail uses everywhere else.
 */
export function normalizeThreadId(threadId) {
  return typeof threadId === "string" ? threadId.split("|")[0] : threadId;
}

function toInstant(milliseconds) {
  const date = new Date(Number(milliseconds));
  if (milliseconds == null || Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

/**
 * The wire event for one message (field names are the capture contract in DESIGN.md).
 * Throws, naming the field, when the message lacks something the contract requires, so
 * the caller can skip that one message and keep the rest of the thread.
 */
export function toEmailEvent(message, accountEmail) {
  const { sourceId, rfcMessageId, labels } = message;
  const threadId = normalizeThreadId(message.threadId);
  const occurredAt = toInstant(message.occurredAtMs);
  if (!MESSAGE_ID.test(sourceId ?? "")) throw new Error(`sourceId: not a Gmail message id: ${sourceId}`);
  if (!THREAD_ID.test(threadId ?? "")) throw new Error(`threadId: not a Gmail thread id: ${threadId}`);
  if (!message.from) throw new Error(`from: no sender address on ${sourceId}`);
  if (!occurredAt) throw new Error(`occurredAt: no timestamp on ${sourceId}`);

  const event = {
    type: "email",
    source: "gmail",
    sourceId,
    messageId: typeof rfcMessageId === "string" && rfcMessageId ? rfcMessageId : null,
    threadId,
    direction: directionOf(message.from.email, accountEmail, labels),
    occurredAt,
    from: message.from,
    to: message.to ?? [],
    cc: message.cc ?? [],
    subject: typeof message.subject === "string" ? message.subject : "",
  };
  if (typeof message.snippet === "string" && message.snippet.trim()) event.snippet = message.snippet.trim();
  // Gmail shows Bcc only on the rep's own sent mail; a customer only in Bcc still counts.
  if (Array.isArray(message.bcc) && message.bcc.length > 0) event.bcc = message.bcc;
  return event;
}

/**
 * Converts messages one at a time: a message that cannot become an event is counted in
 * `skipped` (with its reason) instead of failing the whole batch.
 */
export function toEmailEvents(messages, accountEmail) {
  const events = [];
  const problems = [];
  for (const message of messages) {
    try {
      events.push(toEmailEvent(message, accountEmail));
    } catch (error) {
      problems.push(error.message);
    }
  }
  return { events, skipped: problems.length, problems };
}
