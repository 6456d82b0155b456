// The "Connected accounts" list shared by the popup and the options page: one button per
// account (Connect, or Reconnect when consent was lost). Built with textContent only.

function describe(account) {
  if (!account.available) return 'Not set up by your organisation.';
  if (account.state === 'reconnect') return account.message ?? 'Access was withdrawn. Click Reconnect.';
  if (account.state === 'connected') {
    const synced = account.lastSyncAt ? `last sync ${new Date(account.lastSyncAt).toLocaleTimeString()}` : 'first sync running';
    return `${account.email}: ${synced}${account.message ? ` (${account.message})` : ''}`;
  }
  return 'Not connected.';
}

/**
 * Renders into `container` and wires the buttons.
 * @param {{withDisconnect?: boolean}} [options] options page only: a Disconnect button too
 */
export async function renderAccounts(container, { withDisconnect = false } = {}) {
  const list = await chrome.runtime.sendMessage({ type: 'listConnectors' });
  if (!list || list.error) return;
  const shown = list.accounts.filter((account) => account.available || account.state !== 'disconnected');
  container.hidden = shown.length === 0;
  const rows = shown.map((account) => {
    const row = document.createElement('li');
    row.className = `account account-${account.state}`;
    row.dataset.provider = account.provider;
    const label = document.createElement('strong');
    label.textContent = account.label;
    const text = document.createElement('span');
    text.className = 'account-status';
    text.textContent = ` ${describe(account)} `;
    row.append(label, text);
    if (account.available && account.state !== 'connected') {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = `connect-${account.provider}`;
      button.textContent = account.state === 'reconnect' ? 'Reconnect' : 'Connect';
      button.addEventListener('click', () => connectClicked(container, button, account.provider, withDisconnect));
      row.append(button);
    }
    if (withDisconnect && account.state !== 'disconnected') {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = `disconnect-${account.provider}`;
      button.textContent = 'Disconnect';
      button.addEventListener('click', async () => {
        await chrome.runtime.sendMessage({ type: 'disconnectAccount', provider: account.provider });
        renderAccounts(container, { withDisconnect });
      });
      row.append(button);
    }
    return row;
  });
  container.querySelector('ul').replaceChildren(...rows);
  return list;
}

async function connectClicked(container, button, provider, withDisconnect) {
  button.disabled = true;
  const result = await chrome.runtime.sendMessage({ type: 'connectAccount', provider });
  const note = container.querySelector('.account-result');
  if (note) {
    note.textContent = result?.ok ? `Connected ${result.email}.` : result?.message ?? result?.error ?? 'Could not connect.';
    note.className = `account-result ${result?.ok ? 'ok' : 'error'}`;
  }
  await renderAccounts(container, { withDisconnect });
}
