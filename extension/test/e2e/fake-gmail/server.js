import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { buildSendResponse, buildThreadResponse } from "./sync-templates.js";

// A fake Gmail that behaves like the real one at the network level: same page title and
// account global, same sync endpoints, and request/response bodies templated from
// recorded Gmail traffic. See README.md for the page's selectors.
const here = new URL(".", import.meta.url);
const fixture = (name) => new URL(`../../providers/gmail/fixtures/${name}`, here);
const TEMPLATE_FILES = {
  sendRequest: fixture("2022-09-09-cvOnSend_request.json"),
  sendResponse: fixture("2022-09-09-cvOnSend_response.json"),
  threadResponse: fixture("fd-response-20180709.json"),
};

/** The one received thread in the fake inbox. */
export const INBOX_THREAD = Object.freeze({
  threadId: "thread-f:1799999999999999901",
  messageId: "msg-f:1799999999999999901",
  from: Object.freeze({ email: "carla@globex-example.com", name: "Carla Customer" }),
  subject: "Renewal quote for Q3",
  snippet: "Hi, could you send the renewal quote for Q3 before Friday? Thanks, Carla",
  bodyHtml: "<div>Hi, could you send the renewal quote for Q3 before Friday?</div><div>Thanks, Carla</div>",
  receivedAtMs: Date.UTC(2024, 4, 14, 9, 30, 0),
  rfcMessageId: "<renewal-q3-20240514093000@globex-example.com>",
});

async function readJson(url) {
  return JSON.parse(await readFile(url, "utf8"));
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** What the page sent, read at the recorded request's paths (see sync-templates.js). */
function readSentMessage(requestBody) {
  const request = JSON.parse(requestBody);
  const [threadId, change] = request[1][0][0][1];
  const message = change[13][0];
  return {
    threadId,
    messageId: message[0],
    from: { email: message[1][1], name: message[1][2] ?? null },
    to: message[2].map((contact) => ({ email: contact[1], name: contact[2] ?? null })),
    subject: message[7],
    sentAtMs: message[6],
    snippet: String(message[8][1][0][1]).replace(/<[^>]*>/g, ""),
  };
}

function send(response, status, contentType, body) {
  response.writeHead(status, { "Content-Type": contentType, "Cache-Control": "no-store" });
  response.end(body);
}

export async function startFakeGmail({ accountEmail = "rep@acme.com", port = 0 } = {}) {
  const templates = Object.fromEntries(
    await Promise.all(Object.entries(TEMPLATE_FILES).map(async ([key, url]) => [key, await readJson(url)])),
  );
  const pageTemplate = await readFile(new URL("page.html", here), "utf8");
  const syncTemplatesSource = await readFile(new URL("sync-templates.js", here), "utf8");
  const htmlText = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const page = pageTemplate
    .replaceAll("{{ACCOUNT_EMAIL_JSON}}", JSON.stringify(accountEmail).replace(/</g, "\\u003c"))
    .replaceAll("{{ACCOUNT_EMAIL}}", htmlText(accountEmail))
    .replaceAll("{{INBOX_THREAD_ID}}", htmlText(INBOX_THREAD.threadId))
    .replaceAll("{{INBOX_FROM_NAME}}", htmlText(INBOX_THREAD.from.name))
    .replaceAll("{{INBOX_SUBJECT}}", htmlText(INBOX_THREAD.subject));
  const threadResponse = JSON.stringify(
    buildThreadResponse(templates.threadResponse, { ...INBOX_THREAD, to: [{ email: accountEmail, name: null }] }),
  );
  const sentMessages = [];

  async function handle(request, response) {
    const { pathname } = new URL(request.url, "http://localhost");
    if (request.method === "GET" && /^\/mail\/u\/0\/?$/.test(pathname)) return send(response, 200, "text/html; charset=utf-8", page);
    if (request.method === "GET" && pathname === "/fake/sync-templates.js") return send(response, 200, "text/javascript", syncTemplatesSource);
    if (request.method === "GET" && pathname === "/fake/templates/send-request.json") return send(response, 200, "application/json", JSON.stringify(templates.sendRequest));
    if (request.method === "POST" && pathname === "/sync/u/0/i/s") {
      const sent = readSentMessage(await readBody(request));
      sentMessages.push(sent);
      const rfcMessageId = `<fake-${sent.messageId.replace(/\D/g, "")}@mail.gmail.com>`;
      return send(response, 200, "application/json", JSON.stringify(buildSendResponse(templates.sendResponse, { ...sent, rfcMessageId })));
    }
    if (pathname === "/sync/u/0/i/fd") {
      await readBody(request);
      return send(response, 200, "application/json", threadResponse);
    }
    if (pathname === "/favicon.ico") return send(response, 204, "image/x-icon", ""); // keeps the console free of 404s
    return send(response, 404, "text/plain", "not found");
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => send(response, 400, "text/plain", `bad request: ${error.message}`));
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    sentMessages,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections(); // a browser keeps connections alive; close must not wait for them
      }),
  };
}
