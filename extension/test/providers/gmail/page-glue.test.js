import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accountEmailFromTitle, findAccountEmail } from "../../../src/providers/gmail/account-email.js";
import { classifySyncUrl } from "../../../src/providers/gmail/sync-urls.js";

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


describe("forwarding from the content script", () => {
  it("adds the mailbox the tab shows and passes only the page script's shapes on", async () => {
    const { currentMailbox, toBackgroundMessage } = await import("../../../src/providers/gmail/forward-captures.js");
    const win = { location: { href: "https://mail.google.com/mail/u/1/#inbox" }, document: { title: "Inbox - Me@Home.example - Gmail" } };
    const seen = currentMailbox(win, "rep@acme.com");
    assert.deepEqual(seen, { mailbox: "me@home.example", delegated: false, isMailbox: true }, "the title wins over the page's claim");
    const delegated = currentMailbox({ location: { href: "https://mail.google.com/mail/u/0/d/AEoRX/#inbox" }, document: { title: "" } }, "rep@acme.com");
    assert.equal(delegated.delegated, true);
    assert.deepEqual(toBackgroundMessage({ op: "capture", events: [], hold: "send" }, seen), { type: "captureEvents", mailbox: "me@home.example", delegated: false, hold: "send", events: [] });
    assert.deepEqual(toBackgroundMessage({ op: "cancelSends", sourceIds: ["msg-a:r1"] }, seen), { type: "cancelSends", mailbox: "me@home.example", sourceIds: ["msg-a:r1"] });
    assert.equal(toBackgroundMessage({ op: "saveSettings", serverUrl: "https://evil.example" }, seen), null);
    assert.equal(toBackgroundMessage({ op: "capture", events: [], hold: "forever" }, seen), null);
    assert.equal(toBackgroundMessage({ op: "cancelSends", sourceIds: [{}] }, seen), null);
  });
});
