// End to end: the managers' dashboard in real Chromium against the real server jar, filled by
// `quietlog demo`. Every page renders and its chart draws; hostile names and subjects are text
// and run nothing; a manager of one team cannot open another team's rep or account; a CSV of a
// hostile subject is inert; a capture shows up on an open page by itself (server-sent events).
// Screenshots go to test/e2e/artifacts/ (not committed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { assertChromiumInstalled, CHROMIUM } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { log } from './support/log.js';
import { apiClient, readBootstrapToken, SERVER_JAR, startServer } from './support/quietlog-server.js';
import { waitFor } from './support/wait-for.js';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const HOSTILE_SUBJECT = '<img src=x onerror=alert(1)>';
const HOSTILE_NAME = '<script>alert("name")</script>';
const FORMULA_SUBJECT = '=HYPERLINK("http://evil.example","open me")';

/** The one way these tests sign in to the dashboard: the login form, as a person does. */
async function signIn(page, baseUrl, token) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('form [name=token]', token);
  await Promise.all([page.waitForURL(/\/dashboard/), page.click('form [type=submit]')]);
}

function runDemo(baseUrl, token) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-jar', SERVER_JAR, 'demo', '--days', '60', '--server', baseUrl, '--token', token],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`demo exited ${code}:\n${output}`))));
  });
}

/** True when the canvas has at least one painted pixel. */
async function chartDrawn(page) {
  await page.waitForSelector('.chart[data-drawn=true] canvas');
  return page.$eval('.chart canvas', (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

function email(rep, to, subject, extra = {}) {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return {
    type: 'email', source: 'gmail', sourceId: `e2e-${id}`, messageId: `<e2e-${id}@acme.com>`, threadId: `t-${id}`,
    direction: 'outbound', occurredAt: new Date().toISOString(), from: { email: rep, name: null },
    to: [to], cc: [], subject, snippet: 'hello', mailbox: rep, ...extra,
  };
}

test('the dashboard with demo data: pages, charts, hostile text, teams apart, CSV, live', { timeout: 600_000 }, async () => {
  assertChromiumInstalled();
  await mkdir(ARTIFACTS, { recursive: true });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-dashboard-e2e-'));
  const cleanups = [];
  try {
    const dataDir = path.join(tmp, 'data');
    await mkdir(dataDir);
    const server = await startServer({ port: await freePort(), dataDir });
    cleanups.push(() => server.stop());
    const base = server.baseUrl;
    const adminToken = readBootstrapToken(dataDir);
    const admin = apiClient(base, adminToken);
    log(await runDemo(base, adminToken));

    const tokenOf = async (address) => (await admin.post('/api/v1/admin/tokens', { email: address })).token;
    const maria = await tokenOf('maria.lopez@acme.com'); // manages Inside Sales
    const ann = await tokenOf('ann.carter@acme.com'); // Inside Sales rep
    const annApi = apiClient(base, ann);
    await annApi.post('/api/v1/captures', { client: { name: 'e2e', version: '1' }, events: [
      email('ann.carter@acme.com', { email: 'ivy@northwind-traders.com', name: HOSTILE_NAME }, HOSTILE_SUBJECT),
      email('ann.carter@acme.com', { email: 'ivy@northwind-traders.com', name: 'Ivy' }, FORMULA_SUBJECT),
    ] });
    const { teams } = await admin.get('/api/v1/admin/teams');
    const field = teams.find((t) => t.name === 'Field Sales');
    const annId = (await annApi.get('/api/v1/me')).user.id;
    const olivia = await tokenOf('olivia.brown@acme.com'); // Field Sales rep
    const oliviaId = (await apiClient(base, olivia).get('/api/v1/me')).user.id;

    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'] });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const dialogs = [];
    const errors = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('pageerror', (e) => errors.push(e.message));
    // Console errors for resources are left out: this test opens pages it expects to be 404.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
    await signIn(page, base, maria);

    // Every page renders with the demo data; charts draw.
    await page.goto(`${base}/dashboard/team?range=30`);
    assert.match(await page.textContent('h3'), /Inside Sales/);
    assert.ok(await page.locator('#team-reps tbody tr').count() >= 4, 'one row per rep');
    assert.match(await page.textContent('#how-computed'), /3 minutes/);
    assert.ok(await chartDrawn(page), 'team trend chart has painted pixels');
    await page.screenshot({ path: path.join(ARTIFACTS, 'team.png'), fullPage: true });

    await page.goto(`${base}/dashboard/reps/${annId}?range=7`);
    assert.ok(await chartDrawn(page), 'rep trend chart has painted pixels');
    const subjects = await page.locator('#rep-touches td.subject').allTextContents();
    assert.ok(subjects.includes(HOSTILE_SUBJECT), 'the hostile subject is shown as its text');
    assert.equal(await page.locator('#rep-touches img').count(), 0, 'no element made from a subject');
    const withCells = await page.locator('#rep-touches td.with').allTextContents();
    assert.ok(withCells.some((t) => t.includes(HOSTILE_NAME)), 'the hostile name is shown as its text');
    await page.screenshot({ path: path.join(ARTIFACTS, 'rep.png'), fullPage: true });

    await page.goto(`${base}/dashboard/accounts/northwind-traders.com?range=90`);
    assert.ok(await page.locator('#account-timeline tbody tr').count() > 0, 'the account timeline lists touches');
    assert.match(await page.textContent('#account-facts'), /Last touch:\s+\d{4}-/);
    assert.ok(await page.locator('#account-reps tbody tr').count() > 0, 'who knows the account best');
    await page.screenshot({ path: path.join(ARTIFACTS, 'account.png'), fullPage: true });

    await page.goto(`${base}/dashboard/cold?range=90&touches=3&quietDays=14`);
    assert.ok(await page.locator('#cold-accounts tbody tr').count() > 0, 'the demo has cold accounts');
    await page.screenshot({ path: path.join(ARTIFACTS, 'cold.png'), fullPage: true });

    await page.goto(`${base}/dashboard/search?q=northwind`);
    assert.ok((await page.textContent('#search-accounts')).includes('northwind-traders.com'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'search.png'), fullPage: true });

    // Another team's rep and account are not there for this manager: page and API.
    const other = await page.goto(`${base}/dashboard/reps/${oliviaId}`);
    assert.equal(other.status(), 404);
    assert.equal((await page.goto(`${base}/dashboard/accounts/monarch-airlines.com`)).status(), 404);
    assert.equal((await page.goto(`${base}/dashboard/team?team=${field.id}`)).status(), 404);
    const api = await fetch(`${base}/api/v1/dashboard/reps/${oliviaId}`, { headers: { Authorization: `Bearer ${maria}` } });
    assert.equal(api.status, 404);
    const feed = await (await fetch(`${base}/api/v1/interactions?limit=500`, { headers: { Authorization: `Bearer ${maria}` } })).json();
    assert.ok(feed.interactions.every((i) => i.reps.every((r) => !r.email.startsWith('olivia'))), 'no Field Sales touches in the feed');

    // The CSV of a hostile subject is inert.
    const csv = await (await page.request.get(`${base}/dashboard/reps/${annId}?range=7&format=csv&table=touches`)).text();
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""open me"")"`), csv.slice(0, 500));
    assert.ok(!/(^|,)"=/m.test(csv), 'no cell starts with =');

    // Live: a capture appears on the open rep page by itself.
    await page.goto(`${base}/dashboard/reps/${annId}?range=7`);
    await waitFor('the live connection', async () => (await page.textContent('#live-status'))?.includes('Live'));
    const fresh = `Live check ${Date.now()}`;
    const sentAt = Date.now();
    await annApi.post('/api/v1/captures', { client: { name: 'e2e', version: '1' },
      events: [email('ann.carter@acme.com', { email: 'ivy@northwind-traders.com', name: 'Ivy' }, fresh)] });
    await waitFor('the new capture on the open page', async () =>
      (await page.locator('#rep-touches td.subject').allTextContents()).includes(fresh), { timeoutMs: 15_000, intervalMs: 50 });
    log(`capture visible on the open page ${Date.now() - sentAt} ms after the POST started`);

    assert.deepEqual(dialogs, [], 'no script ran from email content');
    assert.deepEqual(errors, [], 'no script errors on the pages');
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => log(`cleanup: ${e.message}`));
    await rm(tmp, { recursive: true, force: true });
  }
});
