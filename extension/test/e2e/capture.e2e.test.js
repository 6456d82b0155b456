// End to end: real Chromium with the built extension, the fake Gmail, and the real
// Quietlog server jar. Proves that mail captured while the server is down waits in the
// outbox and arrives once it is back, and that a hostile subject shows as text.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildExtension } from '../../scripts/build.js';
import { assertChromiumInstalled, launchWithExtension } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { log } from './support/log.js';
import { apiClient, assertServerBuilt, readBootstrapToken, startServer } from './support/quietlog-server.js';
import { waitFor } from './support/wait-for.js';

const HOSTILE_SUBJECT = '<img src=x onerror=alert(1)>';
const RECEIVED_SUBJECT = 'Renewal quote for Q3';
// The shipped manifest matches Gmail only; this copy also matches the fake Gmail.
const TEST_HOST_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

test('captures sent and read mail while the server is down and uploads it when it is back', { timeout: 600_000 }, async () => {
  assertServerBuilt();
  assertChromiumInstalled();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-e2e-'));
  const dataDir = path.join(tmp, 'server-data');
  await mkdir(dataDir);
  const cleanups = [];
  try {
    // 1. The real server, on a free port.
    const port = await freePort();
    log(`starting server on port ${port}, data in ${dataDir}`);
    let server = await startServer({ port, dataDir });
    cleanups.push(() => server.stop());

    // 2. A rep and the rep's token, made with the bootstrap admin token.
    const adminToken = readBootstrapToken(dataDir);
    const admin = apiClient(server.baseUrl, adminToken);
    await admin.post('/api/v1/admin/users', { email: 'rep@acme.com', name: 'Ann Rep', role: 'rep' });
    const { token: repToken } = await admin.post('/api/v1/admin/tokens', { email: 'rep@acme.com' });
    assert.ok(repToken, 'POST /api/v1/admin/tokens answers a token');
    log('rep user and token created');

    // 3. The extension, built to also match the fake Gmail, in Chromium.
    const extensionDir = await buildExtension({ outDir: path.join(tmp, 'extension'), extraHostMatches: TEST_HOST_MATCHES, log });
    const browser = await launchWithExtension({ profileDir: path.join(tmp, 'profile'), extensionDir });
    cleanups.push(() => browser.context.close());
    const { context, extensionId, serviceWorker } = browser;
    const dialogs = [];
    context.on('page', (page) => page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); }));
    // Retry quickly so the test waits seconds, not the 5 s..5 min a rep would.
    await serviceWorker.evaluate(() => chrome.storage.local.set({ retryBaseMs: 500, retryCapMs: 2_000 }));

    // 4. Options: server URL and token, Save, Test connection.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await options.fill('#server-url', server.baseUrl);
    await options.fill('#token', repToken);
    await options.click('#save');
    await waitForText(options, '#save-result', 'Saved.');
    await options.click('#test-connection');
    const connected = await waitForText(options, '#connection-result', 'Connected as Ann Rep');
    log(`options saved; test connection says: ${connected}`);
    assert.match(connected, /Connected as Ann Rep \(rep@acme\.com\)/);

    // 5. The fake Gmail.
    const { startFakeGmail } = await import('./fake-gmail/server.js');
    const gmail = await startFakeGmail({ accountEmail: 'rep@acme.com' });
    cleanups.push(() => gmail.close());
    log(`fake gmail at ${gmail.origin}`);

    // 6. Server down; send one email, read one.
    await server.stop();
    log('server stopped');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await waitForQueueSize(popup, 0);

    const mail = await context.newPage();
    await mail.goto(gmail.url ?? `${gmail.origin}/mail/u/0/`);
    await mail.fill('input[name=to]', 'bob@globex-example.com');
    await mail.fill('input[name=subject]', HOSTILE_SUBJECT);
    await mail.fill('textarea[name=body]', 'Hi Bob, the quote is attached.');
    await mail.click('div[role=button][data-tooltip^="Send"]');
    log('sent an email from the fake gmail');
    await mail.locator('tr.zA', { hasText: RECEIVED_SUBJECT }).first().click();
    log('opened the received thread');

    await waitForQueueSize(popup, 2, { timeoutMs: 30_000 });
    const lastError = await waitForText(popup, '#last-error', 'Cannot reach');
    log(`queue holds 2 events; popup says: ${lastError}`);
    assert.equal(await popup.textContent('#queue-size'), '2');

    // 7. Server back on the same port and data: the outbox drains by itself.
    server = await startServer({ port, dataDir });
    log('server restarted; waiting for the extension to upload');
    const interactions = await waitFor('both interactions stored on the server', async () => {
      const { interactions: list } = await admin.get('/api/v1/interactions');
      const subjects = list.map((interaction) => interaction.subject);
      return subjects.includes(HOSTILE_SUBJECT) && subjects.includes(RECEIVED_SUBJECT) ? list : null;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    log(`server holds ${interactions.length} interactions`);
    assert.equal(interactions.length, 2, `exactly the two captured emails: ${JSON.stringify(interactions.map((i) => i.subject))}`);
    const sent = interactions.find((interaction) => interaction.subject === HOSTILE_SUBJECT);
    assert.equal(sent.type, 'email');
    assert.ok(sent.reps.some((rep) => rep.email === 'rep@acme.com' && rep.direction === 'outbound'), JSON.stringify(sent.reps));
    assert.ok(sent.participants.some((p) => p.email === 'bob@globex-example.com'), JSON.stringify(sent.participants));
    const received = interactions.find((interaction) => interaction.subject === RECEIVED_SUBJECT);
    assert.ok(received.reps.some((rep) => rep.email === 'rep@acme.com' && rep.direction === 'inbound'), JSON.stringify(received.reps));
    assert.ok(received.participants.some((p) => p.email === 'carla@globex-example.com'), JSON.stringify(received.participants));
    await waitForQueueSize(popup, 0);
    assert.equal(await popup.isHidden('#last-error'), true, 'the popup error clears after a sync');
    log('outbox empty');

    // The dashboard shows the hostile subject as text.
    const dashboard = await context.newPage();
    await dashboard.goto(`${server.baseUrl}/login`);
    // [name=token]: the form may use an input or a textarea (a JWT is long).
    await dashboard.fill('form [name=token]', adminToken);
    await Promise.all([dashboard.waitForURL(/\/dashboard/), dashboard.click('form [type=submit]')]);
    const rows = dashboard.locator('table#interactions tbody tr');
    await waitFor('dashboard rows for both subjects', async () => {
      const text = (await rows.allTextContents()).join('\n');
      return text.includes(HOSTILE_SUBJECT) && text.includes(RECEIVED_SUBJECT);
    });
    const subjectCells = await dashboard.locator('table#interactions td.subject').allTextContents();
    assert.ok(subjectCells.includes(HOSTILE_SUBJECT), `a td.subject holds the raw string; cells: ${JSON.stringify(subjectCells)}`);
    assert.equal(await dashboard.locator('table#interactions img').count(), 0, 'no img element injected');
    assert.deepEqual(dialogs, [], 'no script ran from a subject');
    log('dashboard shows both subjects as text');
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => log(`cleanup: ${error.message}`));
    }
    await rm(tmp, { recursive: true, force: true });
    log('cleaned up');
  }
});

async function waitForText(page, selector, expected, options) {
  return waitFor(`${selector} to contain "${expected}"`, async () => {
    const text = (await page.textContent(selector)) ?? '';
    return text.includes(expected) ? text.trim() : null;
  }, options);
}

async function waitForQueueSize(popup, expected, options) {
  return waitFor(`the popup to show ${expected} queued`, async () => {
    const text = (await popup.textContent('#queue-size'))?.trim();
    return text === String(expected) ? text : null;
  }, options);
}
