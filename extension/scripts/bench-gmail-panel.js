// The Gmail thread panel's fill time, measured in real Chromium (/usr/bin/chromium via
// playwright-core) with the SHIPPED build (real manifest), the fake Gmail of the e2e test
// served at https://mail.google.com through playwright routing, and the real Quietlog
// server jar on its embedded PostgreSQL. The rep opens N threads whose messages are
// already on the server; for each, the page itself records (performance.now, in a
// MutationObserver installed before Gmail's scripts run) when the thread's DOM appears and
// when the panel's host turns data-state="ready" (the service worker's answer drawn).
// Nothing here waits for a time: every wait is for a state.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildExtension } from './build.js';
import { createFakeGmail } from '../test/e2e/fake-gmail/fake-gmail.js';
import { assertChromiumInstalled, currentServiceWorker, launchWithExtension } from '../test/e2e/support/browser.js';
import { freePort } from '../test/e2e/support/free-port.js';
import { log } from '../test/e2e/support/log.js';
import { panelText } from '../test/e2e/support/thread-panel.js';
import { apiClient, assertServerBuilt, readBootstrapToken, startServer } from '../test/e2e/support/quietlog-server.js';
import { waitFor } from '../test/e2e/support/wait-for.js';

export const PANEL_GOAL_MS = 150;
const GMAIL = 'https://mail.google.com';
const REP = 'rep@acme.com';

/** N customer threads (opened through /i/fd), a few customers per account. */
export function benchThreads(count) {
  const threads = {};
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(3, '0');
    const account = `account${i % 10}-example.com`;
    threads[`bench${n}`] = {
      via: 'fd',
      threadId: `thread-f:1800000000000000${n}`,
      messageId: `msg-f:1800000000000000${n}`,
      from: { email: `buyer${n}@${account}`, name: `Buyer ${n}` },
      subject: `Bench thread ${n}`,
      snippet: `About order ${n}.`,
      bodyHtml: `<div>About order ${n}.</div>`,
      receivedAtMs: Date.UTC(2026, 10, 1, 9, 0, 0) + i * 60_000,
      rfcMessageId: `<bench-${n}@${account}>`,
    };
  }
  return threads;
}

// Runs in the page before any of its scripts: timestamps of the thread's DOM appearing and
// of the panel's states, all on the page's own clock.
function installPageClock() {
  const marks = { opened: [], checking: [], ready: [] };
  window.__panelBench = marks;
  const note = (node) => {
    if (node.nodeType !== 1) return;
    const heading = node.matches('h2[data-thread-perm-id]') ? node : node.querySelector?.('h2[data-thread-perm-id]');
    if (heading) marks.opened.push({ t: performance.now(), threadId: heading.getAttribute('data-thread-perm-id') });
  };
  const observer = new MutationObserver((records) => {
    const t = performance.now();
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          note(node);
          if (node.localName === 'quietlog-thread-panel' && node.getAttribute('data-state') === 'checking') marks.checking.push({ t });
        }
      } else if (record.target.localName === 'quietlog-thread-panel') {
        const state = record.target.getAttribute('data-state');
        if (state !== record.oldValue && (state === 'checking' || state === 'ready')) marks[state].push({ t });
      }
    }
  });
  const start = () => observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-state'] });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/**
 * Runs the measurement and prints the figures with the goal; returns them as sorted arrays
 * of ms ({fill, drawn, worker, own, before, after, server, idle, status, summary}).
 * `threads`: how many threads the rep opens; `warmup`: requests that warm the server first.
 */
export async function benchPanel({ threads: count = 30, warmup = 500, print = console.log } = {}) {
  assertServerBuilt();
  assertChromiumInstalled();
  const cleanups = [];
  try {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-bench-panel-'));
    cleanups.push(() => rm(tmp, { recursive: true, force: true }));
    const dataDir = path.join(tmp, 'server-data');
    await mkdir(dataDir);
    const server = await startServer({ port: await freePort(), dataDir, readyTimeoutMs: 300_000 });
    cleanups.push(() => server.stop());
    const admin = apiClient(server.baseUrl, readBootstrapToken(dataDir));
    await admin.post('/api/v1/admin/users', { email: REP, name: 'Ann Rep', role: 'rep' });
    const { token } = await admin.post('/api/v1/admin/tokens', { email: REP });
    const rep = apiClient(server.baseUrl, token);

    // The threads are already on the rep's record (logged earlier): the panel has a
    // status and a contact summary to show for each.
    const threads = benchThreads(count);
    const events = Object.values(threads).map((t) => ({
      type: 'email', source: 'gmail', sourceId: t.messageId, messageId: t.rfcMessageId, threadId: t.threadId, direction: 'inbound',
      occurredAt: new Date(t.receivedAtMs).toISOString(), from: t.from, to: [{ email: REP, name: null }], cc: [], subject: t.subject, mailbox: REP,
    }));
    const { results } = await rep.post('/api/v1/captures', { client: { name: 'bench', version: '1' }, events });
    assert.ok(results.every((r) => r.status === 'stored'), `seeded: ${JSON.stringify(results.filter((r) => r.status !== 'stored'))}`);

    // How quickly the server answers the panel's two questions, for context (before the
    // browser starts): each alone, then both at once as the panel asks them.
    const serverMs = { status: [], summary: [], both: [] };
    const timed = async (list, work) => { const started = performance.now(); await work(); list.push(performance.now() - started); };
    const statusOf = (t) => rep.get(`/api/v1/me/threads?source=gmail&threadId=${encodeURIComponent(t.threadId)}&mailbox=${encodeURIComponent(REP)}`);
    const summaryOf = (t) => rep.get(`/api/v1/contacts/${encodeURIComponent(t.from.email)}/summary`);
    // A server that has been running a while has compiled these paths; a fresh JVM has not.
    const list = Object.values(threads);
    for (let i = 0; i < warmup; i += 1) await Promise.all([statusOf(list[i % list.length]), summaryOf(list[i % list.length])]);
    for (const t of list) {
      await timed(serverMs.status, () => statusOf(t));
      await timed(serverMs.summary, () => summaryOf(t));
      await timed(serverMs.both, () => Promise.all([statusOf(t), summaryOf(t)]));
    }

    const extensionDir = await buildExtension({ outDir: path.join(tmp, 'extension'), log });
    const { context, serviceWorker, extensionId } = await launchWithExtension({ profileDir: path.join(tmp, 'profile'), extensionDir });
    cleanups.push(() => context.close());
    const gmail = await createFakeGmail({ accounts: { 0: REP }, extraThreads: threads });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await options.evaluate(([serverUrl, t]) => chrome.runtime.sendMessage({ type: 'saveSettings', serverUrl, token: t }), [server.baseUrl, token]);
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'syncNow' }));
    await waitFor('the extension to know who it is', async () => (await serviceWorker.evaluate(() => chrome.storage.local.get('me'))).me?.user?.email === REP);
    await options.close();

    const page = await context.newPage();
    // Only Gmail is faked, and only for the Gmail tab: a context-wide route would hold every
    // request of the service worker too (to the server included) in playwright's process,
    // adding tens of milliseconds that no rep's browser has. The service worker reaches the
    // server directly (127.0.0.1 is in the shipped manifest's host permissions).
    await page.route(`${GMAIL}/**`, (route) => {
      const request = route.request();
      const reply = gmail.handle({ method: request.method(), url: request.url(), body: request.postData() });
      return route.fulfill({ status: reply.status, contentType: reply.contentType, body: reply.body });
    });
    await page.addInitScript(installPageClock);
    await page.goto(`${GMAIL}/mail/u/0/#inbox`);
    await page.waitForSelector('select[name=from] option', { state: 'attached' });

    // The server's part, as the service worker saw it (Resource Timing of its fetches).
    const worker = () => currentServiceWorker(context, extensionId) ?? serviceWorker;
    const workerFetches = () => worker().evaluate(() => performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + e.responseEnd }))).catch(() => null);
    const openOne = async (key, threadId) => {
      await worker().evaluate(() => performance.clearResourceTimings()).catch(() => {});
      await page.evaluate(() => { for (const list of Object.values(window.__panelBench)) list.length = 0; });
      await page.click(`tr.zA[data-key=${key}]`);
      const marks = await page.waitForFunction((id) => {
        const m = window.__panelBench;
        const opened = m.opened.find((o) => o.threadId === id);
        const ready = opened && m.ready.find((r) => r.t >= opened.t);
        return ready ? { opened: opened.t, checking: m.checking.find((c) => c.t >= opened.t)?.t ?? null, ready: ready.t, origin: performance.timeOrigin } : null;
      }, threadId, { timeout: 30_000 }).then((handle) => handle.jsonValue());
      const text = await panelText(page);
      const fetches = (await workerFetches()) ?? [];
      // The first answer's requests: the thread's status and the summaries asked with it.
      const first = fetches.filter((f) => f.url.includes('/api/v1/me/threads?') && f.url.includes(encodeURIComponent(threadId))).sort((a, b) => a.start - b.start)[0];
      const group = first ? fetches.filter((f) => f === first || (f.url.includes('/api/v1/contacts/') && f.start >= first.start - 5 && f.start <= first.end)) : [];
      const serverMs = first ? Math.max(...group.map((f) => f.end)) - Math.min(...group.map((f) => f.start)) : null;
      // On one clock (timeOrigin + now): shown -> first request sent, last answer -> drawn.
      const before = first ? Math.min(...group.map((f) => f.start)) - (marks.origin + marks.opened) : null;
      const after = first ? marks.origin + marks.ready - Math.max(...group.map((f) => f.end)) : null;
      await page.evaluate(() => window.fakeGmail.closeThread());
      await page.waitForFunction(() => !document.querySelector('quietlog-thread-panel'));
      return { ...marks, text, serverMs, before, after };
    };

    // Warm-up (not counted): the service worker's first answer, Chromium's first paint of a panel.
    for (const key of ['customer', 'pageData']) await openOne(key, gmail.threads[key].threadId);

    const fill = [];
    const drawn = [];
    const seen = [];
    const own = [];
    const befores = [];
    const afters = [];
    for (const [key, thread] of Object.entries(threads)) {
      const result = await openOne(key, thread.threadId);
      assert.ok(result.text?.includes('Logged: 1 message') && result.text.includes(thread.from.email), `the panel is filled for ${key}: ${result.text}`);
      fill.push(result.ready - result.opened);
      if (result.checking != null) drawn.push(result.checking - result.opened);
      if (result.serverMs != null) {
        seen.push(result.serverMs);
        own.push(result.ready - result.opened - result.serverMs);
        befores.push(result.before);
        afters.push(result.after);
      }
    }
    // The same two requests from the service worker with nothing else going on: the floor
    // the server and Chromium's network stack set for the panel on this machine.
    const idle = await worker().evaluate(async ([base, bearer, asks, rep]) => {
      const out = [];
      for (const [threadId, email] of asks) {
        const started = performance.now();
        const get = (url) => fetch(url, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' }, credentials: 'omit' }).then((r) => r.json());
        await Promise.all([
          get(`${base}/api/v1/me/threads?source=gmail&threadId=${encodeURIComponent(threadId)}&mailbox=${encodeURIComponent(rep)}`),
          get(`${base}/api/v1/contacts/${encodeURIComponent(email)}/summary`),
        ]);
        out.push(performance.now() - started);
      }
      return out;
    }, [server.baseUrl, token, Object.values(threads).map((t) => [t.threadId, t.from.email]), REP]);
    const sort = (list) => [...list].sort((a, b) => a - b);
    const figures = { fill: sort(fill), drawn: sort(drawn), worker: sort(seen), own: sort(own), before: sort(befores), after: sort(afters), server: sort(serverMs.both), idle: sort(idle), status: sort(serverMs.status), summary: sort(serverMs.summary) };
    const ms = (value) => (value == null ? '–' : `${value.toFixed(1)} ms`);
    const line = (list) => `median ${ms(quantile(list, 0.5))}   p95 ${ms(quantile(list, 0.95))}   max ${ms(list.at(-1))}`;
    print(`Gmail thread panel, real Chromium with the shipped build, fake Gmail at ${GMAIL}, real server (warmed by ${warmup} status + summary requests); ${count} threads opened (after 2 warm-up opens):`);
    print(`  thread shown -> panel filled (server status + contact drawn): ${line(figures.fill)}`);
    print(`  thread shown -> panel drawn ("Checking this thread…"):        ${line(figures.drawn)}`);
    print(`  of which the server's answers, as the service worker saw them: ${line(figures.worker)}`);
    print(`  the rest (extension and page, fill minus server), per thread:  ${line(figures.own)}`);
    print(`    thread shown -> the service worker's first request sent:    ${line(figures.before)}`);
    print(`    last answer in the service worker -> panel filled:         ${line(figures.after)}`);
    print(`  the same two requests from the idle service worker, in turn:   ${line(figures.idle)}`);
    print(`  server alone, from Node before the browser started: both      ${line(figures.server)}`);
    print(`    GET /api/v1/me/threads alone:                               ${line(figures.status)}`);
    print(`    GET /api/v1/contacts/{email}/summary alone:                 ${line(figures.summary)}`);
    const p95 = quantile(figures.fill, 0.95);
    print(`  goal: filled within ${PANEL_GOAL_MS} ms of the thread opening -> p95 ${ms(p95)}: ${p95 < PANEL_GOAL_MS ? 'met' : 'NOT met'}`);
    return figures;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(`cleanup: ${error.message}`));
  }
}
