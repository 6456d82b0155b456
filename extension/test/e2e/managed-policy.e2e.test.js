// End to end: IT preconfigures the extension by Chrome policy. The SHIPPED build (real
// manifest and managed_schema.json) runs in Debian's Chromium, which reads a real machine
// policy file in /etc/chromium/policies/managed/ setting the extension's managed storage
// ("3rdparty" -> "extensions" -> <id>): the real Quietlog server's URL, the org to sign in
// to, sign-in only (no token pasting) and a fallback token. Then, as a rep would see it:
// the policy reaches a running browser (Reload policies) and one started afresh; Options
// shows these as set by the organisation and locked, and the rep cannot change them; the
// popup and capture work against the managed server with nothing typed; zero-click: a company
// server that is not this machine (https://quietlog.test, the real server under that name)
// gets captures with no click at all, the extension holding no access to its origin; signing
// in with the managed org replaces the fallback token; a server the extension cannot read
// without access (behind a proxy that strips CORS), or an address that cannot be used, is
// named; and once IT removes the policy the fields are the rep's again.
//
// Unpacked extensions get their id from their folder; this one is built into a fresh
// temporary folder, so the policy written here applies to this run's extension only.
// Needs root (or `sudo -n`) to write the policy: see support/chromium-policy.js.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { buildExtension } from '../../scripts/build.js';
import { createFakeGmail } from './fake-gmail/fake-gmail.js';
import { assertChromiumInstalled, launchWithExtension } from './support/browser.js';
import { extensionPolicyFile, policyWriter } from './support/chromium-policy.js';
import { freePort } from './support/free-port.js';
import { log } from './support/log.js';
import { startOpenIdProvider } from './support/openid-provider.js';
import { apiClient, assertServerBuilt, readBootstrapToken, startServer } from './support/quietlog-server.js';
import { waitFor } from './support/wait-for.js';

const GMAIL = 'https://mail.google.com';
const CLIENT_ID = 'quietlog-extension';
const POLICY_NAME = `quietlog-e2e-${process.pid}.json`;
// The company's server as IT names it: the real test server, reached under these names.
const COMPANY_SERVER = 'https://quietlog.test';
const BEHIND_CORS_STRIPPING_PROXY = 'https://quietlog-behind-proxy.test';

describe('Chrome policy preconfigures the shipped extension', { timeout: 900_000 }, () => {
  const cleanups = [];
  const requests = []; // what reached the Quietlog server from the browser
  const corsFailures = []; // requests Chromium's CORS rules would refuse (see throughCors)
  let writer;
  let tmp;
  let extensionDir;
  let server;
  let admin;
  let idp;
  let orgId;
  let repToken;
  let gmail;
  let browser; // {context, extensionId, serviceWorker} of the running Chromium

  before(async () => {
    // First, so that a run without the rights fails at once and never looks like a pass.
    writer = policyWriter();
    log(`writing Chromium policy ${writer.how}`);
    assertServerBuilt();
    assertChromiumInstalled();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'quietlog-policy-e2e-'));
    cleanups.push(() => rm(tmp, { recursive: true, force: true }));
    const dataDir = path.join(tmp, 'server-data');
    await mkdir(dataDir);
    [server, idp] = await Promise.all([
      startServer({ port: await freePort(), dataDir, readyTimeoutMs: 300_000 }),
      startOpenIdProvider({
        port: await freePort(),
        issuerId: 'acme',
        clientId: CLIENT_ID,
        claims: { sub: '00u1ann', email: 'rep@acme.com', email_verified: true, name: 'Ann Rep' },
      }),
    ]);
    cleanups.push(() => server.stop(), () => idp.stop());
    admin = apiClient(server.baseUrl, readBootstrapToken(dataDir));
    await admin.post('/api/v1/admin/users', { email: 'rep@acme.com', name: 'Ann Rep', role: 'rep' });
    ({ token: repToken } = await admin.post('/api/v1/admin/tokens', { email: 'rep@acme.com' }));
    await admin.patch('/api/v1/admin/policy', { signIn: { issuer: idp.issuer, clientId: CLIENT_ID, displayName: 'Acme' } });
    const orgPolicy = await admin.get('/api/v1/admin/policy');
    orgId = orgPolicy.signIn?.orgId ?? orgPolicy.policy?.signIn?.orgId;
    assert.ok(orgId, `the org id IT copies into the Chrome policy: ${JSON.stringify(orgPolicy)}`);
    gmail = await createFakeGmail({ accounts: { 0: 'rep@acme.com' } });

    extensionDir = await buildExtension({ outDir: path.join(tmp, 'extension'), log });
    // A browser without any policy yet; IT reads the id Chromium gives this unpacked folder
    // (chrome://extensions), as the test reads it from the service worker's address.
    await relaunch();
    cleanups.push(() => writer.remove(POLICY_NAME)); // whatever happens below
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(`cleanup: ${error.message}`));
  });

  function profileDir() {
    return path.join(tmp, 'profile');
  }

  /** Closes Chromium if it runs and starts it again on the same profile: it reads the policy afresh. */
  async function relaunch() {
    if (browser) await browser.context.close();
    browser = await launchWithExtension({ profileDir: profileDir(), extensionDir });
    const { context } = browser;
    cleanups.push(() => context.close());
    await context.route('**/*', (route) => answer(route));
    await browser.serviceWorker.evaluate(() => chrome.storage.local.set({ retryBaseMs: 500, retryCapMs: 2_000, sendHoldMs: 1_000 }));
  }

  // Every request of every page and of the service worker comes here: Gmail is the fake,
  // the Quietlog server and the OpenID provider are real and reached over real HTTP.
  async function answer(route) {
    const request = route.request();
    const url = new URL(request.url());
    if (url.protocol === 'chrome-extension:') return route.continue();
    if (url.origin === GMAIL) {
      const reply = gmail.handle({ method: request.method(), url: request.url(), body: request.postData() });
      return route.fulfill({ status: reply.status, contentType: reply.contentType, body: reply.body });
    }
    if (url.origin === server.baseUrl) {
      requests.push({ method: request.method(), path: url.pathname, query: url.search, authorization: await request.headerValue('authorization') });
      return route.continue();
    }
    if (url.origin === new URL(idp.issuer).origin) return route.continue();
    if (url.origin === COMPANY_SERVER) return throughCors(route, { stripCors: false });
    if (url.origin === BEHIND_CORS_STRIPPING_PROXY) return throughCors(route, { stripCors: true });
    return route.abort();
  }

  /**
   * The real server, under the name IT gave it, for an extension that holds no access to that
   * origin, so Chromium applies CORS. Playwright, while routing, answers CORS preflights itself
   * and adds permissive CORS headers to a fulfilled answer that has none (microsoft/playwright
   * #12929): left alone, any server would pass. So this applies Chromium's CORS rules to the
   * real server's real answers: the preflight Chromium would send goes to the server, which
   * must allow the method and headers; the answer must allow the origin, without credentials.
   * Otherwise the request fails, as Chromium fails it. `stripCors` plays a proxy that drops
   * the Access-Control-* headers.
   */
  async function throughCors(route, { stripCors }) {
    const request = route.request();
    const url = new URL(request.url());
    const headers = await request.allHeaders();
    const method = request.method();
    const seen = { host: url.origin, method, path: url.pathname, query: url.search, authorization: headers.authorization, preflighted: false };
    requests.push(seen);
    const target = `${server.baseUrl}${url.pathname}${url.search}`;
    const strip = (all) => (stripCors ? Object.fromEntries(Object.entries(all).filter(([name]) => !name.toLowerCase().startsWith('access-control-'))) : all);
    const refuse = async (why) => {
      corsFailures.push(`${method} ${url.pathname}: ${why}`);
      await route.abort('failed');
    };
    const allows = (answer) => answer['access-control-allow-origin'] === '*' || answer['access-control-allow-origin'] === headers.origin;
    // Headers beyond the CORS-safelisted ones, which Chromium asks the server about first.
    const custom = ['authorization', 'content-type'].filter((name) => name in headers
      && !(name === 'content-type' && /^(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)/i.test(headers[name])));
    if (custom.length > 0 || !['GET', 'HEAD', 'POST'].includes(method)) {
      const pre = await fetch(target, {
        method: 'OPTIONS',
        headers: { Origin: headers.origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': custom.join(',') },
      });
      const answer = strip(Object.fromEntries(pre.headers));
      const methods = (answer['access-control-allow-methods'] ?? '').split(',').map((m) => m.trim().toUpperCase());
      const allowedHeaders = (answer['access-control-allow-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase());
      if (!pre.ok) return refuse(`preflight answered ${pre.status}`);
      if (!allows(answer)) return refuse('preflight without Access-Control-Allow-Origin');
      if (!['GET', 'HEAD', 'POST'].includes(method) && !methods.includes(method)) return refuse(`preflight does not allow ${method}`);
      const missing = custom.filter((name) => !allowedHeaders.includes(name));
      if (missing.length > 0) return refuse(`preflight does not allow ${missing.join(', ')}`);
      seen.preflighted = true;
    }
    const response = await route.fetch({ url: target });
    const answer = strip(response.headers());
    if (!allows(answer)) return refuse(`${response.status()} without Access-Control-Allow-Origin`);
    if (answer['access-control-allow-credentials'] != null) return refuse('credentials allowed cross-origin');
    return route.fulfill({ status: response.status(), headers: answer, body: await response.body() });
  }

  async function managedStorage() {
    return browser.serviceWorker.evaluate(() => chrome.storage.managed.get(null));
  }

  async function openExtensionPage(page) {
    const tab = await browser.context.newPage();
    await tab.goto(`chrome-extension://${browser.extensionId}/${page}`);
    return tab;
  }

  /** Writes the policy file and has the running Chromium read it, as IT's "Reload policies" at chrome://policy does. */
  async function pushPolicy(settings) {
    await writer.write(POLICY_NAME, extensionPolicyFile(browser.extensionId, settings));
    const policyPage = await browser.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.click('#reload-policies');
    await waitFor('Chromium to hand the policy to the extension', async () => isDeepStrictEqual(await managedStorage(), settings));
    return policyPage;
  }

  /** Sends a customer email from the rep's Gmail and waits until the server has it. */
  async function sendFromGmail(subject) {
    const mail = await browser.context.newPage();
    await mail.goto(`${GMAIL}/mail/u/0/#inbox`);
    await mail.waitForSelector('select[name=from] option', { state: 'attached' });
    await mail.fill('input[name=to]', 'bob@globex-example.com');
    await mail.fill('input[name=subject]', subject);
    await mail.fill('textarea[name=body]', 'Hello from the test.');
    await mail.click('div[role=button][data-tooltip^="Send"]');
    const stored = await waitFor(`"${subject}" stored on the managed server`, async () => {
      const { interactions } = await admin.get('/api/v1/interactions');
      return interactions.find((interaction) => interaction.subject === subject) ?? null;
    }, { timeoutMs: 60_000, intervalMs: 300 });
    assert.ok(stored.reps.some((rep) => rep.email === 'rep@acme.com'), JSON.stringify(stored.reps));
    await mail.close();
  }

  function policy() {
    return { serverUrl: server.baseUrl, orgId, allowTokenPaste: false, token: repToken };
  }

  it('a policy pushed to a running browser locks Options at once, and the extension reaches the managed server by itself', async () => {
    assert.deepEqual(await managedStorage(), {}, 'nothing is managed before IT sets a policy');
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#token-field', { state: 'visible' });
    assert.equal(await options.isEditable('#server-url'), true);
    assert.equal(await options.isHidden('#server-url-managed'), true);

    const policyPage = await pushPolicy(policy());
    // chrome://policy lists them under the extension's name, where the IT guide says to look.
    await policyPage.getByText('serverUrl', { exact: true }).first().waitFor();
    await policyPage.getByText('Quietlog', { exact: true }).first().waitFor();
    await policyPage.close();

    // The open Options page follows the policy without a reload.
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    assert.equal(await options.inputValue('#server-url'), server.baseUrl);
    assert.equal(await options.isDisabled('#server-url'), true);
    await options.waitForSelector('#token-field', { state: 'hidden' });
    await options.waitForSelector('#managed-summary', { state: 'visible' });
    await options.close();

    // Nobody typed anything: the extension asks the managed server who it is, with the policy token.
    const me = await waitFor('GET /api/v1/me on the managed server', () => requests.find((r) => r.method === 'GET' && r.path === '/api/v1/me'));
    assert.equal(me.authorization, `Bearer ${repToken}`);
    await waitFor('the extension to know who it is', async () => {
      const { me: known } = await browser.serviceWorker.evaluate(() => chrome.storage.local.get('me'));
      return known?.user?.email === 'rep@acme.com';
    });
  });

  it('after a restart Chromium reads the policy at start, unchanged', async () => {
    const { extensionId } = browser;
    await relaunch();
    assert.equal(browser.extensionId, extensionId, 'the same folder keeps its id, so the policy still applies');
    assert.deepEqual(await managedStorage(), policy());
  });

  it('Options shows the server and the sign-in settings as set by the organisation, locked', async () => {
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    assert.equal(await options.inputValue('#server-url'), server.baseUrl);
    assert.equal(await options.isDisabled('#server-url'), true, 'the server URL cannot be edited');
    assert.equal(await options.isEditable('#server-url'), false);
    assert.equal((await options.textContent('#server-url-managed')).trim(), 'Set by your organisation.');
    await options.waitForSelector('#managed-summary', { state: 'visible' });
    assert.equal((await options.textContent('#managed-summary h2')).trim(), 'Set by your organisation');
    const managedItems = await options.locator('#managed-list li').allTextContents();
    assert.deepEqual(managedItems, [
      `Server: ${server.baseUrl}`,
      'Which organisation to sign in to',
      'A fallback token, used until you sign in',
      'Sign-in only: pasting a token is turned off',
    ]);
    assert.equal(await options.isHidden('#token-field'), true, 'no token field: IT turned pasting off');
    assert.equal(await options.isHidden('#save'), true, 'nothing left for the rep to save');
    assert.equal(await options.isHidden('#server-access'), true, 'the extension may contact a server on this machine without asking');
    // The managed org's sign-in is offered, asked of the managed server for the managed org.
    await options.waitForSelector('#sign-in-button:has-text("Sign in with Acme")');
    assert.ok(requests.some((r) => r.method === 'GET' && r.path === '/api/v1/sign-in' && new URLSearchParams(r.query).get('org') === orgId),
      `the sign-in offer was asked for org ${orgId}: ${JSON.stringify(requests.map((r) => r.path + r.query))}`);
    await options.close();
  });

  it('the rep cannot change the managed server, even around the locked field', async () => {
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    // Typing into the field does nothing: it is disabled.
    await options.locator('#server-url').click({ force: true });
    await options.keyboard.type('https://elsewhere.example');
    assert.equal(await options.inputValue('#server-url'), server.baseUrl);
    // Unlocking it with the developer tools and saving, or sending Save's message directly,
    // stores what was typed but the policy still decides where captures go.
    await options.evaluate(() => {
      const input = document.getElementById('server-url');
      input.disabled = false;
      input.value = 'https://elsewhere.example';
    });
    const saved = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'saveSettings', serverUrl: 'https://elsewhere.example', token: '' }));
    assert.equal(saved.serverUrl, server.baseUrl, JSON.stringify(saved));
    assert.equal(saved.managed.serverUrl, true);
    // Pasting a token around the hidden field is refused too: IT allows sign-in only.
    const pasted = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'saveSettings', serverUrl: '', token: 'pasted-token' }));
    assert.match(pasted.error ?? '', /turned token pasting off/);
    // Test connection with another address typed still checks the managed server.
    const checked = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'testConnection', serverUrl: 'https://elsewhere.example' }));
    assert.equal(checked.ok, true, checked.message);
    assert.match(checked.message, /^Connected as Ann Rep \(rep@acme\.com\)/);
    await options.reload();
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    assert.equal(await options.inputValue('#server-url'), server.baseUrl);
    assert.equal(await options.isDisabled('#server-url'), true);
    await options.close();
  });

  it('with the fallback token, the popup and capture work against the managed server with nothing typed', async () => {
    const popup = await openExtensionPage('popup/popup.html');
    await popup.waitForSelector('#queue-size:text("0")');
    assert.equal(await popup.isHidden('#last-error'), true, await popup.textContent('#last-error'));
    assert.equal(await popup.isHidden('#sign-in'), true, 'no sign-in asked for: the organisation provides a token');

    await sendFromGmail('Managed quote');
    const upload = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/captures');
    assert.equal(upload?.authorization, `Bearer ${repToken}`);
    await waitFor('the popup to show the sync', async () => (await popup.textContent('#last-sync'))?.trim() === 'just now');
    await popup.close();
  });

  it('zero-click: a managed company server and the fallback token capture with no click at all', async () => {
    // IT's policy names the company's server, which is not this machine: the manifest gives
    // the extension no access to it, and nobody grants any. The server answers under CORS.
    const policyPage = await pushPolicy({ ...policy(), serverUrl: COMPANY_SERVER });
    await policyPage.close();
    const pattern = `${COMPANY_SERVER}/*`;
    assert.equal(await browser.serviceWorker.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), pattern), false,
      'the extension holds no access to the company server');
    await waitFor('the extension to learn who it is from the company server', async () => {
      const { me } = await browser.serviceWorker.evaluate(() => chrome.storage.local.get('me'));
      return me?.user?.email === 'rep@acme.com';
    });
    const me = requests.find((r) => r.host === COMPANY_SERVER && r.method === 'GET' && r.path === '/api/v1/me');
    assert.equal(me?.authorization, `Bearer ${repToken}`, 'asked with the policy\'s fallback token');

    const popup = await openExtensionPage('popup/popup.html');
    await sendFromGmail('Zero-click quote');
    const upload = requests.find((r) => r.host === COMPANY_SERVER && r.method === 'POST' && r.path === '/api/v1/captures');
    assert.equal(upload?.authorization, `Bearer ${repToken}`);
    assert.equal(upload.preflighted, true, 'the server answered the preflight for the upload');
    assert.equal(me.preflighted, true, 'and for GET /api/v1/me with its Authorization header');
    await waitFor('the popup to show the sync', async () => (await popup.textContent('#last-sync'))?.trim() === 'just now');
    assert.equal(await popup.isHidden('#last-error'), true, await popup.textContent('#last-error'));
    assert.equal(await popup.isHidden('#sign-in'), true, 'no sign-in asked for');
    assert.doesNotMatch(await popup.textContent('body'), /Allow access|not allowed/);
    await popup.close();
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    assert.equal(await options.inputValue('#server-url'), COMPANY_SERVER);
    assert.equal(await options.isHidden('#server-access'), true, 'no "Allow access": nothing to allow');
    await options.close();
    assert.deepEqual(corsFailures, [], 'every request passed Chromium\'s CORS rules on the server\'s own answers');
    assert.equal(await browser.serviceWorker.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), pattern), false);

    // Back to the server on this machine for the tests below.
    (await pushPolicy(policy())).close();
  });

  it('once the rep signs in with the managed org, their own token replaces the fallback', async () => {
    const options = await openExtensionPage('options/options.html');
    // The button asks for access to the server and the provider's token endpoint in its
    // click; both are on this machine, which the extension may contact without a prompt.
    await options.click('#sign-in-button:has-text("Sign in with Acme")');
    await waitFor('the sign-in to finish', async () => (await options.textContent('#sign-in-result'))?.startsWith('Signed in'));
    assert.equal((await options.textContent('#sign-in-result')).trim(), 'Signed in as Ann Rep (rep@acme.com).');
    const signIn = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/sign-in/oidc');
    assert.ok(signIn, 'the ID token was traded at the managed server');
    const settings = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'getSettings' }));
    assert.equal(settings.tokenSource, 'own');
    assert.equal(settings.serverUrl, server.baseUrl, 'still the managed server');

    const uploadsBefore = requests.filter((r) => r.path === '/api/v1/captures').length;
    await sendFromGmail('Signed-in managed quote');
    const uploads = requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/captures').slice(uploadsBefore);
    assert.ok(uploads.length > 0);
    for (const upload of uploads) {
      assert.match(upload.authorization, /^Bearer ey/);
      assert.notEqual(upload.authorization, `Bearer ${repToken}`, 'the policy token is only the fallback');
    }
    await options.close();
  });

  it('a managed server the extension cannot read without access (behind a proxy that strips CORS): the popup says so and Options offers "Allow access"', async () => {
    // The real server, reached through a proxy that drops its CORS headers (as an older
    // server sends none): Chromium lets the extension read it only once the rep allowed its
    // origin, which nobody has. Requests to it fail, as Chromium fails them.
    const elsewhere = BEHIND_CORS_STRIPPING_PROXY;
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    assert.equal(await options.isHidden('#server-access'), true);
    const policyPage = await pushPolicy({ ...policy(), serverUrl: elsewhere });
    await policyPage.close();
    // Shown once the extension's first request to it found nothing it may read.
    await options.waitForSelector('#server-access', { state: 'visible' });
    assert.equal(await options.inputValue('#server-url'), elsewhere);
    assert.equal((await options.textContent('#allow-access')).trim(), 'Allow access');
    const popup = await openExtensionPage('popup/popup.html');
    const message = await waitFor('the popup to name the missing access', async () => {
      const text = await popup.textContent('#last-error');
      return text?.includes('not allowed') ? text : null;
    });
    assert.equal(message, `Quietlog is not allowed to contact ${BEHIND_CORS_STRIPPING_PROXY} yet. Open Options and click "Allow access".`);
    assert.ok(corsFailures.some((failure) => failure.includes('without Access-Control-Allow-Origin')), JSON.stringify(corsFailures));
    corsFailures.length = 0;
    // What the old server said about the rep no longer counts for the new one.
    assert.equal((await browser.serviceWorker.evaluate(() => chrome.storage.local.get('me'))).me, undefined);
    await popup.close();
    await options.close();
  });

  it('a policy server address Quietlog cannot use stays locked, and both pages say IT must correct it', async () => {
    const unusable = 'http://quietlog.example.com'; // plain http to another machine
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#server-url-managed', { state: 'visible' });
    const policyPage = await pushPolicy({ ...policy(), serverUrl: unusable });
    await policyPage.close();
    await waitFor('Options to show the address IT set', async () => (await options.inputValue('#server-url')) === unusable);
    assert.equal(await options.isDisabled('#server-url'), true, 'the rep cannot point the browser elsewhere instead');
    assert.match(await options.textContent('#server-url-managed'), /cannot use this address \(it must start with https:\/\/\)\. Ask your IT team/);
    assert.equal(await options.isHidden('#server-access'), true, 'nothing to allow');
    const popup = await openExtensionPage('popup/popup.html');
    const message = await waitFor('the popup to name the unusable address', async () => {
      const text = await popup.textContent('#last-error');
      return text?.includes(unusable) ? text : null;
    });
    assert.match(message, /^Your organisation set the server address "http:\/\/quietlog\.example\.com", which Quietlog cannot use/);
    await popup.close();
    await options.close();
  });

  it('once IT removes the policy, the settings are the rep\'s again', async () => {
    await writer.remove(POLICY_NAME);
    await relaunch();
    assert.deepEqual(await managedStorage(), {});
    const options = await openExtensionPage('options/options.html');
    await options.waitForSelector('#token-field', { state: 'visible' });
    assert.equal(await options.isEditable('#server-url'), true);
    assert.equal(await options.isHidden('#server-url-managed'), true);
    assert.equal(await options.isHidden('#managed-summary'), true);
    // The rep types their own server and token and saves, as in any unmanaged browser.
    const ownUrl = server.baseUrl.replace('127.0.0.1', 'localhost');
    await options.fill('#server-url', ownUrl);
    await options.fill('#token', repToken);
    await options.click('#save');
    await waitFor('Options to say it saved', async () => (await options.textContent('#save-result'))?.startsWith('Saved'));
    const settings = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'getSettings' }));
    assert.equal(settings.serverUrl, ownUrl);
    assert.deepEqual(settings.managed, { serverUrl: false, token: false, orgId: false, allowTokenPaste: false });
    assert.equal(settings.hasToken, true);
    await options.close();
  });
});
