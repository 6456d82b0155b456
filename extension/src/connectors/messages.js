// The connectors' entries in the background's message table (background/messages.js):
// only the extension's own pages (options, popup) may send them.
import { ACCOUNTS, appFor } from './accounts.js';
import { connect, disconnect } from './auth.js';
import { getAccountStatus } from './status.js';
import { syncConnectors } from './sync.js';

export async function listConnectors() {
  const [{ me }, status] = await Promise.all([chrome.storage.local.get('me'), getAccountStatus()]);
  return {
    // IT registers this as the redirect URI of both OAuth apps; options shows it.
    redirectUri: chrome.identity.getRedirectURL(),
    accounts: Object.entries(ACCOUNTS).map(([provider, account]) => ({
      provider,
      label: account.label,
      available: appFor(provider, me) != null,
      email: status[provider]?.email ?? null,
      state: status[provider]?.state ?? 'disconnected',
      message: status[provider]?.message ?? null,
      lastSyncAt: status[provider]?.lastSyncAt ?? null,
    })),
  };
}

async function connectAccount({ provider }) {
  if (!ACCOUNTS[provider]) return { ok: false, message: `unknown account type: ${String(provider)}` };
  const result = await connect(provider);
  if (result.ok) syncConnectors().catch((error) => console.error('Quietlog connector sync failed', error));
  return result;
}

export const connectorHandlers = {
  listConnectors: { from: 'extension', handle: listConnectors },
  connectAccount: { from: 'extension', handle: connectAccount },
  disconnectAccount: { from: 'extension', handle: async ({ provider }) => { if (ACCOUNTS[provider]) await disconnect(provider); return listConnectors(); } },
  syncConnectors: { from: 'extension', handle: async () => { await syncConnectors(); return listConnectors(); } },
};
