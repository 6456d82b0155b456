import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseThreadResponse } from "../../../src/providers/gmail/parse-thread-response.js";
import { readFixture } from "./read-fixture.js";

describe("parseThreadResponse", () => {
  // InboxSDK/InboxSDK __tests__/gmail-sync-response-processor/thread-response-2018-03-14.json (a8a6fe2c9e69)
  it("turns every message of a recorded 2018 thread into an event, in order", () => {
    const { events, skipped } = parseThreadResponse(readFixture("thread-response-2018-03-14.json"), {
      accountEmail: "sara@streak.com",
    });
    assert.equal(skipped, 0);
    assert.deepEqual(
      events.map((e) => [e.sourceId, e.from.email, e.direction, e.occurredAt]),
      [
        ["msg-f:1594506202591635145", "sara@streak.com", "outbound", "2018-03-09T23:53:32.762Z"],
        ["msg-f:1594508744604132981", "michael@streak.com", "inbound", "2018-03-10T00:33:57.014Z"],
        ["msg-f:1594509071530617554", "sara@streak.com", "outbound", "2018-03-10T00:39:08.795Z"],
        ["msg-f:1594959172652759326", "michael@streak.com", "inbound", "2018-03-14T23:53:18.675Z"],
      ],
    );
    assert.deepEqual(events[1], {
      type: "email",
      source: "gmail",
      sourceId: "msg-f:1594508744604132981",
      // the message's own id comes from the details; the summary's field 12 is In-Reply-To
      messageId: "<CAKPA8ht=8Td-Qdf9kt1pu6BKnGF8bwuo4yFeKvz2Xyw0TbXVxA@mail.gmail.com>",
      threadId: "thread-f:1594506202591635145",
      direction: "inbound",
      occurredAt: "2018-03-10T00:33:57.014Z",
      from: { email: "michael@streak.com", name: "Mike Nguyen" },
      to: [{ email: "sara@streak.com", name: "Sara Eichelberger" }],
      cc: [{ email: "eng@streak.com", name: "eng" }],
      subject: "Re: Validate emails within Streak",
      snippet:
        'Another customer of mine thebusinessguru.com uses a service to "clean" a list of emails for only "active" ones. I just asked and will let you know once I know.\u1427',
    });
  });

  // InboxSDK/InboxSDK __tests__/gmail-sync-response-processor/fd-response-20180709.json (a8a6fe2c9e69)
  it("reads a one-message fd response with a recipient that has no name", () => {
    const { events } = parseThreadResponse(readFixture("fd-response-20180709.json"), { accountEmail: "cowan@streak.com" });
    assert.deepEqual(events, [
      {
        type: "email",
        source: "gmail",
        sourceId: "msg-f:1600484990382419037",
        messageId: "<ZM_yAQABY2EJ3So5UyDXQ2R2M2S6.1526341426@streak.com>",
        threadId: "thread-f:1600484990382419037",
        direction: "inbound",
        occurredAt: "2018-05-14T23:43:49.121Z",
        from: { email: "notifications@streak.com", name: "Streak" },
        to: [{ email: "cowan@streak.com", name: null }],
        cc: [],
        subject: "Update on: threadRowView.addStatusText() should be added to SDK",
        snippet:
          "Aleem M commented: is it currently implemented but not documented or is it implemwented on the streak side but not in sdk? on the threadRowView.addStatusText()",
      },
    ]);
  });

  // KartikTalwar/gmail.js test/testdata-parser-json/testdata-parser-fd-request.json (b7dfdabc1906)
  it("leaves out the draft and keeps the sent version of a message that appears twice", () => {
    const { events } = parseThreadResponse(readFixture("testdata-parser-fd-request.json"), { accountEmail: "user@gmail.com" });
    assert.equal(events.length, 1);
    assert.equal(events[0].sourceId, "msg-a:r-4871072856822866136");
    assert.equal(events[0].threadId, "thread-a:r-4872725344334517560");
    assert.equal(events[0].messageId, "<CAMiVxa2V12sQtPvzoDe-HssF4-HXf3uouNCM2RBntb54nX4uag@mail.gmail.com>");
    assert.equal(events[0].occurredAt, "2021-10-01T20:37:22.270Z");
    assert.equal(events[0].direction, "outbound");
    assert.equal(events[0].snippet, "aaa");
  });

  // KartikTalwar/gmail.js test/testdata-parser-json/testdata-parser-fd-embedded.json (b7dfdabc1906)
  it("reads the 2022 whole-message layout", () => {
    const { events, skipped } = parseThreadResponse(readFixture("testdata-parser-fd-embedded.json"), {
      accountEmail: "jostein@gmail.com",
    });
    assert.equal(skipped, 0);
    assert.deepEqual(
      events.map((e) => e.subject),
      ["Test email 4", "Test email 2", "Test email 3", "Test email 6", "Test email 1"],
    );
    assert.equal(events[0].sourceId, "msg-f:1743836977043622489");
    assert.equal(events[0].threadId, "thread-f:1743836977043622489");
    assert.equal(events[0].messageId, "<491e0008-2936-f0e2-171a-3d696268b5b7@secure.kjonigsen.net>");
    assert.equal(events[0].occurredAt, "2022-09-13T07:02:16.832Z");
    assert.deepEqual(events[0].from, { email: "jostein@secure.kjonigsen.net", name: "Jostein Kjønigsen" });
    assert.deepEqual(events[0].to, [{ email: "jostein@gmail.com", name: "Jostein Kjønigsen" }]);
    assert.equal(events[0].direction, "inbound");
  });

  it("skips and counts one unreadable message without losing the rest of the thread", () => {
    const thread = JSON.parse(readFixture("thread-response-2018-03-14.json"));
    thread[2][0][2][2][1][2] = { 1: 1, 2: "not an address" }; // second message's sender
    thread[2][0][2][2][2][1] = 42; // third message's id
    const { events, skipped, problems } = parseThreadResponse(JSON.stringify(thread), { accountEmail: "sara@streak.com" });
    assert.deepEqual(
      events.map((e) => e.sourceId),
      ["msg-f:1594506202591635145", "msg-f:1594959172652759326"],
    );
    assert.equal(skipped, 2);
    assert.equal(problems.length, 2);
  });

  it("falls back to Gmail's Sent label for direction while the account address is unknown", () => {
    const { events } = parseThreadResponse(readFixture("testdata-parser-fd-request.json"), {});
    assert.equal(events[0].direction, "outbound"); // labelled ^f
    const { events: received } = parseThreadResponse(readFixture("fd-response-20180709.json"), {});
    assert.equal(received[0].direction, "inbound");
  });

  it("throws on a body that is not JSON, for the caller to count", () => {
    assert.throws(() => parseThreadResponse("<html>"), SyntaxError);
  });
});
