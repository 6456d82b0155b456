import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseSend } from "../../../src/providers/gmail/parse-send.js";
import { parseThreadResponse } from "../../../src/providers/gmail/parse-thread-response.js";
import { classifySyncUrl } from "../../../src/providers/gmail/sync-urls.js";
import { accountEmailFromTitle } from "../../../src/providers/gmail/account-email.js";
import { INBOX_THREAD, startFakeGmail } from "../../e2e/fake-gmail/server.js";
import { buildSendRequest } from "../../e2e/fake-gmail/sync-templates.js";

// The fake Gmail templates its traffic from recorded Gmail files (fixtures/SOURCES.md):
// InboxSDK/InboxSDK test/data/2022-09-09-cvOnSend_request.json and _response.json, and
// __tests__/gmail-sync-response-processor/fd-response-20180709.json (a8a6fe2c9e69).
describe("fake Gmail speaks what the Gmail parsers read", () => {
  let gmail;
  before(async () => {
    gmail = await startFakeGmail({ accountEmail: "rep@acme.com" });
  });
  after(() => gmail.close());

  it("serves the inbox page with Gmail's title, account global, compose form and thread row", async () => {
    const html = await (await fetch(`${gmail.origin}/mail/u/0/`)).text();
    const title = html.match(/<title>(.*)<\/title>/)[1];
    assert.equal(title, "Inbox - rep@acme.com - Gmail");
    assert.equal(accountEmailFromTitle(title), "rep@acme.com");
    assert.match(html, /window\.GLOBALS = Array\(10\)\.fill\(null\)\.concat\(\["rep@acme\.com"\]\)/);
    for (const selector of ['name="to"', 'name="subject"', 'name="body"', 'role="button" tabindex="0" data-tooltip="Send', 'class="zA"']) {
      assert.ok(html.includes(selector), selector);
    }
    assert.ok(html.includes("Renewal quote for Q3"));
  });

  it("answers a send like Gmail, and the pair parses into the outbound event", async () => {
    const template = await (await fetch(`${gmail.origin}/fake/templates/send-request.json`)).json();
    const requestBody = JSON.stringify(
      buildSendRequest(template, {
        threadId: "thread-a:r1234567890123456789",
        messageId: "msg-a:r9876543210987654321",
        from: { email: "rep@acme.com", name: null },
        to: [{ email: "Carla@Globex-Example.com", name: "Carla Customer" }],
        subject: "Re: Renewal quote for Q3",
        bodyHtml: "<div>Quote attached</div>",
        sentAtMs: Date.UTC(2024, 4, 14, 10, 0, 0),
      }),
    );
    const url = `${gmail.origin}/sync/u/0/i/s?hl=en&c=1`;
    assert.equal(classifySyncUrl(url), "send");
    const response = await fetch(url, { method: "POST", body: requestBody });
    assert.equal(response.status, 200);

    const { events, skipped } = parseSend(requestBody, await response.text(), { accountEmail: "rep@acme.com" });
    assert.equal(skipped, 0);
    assert.deepEqual(events, [
      {
        type: "email",
        source: "gmail",
        sourceId: "msg-a:r9876543210987654321",
        messageId: "<fake-9876543210987654321@mail.gmail.com>",
        threadId: "thread-a:r1234567890123456789",
        direction: "outbound",
        occurredAt: "2024-05-14T10:00:00.000Z",
        from: { email: "rep@acme.com", name: null },
        to: [{ email: "carla@globex-example.com", name: "Carla Customer" }],
        cc: [],
        subject: "Re: Renewal quote for Q3",
        snippet: "Quote attached",
      },
    ]);
    assert.equal(gmail.sentMessages.at(-1).subject, "Re: Renewal quote for Q3");
  });

  it("answers thread data with Carla's inbound message", async () => {
    const url = `${gmail.origin}/sync/u/0/i/fd?hl=en&c=2`;
    assert.equal(classifySyncUrl(url), "thread");
    const response = await fetch(url, { method: "POST", body: JSON.stringify([[INBOX_THREAD.threadId]]) });
    const { events, skipped } = parseThreadResponse(await response.text(), { accountEmail: "rep@acme.com" });
    assert.equal(skipped, 0);
    assert.deepEqual(events, [
      {
        type: "email",
        source: "gmail",
        sourceId: INBOX_THREAD.messageId,
        messageId: INBOX_THREAD.rfcMessageId,
        threadId: INBOX_THREAD.threadId,
        direction: "inbound",
        occurredAt: "2024-05-14T09:30:00.000Z",
        from: { email: "carla@globex-example.com", name: "Carla Customer" },
        to: [{ email: "rep@acme.com", name: null }],
        cc: [],
        subject: "Renewal quote for Q3",
        snippet: INBOX_THREAD.snippet,
      },
    ]);
  });

  it("serves its page script's template module and 404s anything else", async () => {
    const module = await fetch(`${gmail.origin}/fake/sync-templates.js`);
    assert.match(module.headers.get("content-type"), /javascript/);
    assert.equal((await fetch(`${gmail.origin}/nothing-here`)).status, 404);
  });
});
