import { classifySyncUrl } from "./sync-urls.js";

// Runs inside Gmail's own JavaScript world, so one rule above all: never break Gmail.
// Every observation is wrapped in try/catch, the original XMLHttpRequest and fetch are
// always called with their original arguments, and nothing is changed in either direction.
const INSTALLED = Symbol.for("quietlog.gmail.syncHook");

function observed(onExchange, exchange) {
  try {
    onExchange(exchange);
  } catch {
    // observing is best effort; Gmail carries on regardless
  }
}

function readXhrResponse(xhr) {
  if (xhr.responseType === "" || xhr.responseType === "text") return xhr.responseText;
  if (xhr.responseType === "json") return JSON.stringify(xhr.response);
  return null;
}

function hookXhr(win, onExchange) {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const requests = new WeakMap();
  const originalOpen = proto.open;
  const originalSend = proto.send;

  proto.open = function (method, url) {
    try {
      const kind = classifySyncUrl(url, win.location.href);
      if (kind) requests.set(this, { kind, url: String(url) });
      else requests.delete(this);
    } catch {
      // fall through to Gmail's request untouched
    }
    // `arguments`, not named parameters: open(method, url, undefined) would mean synchronous
    return originalOpen.apply(this, arguments);
  };

  proto.send = function (body) {
    try {
      const request = requests.get(this);
      if (request) {
        const requestBody = request.kind === "send" && typeof body === "string" ? body : null;
        this.addEventListener("loadend", () => {
          try {
            observed(onExchange, { ...request, status: this.status, requestBody, responseText: readXhrResponse(this) });
          } catch {
            // an unreadable response is simply not observed
          }
        });
      }
    } catch {
      // fall through to Gmail's request untouched
    }
    return originalSend.apply(this, arguments);
  };
}

function requestUrl(input) {
  return typeof input === "string" || input instanceof URL ? String(input) : input?.url;
}

async function readFetchRequestBody(input, init) {
  if (typeof init?.body === "string") return init.body;
  // a Request's body can be read once only, so read a copy made before fetch consumes it
  return typeof input?.clone === "function" ? input.clone().text() : null;
}

function hookFetch(win, onExchange) {
  const originalFetch = win.fetch;
  if (typeof originalFetch !== "function") return;

  win.fetch = function (input, init) {
    let observe = null;
    try {
      const url = requestUrl(input);
      const kind = classifySyncUrl(url, win.location.href);
      if (kind) {
        const requestBody = kind === "send" ? readFetchRequestBody(input, init).catch(() => null) : null;
        observe = (responsePromise) => {
          responsePromise
            .then(async (response) => {
              // clone before Gmail's own handler reads the body (ours was attached first)
              const responseText = await response.clone().text();
              observed(onExchange, { kind, url, status: response.status, requestBody: await requestBody, responseText });
            })
            .catch(() => {});
        };
      }
    } catch {
      observe = null;
    }
    const result = originalFetch.apply(win, arguments);
    if (observe) observe(result);
    return result;
  };
}

/**
 * Starts observing Gmail's sync traffic in `win` (the page's own window); idempotent.
 * `onExchange({kind, url, status, requestBody, responseText})` runs in the page and
 * must parse there: the bodies never leave the page (see page-hook.js).
 */
export function installSyncHook(win, onExchange) {
  if (win[INSTALLED]) return;
  win[INSTALLED] = true;
  try {
    hookXhr(win, onExchange);
  } catch {
    // leave XMLHttpRequest alone if it cannot be wrapped
  }
  try {
    hookFetch(win, onExchange);
  } catch {
    // leave fetch alone if it cannot be wrapped
  }
}
