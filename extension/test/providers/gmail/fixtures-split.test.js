import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

// The fake Gmail must be built from recordings the parser tests do not read (SOURCES.md).
const FAKE_ONLY = ["2022-09-09-cvOnSend_3_", "thread-response-2018-03-08.json", "2022-09-09-cvOnReplySend_4_"];

describe("recordings", () => {
  it("the parser tests do not read the fake Gmail's recordings", () => {
    const here = new URL(".", import.meta.url);
    const tests = readdirSync(here).filter((name) => name.endsWith(".test.js") && name !== "fixtures-split.test.js" && name !== "fake-gmail.test.js");
    for (const name of tests) {
      const text = readFileSync(new URL(name, here), "utf8");
      for (const recording of FAKE_ONLY) assert.ok(!text.includes(recording.replace("2022-09-09-", "")), `${name} reads ${recording}`);
    }
  });
  it("the fake Gmail reads only those", () => {
    const server = readFileSync(new URL("../../e2e/fake-gmail/fake-gmail.js", import.meta.url), "utf8");
    for (const recording of FAKE_ONLY) assert.ok(server.includes(recording), `fake-gmail.js templates ${recording}`);
    for (const used of ["cvOnSend_request", "cvOnSend_response", "fd-response-20180709"]) assert.ok(!server.includes(used), `fake-gmail.js must not use ${used}`);
  });
});
