// Options page: "Sign in with <company>" and what the organisation manages. The page only
// asks; the service worker runs the sign-in and keeps the token (see background/sign-in/).
import { managedView } from './managed-view.js';

const section = document.getElementById('sign-in');
const button = document.getElementById('sign-in-button');
const result = document.getElementById('sign-in-result');
const serverUrlInput = document.getElementById('server-url');

let offer = null;
let grantedAlready = false;

function send(message) {
  return chrome.runtime.sendMessage(message);
}

function show(text, ok) {
  result.textContent = text;
  result.className = ok ? 'ok' : 'error';
}

async function refreshOffer() {
  offer = await send({ type: 'getSignInOffer', serverUrl: serverUrlInput.value });
  section.hidden = !offer?.available;
  if (!offer?.available) return;
  // textContent: the name comes from the server.
  button.textContent = `Sign in with ${offer.displayName}`;
  grantedAlready = await chrome.permissions.contains({ origins: offer.origins });
}

async function showManaged() {
  const { summary } = managedView(await send({ type: 'getSettings' }));
  document.getElementById('managed-summary').hidden = summary.length === 0;
  document.getElementById('managed-list').replaceChildren(...summary.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
}

button.addEventListener('click', () => {
  if (!offer?.available) return;
  show('Signing in…', true);
  // Access to the server and the provider's token endpoint is asked inside the click
  // (Chrome grants it only on a user gesture), before the sign-in window opens.
  const asked = grantedAlready ? Promise.resolve(true) : chrome.permissions.request({ origins: offer.origins });
  asked.then(async (granted) => {
    const answer = await send({ type: 'signIn', serverUrl: serverUrlInput.value });
    if (answer?.error) show(answer.error, false);
    else if (answer.ok && !granted) show(`${answer.message} Quietlog was not allowed to contact the server: sign in again and allow access.`, false);
    else show(answer.message, answer.ok);
    if (answer?.ok) {
      grantedAlready = granted;
      document.dispatchEvent(new CustomEvent('quietlog-settings-changed'));
    }
  }, (error) => show(`Could not ask for access: ${error.message}`, false));
});

serverUrlInput.addEventListener('change', () => { refreshOffer(); });

// A policy arrived or changed while the page is open (server, org, pasting allowed).
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area !== 'managed') return;
  showManaged();
  refreshOffer();
});

// What IT registers at the provider; fixed for a given extension id.
document.getElementById('redirect-uri').textContent = chrome.identity.getRedirectURL();

showManaged();
refreshOffer();
