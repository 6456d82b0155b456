// Options page: the rep (or nobody, when IT pushes it by policy) sets server URL and
// token. All server calls go through the background; this page only asks.
import { needsHostAccess, normalizeServerUrl, originPattern } from '../background/connection.js';
import { renderAccounts } from '../connectors/accounts-view.js';
import { managedView } from './managed-view.js';

const form = document.getElementById('settings');
const serverUrlInput = document.getElementById('server-url');
const tokenInput = document.getElementById('token');
const tokenNote = document.getElementById('token-note');
const saveResult = document.getElementById('save-result');
const connectionResult = document.getElementById('connection-result');
const allowAccess = document.getElementById('allow-access');
const accessResult = document.getElementById('access-result');

function send(message) {
  return chrome.runtime.sendMessage(message);
}

function show(element, text, ok) {
  element.textContent = text;
  element.className = ok ? 'ok' : 'error';
}

// Typing may start before the saved settings arrive: never overwrite what the rep typed.
serverUrlInput.addEventListener('input', () => { serverUrlInput.dataset.edited = 'true'; });

async function load() {
  const settings = await send({ type: 'getSettings' });
  const hostAccess = settings.serverUrl ? await chrome.permissions.contains({ origins: [originPattern(settings.serverUrl)] }) : true;
  // What the background's last request to this server found (background/server-fetch.js).
  const { serverReach: reach } = await chrome.storage.local.get('serverReach');
  const view = managedView(settings, { accessNeeded: needsHostAccess({ serverUrl: settings.serverUrl, hostAccess, reach }) });
  if (serverUrlInput.dataset.edited !== 'true' || view.serverLocked) serverUrlInput.value = view.serverValue;
  serverUrlInput.disabled = view.serverLocked;
  const managedNote = document.getElementById('server-url-managed');
  managedNote.hidden = !view.serverLocked;
  managedNote.textContent = view.serverNote;
  // A policy token is only a fallback: the rep may still sign in or paste their own,
  // unless policy turned pasting off.
  document.getElementById('token-field').hidden = !view.tokenField;
  tokenNote.textContent = view.tokenNote;
  document.getElementById('save').hidden = !view.saveButton;
  document.getElementById('server-access').hidden = !view.askAccess;
  allowAccess.dataset.serverUrl = view.askAccess ? settings.serverUrl : '';
}

// A server the extension cannot read without access (it sends no CORS headers): Chrome asks
// the rep once. The request must start inside the click (a user gesture), with the URL known
// beforehand.
allowAccess.addEventListener('click', () => {
  const serverUrl = allowAccess.dataset.serverUrl;
  if (!serverUrl) return;
  chrome.permissions.request({ origins: [originPattern(serverUrl)] }).then(async (granted) => {
    if (!granted) {
      show(accessResult, 'Not allowed: Quietlog cannot upload anything until you allow access.', false);
      return;
    }
    // The access box hides once access is granted: the answer goes where Save's does.
    show(saveResult, 'Allowed: Quietlog can now reach your organisation\'s server.', true);
    await load();
    await send({ type: 'syncNow' });
  }, (error) => show(accessResult, `Could not ask for access to the server: ${error.message}`, false));
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const serverUrl = normalizeServerUrl(serverUrlInput.value);
  if (serverUrl == null) {
    show(saveResult, 'The server URL must start with https:// (http:// only for localhost)', false);
    return;
  }
  // No access to ask for here: the server answers the extension under CORS. Should it not
  // (an older server), the background finds out on its first request and "Allow access" shows.
  save(serverUrl);
});

async function save(serverUrl) {
  const result = await send({ type: 'saveSettings', serverUrl, token: tokenInput.value });
  if (result?.error) {
    show(saveResult, result.error, false);
    return;
  }
  tokenInput.value = '';
  delete serverUrlInput.dataset.edited;
  await load();
  show(saveResult, 'Saved.', true);
}

document.getElementById('test-connection').addEventListener('click', async () => {
  show(connectionResult, 'Checking…', true);
  const result = await send({ type: 'testConnection', serverUrl: serverUrlInput.value, token: tokenInput.value });
  if (result?.error) show(connectionResult, result.error, false);
  else show(connectionResult, result.message, result.ok);
});

async function loadAccounts() {
  const list = await renderAccounts(document.getElementById('connectors'), { withDisconnect: true });
  if (list) document.getElementById('redirect-uri').textContent = list.redirectUri;
}

// The connectors appear once the server's policy (with the org's OAuth apps) is known.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.me || changes.connectors)) loadAccounts();
  // The background found the server readable, or not, without access: show or hide "Allow access".
  if (area === 'local' && changes.serverReach) load();
});

// A sign-in (options/sign-in.js) saved a token: show the settings as they now are.
document.addEventListener('quietlog-settings-changed', () => { load(); });

// IT pushed, changed or withdrew a policy while this page is open: lock or unlock at once,
// rather than leave a field editable that the policy now decides.
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') load();
});

load();
loadAccounts();
