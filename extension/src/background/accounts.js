// Pure: whose mailbox is this? The rep's addresses come from GET /api/v1/me
// (`user.addresses`, primary first; before the server sends them, the primary
// `user.email` alone). Only a mailbox whose address is one of them is logged, and a
// mailbox delegated to the rep only when the org allows it.

/** Lower-cased, and without a "+tag" in the local part: rep+quotes@acme.com is rep@acme.com. */
export function canonicalAddress(email) {
  const text = String(email ?? '').trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 1) return text;
  const local = text.slice(0, at).replace(/\+.*$/, '');
  return `${local}${text.slice(at)}`;
}

/** The rep's own addresses, lower-cased, primary first. */
export function repAddresses(me) {
  const listed = Array.isArray(me?.user?.addresses) ? me.user.addresses : [];
  const all = [...listed, me?.user?.email].filter((value) => typeof value === 'string' && value.includes('@'));
  return [...new Set(all.map((value) => value.trim().toLowerCase()))];
}

export function isRepAddress(email, me) {
  if (typeof email !== 'string' || !email.includes('@')) return false;
  const wanted = canonicalAddress(email);
  return repAddresses(me).some((address) => canonicalAddress(address) === wanted);
}

/**
 * Whether events seen in `mailbox` may be logged, and if not, why in plain words (the
 * popup shows the reason). Nothing is logged before the server has told us who we are.
 * @returns {{logging: boolean, reason: string|null}}
 */
export function mailboxDecision({ mailbox, delegated = false }, me) {
  if (!me?.policy || !me?.user) return { logging: false, reason: 'waiting for the server to confirm who you are' };
  if (typeof mailbox !== 'string' || !mailbox.includes('@')) return { logging: false, reason: 'the account address is not known yet' };
  if (delegated) {
    return me.policy.allowDelegatedMailboxes === true
      ? { logging: true, reason: null }
      : { logging: false, reason: 'a mailbox delegated to you, which your organisation does not log' };
  }
  if (!isRepAddress(mailbox, me)) return { logging: false, reason: 'not one of your addresses' };
  return { logging: true, reason: null };
}

/** "outbound" when one of the rep's addresses (aliases included) sent it, else "inbound". */
export function directionFor(event, me, mailbox) {
  const from = event?.from?.email;
  if (isRepAddress(from, me)) return 'outbound';
  if (typeof mailbox === 'string' && canonicalAddress(from) === canonicalAddress(mailbox)) return 'outbound';
  return 'inbound';
}
