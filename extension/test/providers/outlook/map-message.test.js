// Microsoft Graph (and Outlook REST v1.0) messages -> email events (the Gmail schema), on
// recorded responses (fixtures/SOURCES.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapGraphMessage } from '../../../src/providers/outlook/map-message.js';
import { fromRestV1 } from '../../../src/providers/outlook/rest-v1.js';
import { readFixture } from './read-fixture.js';

test('message GET (v1.0 message-get): inbound in the Inbox, messageId is internetMessageId, thread is the conversation', () => {
  const item = readFixture('v1.0__api__message-get__get_message.json');
  const { event } = mapGraphMessage(item, { mailbox: 'rep@contoso.com', folder: 'inbox' });
  assert.equal(event.type, 'email');
  assert.equal(event.source, 'outlook');
  assert.equal(event.sourceId, item.id);
  assert.equal(event.messageId, item.internetMessageId);
  assert.equal(event.threadId, item.conversationId);
  assert.equal(event.direction, 'inbound');
  assert.equal(event.occurredAt, new Date(item.receivedDateTime).toISOString());
  assert.equal(event.from.email, 'adelev@contoso.onmicrosoft.com');
  assert.ok(event.to.length > 0);
  assert.equal(event.mailbox, 'rep@contoso.com');
  assert.equal(event.bcc, undefined, 'bcc only on what the rep sent');
  assert.equal(event.snippet, undefined, 'Mail.ReadBasic: no body, no preview');
});

test('Sent Items, or the rep\'s own alias in the Inbox, is outbound with the sent time', () => {
  const item = readFixture('v1.0__api__message-get__get_message.json');
  const sent = mapGraphMessage(item, { mailbox: 'rep@contoso.com', folder: 'sentitems' }).event;
  assert.equal(sent.direction, 'outbound');
  assert.equal(sent.occurredAt, new Date(item.sentDateTime).toISOString());
  assert.deepEqual(sent.bcc, []);
  const alias = mapGraphMessage(item, { mailbox: 'rep@contoso.com', ownAddresses: ['adelev@contoso.onmicrosoft.com'], folder: 'inbox' }).event;
  assert.equal(alias.direction, 'outbound');
});

test('meeting request eventMessage (v1.0 eventmessage-get) is an email like any other', () => {
  const item = readFixture('v1.0__api__eventmessage-get__get_eventmessage.json');
  const { event } = mapGraphMessage(item, { mailbox: 'alexw@contoso.onmicrosoft.com', folder: 'inbox' });
  assert.equal(event.messageId, item.internetMessageId);
  assert.equal(event.from.email, 'admin@contoso.onmicrosoft.com');
});

test('drafts and removals are never captured', () => {
  const item = readFixture('v1.0__api__message-get__get_message.json');
  assert.deepEqual(mapGraphMessage({ ...item, isDraft: true }, { mailbox: 'rep@contoso.com', folder: 'sentitems' }), { skip: 'draft' });
  assert.deepEqual(mapGraphMessage({ id: 'x', '@removed': { reason: 'deleted' } }, { mailbox: 'r@c.com', folder: 'inbox' }), { skip: 'removed from the folder' });
});

test('Outlook REST v1.0 messages (read_message.json): every one maps; without InternetMessageId the id is null', () => {
  const events = readFixture('read_message.json').value.map(fromRestV1).map((m) => mapGraphMessage(m, { mailbox: 'test@unit.com', folder: 'inbox' }));
  assert.ok(events.every((result) => result.event), JSON.stringify(events));
  assert.equal(events[0].event.from.email, 'sender1@unit.com');
  assert.equal(events[0].event.messageId, null);
  assert.ok(events[0].event.threadId);
});

test('message delta and list pages (docs placeholders) do not crash the mapper', () => {
  for (const name of ['v1.0__api__message-delta__response.json', 'v1.0__api__user-list-messages__response.json']) {
    for (const item of readFixture(name).value) {
      const result = mapGraphMessage(item, { mailbox: 'r@c.com', folder: 'inbox' });
      assert.ok(result.event || result.skip, name);
    }
  }
});
