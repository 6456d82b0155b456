// The Google Calendar sync stream: which request to make for a cursor, what a page holds,
// and how to map its items. The generic loop (connectors/sync.js) does the rest.
import { afterPage, fullSyncCursor, listUrl } from './list-request.js';
import { mapGoogleEvent } from './map-event.js';

export const googleCalendarStream = {
  id: 'google-calendar',
  provider: 'google',
  firstCursor: (now) => fullSyncCursor(now),
  request: (cursor, accessToken) => ({ url: listUrl(cursor), headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } }),
  // 410 Gone: the sync token expired or was invalidated; Google asks for a full sync again.
  mustRestart: (status) => status === 410,
  items: (page) => (Array.isArray(page?.items) ? page.items : []),
  next: (cursor, page) => afterPage(cursor, page),
  map: (item, context, page) => mapGoogleEvent(item, { ...context, calendarTimeZone: page?.timeZone ?? context.fallbackTimeZone }),
};
