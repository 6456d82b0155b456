import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { installSyncHook } from "../../../src/providers/gmail/sync-hook.js";

const SEND_URL = "https://mail.google.com/sync/u/0/i/s?hl=en&c=32";
const FD_URL = "https://mail.google.com/sync/u/0/i/fd?hl=en&c=33";

class FakeXhr extends EventTarget {
  open() {
    this.openArguments = [...arguments];
  }
  send(body) {
    this.sentBody = body;
  }
  respond(status, text) {
    Object.assign(this, { status, responseType: "", responseText: text });
    this.dispatchEvent(new Event("loadend"));
  }
}

function fakePage({ fetchResponse = "[]", fetch = async () => new Response(fetchResponse, { status: 200 }) } = {}) {
  const posted = [];
  const win = {
    location: { origin: "https://mail.google.com", href: "https://mail.google.com/mail/u/0/#inbox" },
    document: { title: "Inbox - rep@acme.com - Gmail" },
    XMLHttpRequest: class extends FakeXhr {},
    fetch,
    postMessage: () => {
      throw new Error("the hook must not use window.postMessage");
    },
  };
  const hooks = { onExchange: (exchange) => posted.push({ message: exchange }) };
  installSyncHook(win, (exchange) => hooks.onExchange(exchange));
  return { win, posted, hooks };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("installSyncHook (MAIN world)", () => {
  it("hands a send exchange seen over XMLHttpRequest to the page-side parser, leaving the request as Gmail made it", () => {
    const { win, posted } = fakePage();
    const xhr = new win.XMLHttpRequest();
    xhr.open("POST", SEND_URL);
    assert.deepEqual(xhr.openArguments, ["POST", SEND_URL]); // no added (synchronous!) async argument
    xhr.send('[[null,null,2]]');
    assert.equal(xhr.sentBody, "[[null,null,2]]");
    xhr.respond(200, "[[[[10,0]]]]");
    assert.deepEqual(posted, [
      {
        message: {
          kind: "send",
          url: SEND_URL,
          status: 200,
          requestBody: "[[null,null,2]]",
          responseText: "[[[[10,0]]]]",
        },
      },
    ]);
  });

  it("stays silent for other requests, even when an XHR object is reused", () => {
    const { win, posted } = fakePage();
    const xhr = new win.XMLHttpRequest();
    xhr.open("POST", SEND_URL);
    xhr.open("POST", "https://mail.google.com/sync/u/0/i/bv?hl=en");
    xhr.send("{}");
    xhr.respond(200, "[]");
    assert.deepEqual(posted, []);
  });

  it("posts thread data fetched with fetch and still hands Gmail an unread response", async () => {
    const { win, posted } = fakePage({ fetchResponse: '{"1":0}' });
    const response = await win.fetch(FD_URL, { method: "POST", body: "[]" });
    assert.equal(await response.text(), '{"1":0}');
    await settle();
    assert.equal(posted.length, 1);
    assert.equal(posted[0].message.kind, "thread");
    assert.equal(posted[0].message.responseText, '{"1":0}');
    assert.equal(posted[0].message.requestBody, null);
  });

  it("reads a send body from a Request object without consuming Gmail's copy", async () => {
    let bodySeenByNetwork;
    const { win, posted } = fakePage({
      fetch: async (input) => {
        bodySeenByNetwork = await input.text();
        return new Response("[]", { status: 200 });
      },
    });
    await win.fetch(new Request(SEND_URL, { method: "POST", body: "[1]" }));
    await settle();
    assert.equal(bodySeenByNetwork, "[1]");
    assert.equal(posted[0].message.requestBody, "[1]");
  });

  it("never breaks Gmail's request when observing fails", () => {
    const { win, hooks } = fakePage();
    hooks.onExchange = () => {
      throw new Error("boom");
    };
    const xhr = new win.XMLHttpRequest();
    xhr.open("POST", SEND_URL);
    xhr.send("[]");
    assert.doesNotThrow(() => xhr.respond(200, "[]"));
    assert.equal(xhr.sentBody, "[]");
  });

  it("installs once per window", () => {
    const { win } = fakePage();
    const wrappedOpen = win.XMLHttpRequest.prototype.open;
    installSyncHook(win, () => {});
    assert.equal(win.XMLHttpRequest.prototype.open, wrappedOpen);
  });
});
