import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createCaptureSession } from "../../../src/providers/gmail/capture-session.js";
import { parseSend } from "../../../src/providers/gmail/parse-send.js";
import { readFixture } from "./read-fixture.js";

// Recordings: InboxSDK/InboxSDK test/data/2022-09-09-*.json and
// __tests__/gmail-sync-response-processor/*.json (a8a6fe2c9e69); gmail.js
// test/testdata-parser-json/*.json (b7dfdabc1906). See fixtures/SOURCES.md.
const recorded = (name) => readFixture(`2022-09-09-${name}.json`);
const SEND_URL = "https://mail.google.com/sync/u/0/i/s?hl=en&c=1";

function session(account = "test@test.com") {
  const out = [];
  const s = createCaptureSession({ emit: (message) => out.push(message), accountEmail: () => account });
  return { s, out, ops: () => out.map((m) => [m.op, m.hold ?? null, (m.events ?? []).map((e) => e.sourceId).concat(m.sourceIds ?? [])]) };
}

const send = (s, name, overrides = {}) =>
  s.onSyncExchange({ kind: "send", url: SEND_URL, status: 200, requestBody: recorded(`${name}_request`), responseText: recorded(`${name}_response`), ...overrides });

/** The recorded message array whose first field is `id`, anywhere in `node`. */
function findMessage(node, id) {
  if (!Array.isArray(node)) return null;
  if (node[0] === id && Array.isArray(node[10])) return node;
  for (const child of node) {
    const found = findMessage(child, id);
    if (found) return found;
  }
  return null;
}

const SENT_ID = "msg-a:r-329565169840451245"; // the send in cvOnSend_4

/** cvOnSend_4's request body with the sent message's labels replaced. */
function withLabels(labels) {
  const request = JSON.parse(recorded("cvOnSend_4_request"));
  findMessage(request, SENT_ID)[10] = labels;
  return JSON.stringify(request);
}

describe("sends (compose exchanges on /i/s)", () => {
  it("holds a send inside the undo window, with Gmail's final Message-ID and the Bcc", () => {
    const { s, out } = session();
    send(s, "cvOnSend_4");
    assert.equal(out.length, 1);
    assert.equal(out[0].op, "capture");
    assert.equal(out[0].hold, "send");
    assert.deepEqual(out[0].events.map((e) => [e.sourceId, e.messageId, e.direction]), [
      ["msg-a:r-329565169840451245", "<CAGx7AOQiYaKpc6Zb5=+mRqU3K-WF+G3KxmmaYKdzCisHqSaRAQ@mail.gmail.com>", "outbound"],
    ]);
    assert.deepEqual(out[0].events[0].bcc.map((p) => p.email), ["test+bcc@test.com"]);
  });

  it("captures only the sent draft of a reply, not earlier ^pfg messages of the thread (reply sends 2, 3, 5)", () => {
    // Reply send 4 is left to the fake Gmail (see fixtures/SOURCES.md).
    const expected = {
      cvOnReplySend_2: "msg-a:r2026878197680476540",
      cvOnReplySend_3: "msg-a:r7241715802500133864",
      cvOnReplySend_5: "msg-a:r5645180764593433440",
    };
    for (const [name, draftId] of Object.entries(expected)) {
      const { s, out } = session();
      send(s, name);
      assert.deepEqual(out.flatMap((m) => m.events.map((e) => e.sourceId)), [draftId], name);
    }
    // The parser alone agrees (reply send 5's answer repeats an earlier message still marked ^pfg).
    assert.deepEqual(parseSend(recorded("cvOnReplySend_5_request"), recorded("cvOnReplySend_5_response")).events.map((e) => e.sourceId), ["msg-a:r5645180764593433440"]);
  });

  it("cancels a send that Gmail turns back into a draft (undo), and captures the re-send", () => {
    const { s, ops } = session();
    send(s, "cvOnSend_4");
    s.onSyncExchange({ kind: "send", url: SEND_URL, status: 200, requestBody: withLabels(["^all", "^r", "^r_bt"]), responseText: "[]" });
    send(s, "cvOnSend_4");
    assert.deepEqual(ops(), [
      ["capture", "send", [SENT_ID]],
      ["cancelSends", null, [SENT_ID]],
      ["capture", "send", [SENT_ID]],
    ]);
  });

  it("releases a held send when later data shows it in Sent", () => {
    const { s, out } = session();
    send(s, "cvOnSend_4");
    // Later thread data (here: the next compose answer of the thread) shows it sent, no longer ^pfg.
    const later = JSON.parse(recorded("cvOnSend_4_response"));
    findMessage(later, "msg-a:r-329565169840451245")[10] = ["^all", "^f", "^f_bt"];
    s.onSyncExchange({ kind: "send", url: SEND_URL, status: 200, requestBody: "[]", responseText: JSON.stringify(later) });
    assert.deepEqual(out.map((m) => [m.op, m.hold]), [["capture", "send"], ["capture", null]]);
    assert.equal(out[1].events[0].messageId, "<CAGx7AOQiYaKpc6Zb5=+mRqU3K-WF+G3KxmmaYKdzCisHqSaRAQ@mail.gmail.com>");
  });

  it("ignores draft saves and updates (2022 recordings)", () => {
    for (const name of ["cvOnDraftSave", "cvOnDraftUpdate", "cvOnDraftUpdate_2", "cvOnReplyDraftUpdate"]) {
      const { s, out } = session();
      send(s, name);
      assert.deepEqual(out, [], name);
    }
  });

  it("captures a scheduled send only once Gmail has sent it", () => {
    const { s, out } = session();
    s.onSyncExchange({ kind: "send", url: SEND_URL, status: 200, requestBody: withLabels(["^all", "^scheduled"]), responseText: "[]" });
    assert.deepEqual(out, []);
    const later = JSON.parse(recorded("cvOnSend_4_response"));
    findMessage(later, SENT_ID)[10] = ["^all", "^f"];
    s.onSyncExchange({ kind: "send", url: SEND_URL, status: 200, requestBody: "[]", responseText: JSON.stringify(later) });
    assert.deepEqual(out.map((m) => [m.op, m.hold, m.events[0].sourceId]), [["capture", null, "msg-a:r-329565169840451245"]]);
  });

  it("yields nothing for a failed send", () => {
    const { s, out } = session();
    send(s, "cvOnSend_4", { status: 500 });
    assert.deepEqual(out, []);
  });
});

describe("received mail: learned from any payload, captured when the thread is opened", () => {
  it("captures thread data (/i/fd) only when the rep opens the thread", () => {
    const { s, out } = session("cowan@streak.com");
    s.onSyncExchange({ kind: "thread", status: 200, responseText: readFixture("fd-response-20180709.json") });
    assert.deepEqual(out, []);
    s.onThreadOpened("thread-f:1600484990382419037");
    assert.deepEqual(out.map((m) => [m.op, m.hold, m.events.map((e) => [e.sourceId, e.direction])]), [
      ["capture", null, [["msg-f:1600484990382419037", "inbound"]]],
    ]);
    s.onThreadOpened(null);
    s.onThreadOpened("thread-f:1600484990382419037");
    assert.equal(out.length, 1, "opening it again captures nothing new");
  });

  it("captures data that arrives after the thread was opened", () => {
    const { s, out } = session("cowan@streak.com");
    s.onThreadOpened("thread-f:1600484990382419037");
    s.onSyncExchange({ kind: "thread", status: 200, responseText: readFixture("fd-response-20180709.json") });
    assert.equal(out.length, 1);
  });

  it("captures a thread that came with the page (_GM_setData, 2022 array layout) without any request", () => {
    const { s, out } = session("jostein@gmail.com");
    s.onPageData({ Cl6csf: [[null, null, readFixture("testdata-parser-fd-embedded.json")]] });
    s.onThreadOpened("thread-f:1743836743950419315");
    assert.deepEqual(out.flatMap((m) => m.events.map((e) => [e.sourceId, e.subject, e.messageId])), [
      ["msg-f:1743836743950419315", "Test email 3", "<4c8d3143-b98b-5f5f-152b-23a9967205b7@secure.kjonigsen.net>"],
    ]);
  });

  it("captures incoming mail that only came inside a compose answer (/i/s), not the draft beside it", () => {
    const { s, out } = session("test@gmail.com");
    send(s, "cvOnReplyDraftUpdate");
    assert.deepEqual(out, []);
    s.onThreadOpened("thread-f:1746035685735370050");
    assert.deepEqual(out.flatMap((m) => m.events.map((e) => [e.sourceId, e.direction, e.messageId])), [
      ["msg-f:1746035685735370050", "inbound", "<20221007132948.3ca489969d9cc1c5@cio14991.streak.com>"],
    ]);
  });

  it("does not capture a held send again when its thread is opened", () => {
    const { s, out } = session("test@test.com");
    send(s, "cvOnReplySend_3");
    s.onThreadOpened("thread-a:r-1030145228305804508");
    const again = out.slice(1).flatMap((m) => m.events.map((e) => e.sourceId));
    assert.ok(!again.includes("msg-a:r7241715802500133864"), JSON.stringify(again));
  });

  it("holds a message without a Message-ID (list data) and sends it again once Gmail supplies one", () => {
    const { s, out } = session("elonm@gmail.com");
    s.onPageData({ a6jdv: [[null, null, readFixture("testdata-parser-bv-embedded.json")]] });
    s.onThreadOpened("thread-a:r873907427374440696");
    const first = out.find((m) => m.events.some((e) => e.sourceId === "msg-f:1665118316230599953"));
    assert.equal(first.hold, "messageId");
    assert.equal(first.events.find((e) => e.sourceId === "msg-f:1665118316230599953").messageId, null);
    // The full thread data arrives later, with the Message-ID.
    const fd = JSON.stringify([null, [[null, { 4: "thread-a:r873907427374440696", 5: [{ 1: "msg-f:1665118316230599953", 14: "<x@gmail.com>" }] }]]]);
    s.onSyncExchange({ kind: "thread", status: 200, responseText: fd });
    const last = out.at(-1);
    assert.equal(last.hold, null);
    assert.deepEqual(last.events.map((e) => [e.sourceId, e.messageId]), [["msg-f:1665118316230599953", "<x@gmail.com>"]]);
  });

  it("never captures drafts, spam, trash or scheduled messages", () => {
    for (const label of ["^r", "^s", "^k", "^scheduled"]) {
      const { s, out } = session("cowan@streak.com");
      const thread = JSON.parse(readFixture("fd-response-20180709.json"));
      thread[2][0][2][2][0][4].push(label);
      s.onSyncExchange({ kind: "thread", status: 200, responseText: JSON.stringify(thread) });
      s.onThreadOpened("thread-f:1600484990382419037");
      assert.deepEqual(out, [], label);
    }
  });
});
