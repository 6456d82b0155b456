// The one table of messages the background answers, and who may send each.
// Content scripts may only hand over captures (and say which account they see): they
// never see the token and never choose a URL to fetch. Every capture is checked again
// here (sender) and in intake.js (account, schema, policy).
import { connectorHandlers } from '../connectors/messages.js';
import { cancelHeldSends, queueCaptures, reportAccount } from './intake.js';
import * as deadLetters from './dead-letters.js';
import { testConnection } from './server-api.js';
import { getSignInOffer, signIn } from './sign-in/sign-in.js';
import { getSettings, saveSettings, setPaused } from './settings.js';
import { setThreadExcluded, threadPanel } from './thread-panel.js';
import * as status from './status.js';
import { flush } from './uploader.js';

// Pages whose content scripts may hand over captures. A connector that adds a content
// script on another site adds its origin here.
export const CONTENT_ORIGINS = ['https://mail.google.com'];

const handlers = {
  captureEvents: { from: 'content', handle: captureEvents },
  cancelSends: { from: 'content', handle: ({ mailbox, sourceIds }) => cancelHeldSends(sourceIds, { mailbox }) },
  reportAccount: { from: 'content', handle: ({ mailbox, delegated }) => reportAccount({ mailbox, delegated: delegated === true }) },
  threadPanel: { from: 'content', handle: ({ mailbox, delegated, threadId, contacts }) => threadPanel({ mailbox, delegated: delegated === true, threadId, contacts }) },
  setThreadExcluded: { from: 'content', handle: ({ mailbox, delegated, threadId, excluded }) => setThreadExcluded({ mailbox, delegated: delegated === true, threadId, excluded: excluded === true }) },
  getStatus: { from: 'extension', handle: () => status.getStatus() },
  setPaused: { from: 'extension', handle: async ({ choice }) => { await setPaused(choice); return status.getStatus(); } },
  getSettings: { from: 'extension', handle: publicSettings },
  saveSettings: { from: 'extension', handle: saveTypedSettings },
  testConnection: { from: 'extension', handle: ({ serverUrl, token }) => testConnection({ serverUrl, token }) },
  syncNow: { from: 'extension', handle: async () => { await flush(); return status.getStatus(); } },
  exportDeadLetters: { from: 'extension', handle: async () => ({ deadLetters: await deadLetters.all() }) },
  getSignInOffer: { from: 'extension', handle: ({ serverUrl }) => getSignInOffer({ serverUrl }) },
  signIn: { from: 'extension', handle: async ({ serverUrl }) => { const result = await signIn({ serverUrl }); if (result.ok) startFlush(); return result; } },
  ...connectorHandlers,
};

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Pure: is this sender allowed to send a message meant for `from`? Extension pages are
 * our own pages; content senders must be our own content script in the top frame of a
 * tab on one of CONTENT_ORIGINS.
 */
export function senderAllowed(from, sender, extensionId, extensionOrigin, contentOrigins = CONTENT_ORIGINS) {
  if (sender?.id !== extensionId) return false;
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (from === 'extension') return fromExtensionPage;
  if (from !== 'content' || fromExtensionPage || sender.tab == null) return false;
  if (sender.frameId != null && sender.frameId !== 0) return false;
  const origin = sender.origin ?? originOf(sender.url);
  return contentOrigins.includes(origin) && contentOrigins.includes(originOf(sender.tab.url));
}

export async function dispatch(message, sender) {
  const handler = Object.hasOwn(handlers, message?.type) ? handlers[message.type] : null;
  if (!handler) return { error: `unknown message type: ${String(message?.type)}` };
  if (!senderAllowed(handler.from, sender, chrome.runtime.id, chrome.runtime.getURL(''))) {
    return { error: `${message.type} is not allowed from this sender` };
  }
  return handler.handle(message, sender);
}

async function captureEvents({ events, mailbox, delegated, hold }) {
  const result = await queueCaptures(events, { mailbox, delegated: delegated === true, hold: hold ?? null });
  if (result.accepted > 0) startFlush();
  return result;
}

// What the rep typed in Options. Policy may have turned pasting off (the field is then
// hidden); a token sent around the page is refused here too. Sign-in saves its token itself.
async function saveTypedSettings({ serverUrl, token }) {
  const pasted = typeof token === 'string' && token.trim() !== '';
  if (pasted && (await getSettings()).allowTokenPaste === false) {
    return { error: 'Your organisation turned token pasting off: sign in with your company account instead.' };
  }
  await saveSettings({ serverUrl, token });
  startFlush();
  return publicSettings();
}

async function publicSettings() {
  const { serverUrl, unusableManagedServerUrl, token, tokenSource, managed, allowTokenPaste } = await getSettings();
  return { serverUrl, unusableManagedServerUrl, hasToken: token !== '', tokenSource, managed, allowTokenPaste };
}

function startFlush() {
  flush().catch((error) => console.error('Quietlog upload failed', error));
}
