import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSend } from "../../../src/providers/gmail/parse-send.js";
import { parseSendRequest } from "../../../src/providers/gmail/parse-send-request.js";
import { parseSendResponse } from "../../../src/providers/gmail/parse-send-response.js";
import { readFixture } from "./read-fixture.js";

// Recorded compose traffic: InboxSDK/InboxSDK test/data/2022-09-09-cvOn*.json (commit a8a6fe2c9e69)
// and __tests__/sync-compose-request-processor/send-request-2018-01-25.json.
const recorded = (name) => readFixture(`2022-09-09-${name}.json`);

const SEND_EVENT = {
  type: "email",
  source: "gmail",
  sourceId: "msg-a:r8190137112111191537",
  messageId: "<CAFsK+UQf12W_Efo3+hwj+BWb+sk8DaGQkrOoBOU38nHafAHJ4Q@mail.gmail.com>",
  threadId: "thread-a:r263523620390330024",
  direction: "outbound",
  occurredAt: "2022-09-09T17:31:41.149Z",
  from: { email: "test@gmail.com", name: "Test Test" },
  to: [{ email: "test+1@gmail.com", name: "Test Test" }],
  cc: [],
  subject: "subject_111",
  snippet: "ab",
};

describe("parseSend (request and response of one compose send)", () => {
  it("turns the recorded Send into one outbound event with subject from the request and Message-ID from the response", () => {
    const result = parseSend(recorded("cvOnSend_request"), recorded("cvOnSend_response"), { accountEmail: "test@gmail.com" });
    assert.deepEqual(result.events, [SEND_EVENT]);
    assert.equal(result.skipped, 0);
  });

  it("strips the custom part of a custom thread id (Send 2)", () => {
    const result = parseSend(recorded("cvOnSend_2_request_customThreadId"), recorded("cvOnSend_2_response_customThreadId"), {
      accountEmail: "Test@Gmail.com",
    });
    assert.deepEqual(result.events, [SEND_EVENT]);
  });

  it("captures only the reply just sent, not the thread's earlier messages (ReplySend)", () => {
    const { events } = parseSend(recorded("cvOnReplySend_request"), recorded("cvOnReplySend_response"), {
      accountEmail: "test@streak.com",
    });
    assert.equal(events.length, 1);
    const [reply] = events;
    assert.equal(reply.sourceId, "msg-a:r-414184523264894368");
    assert.equal(reply.threadId, "thread-a:r-474834441621213468");
    assert.equal(reply.messageId, "<CAFxDt-NBAWENo5CdNqGdhzQcsu9rvLERnKDGh_4h5ikqnpf8wA@mail.gmail.com>");
    assert.equal(reply.subject, "Re: tracking test");
    assert.equal(reply.occurredAt, "2022-09-12T18:50:34.218Z");
    assert.equal(reply.direction, "outbound");
    assert.deepEqual(reply.from, { email: "test@streak.com", name: "Test Test" });
    assert.deepEqual(reply.to, [{ email: "test@streak.com", name: "Test Test" }]);
    assert.ok(reply.snippet.startsWith("foo2 (no tracking)"));
    assert.ok(!("body" in reply));
  });

  it("takes the sender from the request where the response's address is unusable (ReplySend 2)", () => {
    // the recording's response has "Test Test" where addresses belong
    const { events } = parseSend(recorded("cvOnReplySend_2_request"), recorded("cvOnReplySend_2_response"), {
      accountEmail: "test@streak.com",
    });
    assert.equal(events.length, 1);
    assert.equal(events[0].sourceId, "msg-a:r2026878197680476540");
    assert.equal(events[0].threadId, "thread-f:1743802434391390786");
    assert.equal(events[0].messageId, "<CAFxDt-NiTcOcChGTdnjfqAW4x-A6VaVkW=jd2y8jE1bJajCULg@mail.gmail.com>");
    assert.equal(events[0].subject, "Re: hey2");
    assert.equal(events[0].occurredAt, "2022-09-12T21:54:03.605Z");
    assert.deepEqual(events[0].from, { email: "test@streak.com", name: "Test Test" });
  });

  it("still yields the event from the request when the response is missing or unreadable", () => {
    const requestOnly = { ...SEND_EVENT, messageId: null };
    delete requestOnly.snippet;
    for (const response of [null, "", "<html>502</html>"]) {
      const { events } = parseSend(recorded("cvOnSend_request"), response, { accountEmail: "test@gmail.com" });
      assert.deepEqual(events, [requestOnly]);
    }
  });
});

describe("parseSendRequest", () => {
  it("reads recipients and subject from the 2022 array shape", () => {
    const { events } = parseSendRequest(recorded("cvOnSend_request"), { accountEmail: "test@gmail.com" });
    assert.equal(events.length, 1);
    assert.equal(events[0].subject, "subject_111");
    assert.equal(events[0].messageId, null);
    assert.deepEqual(events[0].to, [{ email: "test+1@gmail.com", name: "Test Test" }]);
  });

  it("reads the 2018 object shape the same way", () => {
    const { events } = parseSendRequest(readFixture("send-request-2018-01-25.json"), {
      accountEmail: "inboxsdktestdataonly@gmail.com",
    });
    assert.deepEqual(events, [
      {
        type: "email",
        source: "gmail",
        sourceId: "msg-a:r-5205311597211900881",
        messageId: null,
        threadId: "thread-a:r-426046699948294006",
        direction: "outbound",
        occurredAt: "2018-01-25T23:23:19.399Z",
        from: { email: "inboxsdktestdataonly@gmail.com", name: "Jane Doe" },
        to: [{ email: "test+to@test.com", name: null }],
        cc: [],
        subject: "new draft",
      },
    ]);
  });

  it("ignores a draft save, which travels to the same endpoint without the send label", () => {
    const draft = JSON.parse(recorded("cvOnSend_request"));
    const message = draft[1][0][0][1][1][13][0];
    message[10] = ["^all", "^r", "^r_bt"];
    assert.deepEqual(parseSendRequest(JSON.stringify(draft)).events, []);
  });
});

describe("parseSendResponse", () => {
  it("has Gmail's Message-ID and snippet but an empty subject for a new thread", () => {
    const { events } = parseSendResponse(recorded("cvOnSend_response"), { accountEmail: "test@gmail.com" });
    assert.deepEqual(events, [{ ...SEND_EVENT, subject: "" }]);
  });

  it("skips and counts a sent message it cannot read instead of failing", () => {
    const response = JSON.parse(recorded("cvOnSend_response"));
    response[1][5][0][0][2][6][0][4][0][6] = null; // no timestamp (field 7)
    response[1][5][0][0][2][6][0][4][0][17] = null; // nor its copy (field 18)
    const result = parseSendResponse(JSON.stringify(response), { accountEmail: "test@gmail.com" });
    assert.deepEqual(result.events, []);
    assert.equal(result.skipped, 1);
    assert.match(result.problems[0], /^occurredAt/);
  });
});
