// What the popup and options show per account: connected as whom, whether consent was lost,
// last sync, last problem. Kept in chrome.storage.local `connectors`; never a token.

const KEY = 'connectors';

export async function getAccountStatus() {
  const { [KEY]: status = {} } = await chrome.storage.local.get(KEY);
  return status;
}

/** Merges `fields` into one account's entry (null removes the entry). */
export async function setAccountStatus(provider, fields) {
  // One writer at a time, so two streams finishing together do not drop each other's fields.
  return navigator.locks.request('quietlog-connector-status', async () => {
    const status = await getAccountStatus();
    if (fields === null) delete status[provider];
    else status[provider] = { ...(status[provider] ?? {}), ...fields };
    await chrome.storage.local.set({ [KEY]: status });
  });
}
