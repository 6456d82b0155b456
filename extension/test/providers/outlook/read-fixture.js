import { readFileSync } from 'node:fs';

/** A recorded Microsoft Graph or Outlook REST response in ./fixtures (sources in fixtures/SOURCES.md). */
export function readFixture(name) {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
}
