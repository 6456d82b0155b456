// Pure: what Options shows and locks for the settings IT manages by Chrome policy
// (chrome.storage.managed, see background/settings.js). Kept apart from the page so the
// rules are tested without a browser; the page only applies them.

/**
 * @param {{serverUrl: string, unusableManagedServerUrl: string|null, tokenSource: 'own'|'managed'|'none', allowTokenPaste: boolean,
 *   managed: {serverUrl: boolean, token: boolean, orgId: boolean, allowTokenPaste: boolean}}} settings
 *   what the background answers to getSettings
 * @param {{accessNeeded: boolean}} access whether the rep must grant access to the server
 *   (needsHostAccess in background/connection.js: no access, and the server answered nothing
 *   readable without it)
 */
export function managedView(settings, { accessNeeded = false } = {}) {
  const managed = settings?.managed ?? {};
  const serverLocked = managed.serverUrl === true;
  const tokenField = settings?.allowTokenPaste !== false;
  const unusable = settings?.unusableManagedServerUrl ?? null;
  const summary = [];
  if (serverLocked) summary.push(`Server: ${unusable ?? settings.serverUrl}`);
  if (managed.orgId) summary.push('Which organisation to sign in to');
  if (managed.token) summary.push('A fallback token, used until you sign in');
  if (!tokenField) summary.push('Sign-in only: pasting a token is turned off');
  let tokenNote = '';
  if (settings?.tokenSource === 'own') tokenNote = 'A token is saved. Leave empty to keep it.';
  else if (settings?.tokenSource === 'managed') tokenNote = 'Your organisation provides a token until you sign in.';
  return {
    serverLocked,
    // The field shows what IT set, even when it cannot be used, with what is wrong with it.
    serverValue: unusable ?? settings?.serverUrl ?? '',
    serverNote: unusable
      ? `Set by your organisation, but Quietlog cannot use this address (it must start with https://). Ask your IT team to correct it.`
      : 'Set by your organisation.',
    tokenField,
    tokenNote,
    // Nothing left for the rep to save when the server is set and pasting is off.
    saveButton: !(serverLocked && !tokenField),
    // A server that answers the extension under CORS needs no click; one that does not (an
    // older server, a proxy stripping the headers) needs the rep's grant once, set by policy
    // or typed alike.
    askAccess: accessNeeded && (settings?.serverUrl ?? '') !== '',
    summary,
  };
}
