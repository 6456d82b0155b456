import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyUploadResponse, describeNotSetUp, describeUnconfirmed, describeUploadFailure, isBatchRefusal, planRefusal, settleBatch, summarizeEvent } from '../../src/background/results.js';

const batch = [10, 11, 12, 13, 14, 15].map((localId) => ({ localId, event: { type: 'email', subject: `s${localId}` } }));

describe('settleBatch', () => {
  it('removes every event the server decided about, whatever the decision', () => {
    const answer = {
      results: [
        { index: 0, status: 'stored', interactionId: 'a' },
        { index: 1, status: 'duplicate' },
        { index: 2, status: 'updated' },
        { index: 3, status: 'skipped', reason: 'internal only' },
        { index: 4, status: 'rejected', reason: 'from.email is missing' },
        { index: 5, status: 'stored' },
      ],
    };
    const settled = settleBatch(batch, answer);
    assert.deepEqual(settled.settledIds, [10, 11, 12, 13, 14, 15]);
    assert.deepEqual(settled.keptIds, []);
    assert.deepEqual(settled.counts, { stored: 2, duplicate: 1, updated: 1, skipped: 1, rejected: 1 });
  });

  it('keeps the reasons of rejected events for the popup', () => {
    const settled = settleBatch(batch.slice(0, 1), { results: [{ index: 0, status: 'rejected', reason: 'occurredAt is not an ISO-8601 instant' }] });
    assert.deepEqual(settled.rejected, [{ localId: 10, reason: 'occurredAt is not an ISO-8601 instant', summary: 'email: s10' }]);
  });

  it('keeps events the answer does not cover', () => {
    const settled = settleBatch(batch, { results: [{ index: 0, status: 'stored' }, { index: 2, status: 'stored' }] });
    assert.deepEqual(settled.settledIds, [10, 12]);
    assert.deepEqual(settled.keptIds, [11, 13, 14, 15]);
  });

  it('keeps events whose status it does not know, and ignores indexes out of range or repeated', () => {
    const answer = { results: [{ index: 0, status: 'maybe' }, { index: 9, status: 'stored' }, { index: -1, status: 'stored' }, { index: 1, status: 'stored' }, { index: 1, status: 'stored' }, { index: '2', status: 'stored' }] };
    const settled = settleBatch(batch, answer);
    assert.deepEqual(settled.settledIds, [11]);
  });

  it('keeps everything when the answer has no results', () => {
    assert.deepEqual(settleBatch(batch, null).settledIds, []);
    assert.deepEqual(settleBatch(batch, { results: 'nope' }).keptIds, batch.map((e) => e.localId));
  });
});

describe('classifyUploadResponse', () => {
  it('reads the per-event results on 2xx', () => {
    assert.equal(classifyUploadResponse(200), 'ok');
    assert.equal(classifyUploadResponse(207), 'ok');
  });
  it('treats 401 and 403 as a token problem', () => {
    assert.equal(classifyUploadResponse(401), 'auth');
    assert.equal(classifyUploadResponse(403), 'auth');
  });
  it('retries on network errors, 5xx and 429', () => {
    for (const status of [null, 500, 502, 503, 429]) assert.equal(classifyUploadResponse(status), 'retry');
  });
  it('treats 413 as a batch too large, with or without a JSON body', () => {
    assert.equal(classifyUploadResponse(413, { error: { code: 'too_large', message: 'events: at most 500 per request, got 501' } }), 'too_large');
    assert.equal(classifyUploadResponse(413, null), 'too_large');
    assert.ok(isBatchRefusal('too_large'));
  });
  it('treats a 400 with the server error body as a malformed batch, and any other 400 as retry', () => {
    assert.equal(classifyUploadResponse(400, { error: { code: 'invalid_request', message: 'body: not valid JSON' } }), 'invalid');
    assert.ok(isBatchRefusal('invalid'));
    assert.equal(classifyUploadResponse(400, null), 'retry');
    assert.equal(classifyUploadResponse(400, { error: 'text' }), 'retry');
    for (const kind of ['ok', 'auth', 'retry']) assert.ok(!isBatchRefusal(kind));
  });
});

describe('planRefusal', () => {
  const tooLarge = { kind: 'too_large', status: 413, body: { error: { code: 'too_large', message: 'events: at most 100 per request, got 200' } } };
  const invalid = { kind: 'invalid', status: 400, body: { error: { code: 'invalid_request', message: 'body: not valid JSON (x)' } } };
  const many = (count) => Array.from({ length: count }, (_, i) => ({ localId: i + 1, event: { type: 'email', subject: `s${i + 1}` } }));

  it('splits a 413 on 200 events into 100 + 100, older first', () => {
    const plan = planRefusal(many(200), tooLarge);
    assert.equal(plan.action, 'split');
    assert.deepEqual(plan.parts.map((part) => part.length), [100, 100]);
    assert.equal(plan.parts[0][0].localId, 1);
  });
  it('splits a 400 on several events', () => {
    assert.deepEqual(planRefusal(many(3), invalid).parts.map((part) => part.map((e) => e.localId)), [[1, 2], [3]]);
  });
  it('rejects a single event with the server message', () => {
    assert.deepEqual(planRefusal(many(1), tooLarge), { action: 'reject', rejected: [{ localId: 1, reason: 'events: at most 100 per request, got 200', summary: 'email: s1' }] });
    assert.equal(planRefusal(many(1), invalid).rejected[0].reason, 'body: not valid JSON (x)');
  });
  it('gives a reason of its own when the server sent none', () => {
    assert.match(planRefusal(many(1), { kind: 'too_large', status: 413, body: null }).rejected[0].reason, /too large.*413/);
    assert.match(planRefusal(many(1), { kind: 'invalid', status: 400, body: { error: {} } }).rejected[0].reason, /malformed.*400/);
  });
});

describe('describeUploadFailure', () => {
  it('says when the server cannot be reached', () => {
    assert.match(describeUploadFailure({ networkError: 'Failed to fetch' }), /^Cannot reach the Quietlog server/);
  });
  it('sends the rep to Options when the token is refused', () => {
    assert.match(describeUploadFailure({ status: 401 }), /refused the token.*Options/);
  });
  it('explains an unreachable server Chrome has not let the extension contact as the missing access', () => {
    assert.equal(describeUploadFailure({ networkError: 'Failed to fetch', noAccessTo: 'https://q.acme.com' }),
      'Quietlog is not allowed to contact https://q.acme.com yet. Open Options and click "Allow access".');
    // The server answered: the access was not the problem.
    assert.match(describeUploadFailure({ status: 503, noAccessTo: 'https://q.acme.com' }), /HTTP 503/);
  });
});

describe('describeNotSetUp', () => {
  it('names an unusable policy address and sends the rep to IT', () => {
    assert.equal(describeNotSetUp({ serverUrl: '', unusableManagedServerUrl: 'http://q.acme.com', token: 't' }),
      'Your organisation set the server address "http://q.acme.com", which Quietlog cannot use (it must start with https://). Ask your IT team to correct it.');
  });
  it('asks only for a sign-in when the server is known, without pasting when policy turned it off', () => {
    assert.equal(describeNotSetUp({ serverUrl: 'https://q.acme.com', token: '', allowTokenPaste: false }), 'Not signed in yet: open Options and sign in with your company account.');
    assert.equal(describeNotSetUp({ serverUrl: 'https://q.acme.com', token: '' }), 'Not signed in yet: open Options and sign in, or paste a token.');
  });
  it('asks for both when nothing is set', () => {
    assert.equal(describeNotSetUp({ serverUrl: '', token: '' }), 'Not set up yet: enter the server URL and token in Options.');
  });
});

describe('describeUnconfirmed', () => {
  it('waits for the server, or asks for access when Chrome has not allowed it', () => {
    assert.match(describeUnconfirmed({ serverUrl: 'https://q.acme.com', allowed: true }), /^Waiting for the server to confirm who you are/);
    assert.match(describeUnconfirmed({ serverUrl: 'https://q.acme.com', allowed: false }), /not allowed to contact https:\/\/q\.acme\.com yet/);
  });
});

describe('summarizeEvent', () => {
  it('labels emails by subject and meetings by title', () => {
    assert.equal(summarizeEvent({ type: 'email', subject: ' Quote ' }), 'email: Quote');
    assert.equal(summarizeEvent({ type: 'meeting', title: 'Kickoff' }), 'meeting: Kickoff');
    assert.equal(summarizeEvent({ type: 'email', subject: '' }), 'email: (no subject)');
  });
});
