// The one table of messages the background answers, and who may send each.
// Content scripts may only hand over captures: they never see the token and never
// choose a URL to fetch.
import { connectorHandlers } from '../connectors/messages.js';
import * as outbox from './outbox.js';
import { applyPolicy } from './policy.js';
import { testConnection } from './server-api.js';
import { getSignInOffer, signIn } from './sign-in/sign-in.js';
import { getSettings, isPaused, saveSettings, setPaused } from './settings.js';
import * as status from './status.js';
import { flush } from './uploader.js';

const MAX_EVENTS_PER_MESSAGE = 500;

const handlers = {
  captureEvents: { from: 'content', handle: captureEvents },
  getStatus: { from: 'extension', handle: () => status.getStatus() },
  setPaused: { from: 'extension', handle: async ({ paused }) => { await setPaused(paused); return status.getStatus(); } },
  getSettings: { from: 'extension', handle: publicSettings },
  saveSettings: { from: 'extension', handle: async ({ serverUrl, token }) => { await saveSettings({ serverUrl, token }); startFlush(); return publicSettings(); } },
  testConnection: { from: 'extension', handle: ({ serverUrl, token }) => testConnection({ serverUrl, token }) },
  syncNow: { from: 'extension', handle: async () => { await flush(); return status.getStatus(); } },
  getSignInOffer: { from: 'extension', handle: ({ serverUrl }) => getSignInOffer({ serverUrl }) },
  signIn: { from: 'extension', handle: async ({ serverUrl }) => { const result = await signIn({ serverUrl }); if (result.ok) startFlush(); return result; } },
  ...connectorHandlers,
};

/** Pure: is this sender allowed to send a message meant for `from`? */
export function senderAllowed(from, sender, extensionId, extensionOrigin) {
  if (sender?.id !== extensionId) return false;
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (from === 'extension') return fromExtensionPage;
  if (from === 'content') return sender.tab != null && !fromExtensionPage;
  return false;
}

export async function dispatch(message, sender) {
  const handler = handlers[message?.type];
  if (!handler) return { error: `unknown message type: ${String(message?.type)}` };
  if (!senderAllowed(handler.from, sender, chrome.runtime.id, chrome.runtime.getURL(''))) {
    return { error: `${message.type} is not allowed from this sender` };
  }
  return handler.handle(message, sender);
}

async function captureEvents({ events }) {
  if (await isPaused()) return { accepted: 0, paused: true };
  const valid = Array.isArray(events) ? events.filter((event) => event && typeof event === 'object' && !Array.isArray(event)) : [];
  const { me } = await chrome.storage.local.get('me');
  const decisions = valid.slice(0, MAX_EVENTS_PER_MESSAGE).map((event) => applyPolicy(event, me));
  const kept = decisions.filter((decision) => decision.keep).map((decision) => decision.event);
  // Durable first: the answer goes back only once the events are in IndexedDB.
  const accepted = kept.length > 0 ? await outbox.addEvents(kept) : 0;
  await status.refreshQueueSize();
  startFlush();
  return { accepted, filtered: decisions.length - kept.length };
}

async function publicSettings() {
  const { serverUrl, token, managed, allowTokenPaste } = await getSettings();
  return { serverUrl, hasToken: token !== '', managed, allowTokenPaste };
}

function startFlush() {
  flush().catch((error) => console.error('Quietlog upload failed', error));
}
