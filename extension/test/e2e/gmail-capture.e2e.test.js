// End to end: the SHIPPED build (extension/dist, real manifest) in Debian's Chromium, the
// fake Gmail served at https://mail.google.com through playwright routing, and the real
// Quietlog server jar. Every request the browser makes (pages and service worker) goes
// through one route that records it; nothing but Gmail and the Quietlog server answers.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildExtension } from '../../scripts/build.js';
import { createFakeGmail, THREADS } from './fake-gmail/fake-gmail.js';
import { assertChromiumInstalled, launchWithExtension, reloadExtension } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { log } from './support/log.js';
import { panelText, pressSpaceOnPanelSwitch } from './support/thread-panel.js';
import { apiClient, assertServerBuilt, readBootstrapToken, startServer } from './support/quietlog-server.js';
import { waitFor } from './support/wait-for.js';

const GMAIL = 'https://mail.google.com';
const SEND_HOLD_MS = 3_000; // the undo window, shortened (chrome.storage.local sendHoldMs)
// A mailbox delegated to the rep (Gmail serves it at /mail/u/0/d/<token>/), and threads only
// the panel's cases open.
const DELEGATED = { token: 'AEsDelegatedBoss01', address: 'boss@acme.com' };
const panelThread = (n, from, subject) => ({
  via: 'fd', threadId: `thread-f:17999999999999999${n}`, messageId: `msg-f:17999999999999999${n}`, from, subject,
  snippet: `${subject}.`, bodyHtml: `<div>${subject}.</div>`, receivedAtMs: Date.UTC(2024, 4, 20, 9, Number(n) - 10, 0), rfcMessageId: `<panel-${n}@${from.email.split('@')[1]}>`,
});
const PANEL_THREADS = {
  delegatedCustomer: panelThread('11', { email: 'erin@umbrella-example.com', name: 'Erin Buyer' }, 'Delegated: contract review'),
  neverLogLater: panelThread('12', { email: 'frank@hooli-example.com', name: 'Frank Buyer' }, 'Hooli pricing'),
};
// What a server allowing the extension's origin would add (the prompt for host access
// cannot be answered in headless Chromium, see before()).
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE',
  'access-control-expose-headers': 'retry-after',
};

describe('Gmail capture in Chromium with the shipped extension', { timeout: 900_000 }, () => {
  const state = { cleanups: [], requests: [], captureBodies: [], rateLimitNext: null };
  let server;
  let admin;
  let context;
  let serviceWorker;
  let extensionId;
  let gmail;
  let repToken;
  let mail; // the rep's open Gmail tab
  let extensionDir;

  before(async () => {
    assertServerBuilt();
    assertChromiumInstalled();
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-e2e-'));
    state.cleanups.push(() => rm(tmp, { recursive: true, force: true }));
    const dataDir = path.join(tmp, 'server-data');
    await mkdir(dataDir);
    state.port = await freePort();
    state.dataDir = dataDir;
    server = await startServer({ port: state.port, dataDir, readyTimeoutMs: 300_000 }); // a busy machine starts it slowly
    state.cleanups.push(() => server.stop());
    admin = apiClient(server.baseUrl, readBootstrapToken(dataDir));
    await admin.post('/api/v1/admin/users', { email: 'rep@acme.com', name: 'Ann Rep', role: 'rep' });
    ({ token: repToken } = await admin.post('/api/v1/admin/tokens', { email: 'rep@acme.com' }));
    // The rep's addresses: the primary and a send-as alias on another domain.
    await admin.put('/api/v1/admin/users/rep@acme.com/addresses', { addresses: ['rep@acme.com', 'ann.rep@acme-sales.example'] });

    // The shipped build: extension/dist from the real manifest.
    extensionDir = await buildExtension({ log });
    const browser = await launchWithExtension({ profileDir: path.join(tmp, 'profile'), extensionDir });
    ({ context, serviceWorker, extensionId } = browser);
    state.cleanups.push(() => context.close());
    gmail = await createFakeGmail({
      accounts: { 0: 'rep@acme.com', 1: 'me@home.example' },
      sendAs: { 0: ['ann.rep@acme-sales.example'] },
      extraThreads: PANEL_THREADS,
      delegated: { [DELEGATED.token]: { index: 0, address: DELEGATED.address } },
    });
    await context.route('**/*', (route) => answer(route));
    await serviceWorker.evaluate((holdMs) => chrome.storage.local.set({ retryBaseMs: 500, retryCapMs: 2_000, sendHoldMs: holdMs }), SEND_HOLD_MS);

    // Options' Save asks Chrome for access to the server's origin, and headless Chromium
    // never answers that prompt; so the settings go in through the same message Save
    // sends, and the server's answers reach the extension with CORS headers (see answer()).
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await options.evaluate(([serverUrl, token]) => chrome.runtime.sendMessage({ type: 'saveSettings', serverUrl, token }), [server.baseUrl, repToken]);
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'syncNow' }));
    const me = await waitFor('the extension to know who it is', async () => {
      const stored = await serviceWorker.evaluate(() => chrome.storage.local.get('me'));
      return stored.me?.user?.email === 'rep@acme.com' ? stored.me : null;
    });
    assert.deepEqual(me.user.addresses, ['rep@acme.com', 'ann.rep@acme-sales.example'], 'GET /api/v1/me lists the rep\'s addresses');
    await options.close();
    mail = await openGmail(0);
  });

  after(async () => {
    for (const cleanup of state.cleanups.reverse()) await cleanup().catch((error) => log(`cleanup: ${error.message}`));
  });

  // Every request of every page and of the service worker comes here.
  async function answer(route) {
    const request = route.request();
    const url = new URL(request.url());
    if (url.protocol === 'chrome-extension:') return route.continue(); // the extension's own pages
    const entry = { at: Date.now(), method: request.method(), url: request.url(), fromWorker: request.serviceWorker() != null };
    state.requests.push(entry);
    if (url.origin === GMAIL) {
      const reply = gmail.handle({ method: request.method(), url: request.url(), body: request.postData() });
      return route.fulfill({ status: reply.status, contentType: reply.contentType, body: reply.body });
    }
    if (url.origin === server.baseUrl) {
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
      if (url.pathname === '/api/v1/captures') {
        state.captureBodies.push({ at: entry.at, body: JSON.parse(request.postData() ?? '{}') });
        if (state.rejectNext) {
          // The server's per-event refusal, as POST /api/v1/captures words it.
          const reason = state.rejectNext;
          state.rejectNext = null;
          const results = (JSON.parse(request.postData()).events ?? []).map((_, index) => ({ index, status: 'rejected', reason }));
          return route.fulfill({ status: 200, headers: CORS, contentType: 'application/json', body: JSON.stringify({ results }) });
        }
        if (state.rateLimitNext) {
          const seconds = state.rateLimitNext;
          state.rateLimitNext = null;
          entry.rateLimited = true;
          return route.fulfill({ status: 429, headers: { ...CORS, 'Retry-After': String(seconds) }, contentType: 'application/json', body: '{"error":{"code":"rate_limited","message":"slow down"}}' });
        }
      }
      let response;
      try {
        response = await route.fetch(); // the real server, over real HTTP
      } catch {
        return route.abort('connectionrefused'); // the server is down
      }
      return route.fulfill({ response, headers: { ...response.headers(), ...CORS } });
    }
    entry.refused = true;
    return route.abort();
  }

  async function openGmail(index, hash = '#inbox', { delegatedToken = null } = {}) {
    const page = await context.newPage();
    await page.goto(`${GMAIL}/mail/u/${index}/${delegatedToken ? `d/${delegatedToken}/` : ''}${hash}`);
    await page.waitForSelector('select[name=from] option', { state: 'attached' });
    return page;
  }

  async function send(page, { to, subject, from = null }) {
    if (from) await page.selectOption('select[name=from]', from);
    await page.fill('input[name=to]', to);
    await page.fill('input[name=subject]', subject);
    await page.fill('textarea[name=body]', 'Hello from the test.');
    await page.click('div[role=button][data-tooltip^="Send"]');
    await waitForText(page, '#status', 'Message sent');
  }

  const capturedEvents = () => state.captureBodies.flatMap(({ body }) => body.events ?? []);
  const capturedText = () => JSON.stringify(state.captureBodies.map(({ body }) => body));

  async function storedInteraction(subject) {
    return waitFor(`"${subject}" stored on the server`, async () => {
      const { interactions } = await admin.get('/api/v1/interactions');
      return interactions.find((interaction) => interaction.subject === subject) ?? null;
    }, { timeoutMs: 60_000, intervalMs: 300 });
  }

  it('keeps the token where content scripts cannot read it (not in chrome.storage.local)', async () => {
    const local = await serviceWorker.evaluate(() => chrome.storage.local.get(null));
    assert.ok(!JSON.stringify(local).includes(repToken), 'chrome.storage.local does not hold the token');
    assert.ok(!JSON.stringify(local).includes(repToken.split('.')[2]), 'nor any part of it');
    const fromDatabase = await serviceWorker.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('quietlog');
      open.onsuccess = () => {
        const get = open.result.transaction('secrets').objectStore('secrets').get('token');
        get.onsuccess = () => { resolve(get.result); open.result.close(); };
        get.onerror = () => reject(get.error);
      };
      open.onerror = () => reject(open.error);
    }));
    assert.equal(fromDatabase, repToken, 'the token lives in the extension\'s own IndexedDB');
  });

  it('logs a send once, with Gmail\'s Message-ID, after the undo window', async () => {
    await send(mail, { to: 'bob@globex-example.com', subject: 'Quote A' });
    const stored = await storedInteraction('Quote A');
    const sent = gmail.sends.find((s) => s.subject === 'Quote A');
    const events = capturedEvents().filter((event) => event.sourceId === sent.messageId);
    assert.equal(events.length, 1, `uploaded once: ${JSON.stringify(events)}`);
    assert.equal(events[0].messageId, sent.rfcMessageId);
    assert.equal(events[0].mailbox, 'rep@acme.com');
    assert.ok(stored.reps.some((rep) => rep.email === 'rep@acme.com' && rep.direction === 'outbound'), JSON.stringify(stored.reps));
  });

  it('logs nothing for an undone send', async () => {
    await send(mail, { to: 'bob@globex-example.com', subject: 'Quote undone' });
    await mail.click('#undo');
    await waitForText(mail, '#status', 'Sending undone.');
    // A later send is held as long; once it is on the server, the undone one would be too.
    await send(mail, { to: 'bob@globex-example.com', subject: 'Quote after undo' });
    await storedInteraction('Quote after undo');
    assert.ok(!capturedText().includes('Quote undone'), 'the undone send never left the browser');
    const { interactions } = await admin.get('/api/v1/interactions');
    assert.ok(!interactions.some((interaction) => interaction.subject === 'Quote undone'));
  });

  it('logs a thread that came with the page, without any thread request', async () => {
    const fdBefore = gmail.requests.filter((r) => r.pathname.endsWith('/i/fd')).length;
    const deepLink = await openGmail(0, '#inbox/pageData');
    const stored = await storedInteraction(THREADS.pageData.subject);
    assert.ok(stored.participants.some((p) => p.email === 'dave@initech-example.com'), JSON.stringify(stored.participants));
    assert.equal(gmail.requests.filter((r) => r.pathname.endsWith('/i/fd')).length, fdBefore, 'no /i/fd request was needed');
    await deepLink.close();
  });

  it('never lets an internal-only thread leave the browser', async () => {
    await mail.click(`tr.zA[data-key=internal]`);
    await mail.waitForSelector(`h2[data-thread-perm-id="${THREADS.internal.threadId}"]`);
    await mail.click(`tr.zA[data-key=customer]`);
    await storedInteraction(THREADS.customer.subject); // opened after it, so handled after it
    assert.ok(!capturedText().includes(THREADS.internal.subject));
    assert.ok(!capturedText().includes('ann@acme.com'));
  });

  it('shows the open thread\'s status and customer in the panel, and "Don\'t log this thread" takes it off the rep\'s record', async () => {
    const rep = apiClient(server.baseUrl, repToken);
    const page = await openGmail(0);
    await page.click('tr.zA[data-key=customer]');
    await storedInteraction(THREADS.customer.subject);
    const shown = await waitFor('the panel to show the thread as logged, with its customer', async () => {
      const text = await panelText(page);
      return text && text.includes('Logged: ') && text.includes('carla@globex-example.com') && /\d+ emails?/.test(text) ? text : null;
    });
    log(`panel: ${shown}`);
    await pressSpaceOnPanelSwitch(page); // the keyboard alone: focus the checkbox, Space
    await waitFor('the panel to confirm the thread is off the record', async () => ((await panelText(page)) ?? '').includes('removed from your record') || null);
    const status = await rep.get(`/api/v1/me/threads?source=gmail&threadId=${encodeURIComponent(THREADS.customer.threadId)}&mailbox=rep%40acme.com`);
    assert.equal(status.excluded, true);
    const { interactions } = await rep.get('/api/v1/interactions');
    assert.ok(!interactions.some((interaction) => interaction.subject === THREADS.customer.subject), 'the rep no longer has the thread on record');
    await waitFor('the panel to say why it is not logged', async () => ((await panelText(page)) ?? '').includes('Not logged: you chose not to log this thread.') || null);

    // Log it again, so the later cases can capture that thread.
    await pressSpaceOnPanelSwitch(page);
    await waitFor('the panel to confirm the thread is logged again', async () => ((await panelText(page)) ?? '').includes('logged again') || null);
    assert.equal((await rep.get(`/api/v1/me/threads?source=gmail&threadId=${encodeURIComponent(THREADS.customer.threadId)}&mailbox=rep%40acme.com`)).excluded, false);
    await page.close();
  });

  it('says in the panel why an internal-only thread is not logged', async () => {
    const page = await openGmail(0);
    await page.click('tr.zA[data-key=internal]');
    await waitForPanel(page, 'Not logged: internal only (everyone is a colleague).');
    await page.close();
  });

  it('says in the panel why the server skipped a thread (a never-log entry added after the extension read the policy)', async () => {
    const { neverLog } = await admin.get('/api/v1/admin/policy');
    await admin.patch('/api/v1/admin/policy', { neverLog: { addresses: neverLog.addresses, domains: [...neverLog.domains, 'hooli-example.com'] } });
    try {
      const page = await openGmail(0);
      await page.click('tr.zA[data-key=neverLogLater]');
      await waitForPanel(page, 'Not logged: someone in this thread is on a never-log list.', { timeoutMs: 60_000 });
      assert.ok(capturedEvents().some((event) => event.subject === PANEL_THREADS.neverLogLater.subject), 'the extension did not know yet, and uploaded it');
      const { interactions } = await admin.get('/api/v1/interactions');
      assert.ok(!interactions.some((interaction) => interaction.subject === PANEL_THREADS.neverLogLater.subject), 'the server skipped it');
      await page.close();
    } finally {
      await admin.patch('/api/v1/admin/policy', { neverLog });
    }
  });

  it('does not log a delegated mailbox and says why (panel and popup); logs it once the org allows delegated mailboxes', async () => {
    const subject = PANEL_THREADS.delegatedCustomer.subject;
    const boss = await openGmail(0, '#inbox', { delegatedToken: DELEGATED.token });
    await boss.click('tr.zA[data-key=delegatedCustomer]');
    const refused = await waitForPanel(boss, 'Not logged: a mailbox delegated to you, which your organisation does not log.');
    assert.ok(!refused.includes('not one of your addresses'), refused);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await waitForText(popup, '#gmail-accounts', `Not logging this account: ${DELEGATED.address} (a mailbox delegated to you, which your organisation does not log)`);
    await popup.close();
    await send(mail, { to: 'bob@globex-example.com', subject: 'After the delegated mailbox' });
    await storedInteraction('After the delegated mailbox');
    assert.ok(!capturedText().includes(subject), 'nothing of the delegated mailbox was uploaded');
    assert.ok(!capturedEvents().some((event) => event.mailbox === DELEGATED.address));
    await boss.close();

    await admin.patch('/api/v1/admin/policy', { allowDelegatedMailboxes: true });
    try {
      // The extension reads the policy again (as it does every hour).
      await serviceWorker.evaluate(() => chrome.storage.local.remove('meCheckedAt'));
      const allowed = await openGmail(0, '#inbox', { delegatedToken: DELEGATED.token });
      await allowed.click('tr.zA[data-key=delegatedCustomer]');
      const stored = await storedInteraction(subject);
      assert.ok(stored.reps.some((rep) => rep.email === 'rep@acme.com'), JSON.stringify(stored.reps));
      assert.ok(capturedEvents().some((event) => event.subject === subject && event.mailbox === DELEGATED.address));
      await waitForPanel(allowed, 'Logged: 1 message on your record', { timeoutMs: 60_000 });
      const again = await context.newPage();
      await again.goto(`chrome-extension://${extensionId}/popup/popup.html`);
      await waitForText(again, '#gmail-accounts', `Logging: ${DELEGATED.address} (delegated to you)`);
      await again.close();
      await allowed.close();
    } finally {
      await admin.patch('/api/v1/admin/policy', { allowDelegatedMailboxes: false });
      await serviceWorker.evaluate(() => chrome.storage.local.remove('meCheckedAt'));
    }
  });

  it('logs nothing from another Gmail account in the same browser (/mail/u/1/), and says so in the popup', async () => {
    const home = await openGmail(1);
    await home.click('tr.zA[data-key=customer]');
    await home.waitForSelector(`h2[data-thread-perm-id="${THREADS.customer.threadId}"]`);
    await waitForPanel(home, 'Not logged: not one of your addresses.');
    await send(home, { to: 'bob@globex-example.com', subject: 'Personal mail' });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await waitForText(popup, '#gmail-accounts', 'Not logging this account: me@home.example');
    await waitForText(popup, '#gmail-accounts', 'Logging: rep@acme.com');
    await send(mail, { to: 'bob@globex-example.com', subject: 'After the personal account' });
    await storedInteraction('After the personal account');
    assert.ok(!capturedText().includes('me@home.example'), 'no event from the personal mailbox was uploaded');
    assert.ok(!capturedText().includes('Personal mail'));
    const elsewhere = state.requests.filter((r) => new URL(r.url).origin !== GMAIL && new URL(r.url).origin !== server.baseUrl);
    assert.deepEqual(elsewhere.filter((r) => !r.url.startsWith('chrome-extension://')), [], 'the extension talked to nobody but Gmail and the Quietlog server');
    await popup.close();
    await home.close();
  });

  it('ignores messages forged by a page script', async () => {
    await mail.evaluate(({ subject }) => {
      const event = { type: 'email', source: 'gmail', sourceId: 'msg-f:42', messageId: '<forged@evil.example>', threadId: 'thread-f:42', direction: 'inbound', occurredAt: new Date().toISOString(), from: { email: 'eve@evil-example.com', name: 'Eve' }, to: [{ email: 'rep@acme.com', name: null }], cc: [], subject };
      // The old window.postMessage protocol, the channel's message shape, and a port of its own.
      window.postMessage({ tag: 'quietlog:gmail-sync@1', kind: 'thread', url: '/sync/u/0/i/fd', status: 200, requestBody: null, responseText: '[]', accountEmail: 'rep@acme.com' }, location.origin);
      window.postMessage({ seq: 1, message: { op: 'capture', events: [event], hold: null } }, location.origin);
      const channel = new MessageChannel();
      window.postMessage({ tag: 'quietlog:gmail-channel@2' }, location.origin, [channel.port2]);
      channel.port1.postMessage({ seq: 1, message: { op: 'capture', events: [event], hold: null } });
    }, { subject: 'Forged subject' });
    await send(mail, { to: 'bob@globex-example.com', subject: 'After the forgery' });
    await storedInteraction('After the forgery');
    assert.ok(!capturedText().includes('Forged subject'));
  });

  it('logs a send from a +alias of the rep as outbound', async () => {
    await send(mail, { to: 'bob@globex-example.com', subject: 'Alias quote', from: 'rep+deals@acme.com' });
    const stored = await storedInteraction('Alias quote');
    const event = capturedEvents().find((e) => e.subject === 'Alias quote');
    assert.equal(event.direction, 'outbound');
    assert.equal(event.from.email, 'rep+deals@acme.com');
    assert.ok(stored.reps.some((rep) => rep.email === 'rep@acme.com' && rep.direction === 'outbound'), JSON.stringify(stored.reps));
  });

  it('logs a send from a send-as alias (another of the rep\'s addresses) as outbound', async () => {
    await send(mail, { to: 'bob@globex-example.com', subject: 'Send-as quote', from: 'ann.rep@acme-sales.example' });
    const stored = await storedInteraction('Send-as quote');
    const event = capturedEvents().find((e) => e.subject === 'Send-as quote');
    assert.equal(event.direction, 'outbound');
    assert.equal(event.mailbox, 'rep@acme.com');
    assert.ok(stored.reps.some((rep) => rep.email === 'rep@acme.com' && rep.direction === 'outbound'), JSON.stringify(stored.reps));
  });

  it('honours Retry-After on a new capture', async () => {
    state.rateLimitNext = 3;
    const first = await openGmail(0);
    await first.click('tr.zA[data-key=customer]');
    const limited = await waitFor('a 429 answered', () => state.requests.find((r) => r.rateLimited));
    // A new capture right away: its flush must not knock before the server's 3 s are over.
    const second = await openGmail(0, '#inbox/pageData');
    await waitFor('the captures uploaded after the wait', () => state.captureBodies.find((c) => c.at > limited.at), { timeoutMs: 30_000 });
    const next = state.captureBodies.find((c) => c.at > limited.at);
    assert.ok(next.at - limited.at >= 2_900, `next upload ${next.at - limited.at} ms after the 429`);
    await waitFor('the outbox drained', async () => (await serviceWorker.evaluate(() => chrome.storage.local.get('queueSize'))).queueSize === 0);
    await first.close();
    await second.close();
  });

  it('keeps an event the server refuses in the popup, with the server\'s reason, and exports it', async () => {
    state.rejectNext = 'subject: refused for the test';
    await send(mail, { to: 'bob@globex-example.com', subject: 'Refused quote' });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await waitForText(popup, '#rejected', 'Refused quote: subject: refused for the test');
    assert.equal(await popup.textContent('#dead-letter-count'), '1');
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#export-dead-letters')]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.length, 1);
    assert.equal(exported[0].event.subject, 'Refused quote');
    assert.equal(exported[0].reason, 'subject: refused for the test');
    await popup.close();
  });

  it('keeps what it captures while the server is down and uploads it when it is back', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await server.stop();
    await send(mail, { to: 'bob@globex-example.com', subject: hostile });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await waitForText(popup, '#last-error', 'Cannot reach', { timeoutMs: 30_000 });
    assert.equal(await popup.textContent('#queue-size'), '1');
    server = await startServer({ port: state.port, dataDir: state.dataDir, readyTimeoutMs: 300_000 });
    await storedInteraction(hostile);
    await waitForText(popup, '#queue-size', '0', { timeoutMs: 30_000 });
    await popup.close();

    // The subject arrived as the exact text, not cleaned or cut (the dashboard escapes it).
    const event = capturedEvents().find((e) => e.subject === hostile);
    assert.equal(event.direction, 'outbound');
  });

  it('keeps capturing in an open tab after the extension is reloaded', async () => {
    const before = Date.now();
    const { id } = await reloadExtension(context, extensionDir);
    assert.equal(id, extensionId, 'the same extension, updated in place');
    // The extension's own page reads its storage whether or not playwright sees the new worker.
    const extensionPage = await context.newPage();
    const { lastInstall } = await waitFor('the update to re-inject into the open Gmail tab', async () => {
      if (!extensionPage.url().startsWith('chrome-extension://')) await extensionPage.goto(`chrome-extension://${extensionId}/popup/popup.html`);
      const stored = await extensionPage.evaluate(() => chrome.storage.local.get('lastInstall'));
      return stored.lastInstall?.at >= before ? stored : null;
    });
    await extensionPage.close();
    log(`after reload: ${JSON.stringify(lastInstall)}`);
    assert.ok(lastInstall.reinjectedTabs >= 1);
    await send(mail, { to: 'bob@globex-example.com', subject: 'After the reload' });
    const stored = await storedInteraction('After the reload');
    assert.ok(stored.reps.some((rep) => rep.email === 'rep@acme.com'));
  });
});

async function waitForPanel(page, expected, options) {
  return waitFor(`the panel to say "${expected}"`, async () => {
    const text = (await panelText(page)) ?? '';
    if (!text.includes(expected)) throw new Error(`the panel reads "${text.trim()}"`);
    return text;
  }, options);
}

async function waitForText(page, selector, expected, options) {
  return waitFor(`${selector} to contain "${expected}"`, async () => {
    const text = (await page.textContent(selector)) ?? '';
    if (!text.includes(expected)) throw new Error(`${selector} reads "${text.trim()}"`);
    return text.trim();
  }, options);
}
