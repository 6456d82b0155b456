import { readFileSync } from 'node:fs';

/** A recorded Google Calendar API v3 response in ./fixtures (sources in fixtures/SOURCES.md). */
export function readFixture(name) {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
}
