// Launches Debian's Chromium with the extension loaded, through playwright-core.
// Never downloads a browser: it uses /usr/bin/chromium only.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { log } from './log.js';

export const CHROMIUM = process.env.QUIETLOG_CHROMIUM ?? '/usr/bin/chromium';

export function assertChromiumInstalled() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it: apt-get install -y chromium chromium-driver`);
  }
}

/** @returns {Promise<{context, extensionId: string, serviceWorker}>} */
export async function launchWithExtension({ profileDir, extensionDir }) {
  assertChromiumInstalled();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true, // Chromium's new headless mode, which runs extensions
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Lets a test reload the extension the way an update does (CDP Extensions.loadUnpacked).
      '--enable-unsafe-extension-debugging',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  try {
    const serviceWorker = context.serviceWorkers().find(isExtensionWorker)
      ?? (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 30_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    log(`chromium up, extension id ${extensionId}`);
    return { context, extensionId, serviceWorker };
  } catch (error) {
    await context.close().catch(() => {});
    throw error;
  }
}

function isExtensionWorker(worker) {
  return worker.url().startsWith('chrome-extension://');
}

/**
 * Loads the extension again from `extensionDir`, as Chrome does on an update (same id,
 * onInstalled with reason "update"). chrome.runtime.reload() would instead leave the
 * unpacked extension disabled under automation.
 */
export async function reloadExtension(context, extensionDir) {
  const session = await context.browser().newBrowserCDPSession();
  try {
    return await session.send('Extensions.loadUnpacked', { path: extensionDir });
  } finally {
    await session.detach().catch(() => {});
  }
}

/** The current extension service worker (Chrome may have stopped and restarted it). */
export function currentServiceWorker(context, extensionId) {
  return context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`));
}
