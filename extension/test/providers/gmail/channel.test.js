import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHANNEL_TAG, createPageEnd, openContentEnd } from "../../../src/providers/gmail/channel.js";
import { hookPageData } from "../../../src/providers/gmail/page-data.js";

/** A window whose postMessage dispatches to every listener (capture ones first), like a tab's. */
function fakeWindow() {
  const win = new EventTarget();
  win.location = { origin: "https://mail.google.com" };
  win.setTimeout = setTimeout;
  win.postMessage = (data, _origin, transfer = []) => {
    setTimeout(() => {
      const event = new Event("message");
      Object.assign(event, { data, source: win, ports: transfer });
      win.dispatchEvent(event);
    }, 0);
  };
  return win;
}

const until = async (condition) => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(condition(), "condition not reached");
};

describe("the private channel between page script and content script", () => {
  it("delivers the page script's messages to the content script only, and acknowledges them", async () => {
    const win = fakeWindow();
    const pageScriptsSaw = [];
    const page = createPageEnd(win, { pingTimeoutMs: 50 });
    win.addEventListener("message", (event) => pageScriptsSaw.push(event.data)); // a page script, registered later
    const received = [];
    const port = openContentEnd(win, { alive: () => true, onMessage: async (message) => received.push(message) });
    page.send({ op: "capture", events: [{ sourceId: "msg-f:1" }], hold: null });
    await until(() => received.length === 1 && page.unackedCount() === 0);
    assert.deepEqual(pageScriptsSaw, [], "the handshake (and its port) never reached a page script");
    port.close();
  });

  it("ignores messages a page script posts on the window, even in the channel's shape", async () => {
    const win = fakeWindow();
    createPageEnd(win, { pingTimeoutMs: 50 });
    const received = [];
    const port = openContentEnd(win, { alive: () => true, onMessage: async (message) => received.push(message) });
    win.postMessage({ seq: 1, message: { op: "capture", events: [{ forged: true }] } }, "*");
    win.postMessage({ tag: "quietlog:gmail-sync@1", kind: "send", url: "/sync/u/0/i/s", status: 200 }, "*");
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(received, []);
    port.close();
  });

  it("keeps the live content script when a page script offers its own port", async () => {
    const win = fakeWindow();
    const page = createPageEnd(win, { pingTimeoutMs: 30 });
    const received = [];
    const port = openContentEnd(win, { alive: () => true, onMessage: async (message) => received.push(message) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const thief = new MessageChannel();
    const stolen = [];
    thief.port1.onmessage = (event) => stolen.push(event.data);
    win.postMessage({ tag: CHANNEL_TAG }, "*", [thief.port2]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    page.send({ op: "capture", events: [], hold: null });
    await until(() => received.length === 1);
    assert.deepEqual(stolen.filter((data) => data.seq), []);
    port.close();
    thief.port1.close();
  });

  it("moves to a new content script after an update and resends what was never acknowledged", async () => {
    const win = fakeWindow();
    const page = createPageEnd(win, { pingTimeoutMs: 30 });
    let oldAlive = true;
    const oldPort = openContentEnd(win, { alive: () => oldAlive, onMessage: async () => { throw new Error("Extension context invalidated."); } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    page.send({ op: "capture", events: [{ sourceId: "msg-f:2" }], hold: null });
    oldAlive = false;
    const received = [];
    const newPort = openContentEnd(win, { alive: () => true, onMessage: async (message) => received.push(message) });
    await until(() => received.length === 1 && page.unackedCount() === 0);
    assert.deepEqual(received[0].events, [{ sourceId: "msg-f:2" }]);
    oldPort.close();
    newPort.close();
  });
});

describe("hookPageData", () => {
  it("sees every _GM_setData call Gmail defines later, and still calls Gmail's function", () => {
    const win = {};
    const seen = [];
    hookPageData(win, (data) => seen.push(data));
    const gmailSaw = [];
    win._GM_setData = (data) => gmailSaw.push(data);
    win._GM_setData({ Cl6csf: [] });
    assert.deepEqual(seen, [{ Cl6csf: [] }]);
    assert.deepEqual(gmailSaw, [{ Cl6csf: [] }]);
  });
  it("never breaks Gmail when observing throws", () => {
    const win = {};
    hookPageData(win, () => {
      throw new Error("boom");
    });
    let called = false;
    win._GM_setData = () => {
      called = true;
    };
    assert.doesNotThrow(() => win._GM_setData({}));
    assert.equal(called, true);
  });
});
