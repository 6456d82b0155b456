// Where the signed-in account's address can be read in a Gmail page, best first.
// Each source is tried in order; the first that yields an address wins.
const EMAIL = /[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+/;
const EXACT_EMAIL = new RegExp(`^${EMAIL.source}$`);

export const ACCOUNT_EMAIL_SOURCES = [
  {
    name: "GLOBALS[10]",
    reason: "Gmail's page bootstrap array; gmail.js get.user_email and InboxSDK read the address here",
    read: (win) => (Array.isArray(win.GLOBALS) ? win.GLOBALS[10] : undefined),
  },
  {
    name: "document.title",
    reason: 'Gmail titles every view "<view> - <address> - Gmail"; also readable from the isolated world',
    read: (win) => accountEmailFromTitle(win.document?.title),
  },
];

/**
 * The address in a Gmail title: "Inbox (3) - rep@acme.com - Gmail", or with a Workspace
 * brand in place of "Gmail". The first part names the view or the open thread's subject,
 * which may itself contain an address, so it is never read.
 */
export function accountEmailFromTitle(title) {
  if (typeof title !== "string") return null;
  const parts = title.split(" - ").map((part) => part.trim());
  for (let index = parts.length - 2; index >= 1; index -= 1) {
    if (EXACT_EMAIL.test(parts[index])) return parts[index];
  }
  return null;
}

/** The account address from the first source that has one, lower-cased, or null. */
export function findAccountEmail(win) {
  for (const source of ACCOUNT_EMAIL_SOURCES) {
    try {
      const value = source.read(win);
      if (typeof value === "string" && EXACT_EMAIL.test(value.trim())) return value.trim().toLowerCase();
    } catch {
      // a source that throws is just unavailable on this page
    }
  }
  return null;
}
