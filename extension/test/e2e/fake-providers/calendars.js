// Fake Google Calendar API v3 and Microsoft Graph, answered at their real origins through
// context.route. Each item is a recorded response (test/providers/*/fixtures, sources in
// their SOURCES.md) with only ids, people, titles and times swapped, so the extension reads
// what the real APIs send. `change()` makes the second round: a meeting moved, one
// cancelled, one declined by the rep, one Outlook meeting deleted.
import { readFileSync } from 'node:fs';

const fixture = (provider, name) => JSON.parse(readFileSync(new URL(`../../providers/${provider}/fixtures/${name}`, import.meta.url), 'utf8'));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function at(base, offsetMs) {
  return new Date(base + offsetMs).toISOString().replace('.000Z', 'Z');
}

/** Titles of the meetings and mail the scenario has, and which may reach the server. */
export const TITLES = {
  review: 'Quarterly review with Globex',
  pricing: 'Pricing call with Initech',
  demo: 'Product demo for Umbrella',
  standup: 'Team standup (internal only)',
  lunch: 'Partner lunch with Hooli',
  workshop: 'All-day workshop at Vandelay',
  outlookCustomer: 'Contract walkthrough with Stark',
  outlookInternal: 'Budget sync (internal only)',
  mailIn: 'Re: renewal terms',
  mailInternal: 'Lunch on Friday? (internal only)',
  mailOut: 'Proposal for Stark Industries',
  draft: 'Draft never to be captured',
};

export function startFakeCalendars({ oauth, rep, outlookRep = rep, colleague }) {
  const base = Math.floor(Date.now() / HOUR) * HOUR + 2 * DAY;
  const requests = { google: [], graph: [] };
  let changed = false;
  let throttleMail = 0; // seconds of Retry-After on the next mail request, as Graph does under load
  let holdGooglePage2 = null; // a promise the second page waits on, to stop the worker mid-sync

  const googleTemplate = fixture('google-calendar', 'events.json').items[0];
  const googlePage = fixture('google-calendar', 'repeating_events.json');
  function googleEvent(id, title, startOffset, people, { sequence = 0, updated = at(base, -10 * DAY), response = 'accepted', organizer = null } = {}) {
    const { recurrence: _recurrence, ...single } = googleTemplate; // these are single meetings
    return {
      ...single,
      id,
      iCalUID: `${id}@google.com`,
      summary: title,
      sequence,
      updated,
      start: { dateTime: at(base, startOffset), timeZone: 'Europe/Berlin' },
      end: { dateTime: at(base, startOffset + HOUR), timeZone: 'Europe/Berlin' },
      organizer: organizer ? { email: organizer } : { email: rep, displayName: 'Ann Rep', self: true },
      creator: { email: rep, displayName: 'Ann Rep', self: true },
      attendees: [
        { email: rep, displayName: 'Ann Rep', self: true, responseStatus: response },
        ...people.map((email) => ({ email, responseStatus: 'accepted' })),
      ],
    };
  }
  const google = {
    review: googleEvent('qrev1', TITLES.review, 0, ['carla@globex-example.com']),
    pricing: googleEvent('price1', TITLES.pricing, DAY, ['peter@initech-example.com']),
    demo: googleEvent('demo1', TITLES.demo, 2 * DAY, ['alice@umbrella-example.com']),
    standup: googleEvent('stand1', TITLES.standup, 3 * DAY, [colleague]),
    // The customer invited the rep, who later declines.
    lunch: googleEvent('lunch1', TITLES.lunch, 4 * DAY, ['gavin@hooli-example.com'], { organizer: 'gavin@hooli-example.com' }),
  };
  // All day, as Google gives it: dates only (end exclusive), the calendar's zone applies.
  const day = (offset) => new Date(base + offset).toISOString().slice(0, 10);
  google.workshop = { ...googleEvent('work1', TITLES.workshop, 8 * DAY, ['art@vandelay-example.com']), start: { date: day(8 * DAY) }, end: { date: day(9 * DAY) } };
  const later = at(base, -DAY);
  const googleChanges = () => [
    { ...google.pricing, sequence: 1, updated: later, start: { dateTime: at(base, DAY + 3 * HOUR) }, end: { dateTime: at(base, DAY + 4 * HOUR) } },
    // As Google sends a deleted meeting in an incremental sync: the id and the status only.
    { kind: 'calendar#event', etag: '"3"', id: google.demo.id, status: 'cancelled' },
    { ...google.lunch, updated: later, attendees: google.lunch.attendees.map((a) => (a.self ? { ...a, responseStatus: 'declined' } : a)) },
  ];

  function googlePageBody(items, tokens) {
    const { items: _items, nextSyncToken: _token, ...rest } = googlePage;
    return { ...rest, timeZone: 'Europe/Berlin', items, ...tokens };
  }

  async function googleRoute(route) {
    const url = new URL(route.request().url());
    const params = Object.fromEntries(url.searchParams);
    requests.google.push(params);
    if (!oauth.authorized('google', route.request().headers().authorization)) {
      return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 401, message: 'Invalid Credentials', status: 'UNAUTHENTICATED' } }) });
    }
    let body;
    if (!params.syncToken && !params.pageToken) {
      body = googlePageBody([google.review, google.standup, google.pricing], { nextPageToken: 'page-2' });
    } else if (params.pageToken === 'page-2') {
      if (holdGooglePage2) await holdGooglePage2;
      body = googlePageBody([google.demo, google.lunch, google.workshop], { nextSyncToken: 'sync-1' });
    } else if (params.syncToken === 'sync-1') {
      body = changed ? googlePageBody(googleChanges(), { nextSyncToken: 'sync-2' }) : googlePageBody([], { nextSyncToken: 'sync-1' });
    } else if (params.syncToken === 'sync-2') {
      body = googlePageBody([], { nextSyncToken: 'sync-2' });
    } else {
      return route.fulfill({ status: 410, contentType: 'application/json', body: JSON.stringify({ error: { code: 410, message: 'Sync token is no longer valid' } }) });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  }

  const graphEventTemplate = fixture('outlook', 'v1.0__api__event-get__response.json');
  function graphEvent(id, title, startOffset, people) {
    return {
      ...graphEventTemplate,
      id,
      iCalUId: `040000008200E00074C5B7101A82E00800000000${id.padEnd(16, '0').slice(0, 16)}0000000000000000100000007EA1D0AA9DB96545A536FABC0B0C1F5A`,
      subject: title,
      type: 'singleInstance',
      isAllDay: false,
      isCancelled: false,
      lastModifiedDateTime: at(base, -10 * DAY),
      originalStartTimeZone: 'W. Europe Standard Time',
      start: { dateTime: at(base, startOffset).replace('Z', '.0000000'), timeZone: 'UTC' },
      end: { dateTime: at(base, startOffset + HOUR).replace('Z', '.0000000'), timeZone: 'UTC' },
      organizer: { emailAddress: { name: 'Ann Rep', address: outlookRep } },
      attendees: people.map((address) => ({ type: 'required', status: { response: 'accepted', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: address, address } })),
    };
  }
  const outlook = {
    customer: graphEvent('AAAA1111', TITLES.outlookCustomer, 5 * DAY, ['tony@stark-example.com']),
    internal: graphEvent('BBBB2222', TITLES.outlookInternal, 6 * DAY, [colleague]),
  };
  const messageTemplate = fixture('outlook', 'v1.0__api__message-get__get_message.json');
  function message(id, subject, from, to, { isDraft = false } = {}) {
    const { body: _body, bodyPreview: _preview, ...headersOnly } = messageTemplate; // Mail.ReadBasic never returns them
    const who = (address) => ({ emailAddress: { name: address, address } });
    return {
      ...headersOnly,
      id,
      internetMessageId: `<${id}@quietlog-e2e.example>`,
      conversationId: `conv-${id}`,
      subject,
      isDraft,
      from: who(from),
      sender: who(from),
      toRecipients: to.map(who),
      ccRecipients: [],
      bccRecipients: [],
      sentDateTime: at(base, -3 * DAY),
      receivedDateTime: at(base, -3 * DAY + 60_000),
    };
  }
  const mail = {
    inbox: [
      message('in1', TITLES.mailIn, 'tony@stark-example.com', [outlookRep]),
      message('in2', TITLES.mailInternal, colleague, [outlookRep]),
    ],
    sentitems: [
      message('out1', TITLES.mailOut, outlookRep, ['tony@stark-example.com']),
      message('draft1', TITLES.draft, outlookRep, ['tony@stark-example.com'], { isDraft: true }),
    ],
  };

  async function graphRoute(route) {
    const url = new URL(route.request().url());
    const params = Object.fromEntries(url.searchParams);
    requests.graph.push({ at: Date.now(), path: url.pathname, params, prefer: route.request().headers().prefer });
    if (!oauth.authorized('microsoft', route.request().headers().authorization)) {
      return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } }) });
    }
    const link = (path, query) => `https://graph.microsoft.com${path}?${new URLSearchParams(query)}`;
    let body;
    if (url.pathname === '/v1.0/me/calendarView/delta') {
      if (params.startDateTime) body = { value: [outlook.customer, outlook.internal], '@odata.nextLink': link(url.pathname, { $skiptoken: 'cal-2' }) };
      else if (params.$skiptoken === 'cal-2') body = { value: [], '@odata.deltaLink': link(url.pathname, { $deltatoken: 'cal-d1' }) };
      else if (params.$deltatoken === 'cal-d1' && changed) body = { value: [{ id: outlook.customer.id, '@removed': { reason: 'deleted' } }], '@odata.deltaLink': link(url.pathname, { $deltatoken: 'cal-d2' }) };
      else body = { value: [], '@odata.deltaLink': link(url.pathname, { $deltatoken: params.$deltatoken }) };
    } else {
      const folder = /^\/v1\.0\/me\/mailFolders\/(inbox|sentitems)\/messages\/delta$/.exec(url.pathname)?.[1];
      if (!folder) return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"ResourceNotFound"}}' });
      if (throttleMail > 0) {
        const seconds = throttleMail;
        throttleMail = 0;
        return route.fulfill({ status: 429, headers: { 'Retry-After': String(seconds) }, contentType: 'application/json', body: '{"error":{"code":"TooManyRequests","message":"Please retry again later."}}' });
      }
      if (params.$select?.includes('body')) return route.fulfill({ status: 403, contentType: 'application/json', body: '{"error":{"code":"ErrorAccessDenied","message":"Mail.ReadBasic cannot read bodies"}}' });
      body = params.$deltatoken
        ? { value: [], '@odata.deltaLink': link(url.pathname, { $deltatoken: params.$deltatoken }) }
        : { value: mail[folder], '@odata.deltaLink': link(url.pathname, { $deltatoken: `${folder}-d1` }) };
    }
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  }

  return {
    requests,
    google,
    googleRoute,
    graphRoute,
    change() {
      changed = true;
    },
    throttleNextMailRequest(seconds) {
      throttleMail = seconds;
    },
    /** Holds the Google full sync's second page until the returned release() is called. */
    holdSecondGooglePage() {
      let release;
      holdGooglePage2 = new Promise((resolve) => { release = resolve; });
      return () => { holdGooglePage2 = null; release(); };
    },
  };
}
