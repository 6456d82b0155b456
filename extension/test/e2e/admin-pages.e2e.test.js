// End to end: the admins' pages of the dashboard in real Chromium against the real server jar.
// An admin opens Tokens from the frame's link, revokes a rep's token (the rep's next API call
// gets 401), sees the revocation in the Audit log, where a hostile user name is text and runs
// nothing; issues tokens from an uploaded CSV with a bad line (the good line is issued, the bad
// one named, the CSV download holds address,token); revokes all of a user's tokens after the
// confirmation. A manager has no link and gets 404. Screenshots go to test/e2e/artifacts/.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { assertChromiumInstalled, CHROMIUM } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { log } from './support/log.js';
import { apiClient, readBootstrapToken, startServer } from './support/quietlog-server.js';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const HOSTILE_NAME = '<img src=x onerror=alert("name")>';

/** The one way these tests sign in to the dashboard: the login form, as a person does. */
async function signIn(page, baseUrl, token) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('form [name=token]', token);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('form [type=submit]')]);
}

/** What a token's holder gets from the API: the status code of GET /api/v1/me. */
async function meStatus(baseUrl, token) {
  return (await fetch(`${baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

function watch(page) {
  const problems = { dialogs: [], errors: [] };
  page.on('dialog', (d) => { problems.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => problems.errors.push(e.message));
  // Resource errors are left out: this test opens a page it expects to be 404.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.errors.push(m.text()); });
  return problems;
}

test('an admin revokes and issues tokens and reads the audit log in the dashboard', { timeout: 300_000 }, async () => {
  assertChromiumInstalled();
  await mkdir(ARTIFACTS, { recursive: true });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-admin-pages-e2e-'));
  const cleanups = [];
  try {
    const dataDir = path.join(tmp, 'data');
    await mkdir(dataDir);
    const server = await startServer({ port: await freePort(), dataDir });
    cleanups.push(() => server.stop());
    const base = server.baseUrl;
    const adminToken = readBootstrapToken(dataDir);
    const admin = apiClient(base, adminToken);
    await admin.post('/api/v1/admin/users', { email: 'rita@acme.com', name: HOSTILE_NAME, role: 'rep' });
    await admin.post('/api/v1/admin/users', { email: 'bea@acme.com', name: 'Bea Bulk', role: 'rep' });
    await admin.post('/api/v1/admin/users', { email: 'mona@acme.com', name: 'Mona Manager', role: 'manager' });
    const rita = await admin.post('/api/v1/admin/tokens', { email: 'rita@acme.com' });
    const mona = (await admin.post('/api/v1/admin/tokens', { email: 'mona@acme.com' })).token;
    assert.equal(await meStatus(base, rita.token), 200, 'the rep token works before');

    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'] });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = watch(page);
    await signIn(page, base, adminToken);

    // The static Latest page and the rendered pages both link the admin pages for an admin.
    await page.waitForSelector('#nav-tokens');
    await page.goto(`${base}/dashboard/team`);
    await Promise.all([page.waitForURL(/\/dashboard\/admin\/tokens$/), page.click('#nav-tokens')]);

    // Tokens: filter by the rep, revoke her token.
    await page.fill('#token-filters [name=email]', 'rita@acme.com');
    await Promise.all([page.waitForURL(/email=rita/), page.click('#token-filters [type=submit]')]);
    const row = page.locator(`#tokens tr[data-id="${rita.id}"]`);
    assert.equal(await row.count(), 1, 'the rep\'s token is listed');
    assert.equal(await page.locator('#tokens tbody tr').count(), 1, 'only the rep\'s tokens');
    assert.ok(!(await page.content()).includes(rita.token), 'the token itself is never shown');
    assert.ok((await row.locator('td.user').textContent()).includes(HOSTILE_NAME), 'the hostile name is shown as text');
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-tokens.png'), fullPage: true });
    await Promise.all([page.waitForURL(/revoked=/), row.locator('button.revoke').click()]);
    assert.match(await page.textContent('#notice'), new RegExp(`Revoked the token ${rita.id} of rita@acme\\.com`));
    assert.equal(await meStatus(base, rita.token), 401, 'the revoked token is refused on its next API call');
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-token-revoked.png'), fullPage: true });

    // Audit: the revocation is the newest entry, by this admin; the hostile name is text.
    await Promise.all([page.waitForURL(/\/dashboard\/admin\/audit$/), page.click('#nav-audit')]);
    const newest = page.locator('#audit tbody tr').first();
    assert.equal((await newest.locator('td.action').textContent()).trim(), 'token.revoked');
    assert.equal((await newest.locator('td.target').textContent()).trim(), 'rita@acme.com');
    assert.match(await newest.locator('td.actor').textContent(), /admin@acme\.com \(admin\)/);
    assert.match(await newest.locator('td.details').textContent(), new RegExp(`tokenId: ${rita.id}`));
    await page.fill('#audit-filters [name=target]', 'rita@acme.com');
    await Promise.all([page.waitForURL(/target=rita/), page.click('#audit-filters [type=submit]')]);
    const created = page.locator('#audit tbody tr', { hasText: 'user.created' });
    assert.ok((await created.locator('td.details').textContent()).includes(`name: ${HOSTILE_NAME}`), 'hostile value as text');
    assert.equal(await page.locator('#audit img').count(), 0, 'no element made from a value');
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-audit.png'), fullPage: true });

    // Bulk issue from an uploaded CSV with a bad line.
    await page.goto(`${base}/dashboard/admin/tokens`);
    await Promise.all([page.waitForURL(/\/tokens\/issue$/), page.click('#issue-link')]);
    await page.setInputFiles('#file', { name: 'reps.csv', mimeType: 'text/csv',
      buffer: Buffer.from('email\nbea@acme.com\nnot an address\n') });
    await page.click('#issue-form [type=submit]');
    await page.waitForSelector('#issue-summary');
    assert.match(await page.textContent('#issue-summary'), /Issued 1 token\..*1 line was not issued/s);
    const bad = page.locator('#issue-errors tbody tr');
    assert.equal(await bad.count(), 1);
    assert.equal((await bad.locator('td.line').textContent()).trim(), '3');
    assert.match(await bad.locator('td.error').textContent(), /not a valid email address/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-tokens-issued.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-tokens')]);
    const csv = await readFile(await download.path(), 'utf8');
    const match = csv.match(/^"address","token"\r\n"bea@acme\.com","([^"]+)"\r\n$/);
    assert.ok(match, `the download is address,token: ${csv.slice(0, 200)}`);
    assert.equal((await page.locator('#issued-tokens td.token').textContent()).trim(), match[1], 'the page shows the same token');
    assert.equal(await meStatus(base, match[1]), 200, 'the issued token works');

    // Revoke all of a user's tokens, after the confirmation.
    await page.goto(`${base}/dashboard/admin/tokens?email=bea@acme.com`);
    await Promise.all([page.waitForURL(/revoke-all\?email=/), page.locator('#tokens a.revoke-all').first().click()]);
    assert.match(await page.textContent('#confirm-revoke-all'), /1 of them are live now/);
    assert.equal(await meStatus(base, match[1]), 200, 'nothing revoked before confirming');
    await Promise.all([page.waitForURL(/revokedAll=/), page.click('#revoke-all-form [type=submit]')]);
    assert.match(await page.textContent('#notice'), /Every token of bea@acme\.com is revoked/);
    assert.equal(await meStatus(base, match[1]), 401);

    assert.deepEqual(problems.dialogs, [], 'no script ran from a value');
    assert.deepEqual(problems.errors, [], 'no script errors on the pages');

    // A manager: no link, and the pages are not there.
    const managerPage = await (await browser.newContext()).newPage();
    const managerProblems = watch(managerPage);
    await signIn(managerPage, base, mona);
    await managerPage.goto(`${base}/dashboard/team`);
    assert.equal(await managerPage.locator('#nav-tokens, #nav-audit').count(), 0, 'no admin links for a manager');
    assert.equal((await managerPage.goto(`${base}/dashboard/admin/tokens`)).status(), 404);
    assert.equal((await managerPage.goto(`${base}/dashboard/admin/audit`)).status(), 404);
    await managerPage.goto(`${base}/dashboard`);
    await managerPage.waitForFunction(() => document.getElementById('who')?.textContent.includes('manager'));
    assert.equal(await managerPage.locator('#nav-tokens').count(), 0, 'the Latest page adds no admin link for a manager');
    assert.deepEqual(managerProblems.dialogs, []);
    log('admin pages e2e done');
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => log(`cleanup: ${e.message}`));
    await rm(tmp, { recursive: true, force: true });
  }
});
