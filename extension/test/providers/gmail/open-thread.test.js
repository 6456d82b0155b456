// Which thread is open, watched on a tiny window stand-in: the first change after a quiet
// spell is seen at once (the panel follows the click), a burst of mutations costs one
// look per delay, and a thread closing is reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchOpenThread } from '../../../src/providers/gmail/open-thread.js';

function fakeWindow() {
  let now = 0;
  let heading = null;
  const timers = [];
  const observers = [];
  const win = {
    performance: { now: () => now },
    setTimeout: (fn, ms) => { timers.push({ at: now + ms, fn }); return timers.length; },
    addEventListener() {},
    MutationObserver: class { constructor(fn) { observers.push(fn); } observe() {} },
    document: {
      documentElement: {},
      querySelector: (selector) => {
        looks += 1;
        return selector === 'h2[data-thread-perm-id]' && heading ? { getAttribute: () => heading } : null;
      },
    },
  };
  let looks = 0;
  return {
    win,
    open(threadId) { heading = threadId; for (const fn of observers) fn([]); },
    mutate() { for (const fn of observers) fn([]); },
    advance(ms) {
      now += ms;
      for (const timer of timers.splice(0).sort((a, b) => a.at - b.at)) {
        if (timer.at <= now) timer.fn(); else timers.push(timer);
      }
    },
    looks: () => looks,
  };
}

describe('watchOpenThread', () => {
  it('reports a thread the moment its heading appears, and its closing', () => {
    const page = fakeWindow();
    const seen = [];
    watchOpenThread(page.win, (threadId) => seen.push(threadId));
    page.advance(100);
    assert.deepEqual(seen, [null]);
    page.open('thread-f:42');
    assert.deepEqual(seen, [null, 'thread-f:42'], 'seen in the same turn, without waiting for a timer');
    page.advance(100);
    page.open(null);
    assert.deepEqual(seen, [null, 'thread-f:42', null]);
  });

  it('coalesces a burst of mutations into one look per delay', () => {
    const page = fakeWindow();
    const seen = [];
    watchOpenThread(page.win, (threadId) => seen.push(threadId), { delayMs: 25 });
    page.advance(100);
    const before = page.looks();
    page.mutate();
    for (let i = 0; i < 50; i += 1) page.mutate();
    page.open('thread-f:7'); // within the burst: seen by the trailing look
    assert.ok(page.looks() - before <= 2, `${page.looks() - before} looks`);
    page.advance(25);
    assert.deepEqual(seen, [null, 'thread-f:7']);
  });
});
