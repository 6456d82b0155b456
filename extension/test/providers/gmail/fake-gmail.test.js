import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { accountEmailFromTitle } from "../../../src/providers/gmail/account-email.js";
import { createCaptureSession } from "../../../src/providers/gmail/capture-session.js";
import { createFakeGmail, THREADS } from "../../e2e/fake-gmail/fake-gmail.js";
import { buildSendRequest } from "../../e2e/fake-gmail/sync-templates.js";

// The fake Gmail of the e2e tests, checked without a browser: what it serves parses into
// the events the e2e tests expect, through the same page-side code the extension runs.
describe("fake Gmail", () => {
  let gmail;
  const origin = "https://mail.google.com";
  before(async () => {
    gmail = await createFakeGmail({ accounts: { 0: "rep@acme.com", 1: "me@home.example" } });
  });
  const get = (path) => gmail.handle({ method: "GET", url: `${origin}${path}` });
  const post = (path, body) => gmail.handle({ method: "POST", url: `${origin}${path}`, body });

  it("serves each account's page with Gmail's title and page data", () => {
    const page = get("/mail/u/1/");
    assert.equal(page.status, 200);
    assert.equal(accountEmailFromTitle(/<title>(.*)<\/title>/.exec(page.body)[1]), "me@home.example");
    assert.match(page.body, /_GM_setData\(\{ Cl6csf:/);
    assert.equal(get("/mail/u/7/").status, 404);
  });

  it("answers a send like Gmail, and Undo as a draft save", () => {
    const template = JSON.parse(get("/fake/templates/send-request.json").body);
    const values = { threadId: "thread-a:r1", messageId: "msg-a:r123", from: { email: "rep@acme.com", name: null }, to: [{ email: "bob@globex-example.com", name: null }], subject: "Quote", bodyHtml: "<div>Hi</div>", sentAtMs: Date.UTC(2024, 0, 1) };
    const requestBody = JSON.stringify(buildSendRequest(template, values));
    const answer = post("/sync/u/0/i/s?c=1", requestBody);
    const out = [];
    const session = createCaptureSession({ emit: (m) => out.push(m), accountEmail: () => "rep@acme.com" });
    session.onSyncExchange({ kind: "send", status: answer.status, requestBody, responseText: answer.body });
    assert.deepEqual(out.map((m) => [m.op, m.hold, m.events.map((e) => [e.sourceId, e.messageId, e.subject, e.to[0].email])]), [
      ["capture", "send", [["msg-a:r123", "<fake-123@mail.gmail.com>", "Quote", "bob@globex-example.com"]]],
    ]);
    const undoBody = JSON.stringify(buildSendRequest(template, { ...values, labels: ["^all", "^r", "^r_bt"] }));
    session.onSyncExchange({ kind: "send", status: 200, requestBody: undoBody, responseText: post("/sync/u/0/i/s?c=2", undoBody).body });
    assert.deepEqual(out.at(-1), { op: "cancelSends", sourceIds: ["msg-a:r123"] });
    assert.equal(gmail.sends.length, 1);
  });

  it("answers thread data, and serves the page-data thread, so that opening each captures it", () => {
    const out = [];
    const session = createCaptureSession({ emit: (m) => out.push(m), accountEmail: () => "rep@acme.com" });
    const fd = post("/sync/u/0/i/fd?c=3", JSON.stringify([[THREADS.customer.threadId]]));
    session.onSyncExchange({ kind: "thread", status: fd.status, responseText: fd.body });
    session.onThreadOpened(THREADS.customer.threadId);
    const pageData = JSON.parse(/_GM_setData\(\{ Cl6csf: \[\[null, null, (".*")\]\] \}\)/.exec(get("/mail/u/0/").body)[1]);
    session.onPageData({ Cl6csf: [[null, null, pageData]] });
    session.onThreadOpened(THREADS.pageData.threadId);
    assert.deepEqual(out.map((m) => m.events.map((e) => [e.sourceId, e.direction, e.messageId, e.from.email])), [
      [[THREADS.customer.messageId, "inbound", THREADS.customer.rfcMessageId, "carla@globex-example.com"]],
      [[THREADS.pageData.messageId, "inbound", THREADS.pageData.rfcMessageId, "dave@initech-example.com"]],
    ]);
  });
});
