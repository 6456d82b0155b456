// The Outlook sync streams (calendar, Inbox, Sent Items) over Microsoft Graph delta queries.
import { afterDeltaPage, calendarStartUrl, graphHeaders, messagesStartUrl } from './delta-request.js';
import { mapGraphEvent } from './map-calendar-event.js';
import { mapGraphMessage } from './map-message.js';

// 410 Gone (syncStateNotFound / resyncRequired): the delta token is no longer valid.
const mustRestart = (status) => status === 410;
const items = (page) => (Array.isArray(page?.value) ? page.value : []);

export const outlookCalendarStream = {
  id: 'outlook-calendar',
  provider: 'microsoft',
  firstCursor: (now) => ({ url: calendarStartUrl(now) }),
  request: (cursor, accessToken) => ({ url: cursor.url, headers: graphHeaders(accessToken) }),
  mustRestart,
  items,
  next: (_cursor, page) => afterDeltaPage(page),
  map: (item, context) => mapGraphEvent(item, context),
};

function mailStream(folder) {
  return {
    id: `outlook-mail-${folder}`,
    provider: 'microsoft',
    firstCursor: (now) => ({ url: messagesStartUrl(folder, now) }),
    request: (cursor, accessToken) => ({ url: cursor.url, headers: graphHeaders(accessToken) }),
    mustRestart,
    items,
    next: (_cursor, page) => afterDeltaPage(page),
    map: (item, context) => mapGraphMessage(item, { ...context, folder }),
  };
}

export const outlookInboxStream = mailStream('inbox');
export const outlookSentStream = mailStream('sentitems');
