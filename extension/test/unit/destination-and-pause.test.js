import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeServerUrl } from '../../src/background/connection.js';
import { destinationKey } from '../../src/background/destination.js';
import { pausedAt, pauseUntil } from '../../src/background/settings.js';

const jwt = (claims) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('destinationKey: when a new outbox starts', () => {
  it('keeps the outbox for a refreshed token of the same user on the same server', () => {
    assert.equal(destinationKey('https://q.acme.com', jwt({ iss: 'q', sub: 'u1', jti: 'a' })), destinationKey('https://q.acme.com', jwt({ iss: 'q', sub: 'u1', jti: 'b' })));
  });
  it('starts a new one for another server or another user', () => {
    const first = destinationKey('https://q.acme.com', jwt({ iss: 'q', sub: 'u1' }));
    assert.notEqual(first, destinationKey('https://other.example', jwt({ iss: 'q', sub: 'u1' })));
    assert.notEqual(first, destinationKey('https://q.acme.com', jwt({ iss: 'q', sub: 'u2' })));
    assert.notEqual(destinationKey('https://q.acme.com', 'opaque-1'), destinationKey('https://q.acme.com', 'opaque-2'));
  });
  it('is null until both are set', () => assert.equal(destinationKey('https://q.acme.com', ''), null));
});

describe('server URL', () => {
  it('requires https except on this machine', () => {
    assert.equal(normalizeServerUrl('http://q.acme.com'), null);
    assert.equal(normalizeServerUrl('http://localhost:8080'), 'http://localhost:8080');
    assert.equal(normalizeServerUrl('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
    assert.equal(normalizeServerUrl('https://q.acme.com'), 'https://q.acme.com');
  });
});

describe('pause', () => {
  const now = Date.parse('2025-06-01T10:00:00');
  it('pauses for an hour', () => {
    const paused = pauseUntil('hour', now);
    assert.equal(pausedAt(paused, now + 59 * 60_000), true);
    assert.equal(pausedAt(paused, now + 61 * 60_000), false);
  });
  it('pauses until tomorrow (local midnight)', () => {
    const paused = pauseUntil('tomorrow', now);
    assert.equal(new Date(paused.until).getHours(), 0);
    assert.equal(pausedAt(paused, now + 13 * 3_600_000), true);
    assert.equal(pausedAt(paused, now + 15 * 3_600_000), false);
  });
  it('pauses until turned back on, and resumes', () => {
    assert.equal(pausedAt(pauseUntil('off', now), now + 1e12), true);
    assert.equal(pausedAt(pauseUntil(false, now), now), false);
  });
});
