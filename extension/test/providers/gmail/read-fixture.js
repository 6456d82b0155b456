import { readFileSync } from "node:fs";

/** The text of a recorded Gmail file in ./fixtures (sources in fixtures/SOURCES.md). */
export function readFixture(name) {
  return readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");
}
