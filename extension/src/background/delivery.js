// Sends one batch, splitting it when the server refuses it as a whole. No chrome.* or
// fetch here: the caller injects `post` and the outbox/status callbacks, so the whole
// flow is unit-tested in Node (test/unit/delivery.test.js).
import { splitBatch } from './batching.js';
import { isBatchRefusal, planRefusal, settleBatch } from './results.js';

const isServerError = (outcome) => outcome.kind === 'retry' && Number.isInteger(outcome.status) && outcome.status >= 500;

/**
 * Sends `batch` with `post(part) -> outcome` ({kind, status, body, ...}, see
 * classifyUploadResponse). When the server refuses a part as a whole (413 too large,
 * 400 malformed) the part is split in half and both halves are sent at once, older
 * first, down to single events, which are settled as rejected with the server's
 * message. So one bad event costs about 2*log2(n) requests and the good ones around it
 * still go in this same flush.
 *
 * `bisectServerErrors` (the caller sets it after repeated 5xx on the same batch): a 5xx
 * splits the part too, newer half first. Once any part got through, the server is
 * alive, so a single event that still fails is returned in `parked` (the caller keeps it
 * but sends it later) and cannot block the rest. Two 5xx in a row before any success
 * mean the server is down: stop as usual.
 *
 * After each part the server decided about, `onSettled({settledIds, rejected, outcomes?, ok})` is
 * awaited (so the caller takes those events out of the outbox at once); on a 413 for
 * two or more events, `onTooLarge(part, outcome)` is awaited first (to learn limits).
 *
 * Stops at the first answer that means "later" (auth, retry, or a 2xx that decided
 * nothing) and returns it as `failure`; the parts not sent yet stay queued.
 * Returns {sent, failure, parked}: sent counts events that left the outbox.
 */
export async function deliverBatch(batch, { post, onSettled = async () => {}, onTooLarge = async () => {}, bisectServerErrors = false }) {
  const pending = [batch];
  const parked = [];
  let sent = 0;
  let serverErrorsInARow = 0;
  let lastServerError = null;
  while (pending.length > 0) {
    const part = pending.shift();
    if (part.length === 0) continue;
    const outcome = await post(part);
    if (outcome.kind === 'ok') {
      const settled = settleBatch(part, outcome.body);
      if (settled.settledIds.length === 0) {
        // A 2xx that decided nothing: going round again at once would spin.
        return { sent, parked, failure: { kind: 'retry', status: outcome.status, body: { error: { message: 'the answer had no results' } } } };
      }
      serverErrorsInARow = 0;
      await onSettled({ settledIds: settled.settledIds, rejected: settled.rejected, outcomes: settled.outcomes, ok: true });
      sent += settled.settledIds.length;
      continue;
    }
    if (bisectServerErrors && isServerError(outcome)) {
      lastServerError = outcome;
      serverErrorsInARow += 1;
      if (sent === 0 && serverErrorsInARow >= 2) return { sent, parked, failure: outcome };
      if (part.length > 1) {
        const [older, newer] = splitBatch(part);
        pending.unshift(newer, older);
      } else {
        parked.push(part[0]);
      }
      continue;
    }
    if (!isBatchRefusal(outcome.kind)) return { sent, parked: sent > 0 ? parked : [], failure: outcome };
    const plan = planRefusal(part, outcome);
    if (plan.action === 'split') {
      if (outcome.kind === 'too_large') await onTooLarge(part, outcome);
      pending.unshift(...plan.parts);
      continue;
    }
    await onSettled({ settledIds: plan.rejected.map((r) => r.localId), rejected: plan.rejected, ok: false });
    sent += plan.rejected.length;
  }
  if (parked.length > 0 && sent === 0) return { sent, parked: [], failure: lastServerError };
  return { sent, parked, failure: null };
}
