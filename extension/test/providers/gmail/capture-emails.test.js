import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { init } from "../../../src/providers/gmail/capture-emails.js";
import { toHookMessage } from "../../../src/providers/gmail/hook-protocol.js";
import { readFixture } from "./read-fixture.js";

function fakeWindow() {
  const win = new EventTarget();
  win.location = { origin: "https://mail.google.com" };
  win.deliver = (data, source = win) => win.dispatchEvent(Object.assign(new Event("message"), { data, source, origin: win.location.origin }));
  return win;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

// InboxSDK/InboxSDK __tests__/gmail-sync-response-processor/thread-response-2018-03-14.json (a8a6fe2c9e69)
const threadMessage = toHookMessage({
  kind: "thread",
  url: "https://mail.google.com/sync/u/0/i/fd?hl=en",
  status: 200,
  requestBody: null,
  responseText: readFixture("thread-response-2018-03-14.json"),
  accountEmail: "sara@streak.com",
});

describe("capture-emails init(signal)", () => {
  it("sends the thread's events to the background as one captureEvents message", async () => {
    const win = fakeWindow();
    const sent = [];
    init(new AbortController().signal, { win, sendMessage: (m) => sent.push(m) });
    win.deliver(threadMessage);
    await settle();
    assert.equal(sent.length, 1);
    assert.equal(sent[0].type, "captureEvents");
    assert.deepEqual(
      sent[0].events.map((e) => e.sourceId),
      ["msg-f:1594506202591635145", "msg-f:1594508744604132981", "msg-f:1594509071530617554", "msg-f:1594959172652759326"],
    );
  });

  it("ignores messages from other windows and stops when the signal aborts", async () => {
    const win = fakeWindow();
    const sent = [];
    const controller = new AbortController();
    init(controller.signal, { win, sendMessage: (m) => sent.push(m) });
    win.deliver(threadMessage, {});
    controller.abort();
    win.deliver(threadMessage);
    await settle();
    assert.deepEqual(sent, []);
  });

  it("survives a background that cannot be reached", async () => {
    const win = fakeWindow();
    init(new AbortController().signal, {
      win,
      sendMessage: () => {
        throw new Error("Extension context invalidated.");
      },
    });
    const warn = console.warn;
    const warnings = [];
    console.warn = (...args) => warnings.push(args);
    try {
      win.deliver(threadMessage);
      await settle();
    } finally {
      console.warn = warn;
    }
    assert.match(String(warnings[0][0]), /could not hand captured emails/);
  });
});
