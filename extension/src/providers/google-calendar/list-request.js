// Pure: the events.list request for a sync cursor, and the cursor after a page.
// First a window (30 days back, 90 ahead) page by page, then changes since the syncToken
// Google gave at the end of it. Google forbids timeMin/timeMax together with syncToken.

export const API_ORIGIN = 'https://www.googleapis.com';
const EVENTS = `${API_ORIGIN}/calendar/v3/calendars/primary/events`;
const PAGE_SIZE = 250;
const DAY_MS = 24 * 60 * 60 * 1000;
export const WINDOW = { daysBack: 30, daysAhead: 90 };

/** The cursor of a first (or, after 410 Gone, a fresh) full sync. */
export function fullSyncCursor(now = Date.now()) {
  return {
    timeMin: new Date(now - WINDOW.daysBack * DAY_MS).toISOString(),
    timeMax: new Date(now + WINDOW.daysAhead * DAY_MS).toISOString(),
    syncToken: null,
    pageToken: null,
  };
}

export function listUrl(cursor) {
  const params = new URLSearchParams({ singleEvents: 'true', showDeleted: 'true', maxResults: String(PAGE_SIZE) });
  if (cursor.syncToken) params.set('syncToken', cursor.syncToken);
  else {
    params.set('timeMin', cursor.timeMin);
    params.set('timeMax', cursor.timeMax);
  }
  if (cursor.pageToken) params.set('pageToken', cursor.pageToken);
  return `${EVENTS}?${params}`;
}

/**
 * @returns {{cursor: object, done: boolean}} the cursor to save once this page's events are
 *   in the outbox; done when this was the last page (the next sync asks for changes only)
 */
export function afterPage(cursor, page) {
  if (typeof page?.nextPageToken === 'string' && page.nextPageToken !== '') {
    return { cursor: { ...cursor, pageToken: page.nextPageToken }, done: false };
  }
  if (typeof page?.nextSyncToken === 'string' && page.nextSyncToken !== '') {
    return { cursor: { timeMin: null, timeMax: null, syncToken: page.nextSyncToken, pageToken: null }, done: true };
  }
  throw new Error('events.list answered neither nextPageToken nor nextSyncToken');
}
