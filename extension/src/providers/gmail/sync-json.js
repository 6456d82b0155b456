// Gmail's sync API ("/sync/u/N/i/...") sends protobuf messages as JSON in two shapes:
// older traffic (2018-2021) uses objects keyed by field number ({"1": ..., "2": ...});
// newer traffic (2022+) uses arrays where field n sits at index n-1. Reading fields by
// their protobuf number lets one parser handle both shapes.

/** The value at a chain of protobuf field numbers, or undefined when any link is missing. */
export function field(node, ...fieldNumbers) {
  let current = node;
  for (const number of fieldNumbers) {
    if (current === null || typeof current !== "object") return undefined;
    current = Array.isArray(current) ? current[number - 1] : current[number];
  }
  return current ?? undefined;
}

/** A repeated field as an array; absent or malformed fields read as empty. */
export function repeated(node, ...fieldNumbers) {
  const value = field(node, ...fieldNumbers);
  return Array.isArray(value) ? value : [];
}

// Google prefixes some JSON responses with this guard against cross-site script inclusion.
const XSSI_GUARD = /^\)\]\}'\s*/;

/** Parses a sync request or response body; throws on anything that is not JSON. */
export function parseSyncJson(text) {
  if (typeof text !== "string") throw new TypeError("sync body is not text");
  return JSON.parse(text.replace(XSSI_GUARD, ""));
}
