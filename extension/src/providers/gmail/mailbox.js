// Which Gmail mailbox a page shows, from its URL. Gmail serves each signed-in account at
// /mail/u/<n>/ and a mailbox delegated to the rep at /mail/u/<n>/d/<token>/; the address
// of the account itself is read by account-email.js. Pure, so it is tested without a page.
const ACCOUNT_PATH = /^\/mail\/u\/(\d+)(\/d\/([^/]+))?(\/|$)/;
const DEFAULT_PATH = /^\/mail\/?$/;

/**
 * {accountIndex, delegated} for a Gmail URL, or null when it is not a mailbox page.
 * "/mail/" alone is account 0 (Gmail redirects it there).
 */
export function mailboxFromUrl(href) {
  let url;
  try {
    url = new URL(String(href));
  } catch {
    return null;
  }
  if (url.origin !== "https://mail.google.com") return null;
  if (DEFAULT_PATH.test(url.pathname)) return { accountIndex: 0, delegated: false };
  const match = ACCOUNT_PATH.exec(url.pathname);
  if (!match) return null;
  return { accountIndex: Number(match[1]), delegated: match[2] !== undefined };
}
