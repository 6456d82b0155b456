// Pure: each calendar's word for an attendee's answer -> the wire contract's four
// (accepted | declined | tentative | none), so a Google and an Outlook rep on one meeting agree.

const RESPONSES = {
  // Google Calendar API v3 attendees[].responseStatus
  accepted: 'accepted',
  declined: 'declined',
  tentative: 'tentative',
  needsaction: 'none',
  // Microsoft Graph attendees[].status.response (and Outlook REST's PascalCase forms)
  tentativelyaccepted: 'tentative',
  organizer: 'accepted',
  notresponded: 'none',
  none: 'none',
};

export function normalizeResponse(raw) {
  return RESPONSES[String(raw ?? '').toLowerCase()] ?? 'none';
}
