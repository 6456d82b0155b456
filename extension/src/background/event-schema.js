// Pure: the one check every event passes before it may enter the outbox, whichever
// provider captured it. The limits are shared-policy/event-limits.json, the same file the
// server validates with, so an event the extension keeps is one the server accepts.
import limits from '../../../shared-policy/event-limits.json' with { type: 'json' };

const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+$/;
const EARLIEST = Date.parse(limits.earliestInstant);
const LATEST = Date.parse(limits.latestInstant);
const EMAIL_FIELDS = new Set(['type', 'source', 'sourceId', 'messageId', 'threadId', 'direction', 'occurredAt', 'from', 'to', 'cc', 'bcc', 'subject', 'snippet', 'mailbox']);
const MEETING_FIELDS = new Set(['type', 'source', 'sourceId', 'iCalUid', 'recurrenceId', 'startsAt', 'endsAt', 'title', 'organizer', 'attendees', 'status', 'sequence', 'updatedAt', 'mailbox', 'allDay', 'location']);

export { limits as EVENT_LIMITS };

/**
 * @returns {{ok: true} | {ok: false, errors: string[]}} each error names its field.
 * Unknown fields are errors too: nothing the page invents travels to the server.
 */
export function validateEvent(event) {
  const errors = [];
  if (!event || typeof event !== 'object' || Array.isArray(event)) return { ok: false, errors: ['event: not an object'] };
  if (event.type === 'email') checkEmail(event, errors);
  else if (event.type === 'meeting') checkMeeting(event, errors);
  else errors.push(`type: must be email or meeting, got ${JSON.stringify(event.type)}`);
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

function checkEmail(event, errors) {
  unknownFields(event, EMAIL_FIELDS, errors);
  oneOf('source', event.source, limits.emailSources, errors);
  text('sourceId', event.sourceId, limits.maxEmailSourceIdChars, errors, { required: true });
  text('messageId', event.messageId, limits.maxMessageIdChars, errors, { nullable: true });
  text('threadId', event.threadId, limits.maxThreadIdChars, errors, { nullable: true });
  oneOf('direction', event.direction, limits.directions, errors);
  instant('occurredAt', event.occurredAt, errors);
  person('from', event.from, errors);
  let participants = 1;
  for (const list of ['to', 'cc', 'bcc']) {
    if (event[list] === undefined && list === 'bcc') continue;
    if (!Array.isArray(event[list])) { errors.push(`${list}: must be a list`); continue; }
    event[list].forEach((entry, index) => person(`${list}[${index}]`, entry, errors));
    participants += event[list].length;
  }
  if (participants > limits.maxParticipantsPerEvent) errors.push(`to/cc/bcc: at most ${limits.maxParticipantsPerEvent} participants`);
  text('subject', event.subject, limits.maxSubjectChars, errors, { nullable: true, optional: true, empty: true });
  text('snippet', event.snippet, limits.maxSnippetChars, errors, { nullable: true, optional: true, empty: true });
  address('mailbox', event.mailbox, errors);
}

function checkMeeting(event, errors) {
  unknownFields(event, MEETING_FIELDS, errors);
  oneOf('source', event.source, limits.meetingSources, errors);
  text('sourceId', event.sourceId, limits.maxMeetingIdChars, errors, { required: true });
  text('iCalUid', event.iCalUid, limits.maxMeetingIdChars, errors, { required: true });
  instant('startsAt', event.startsAt, errors);
  instant('endsAt', event.endsAt, errors);
  text('title', event.title, limits.maxSubjectChars, errors, { nullable: true, optional: true, empty: true });
  person('organizer', event.organizer, errors);
  if (!Array.isArray(event.attendees)) errors.push('attendees: must be a list');
  else {
    if (event.attendees.length > limits.maxParticipantsPerEvent) errors.push(`attendees: at most ${limits.maxParticipantsPerEvent}`);
    event.attendees.forEach((entry, index) => {
      person(`attendees[${index}]`, entry, errors, ['response']);
      if (entry && entry.response !== undefined) oneOf(`attendees[${index}].response`, entry.response, limits.responses, errors);
    });
  }
  oneOf('status', event.status, limits.meetingStatuses, errors);
  address('mailbox', event.mailbox, errors);
}

function unknownFields(event, allowed, errors) {
  for (const key of Object.keys(event)) if (!allowed.has(key)) errors.push(`${key}: not a field of a ${event.type} event`);
}

function oneOf(name, value, allowed, errors) {
  if (!allowed.includes(value)) errors.push(`${name}: must be one of ${allowed.join(', ')}`);
}

function text(name, value, max, errors, { required = false, nullable = false, optional = false, empty = false } = {}) {
  if (value === undefined && optional) return;
  if (value === null && (nullable || optional)) return;
  if (typeof value !== 'string') { errors.push(`${name}: must be text`); return; }
  if (!empty && (required || value !== '') && value.trim() === '') errors.push(`${name}: must not be empty`);
  if (value.length > max) errors.push(`${name}: longer than ${max} characters`);
}

function instant(name, value, errors) {
  const when = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(when)) errors.push(`${name}: must be an ISO-8601 instant`);
  else if (when < EARLIEST || when >= LATEST) errors.push(`${name}: outside ${limits.earliestInstant}..${limits.latestInstant}`);
}

function address(name, value, errors) {
  if (typeof value !== 'string' || !ADDRESS.test(value)) errors.push(`${name}: must be an email address`);
  else if (value.length > limits.maxAddressChars) errors.push(`${name}: longer than ${limits.maxAddressChars} characters`);
}

function person(name, value, errors, extraKeys = []) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) { errors.push(`${name}: must be {email, name}`); return; }
  for (const key of Object.keys(value)) if (!['email', 'name', ...extraKeys].includes(key)) errors.push(`${name}.${key}: not a field`);
  address(`${name}.email`, value.email, errors);
  if (value.name != null && (typeof value.name !== 'string' || value.name.length > limits.maxNameChars)) errors.push(`${name}.name: text of at most ${limits.maxNameChars} characters`);
}
