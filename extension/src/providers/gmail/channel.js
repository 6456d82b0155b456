// The private channel from the page script (MAIN world) to the content script (isolated
// world). window.postMessage reaches every script in the tab and anyone can post on it,
// so it carries one thing only: at document_start the content script transfers one end
// of a MessageChannel to the page script, which takes it before any page script runs
// (its listener was registered first and stops the message there). From then on events
// travel over that port only; the content script never listens to window messages, so a
// message a page script posts cannot reach it.
//
// Extension updates: the old content script dies with its port, the page script lives
// on. A new content script offers a new port; the page script moves to it only when the
// old one no longer answers a ping (so a page script cannot take the channel over from a
// live content script) and resends what the old one never acknowledged.
export const CHANNEL_TAG = "quietlog:gmail-channel@2";
const MAX_UNACKED = 500;

/**
 * The page script's end. `send(message)` delivers in order; messages stay buffered until
 * the content script acknowledges them (after the service worker has taken them).
 */
export function createPageEnd(win, { pingTimeoutMs = 1000 } = {}) {
  let port = null;
  let seq = 0;
  let pingSeq = 0;
  const unacked = new Map();

  function adopt(newPort) {
    if (port) port.close();
    port = newPort;
    port.onmessage = (event) => {
      const data = event.data;
      if (Number.isInteger(data?.ack)) unacked.delete(data.ack);
    };
    for (const [number, message] of unacked) port.postMessage({ seq: number, message });
  }

  function offered(newPort) {
    if (!port) return adopt(newPort);
    const old = port;
    const ping = ++pingSeq;
    let answered = false;
    const listener = (event) => {
      if (event.data?.pong === ping) answered = true;
    };
    old.addEventListener("message", listener);
    win.setTimeout(() => {
      old.removeEventListener("message", listener);
      if (answered || port !== old) newPort.close(); // the live content script keeps it
      else adopt(newPort);
    }, pingTimeoutMs);
    old.postMessage({ ping });
  }

  win.addEventListener(
    "message",
    (event) => {
      if (event.source !== win || event.data?.tag !== CHANNEL_TAG || event.ports?.length !== 1) return;
      event.stopImmediatePropagation();
      offered(event.ports[0]);
    },
    true,
  );

  return {
    send(message) {
      seq += 1;
      unacked.set(seq, message);
      if (unacked.size > MAX_UNACKED) unacked.delete(unacked.keys().next().value);
      port?.postMessage({ seq, message });
    },
    unackedCount: () => unacked.size,
  };
}

/**
 * The content script's end. `onMessage(message)` returns a promise; the message is
 * acknowledged when it resolves (the service worker has it). `alive()` says whether this
 * content script can still reach the extension (false after an update or reload).
 */
export function openContentEnd(win, { onMessage, alive }) {
  const channel = new MessageChannel();
  const port = channel.port1;
  port.onmessage = (event) => {
    const data = event.data;
    if (!data || typeof data !== "object") return;
    if (Number.isInteger(data.ping)) {
      if (alive()) port.postMessage({ pong: data.ping });
      return;
    }
    if (!Number.isInteger(data.seq)) return;
    Promise.resolve()
      .then(() => onMessage(data.message))
      .then(
        (handled) => {
          if (handled !== false) port.postMessage({ ack: data.seq });
        },
        () => {},
      );
  };
  win.postMessage({ tag: CHANNEL_TAG }, win.location.origin, [channel.port2]);
  return port;
}
