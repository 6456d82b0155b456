import { readFile } from "node:fs/promises";
import { buildPageDataThread, buildSendResponse, buildThreadResponse } from "./sync-templates.js";

// A fake Gmail that behaves like the real one at the network level: same page title and
// account global, page data through _GM_setData, the same sync endpoints, request and
// response bodies templated from RECORDED Gmail traffic that the parser tests do not use
// (see ../../providers/gmail/fixtures/SOURCES.md). The e2e test serves it at
// https://mail.google.com through playwright routing; `handle` is plain so the unit test
// can call it without a browser. See README.md for the page's selectors.
const here = new URL(".", import.meta.url);
const fixture = (name) => new URL(`../../providers/gmail/fixtures/${name}`, here);
const TEMPLATE_FILES = {
  sendRequest: fixture("2022-09-09-cvOnSend_3_request.json"),
  sendResponse: fixture("2022-09-09-cvOnSend_3_response.json"),
  threadResponse: fixture("thread-response-2018-03-08.json"),
  pageDataThread: fixture("2022-09-09-cvOnReplySend_4_response.json"),
};

/** Threads in every fake inbox. `via`: how the page gets its data when it is opened. */
export const THREADS = Object.freeze({
  customer: Object.freeze({
    via: "fd",
    threadId: "thread-f:1799999999999999901",
    messageId: "msg-f:1799999999999999901",
    from: Object.freeze({ email: "carla@globex-example.com", name: "Carla Customer" }),
    subject: "Renewal quote for Q3",
    snippet: "Hi, could you send the renewal quote for Q3 before Friday? Thanks, Carla",
    bodyHtml: "<div>Hi, could you send the renewal quote for Q3 before Friday?</div>",
    receivedAtMs: Date.UTC(2024, 4, 14, 9, 30, 0),
    rfcMessageId: "<renewal-q3-20240514093000@globex-example.com>",
  }),
  internal: Object.freeze({
    via: "fd",
    threadId: "thread-f:1799999999999999902",
    messageId: "msg-f:1799999999999999902",
    from: Object.freeze({ email: "ann@acme.com", name: "Ann Colleague" }),
    subject: "Internal: team offsite",
    snippet: "The offsite is on Thursday.",
    bodyHtml: "<div>The offsite is on Thursday.</div>",
    receivedAtMs: Date.UTC(2024, 4, 15, 8, 0, 0),
    rfcMessageId: "<offsite-20240515@acme.com>",
  }),
  pageData: Object.freeze({
    via: "page",
    threadId: "thread-f:1799999999999999903",
    messageId: "msg-f:1799999999999999903",
    from: Object.freeze({ email: "dave@initech-example.com", name: "Dave Buyer" }),
    subject: "Pilot kickoff",
    snippet: "Looking forward to the pilot kickoff next week.",
    receivedAtMs: Date.UTC(2024, 4, 16, 7, 0, 0),
    rfcMessageId: "<pilot-kickoff-20240516@initech-example.com>",
  }),
});

async function readJson(url) {
  return JSON.parse(await readFile(url, "utf8"));
}

/** What the page sent, read at the recorded request's paths (see sync-templates.js). */
function readComposed(requestBody) {
  const request = JSON.parse(requestBody);
  const [threadId, change] = request[1][0][0][1];
  const message = change[13][0];
  return {
    threadId,
    messageId: message[0],
    labels: message[10],
    from: { email: message[1][1], name: message[1][2] ?? null },
    to: message[2].map((contact) => ({ email: contact[1], name: contact[2] ?? null })),
    subject: message[7],
    sentAtMs: message[6],
    snippet: String(message[8][1][0][1]).replace(/<[^>]*>/g, ""),
  };
}

const htmlText = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const scriptJson = (value) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * @param {object} options
 * @param {Record<number, string>} options.accounts address of each /mail/u/<n>/ account
 * @param {Record<number, string[]>} [options.sendAs] send-as addresses offered in From, per account
 * @param {Record<string, object>} [options.extraThreads] more threads (shaped like THREADS' customer) in every inbox
 * @param {Record<string, {index: number, address: string}>} [options.delegated] mailboxes delegated to
 *   account `index`, served at /mail/u/<index>/d/<token>/ (the key is the token)
 * @returns {Promise<{handle, sends, requests, threads}>} handle({method, url, body}) -> {status, contentType, body}
 */
export async function createFakeGmail({ accounts = { 0: "rep@acme.com" }, sendAs = {}, extraThreads = {}, delegated = {} } = {}) {
  const threads = { ...THREADS, ...extraThreads };
  const templates = Object.fromEntries(await Promise.all(Object.entries(TEMPLATE_FILES).map(async ([key, url]) => [key, await readJson(url)])));
  const pageTemplate = await readFile(new URL("page.html", here), "utf8");
  const pageScript = await readFile(new URL("page.js", here), "utf8");
  const syncTemplatesSource = await readFile(new URL("sync-templates.js", here), "utf8");
  const sends = [];
  const requests = [];

  function page(index, account = accounts[index]) {
    const to = [{ email: account, name: null }];
    const pageData = JSON.stringify(buildPageDataThread(templates.pageDataThread, { ...THREADS.pageData, to }));
    const rows = Object.entries(threads)
      .map(([key, t]) => `<tr class="zA" data-key="${key}" data-thread-id="${htmlText(t.threadId)}" data-via="${t.via}"><td>${htmlText(t.from.name)}</td><td>${htmlText(t.subject)}</td></tr>`)
      .join("\n");
    return pageTemplate
      .replaceAll("{{ACCOUNT_EMAIL_JSON}}", scriptJson(account))
      .replaceAll("{{ACCOUNT_EMAIL}}", htmlText(account))
      .replaceAll("{{ACCOUNT_INDEX}}", String(index))
      .replaceAll("{{SEND_AS_JSON}}", scriptJson(sendAs[index] ?? []))
      .replaceAll("{{PAGE_DATA_JSON}}", scriptJson(pageData))
      .replaceAll("{{THREADS_JSON}}", scriptJson(threads))
      .replaceAll("{{THREAD_ROWS}}", rows);
  }

  function threadData(index, threadId) {
    const thread = Object.values(threads).find((t) => t.threadId === threadId && t.via === "fd");
    if (!thread) return null;
    return JSON.stringify(buildThreadResponse(templates.threadResponse, { ...thread, to: [{ email: accounts[index], name: null }] }));
  }

  function handle({ method, url, body }) {
    const { pathname } = new URL(url);
    requests.push({ method, pathname });
    const ok = (contentType, text) => ({ status: 200, contentType, body: text });
    let match = /^\/mail\/u\/(\d+)\/?$/.exec(pathname);
    if (method === "GET" && match && accounts[match[1]]) return ok("text/html; charset=utf-8", page(Number(match[1])));
    match = /^\/mail\/u\/(\d+)\/d\/([^/]+)\/?$/.exec(pathname);
    const mailbox = match && Object.hasOwn(delegated, match[2]) ? delegated[match[2]] : null;
    if (method === "GET" && mailbox && mailbox.index === Number(match[1])) return ok("text/html; charset=utf-8", page(mailbox.index, mailbox.address));
    if (method === "GET" && pathname === "/fake/page.js") return ok("text/javascript", pageScript);
    if (method === "GET" && pathname === "/fake/sync-templates.js") return ok("text/javascript", syncTemplatesSource);
    if (method === "GET" && pathname === "/fake/templates/send-request.json") return ok("application/json", JSON.stringify(templates.sendRequest));
    match = /^\/sync\/u\/(\d+)\/i\/(s|fd)$/.exec(pathname);
    if (method === "POST" && match && match[2] === "s") {
      const composed = readComposed(body);
      if (!composed.labels.includes("^pfg")) return ok("application/json", "[]"); // a draft save (Undo)
      const rfcMessageId = `<fake-${composed.messageId.replace(/\D/g, "")}@mail.gmail.com>`;
      sends.push({ account: accounts[match[1]], ...composed, rfcMessageId });
      return ok("application/json", JSON.stringify(buildSendResponse(templates.sendResponse, { ...composed, rfcMessageId })));
    }
    if (method === "POST" && match && match[2] === "fd") {
      const threadId = JSON.parse(body)[0][0];
      const data = threadData(Number(match[1]), threadId);
      return data ? ok("application/json", data) : { status: 404, contentType: "text/plain", body: "no such thread" };
    }
    if (pathname === "/favicon.ico") return { status: 204, contentType: "image/x-icon", body: "" };
    return { status: 404, contentType: "text/plain", body: "not found" };
  }

  return { handle, sends, requests, threads };
}
