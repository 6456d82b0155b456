// Pure: the server's and provider's answers during sign-in, in words a rep can act on.

/** @param {{status?: number, body?: any, networkError?: string, serverUrl?: string}} outcome */
export function describeSignInFailure(outcome) {
  if (outcome.networkError != null) {
    return `Cannot reach the Quietlog server at ${outcome.serverUrl}. Check the server URL and your connection.`;
  }
  const code = outcome.body?.error?.code;
  const message = outcome.body?.error?.message;
  if (code === 'sign_in_not_configured') return 'Single sign-on is not set up for your company. Paste the token IT gave you instead.';
  if (code === 'not_provisioned') return `${message ?? 'Your company has not given you access to Quietlog.'}`;
  if (code === 'deactivated' || code === 'access_withdrawn') return 'Your access was withdrawn by your company.';
  if (code === 'invalid_id_token') return `Sign-in failed: ${message}`;
  if (code === 'provider_unavailable') return `Your company's sign-in service cannot be reached right now. ${message ?? ''}`.trim();
  if (outcome.status === 404 && !code) return `Not a Quietlog server, or one without single sign-on: ${outcome.serverUrl}.`;
  return `Sign-in failed (HTTP ${outcome.status})${message ? `: ${message}` : '.'}`;
}

/** The origin pattern chrome.permissions needs for a URL (ports are not part of a pattern). */
export function originPatternOf(url) {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
