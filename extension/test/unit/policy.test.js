import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPolicy, isCustomerAddress, trimToCaptureLevel } from '../../src/background/policy.js';

const me = {
  user: { email: 'rep@acme.com' },
  policy: {
    internalDomains: ['acme.com'],
    neverLog: { addresses: ['ceo-friend@partner.example'], domains: ['lawfirm.example'] },
    allowFreeMail: false,
    captureLevel: 'subject_snippet',
  },
};
const email = (to, extra = {}) => ({
  type: 'email', direction: 'outbound', from: { email: 'rep@acme.com' }, to: to.map((address) => ({ email: address })), cc: [], subject: 'Quote', snippet: 'Hi', ...extra,
});

describe('applyPolicy', () => {
  it('keeps mail with a customer on it', () => {
    assert.equal(applyPolicy(email(['bob@globex-example.com']), me).keep, true);
  });
  it('drops internal-only mail, subdomains included', () => {
    assert.deepEqual(applyPolicy(email(['ann@acme.com', 'it@eu.acme.com']), me), { keep: false, reason: 'no customer' });
  });
  it('drops mail that involves anyone on a never-log list', () => {
    assert.equal(applyPolicy(email(['bob@globex-example.com', 'Ceo-Friend@partner.example']), me).reason, 'never-log');
    assert.equal(applyPolicy(email(['counsel@x.lawfirm.example']), me).reason, 'never-log');
  });
  it('drops free-mail unless the org allows it', () => {
    assert.equal(applyPolicy(email(['someone@gmail.com']), me).keep, false);
    assert.equal(applyPolicy(email(['someone@gmail.com']), { ...me, policy: { ...me.policy, allowFreeMail: true } }).keep, true);
  });
  it('drops role and bulk senders', () => {
    const inbound = { type: 'email', from: { email: 'noreply@globex-example.com' }, to: [{ email: 'rep@acme.com' }], cc: [] };
    assert.equal(applyPolicy(inbound, me).keep, false);
  });
  it('applies to meeting attendees too', () => {
    const meeting = { type: 'meeting', organizer: { email: 'rep@acme.com' }, attendees: [{ email: 'carla@globex-example.com' }] };
    assert.equal(applyPolicy(meeting, me).keep, true);
  });
  it('keeps nothing while no policy is known (privacy by default)', () => {
    assert.deepEqual(applyPolicy(email(['bob@globex-example.com']), null), { keep: false, reason: 'policy not known' });
    assert.equal(applyPolicy(email(['bob@globex-example.com']), { user: me.user }).keep, false);
  });
  it('counts a customer who is only in Bcc', () => {
    const event = email(['ann@acme.com'], { bcc: [{ email: 'bob@globex-example.com', name: null }] });
    assert.equal(applyPolicy(event, me).keep, true);
  });
  it('treats every address of the rep, and +tags of them, as the rep', () => {
    const withAlias = { ...me, policy: { ...me.policy, internalDomains: [] }, user: { email: 'rep@acme.com', addresses: ['rep@acme.com', 'sales@acme-sales.example'] } };
    assert.equal(applyPolicy(email(['sales@acme-sales.example']), withAlias).keep, false);
    assert.equal(applyPolicy(email(['rep+quotes@acme.com']), withAlias).keep, false);
  });
});

describe('isCustomerAddress', () => {
  it('is never the rep', () => assert.equal(isCustomerAddress('rep@acme.com', { internalDomains: [] }, me), false));
});

describe('trimToCaptureLevel', () => {
  it('drops the snippet at subject level and the subject too at metadata level', () => {
    const event = email(['bob@globex-example.com']);
    assert.equal('snippet' in trimToCaptureLevel(event, 'subject'), false);
    assert.equal(trimToCaptureLevel(event, 'subject').subject, 'Quote');
    assert.equal(trimToCaptureLevel(event, 'metadata').subject, null);
    assert.equal(trimToCaptureLevel(event, 'subject_snippet'), event);
    assert.equal('snippet' in trimToCaptureLevel(event, 'metadata'), false);
  });
  it('keeps the least when the level is unknown or missing', () => {
    const event = email(['bob@globex-example.com']);
    assert.equal(trimToCaptureLevel(event, undefined).subject, null);
    assert.equal(trimToCaptureLevel(event, 'everything').subject, null);
  });
});
