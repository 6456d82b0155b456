import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accountEmailFromTitle, findAccountEmail } from "../../../src/providers/gmail/account-email.js";
import { HOOK_MESSAGE_TAG, readHookMessage, toHookMessage } from "../../../src/providers/gmail/hook-protocol.js";
import { eventsFromHookMessage } from "../../../src/providers/gmail/route-hook-message.js";
import { classifySyncUrl } from "../../../src/providers/gmail/sync-urls.js";
import { readFixture } from "./read-fixture.js";

describe("classifySyncUrl", () => {
  it("recognises Gmail's compose and thread-data endpoints for any account index", () => {
    assert.equal(classifySyncUrl("https://mail.google.com/sync/u/0/i/s?hl=en&c=32"), "send");
    assert.equal(classifySyncUrl("https://mail.google.com/sync/u/3/i/fd?hl=en&c=5&rt=r&pt=ji"), "thread");
    assert.equal(classifySyncUrl("/sync/u/1/i/s?c=1", "https://mail.google.com/mail/u/1/"), "send");
  });

  it("ignores the list view, other paths and unparseable input", () => {
    assert.equal(classifySyncUrl("https://mail.google.com/sync/u/0/i/bv?hl=en"), null);
    assert.equal(classifySyncUrl("https://mail.google.com/sync/u/0/i/fdx"), null);
    assert.equal(classifySyncUrl("https://mail.google.com/mail/u/0/?ui=2"), null);
    assert.equal(classifySyncUrl("/sync/u/0/i/s"), null); // relative without a base
    assert.equal(classifySyncUrl(undefined), null);
  });
});

describe("account email", () => {
  it("reads Gmail's title in any view", () => {
    assert.equal(accountEmailFromTitle("Inbox - rep@acme.com - Gmail"), "rep@acme.com");
    assert.equal(accountEmailFromTitle("Inbox (12) - Rep.Name@Acme.com - Acme Corp Mail"), "Rep.Name@Acme.com");
    assert.equal(accountEmailFromTitle("Renewal - quote - rep@acme.com - Gmail"), "rep@acme.com");
    assert.equal(accountEmailFromTitle("carla@globex-example.com - Gmail"), null); // a subject, not the account
    assert.equal(accountEmailFromTitle("Gmail"), null);
  });

  it("prefers GLOBALS[10] and falls back to the title, lower-cased", () => {
    const globals = Array(10).fill(null).concat(["Rep@Acme.com"]);
    assert.equal(findAccountEmail({ GLOBALS: globals, document: { title: "Inbox - other@acme.com - Gmail" } }), "rep@acme.com");
    assert.equal(findAccountEmail({ document: { title: "Sent Mail - Rep@Acme.com - Gmail" } }), "rep@acme.com");
    assert.equal(findAccountEmail({ document: { title: "Loading..." } }), null);
  });
});

describe("hook messages", () => {
  const win = { location: { origin: "https://mail.google.com" } };
  const message = toHookMessage({ kind: "thread", url: "/sync/u/0/i/fd", status: 200, requestBody: null, responseText: "[]", accountEmail: null });

  it("are accepted only from the page's own window and origin, with the tag and shape", () => {
    assert.equal(message.tag, HOOK_MESSAGE_TAG);
    assert.deepEqual(readHookMessage({ source: win, origin: win.location.origin, data: message }, win), message);
    assert.equal(readHookMessage({ source: {}, origin: win.location.origin, data: message }, win), null);
    assert.equal(readHookMessage({ source: win, origin: "https://evil.example", data: message }, win), null);
    assert.equal(readHookMessage({ source: win, origin: win.location.origin, data: { ...message, tag: "other" } }, win), null);
    assert.equal(readHookMessage({ source: win, origin: win.location.origin, data: { ...message, kind: "list" } }, win), null);
    assert.equal(readHookMessage({ source: win, origin: win.location.origin, data: { ...message, responseText: {} } }, win), null);
    assert.equal(readHookMessage({ source: win, origin: win.location.origin, data: "hello" }, win), null);
  });
});

describe("eventsFromHookMessage", () => {
  // InboxSDK/InboxSDK test/data/2022-09-09-cvOnSend_*.json and
  // __tests__/gmail-sync-response-processor/fd-response-20180709.json (a8a6fe2c9e69)
  const send = {
    kind: "send",
    url: "https://mail.google.com/sync/u/0/i/s?hl=en&c=32",
    status: 200,
    requestBody: readFixture("2022-09-09-cvOnSend_request.json"),
    responseText: readFixture("2022-09-09-cvOnSend_response.json"),
    accountEmail: "test@gmail.com",
  };

  it("routes a send exchange to the send parser", () => {
    const { events } = eventsFromHookMessage(send);
    assert.equal(events.length, 1);
    assert.equal(events[0].sourceId, "msg-a:r8190137112111191537");
    assert.equal(events[0].subject, "subject_111");
    assert.equal(events[0].direction, "outbound");
  });

  it("routes thread data to the thread parser", () => {
    const thread = { kind: "thread", url: "/sync/u/0/i/fd", status: 200, requestBody: null, accountEmail: "cowan@streak.com" };
    const { events } = eventsFromHookMessage({ ...thread, responseText: readFixture("fd-response-20180709.json") });
    assert.deepEqual(events.map((e) => [e.sourceId, e.direction]), [["msg-f:1600484990382419037", "inbound"]]);
  });

  it("yields nothing for a failed request and counts an unparseable body as one skip", () => {
    assert.deepEqual(eventsFromHookMessage({ ...send, status: 500 }).events, []);
    const garbled = eventsFromHookMessage({ kind: "thread", status: 200, responseText: ")]}'\n<html>" });
    assert.deepEqual(garbled.events, []);
    assert.equal(garbled.skipped, 1);
  });
});
