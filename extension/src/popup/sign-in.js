// Toolbar popup: offers "Sign in with <company>" when there is no token yet or the server
// refused it (expired, or access withdrawn and later restored). The service worker runs the
// sign-in; opening the provider's window closes this popup, which is fine, since nothing
// here waits for the answer that matters.
const section = document.getElementById('sign-in');
const button = document.getElementById('sign-in-button');
const result = document.getElementById('sign-in-result');

let offer = null;
let granted = false;

function send(message) {
  return chrome.runtime.sendMessage(message);
}

async function refresh() {
  const [settings, status] = await Promise.all([send({ type: 'getSettings' }), send({ type: 'getStatus' })]);
  const needed = !settings?.hasToken || status?.lastError?.kind === 'auth';
  if (!needed) {
    section.hidden = true;
    return;
  }
  offer = await send({ type: 'getSignInOffer' });
  section.hidden = !offer?.available;
  if (!offer?.available) return;
  button.textContent = `Sign in with ${offer.displayName}`;
  granted = await chrome.permissions.contains({ origins: offer.origins });
}

button.addEventListener('click', async () => {
  if (!granted) {
    // Asking for access from a popup is unreliable (the prompt closes it): the options page asks.
    chrome.runtime.openOptionsPage();
    return;
  }
  result.textContent = 'Signing in…';
  const answer = await send({ type: 'signIn' });
  result.textContent = answer?.error ?? answer?.message ?? '';
  result.className = answer?.ok ? 'ok' : 'error';
  refresh();
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.lastError || changes.token)) refresh();
});

refresh();
