// After an install or update, Gmail tabs that were already open run no content script
// (or an orphaned one that can no longer reach us). Inject the current ones so those tabs
// keep capturing without a reload: the page script is injected once per page (it guards
// itself) and keeps what it has not had acknowledged; the new content script takes over
// its channel (see providers/gmail/channel.js). Nothing captured in between is dropped.
const TARGETS = [
  {
    url: 'https://mail.google.com/*',
    pageScript: 'content/gmail-page-hook.js',
    contentScript: 'content/gmail-content.js',
  },
];

/** Injects into every open tab of each target; returns how many tabs were reached. */
export async function reinjectIntoOpenTabs() {
  let reached = 0;
  for (const target of TARGETS) {
    const tabs = await chrome.tabs.query({ url: target.url });
    for (const tab of tabs) {
      try {
        await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: [target.pageScript], world: 'MAIN', injectImmediately: true });
        await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: [target.contentScript], injectImmediately: true });
        reached += 1;
      } catch (error) {
        // A tab that is discarded, loading an error page or otherwise closed to us.
        console.warn(`Quietlog: could not reach tab ${tab.id}`, error);
      }
    }
  }
  return reached;
}
