// The Gmail (and other) accounts the rep has open, and whether each is being logged; the
// popup lists them ("Not logging this account: me@home.example").
const KEY = 'accountsSeen';
const KEEP = 20;

export async function recordAccount({ mailbox, delegated, logging, reason }, now = Date.now()) {
  if (typeof mailbox !== 'string' || !mailbox.includes('@')) return;
  const address = mailbox.toLowerCase();
  const { [KEY]: seen = [] } = await chrome.storage.local.get(KEY);
  const previous = seen.find((account) => account.mailbox === address && account.delegated === delegated);
  if (previous && previous.logging === logging && previous.reason === reason && now - previous.lastSeenAt < 60_000) return;
  const others = seen.filter((account) => !(account.mailbox === address && account.delegated === delegated));
  const updated = [{ mailbox: address, delegated: delegated === true, logging, reason: reason ?? null, lastSeenAt: now }, ...others].slice(0, KEEP);
  await chrome.storage.local.set({ [KEY]: updated });
}

export async function accountsSeen() {
  const { [KEY]: seen = [] } = await chrome.storage.local.get(KEY);
  return seen;
}
