// Service worker entry. Listeners are registered synchronously at top level so Chrome
// can wake the worker for them; all state lives in storage, none in this module.
import { SYNC_ALARM, SYNC_PERIOD_MINUTES, syncConnectors } from '../connectors/sync.js';
import { dispatch } from './messages.js';
import { reinjectIntoOpenTabs } from './reinject.js';
import { DUE_ALARM, flush, RETRY_ALARM } from './uploader.js';

const SWEEP_ALARM = 'quietlog-sweep';
const SWEEP_MINUTES = 5;

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  dispatch(message, sender).then(sendResponse, (error) => sendResponse({ error: String(error?.message ?? error) }));
  return true; // answer asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETRY_ALARM) startFlush({ fromAlarm: true });
  else if (alarm.name === SWEEP_ALARM || alarm.name === DUE_ALARM) startFlush();
  else if (alarm.name === SYNC_ALARM) startConnectorSync();
});

chrome.runtime.onStartup.addListener(() => {
  ensureSweepAlarm();
  startFlush();
  ensureConnectorAlarm();
  startConnectorSync();
});

chrome.runtime.onInstalled.addListener(({ reason }) => {
  ensureSweepAlarm();
  startFlush();
  ensureConnectorAlarm();
  // Open Gmail tabs keep capturing across an install or update, without a reload.
  if (reason === 'install' || reason === 'update') {
    reinjectIntoOpenTabs()
      .then((tabs) => chrome.storage.local.set({ lastInstall: { reason, at: Date.now(), reinjectedTabs: tabs } }))
      .catch((error) => console.warn('Quietlog: re-inject failed', error));
  }
});

chrome.storage.onChanged.addListener((changes, area) => {
  // IT pushed a new server or token by policy: try the queue with it.
  if (area === 'managed' && (changes.serverUrl || changes.token)) startFlush();
});

async function ensureSweepAlarm() {
  // A slow safety net in case a retry alarm was lost; cheap when the queue is empty.
  if (!(await chrome.alarms.get(SWEEP_ALARM))) {
    await chrome.alarms.create(SWEEP_ALARM, { periodInMinutes: SWEEP_MINUTES });
  }
}

async function ensureConnectorAlarm() {
  // Calendars and Outlook mail are synced every few minutes (only accounts the rep connected).
  if (!(await chrome.alarms.get(SYNC_ALARM))) {
    await chrome.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  }
}

function startConnectorSync() {
  syncConnectors().catch((error) => console.error('Quietlog connector sync failed', error));
}

function startFlush(options) {
  flush(options).catch((error) => console.error('Quietlog upload failed', error));
}
