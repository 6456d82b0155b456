// Pure: the Graph delta requests and the cursor after each page. A delta first pages
// through everything in range (@odata.nextLink), then ends with an @odata.deltaLink that
// later asks for changes only. Links come from Graph and are followed only on Graph.

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
const DAY_MS = 24 * 60 * 60 * 1000;
export const WINDOW = { daysBack: 30, daysAhead: 90 };
export const PAGE_SIZE = 50;
// Mail.ReadBasic cannot read bodies; these are all the fields an email event needs.
export const MESSAGE_FIELDS = ['internetMessageId', 'conversationId', 'from', 'sender', 'toRecipients', 'ccRecipients',
  'bccRecipients', 'subject', 'sentDateTime', 'receivedDateTime', 'isDraft'];

export function calendarStartUrl(now = Date.now()) {
  const params = new URLSearchParams({
    startDateTime: new Date(now - WINDOW.daysBack * DAY_MS).toISOString(),
    endDateTime: new Date(now + WINDOW.daysAhead * DAY_MS).toISOString(),
  });
  return `${GRAPH_ORIGIN}/v1.0/me/calendarView/delta?${params}`;
}

export function messagesStartUrl(folder, now = Date.now()) {
  const params = new URLSearchParams({
    $select: MESSAGE_FIELDS.join(','),
    // Only the window, not years of mail: the one filter message delta supports.
    $filter: `receivedDateTime ge ${new Date(now - WINDOW.daysBack * DAY_MS).toISOString()}`,
  });
  return `${GRAPH_ORIGIN}/v1.0/me/mailFolders/${encodeURIComponent(folder)}/messages/delta?${params}`;
}

/** Headers for every Graph request: times in UTC, pages small enough for a short-lived worker. */
export function graphHeaders(accessToken) {
  return {
    Authorization: `Bearer ${accessToken}`,
    Accept: 'application/json',
    Prefer: `outlook.timezone="UTC", odata.maxpagesize=${PAGE_SIZE}`,
  };
}

function onGraph(link) {
  try {
    const url = new URL(link);
    return url.origin === GRAPH_ORIGIN;
  } catch {
    return false;
  }
}

/** @returns {{cursor: {url: string}, done: boolean}} */
export function afterDeltaPage(page) {
  const next = page?.['@odata.nextLink'];
  if (typeof next === 'string') {
    if (!onGraph(next)) throw new Error(`nextLink leaves Microsoft Graph: ${next}`);
    return { cursor: { url: next }, done: false };
  }
  const delta = page?.['@odata.deltaLink'];
  if (typeof delta === 'string') {
    if (!onGraph(delta)) throw new Error(`deltaLink leaves Microsoft Graph: ${delta}`);
    return { cursor: { url: delta }, done: true };
  }
  throw new Error('the delta answered neither @odata.nextLink nor @odata.deltaLink');
}
