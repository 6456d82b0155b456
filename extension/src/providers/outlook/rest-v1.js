// Pure: an Outlook REST API v1.0 resource (PascalCase, Start/StartTimeZone) -> the Microsoft
// Graph shape the mappers read. The same Exchange data under older names; recordings of real
// mailboxes exist mostly in this form, so the mappers are checked on them too.

const RENAMED = {
  DateTimeLastModified: 'lastModifiedDateTime',
  DateTimeSent: 'sentDateTime',
  DateTimeReceived: 'receivedDateTime',
  iCalUId: 'iCalUId',
};

function camel(key) {
  return RENAMED[key] ?? key.charAt(0).toLowerCase() + key.slice(1);
}

function convert(value) {
  if (Array.isArray(value)) return value.map(convert);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camel(key), convert(inner)]));
}

export function fromRestV1(resource) {
  const graph = convert(resource);
  // v1.0 gave start and end as instants with the zone beside them; Graph nests them.
  if (typeof resource.Start === 'string') graph.start = { dateTime: resource.Start.replace(/Z$/, ''), timeZone: 'UTC' };
  if (typeof resource.End === 'string') graph.end = { dateTime: resource.End.replace(/Z$/, ''), timeZone: 'UTC' };
  if (typeof resource.StartTimeZone === 'string') graph.originalStartTimeZone = resource.StartTimeZone;
  if (typeof graph.type === 'string') graph.type = camel(graph.type);
  return graph;
}
