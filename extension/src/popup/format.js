// Pure: how the popup words times.

export function formatAgo(at, now = Date.now()) {
  if (at == null) return 'never';
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return new Date(at).toLocaleString();
}

export function formatIn(at, now = Date.now()) {
  if (at == null) return '–';
  const seconds = Math.max(0, Math.round((at - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${Math.round(seconds / 60)} min`;
}

/**
 * "Logging: rep@acme.com" or "Not logging this account: me@home.example (not one of your
 * addresses)". A delegated mailbox says so: the reason names it when it is not logged.
 */
export function describeAccount({ mailbox, delegated, logging, reason }) {
  if (logging) return `Logging: ${delegated ? `${mailbox} (delegated to you)` : mailbox}`;
  const why = reason ?? (delegated ? 'a mailbox delegated to you' : null);
  return `Not logging this account: ${mailbox}${why ? ` (${why})` : ''}`;
}

/** The pause line, or null when not paused. `pausedUntil` is 'off' or a time in ms. */
export function describePause(paused, pausedUntil, now = Date.now()) {
  if (!paused) return null;
  if (pausedUntil === 'off' || pausedUntil == null) return 'Paused until you turn it back on: nothing is logged.';
  const until = new Date(pausedUntil);
  const sameDay = until.toDateString() === new Date(now).toDateString();
  const when = sameDay ? until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : until.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  return `Paused until ${when}: nothing is logged.`;
}
