// The fake Gmail page's behaviour: compose and send (XMLHttpRequest, like Gmail), Undo,
// opening threads by /i/fd (fetch) or from data the page already has (no request).
import { buildSendRequest } from "/fake/sync-templates.js";

const { accountIndex, sendAs, threads } = window.FAKE;
const accountEmail = window.GLOBALS[10];
const sendTemplate = fetch("/fake/templates/send-request.json").then((response) => response.json());
const status = document.getElementById("status");
const undo = document.getElementById("undo");
const view = document.getElementById("thread-view");
let requestCount = 0;
let lastSend = null;

const randomDigits = (count) => Array.from({ length: count }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10))).join("");
const syncUrl = (endpoint) => `/sync/u/${accountIndex}/i/${endpoint}?hl=en&c=${requestCount++}&rt=r&pt=ji`;
const [local, domain] = accountEmail.split("@");
const fromSelect = document.querySelector("select[name=from]");
for (const address of [accountEmail, `${local}+deals@${domain}`, ...sendAs]) fromSelect.append(new Option(address, address));

// "Carla <carla@x.com>, bob@y.com" -> [{email, name}]
function parseRecipients(text) {
  return text.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = part.match(/^(.*)<([^>]+)>$/);
    return match ? { email: match[2].trim(), name: match[1].trim() || null } : { email: part, name: null };
  });
}

function post(values) {
  return sendTemplate.then((template) => new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", syncUrl("s"));
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.addEventListener("loadend", () => resolve(xhr.status));
    xhr.send(JSON.stringify(buildSendRequest(template, values)));
  }));
}

// Like Gmail: Send POSTs the message; the toast offers Undo until the window closes.
async function send() {
  const field = (name) => document.querySelector(`[name=${name}]`).value;
  lastSend = {
    threadId: `thread-a:r${randomDigits(18)}`,
    messageId: `msg-a:r${randomDigits(19)}`,
    from: { email: field("from"), name: null },
    to: parseRecipients(field("to")),
    subject: field("subject"),
    bodyHtml: `<div dir="ltr">${field("body").replace(/[<>&]/g, "")}</div>`,
    sentAtMs: Date.now(),
  };
  status.textContent = "Sending...";
  const code = await post(lastSend);
  status.textContent = code === 200 ? "Message sent" : `Send failed (${code})`;
  undo.hidden = code !== 200;
}

// Like Gmail's Undo: the same message goes back to being a draft.
async function undoSend() {
  undo.hidden = true;
  await post({ ...lastSend, labels: ["^all", "^r", "^r_bt"] });
  status.textContent = "Sending undone.";
}

function showThread(thread) {
  const heading = document.createElement("h2");
  heading.className = "hP";
  heading.dataset.threadPermId = thread.threadId;
  heading.textContent = thread.subject;
  // Like Gmail: the sender's name in span.gD, its address in the `email` attribute.
  const sender = document.createElement("span");
  sender.className = "gD";
  sender.setAttribute("email", thread.from.email);
  sender.setAttribute("name", thread.from.name);
  sender.textContent = thread.from.name;
  view.replaceChildren(heading, sender);
}

// Like Gmail: a thread whose data the page has (page data, cache) opens without a request;
// any other thread's data comes from the "fd" endpoint first.
async function openThread(key) {
  const thread = threads[key];
  view.replaceChildren();
  if (thread.via === "fd") {
    const response = await fetch(syncUrl("fd"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify([[thread.threadId]]) });
    await response.text();
  }
  showThread(thread);
  location.hash = `#inbox/${key}`;
}

function closeThread() {
  view.replaceChildren();
  location.hash = "#inbox";
}

document.querySelector('div[role=button][data-tooltip^="Send"]').addEventListener("click", () => send());
undo.addEventListener("click", () => undoSend());
for (const row of document.querySelectorAll("tr.zA")) row.addEventListener("click", () => openThread(row.dataset.key));
window.fakeGmail = { closeThread, openThread };

// A deep link (or a reload) on a thread that came with the page shows it at once.
const opened = /^#inbox\/(\w+)$/.exec(location.hash)?.[1];
if (opened && threads[opened]?.via === "page") showThread(threads[opened]);
