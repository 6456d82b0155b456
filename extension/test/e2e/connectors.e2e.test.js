// End to end: the SHIPPED extension build in Chromium, the real Quietlog server jar, fake
// Google and Microsoft sign-in (a local authorization page; token endpoints and APIs answered
// at their real origins through context.route) serving recorded responses. Proves: one-click
// connect (only the rep's own account), the initial window synced, a worker stopped mid-sync
// resuming without loss or doubles, a moved meeting arriving as `updated`, a cancelled one as
// cancelled, a declined one with the rep's response, internal-only meetings and mail never
// leaving the browser, and withdrawn consent showing as one Reconnect button in the popup.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildExtension } from '../../scripts/build.js';
import { startFakeCalendars, TITLES } from './fake-providers/calendars.js';
import { MS_TENANT, startFakeOAuth } from './fake-providers/oauth.js';
import { assertChromiumInstalled, launchWithExtension } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { log } from './support/log.js';
import { apiClient, assertServerBuilt, readBootstrapToken, startServer } from './support/quietlog-server.js';
import { waitFor } from './support/wait-for.js';

const REP = 'ann@acme.com';
const COLLEAGUE = 'bob@acme.com';
const GOOGLE = { clientId: '123456789012-quietloge2e.apps.googleusercontent.com', clientSecret: 'GOCSPX-e2e-secret-0001', email: 'ann.private@gmail.com' };
const ALIAS = 'ann.rep@acme.com'; // the rep's Microsoft 365 address, one of the rep's addresses
const MICROSOFT = { clientId: '6731de76-14a6-49ae-97bc-6eba6914391e', email: ALIAS };
const INTERNAL_TITLES = [TITLES.standup, TITLES.outlookInternal, TITLES.mailInternal, TITLES.draft];

test('connectors: one-click connect, initial sync, resume after a stopped worker, changes, privacy, lost consent', { timeout: 600_000 }, async () => {
  assertServerBuilt();
  assertChromiumInstalled();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-connectors-e2e-'));
  const dataDir = path.join(tmp, 'server-data');
  await mkdir(dataDir);
  const cleanups = [];
  try {
    const server = await startServer({ port: await freePort(), dataDir });
    cleanups.push(() => server.stop());
    const admin = apiClient(server.baseUrl, readBootstrapToken(dataDir));
    await admin.post('/api/v1/admin/users', { email: REP, name: 'Ann Rep', role: 'rep' });
    const { token: repToken } = await admin.post('/api/v1/admin/tokens', { email: REP });
    await admin.put(`/api/v1/admin/users/${REP}/addresses`, { addresses: [REP, ALIAS] });

    const oauth = await startFakeOAuth({ apps: { google: GOOGLE, microsoft: MICROSOFT } });
    cleanups.push(() => oauth.close());
    // IT sets up both apps; only the authorization pages point at the local fake.
    await patch(server.baseUrl, readBootstrapToken(dataDir), {
      connectors: {
        google: { clientId: GOOGLE.clientId, clientSecret: GOOGLE.clientSecret, authorizationEndpoint: `${oauth.origin}/google/authorize` },
        microsoft: { clientId: MICROSOFT.clientId, tenant: MS_TENANT, authorizationEndpoint: `${oauth.origin}/microsoft/authorize` },
      },
    });
    const apis = startFakeCalendars({ oauth, rep: REP, outlookRep: ALIAS, colleague: COLLEAGUE });

    const extensionDir = await buildExtension({ outDir: path.join(tmp, 'extension'), log }); // the shipped manifest
    const browser = await launchWithExtension({ profileDir: path.join(tmp, 'profile'), extensionDir });
    cleanups.push(() => browser.context.close());
    const { context, extensionId } = browser;

    // Every request the extension makes, and every upload with the server's answers.
    const requests = [];
    const uploads = [];
    await context.route(`${server.baseUrl}/**`, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST' || !request.url().endsWith('/api/v1/captures')) return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      uploads.push(...JSON.parse(request.postData()).events.map((event, i) => ({ event, result: json.results[i] })));
      return route.fulfill({ response, json });
    });
    await context.route(/^https:\/\/oauth2\.googleapis\.com\/(token|revoke)$/, oauth.tokenRoute('google'));
    await context.route(`https://login.microsoftonline.com/${MS_TENANT}/oauth2/v2.0/token`, oauth.tokenRoute('microsoft'));
    await context.route('https://www.googleapis.com/calendar/v3/**', ignoreClosed(apis.googleRoute));
    await context.route('https://graph.microsoft.com/**', ignoreClosed(apis.graphRoute));
    await context.route('**/*', (route) => {
      const request = route.request();
      requests.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
      return route.fallback();
    });

    // The rep sets up the extension as usual.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options/options.html`);
    await options.fill('#server-url', server.baseUrl);
    await options.fill('#token', repToken);
    await options.click('#save');
    await waitForText(options, '#save-result', 'Saved.');
    await options.click('#test-connection');
    await waitForText(options, '#connection-result', 'Connected as Ann Rep');
    const redirectUri = await waitForText(options, '#redirect-uri', 'chromiumapp.org');
    log(`options show the redirect URI ${redirectUri}`);

    // 1. A personal Google account is refused: only the rep's own addresses may be connected.
    await options.click('#connect-google');
    await waitForText(options, '#accounts .account-result', 'is not one of your addresses');
    assert.equal(apis.requests.google.length, 0, 'nothing synced from a refused account');

    // 2. One click with the work account; the worker is stopped while the second page is on its way.
    GOOGLE.email = REP;
    const release = apis.holdSecondGooglePage();
    await options.click('#connect-google');
    await waitForText(options, '#accounts .account-result', `Connected ${REP}`);
    await waitFor('the second page of the full sync requested', () => apis.requests.google.some((p) => p.pageToken === 'page-2'));
    await stopServiceWorker(options, extensionId);
    release();
    log('service worker stopped mid-sync');
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'syncConnectors' })); // wakes a new worker
    const googleMeetings = [TITLES.review, TITLES.pricing, TITLES.demo, TITLES.lunch, TITLES.workshop];
    await waitFor('the initial Google window on the server', async () => includesAll(await titles(admin), googleMeetings), { timeoutMs: 60_000 });
    const fullSyncFirstPages = apis.requests.google.filter((p) => p.timeMin && !p.pageToken).length;
    assert.equal(fullSyncFirstPages, 1, 'the first page was not fetched again: its cursor was saved after its events were queued');
    assert.ok(apis.requests.google.filter((p) => p.pageToken === 'page-2').length >= 2, 'the interrupted page was fetched again');
    assert.deepEqual(countByTitle(await interactions(admin), googleMeetings), Object.fromEntries(googleMeetings.map((t) => [t, 1])), 'each meeting once');
    const workshop = uploads.find((u) => u.event.title === TITLES.workshop);
    assert.deepEqual({ allDay: workshop.event.allDay, startDate: workshop.event.startDate, endDate: workshop.event.endDate, timeZone: workshop.event.timeZone },
      { allDay: true, startDate: apis.google.workshop.start.date, endDate: apis.google.workshop.end.date, timeZone: 'Europe/Berlin' });
    assert.equal(workshop.result.status, 'stored');
    const firstParams = apis.requests.google[0];
    assert.equal(firstParams.singleEvents, 'true');
    assert.equal(firstParams.showDeleted, 'true');

    // 3. Outlook from the popup, one click; Graph is busy at first and says when to come back.
    apis.throttleNextMailRequest(2);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await popup.click('#connect-microsoft');
    await waitForText(popup, '#accounts .account-result', `Connected ${ALIAS}`);
    await waitFor('the Outlook meeting and mail on the server', async () => includesAll(await titles(admin), [TITLES.outlookCustomer, TITLES.mailIn, TITLES.mailOut]), { timeoutMs: 60_000 });
    const mailRequests = apis.requests.graph.filter((r) => r.path.endsWith('/messages/delta'));
    assert.ok(mailRequests[1].at - mailRequests[0].at >= 2000, `Retry-After honoured: ${mailRequests[1].at - mailRequests[0].at} ms`);
    const mailRequest = mailRequests[1];
    assert.match(mailRequest.params.$select, /internetMessageId/);
    const sentUpload = uploads.find((u) => u.event.subject === TITLES.mailOut);
    assert.equal(sentUpload.event.source, 'outlook');
    assert.equal(sentUpload.event.direction, 'outbound');
    assert.equal(sentUpload.event.mailbox, ALIAS);
    assert.equal(sentUpload.result.status, 'stored', JSON.stringify(sentUpload.result));
    assert.equal(sentUpload.event.messageId, '<out1@quietlog-e2e.example>');
    assert.equal(uploads.find((u) => u.event.subject === TITLES.mailIn).event.direction, 'inbound');

    // 4. The calendars change: a meeting moved, one cancelled, one declined, one deleted in Outlook.
    apis.change();
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'syncConnectors' }));
    const latest = (title) => uploads.filter((u) => u.event.title === title).at(-1);
    await waitFor('the changes uploaded', () => latest(TITLES.pricing)?.result?.status === 'updated'
      && latest(TITLES.demo)?.event.status === 'cancelled' && latest(TITLES.outlookCustomer)?.event.status === 'cancelled'
      && latest(TITLES.lunch)?.event.attendees.some((a) => a.email === REP && a.response === 'declined'), { timeoutMs: 60_000 });
    assert.equal(latest(TITLES.demo).result.status, 'updated', 'the cancellation updated the stored meeting');
    assert.equal(latest(TITLES.outlookCustomer).result.status, 'updated');
    const feed = await interactions(admin);
    const pricing = feed.find((i) => i.subject === TITLES.pricing);
    assert.equal(pricing.occurredAt, new Date(Date.parse(apis.google.pricing.start.dateTime) + 3 * 3_600_000).toISOString().replace('.000Z', 'Z'));
    const lunch = feed.find((i) => i.subject === TITLES.lunch);
    assert.equal(lunch.reps.find((r) => r.email === REP)?.response, 'declined', JSON.stringify(lunch.reps));
    assert.equal(feed.find((i) => i.subject === TITLES.demo)?.status, 'cancelled', 'the cancelled meeting stays, marked cancelled');
    assert.equal(feed.find((i) => i.subject === TITLES.outlookCustomer)?.status, 'cancelled');
    const storedWorkshop = feed.find((i) => i.subject === TITLES.workshop);
    assert.deepEqual([storedWorkshop.allDay, storedWorkshop.timeZone], [true, 'Europe/Berlin']);
    assert.deepEqual(countByTitle(feed, [TITLES.pricing, TITLES.lunch]), { [TITLES.pricing]: 1, [TITLES.lunch]: 1 }, 'updated in place, not doubled');

    // 5. Nothing internal ever left the browser, in any request to anyone.
    for (const title of INTERNAL_TITLES) {
      const leaked = requests.filter((r) => r.url.includes(encodeURIComponent(title)) || r.body.includes(title));
      assert.deepEqual(leaked, [], `"${title}" left the browser`);
    }
    assert.ok(!(await titles(admin)).some((t) => INTERNAL_TITLES.includes(t)));
    const hosts = new Set(requests.filter((r) => !r.url.startsWith('chrome-extension:')).map((r) => new URL(r.url).host));
    assert.deepEqual([...hosts].sort(), [new URL(server.baseUrl).host, 'graph.microsoft.com', 'login.microsoftonline.com', 'oauth2.googleapis.com', 'www.googleapis.com'].sort(), 'no other host contacted');

    // 6. The rep withdraws consent for Google: the popup shows one Reconnect button.
    oauth.revoke('google');
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'syncConnectors' }));
    await popup.reload();
    const reconnect = await waitFor('a Reconnect button', async () => {
      const text = (await popup.locator('#connect-google').textContent().catch(() => null))?.trim();
      return text === 'Reconnect' ? text : null;
    }, { timeoutMs: 30_000 });
    assert.equal(reconnect, 'Reconnect');
    assert.equal(await popup.locator('#accounts button', { hasText: 'Reconnect' }).count(), 1);
    log('revoked consent shows as Reconnect');

    // 7. One click on Reconnect signs in again and syncing goes on; Disconnect gives the grant back.
    await popup.click('#connect-google');
    await waitForText(popup, '#accounts .account-result', `Connected ${REP}`);
    await waitFor('the account syncing again', async () => {
      const { connectors } = await options.evaluate(() => chrome.storage.local.get('connectors'));
      return connectors?.google?.state === 'connected' && connectors.google.lastSyncAt > Date.now() - 60_000;
    });
    await options.reload();
    await options.click('#disconnect-google');
    await waitFor('the refresh token revoked at Google', () => requests.some((r) => r.url === 'https://oauth2.googleapis.com/revoke'));
    await waitForText(options, '#accounts li[data-provider=google]', 'Not connected');
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => log(`cleanup: ${error.message}`));
    }
    await rm(tmp, { recursive: true, force: true });
  }
});

async function patch(baseUrl, token, body) {
  const response = await fetch(`${baseUrl}/api/v1/admin/policy`, {
    method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

/** A route answered after its worker was stopped throws; that request is gone anyway. */
function ignoreClosed(handler) {
  return (route) => handler(route).catch((error) => log(`route after its request ended: ${error.message.split('\n')[0]}`));
}

/** Stops the extension's service worker as Chrome does when it is idle (DevTools protocol). */
async function stopServiceWorker(page, extensionId) {
  const session = await page.context().newCDPSession(page);
  const { targetInfos } = await session.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  assert.ok(worker, 'the extension service worker is running');
  await session.send('Target.closeTarget', { targetId: worker.targetId });
  await waitFor('the worker gone', async () => {
    const { targetInfos: now } = await session.send('Target.getTargets');
    return !now.some((t) => t.targetId === worker.targetId);
  });
  await session.detach();
}

async function interactions(admin) {
  return (await admin.get('/api/v1/interactions')).interactions;
}

async function titles(admin) {
  return (await interactions(admin)).map((i) => i.subject);
}

function includesAll(list, wanted) {
  return wanted.every((title) => list.includes(title));
}

function countByTitle(feed, wanted) {
  return Object.fromEntries(wanted.map((title) => [title, feed.filter((i) => i.subject === title).length]));
}

async function waitForText(page, selector, expected, options) {
  return waitFor(`${selector} to contain "${expected}"`, async () => {
    const text = (await page.textContent(selector).catch(() => '')) ?? '';
    return text.includes(expected) ? text.trim() : null;
  }, options);
}
