// Pure: one Microsoft Graph message (message delta over Inbox or Sent Items, Mail.ReadBasic)
// -> one email event of the wire contract (the same schema as Gmail's), or a reason to skip.

export const SOURCE = 'outlook';
export const FOLDERS = ['inbox', 'sentitems'];

function person(recipient) {
  const address = recipient?.emailAddress;
  const email = typeof address?.address === 'string' ? address.address.trim().toLowerCase() : '';
  if (!email.includes('@')) return null;
  return { email, name: typeof address.name === 'string' && address.name !== '' ? address.name : null };
}

function people(list) {
  return (Array.isArray(list) ? list : []).map(person).filter(Boolean);
}

/**
 * @param {object} item a Graph message, or {id, "@removed"} from a delta
 * @param {object} context
 * @param {string} context.mailbox the connected account's address
 * @param {string[]} context.ownAddresses the rep's addresses (primary and aliases), lowercase
 * @param {'inbox'|'sentitems'} context.folder the folder the delta ran over
 * @returns {{event: object} | {skip: string}}
 */
export function mapGraphMessage(item, { mailbox, ownAddresses = [], folder }) {
  if (!item || typeof item.id !== 'string') return { skip: 'no id' };
  if (item['@removed']) return { skip: 'removed from the folder' };
  if (item.isDraft === true) return { skip: 'draft' }; // never captured, even if one lands in a folder
  const from = person(item.from) ?? person(item.sender);
  if (!from) return { skip: 'no sender address' };
  const own = new Set([String(mailbox).toLowerCase(), ...ownAddresses.map((a) => String(a).toLowerCase())]);
  // Sent Items holds what the rep sent (also on someone's behalf); in the Inbox, mail from one
  // of the rep's own addresses (a copy to self) is still the rep's own.
  const direction = folder === 'sentitems' || own.has(from.email) ? 'outbound' : 'inbound';
  const occurredAt = direction === 'outbound' ? item.sentDateTime ?? item.receivedDateTime : item.receivedDateTime ?? item.sentDateTime;
  const date = new Date(occurredAt ?? '');
  if (Number.isNaN(date.getTime())) return { skip: 'no date' };

  const event = {
    type: 'email',
    source: SOURCE,
    sourceId: item.id,
    messageId: typeof item.internetMessageId === 'string' && item.internetMessageId !== '' ? item.internetMessageId : null,
    threadId: typeof item.conversationId === 'string' ? item.conversationId : null,
    direction,
    occurredAt: date.toISOString(),
    from,
    to: people(item.toRecipients),
    cc: people(item.ccRecipients),
    subject: typeof item.subject === 'string' ? item.subject : '',
    mailbox: String(mailbox).toLowerCase(),
  };
  if (direction === 'outbound') event.bcc = people(item.bccRecipients);
  return { event };
}
