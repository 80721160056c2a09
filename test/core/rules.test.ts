import { expect } from '@esm-bundle/chai';
import {
  availability,
  decideRegistration,
  promoteFromWaitlist,
  reasonText,
  NO_REGISTRATIONS,
  type PlaceCounts,
} from '../../src/core/index.js';
import { makeNetwork, NOW } from '../helpers/fixtures.js';

const counts = (confirmed: number, pending = 0, waitlisted = 0): PlaceCounts => ({ confirmed, pending, waitlisted });
const municipality = { organisationType: 'municipality' as const };

describe('availability', () => {
  it('is open with places left and a coarse level', () => {
    const n = makeNetwork({ capacity: 20 });
    const a = availability(n, counts(5), NOW);
    expect(a).to.include({ state: 'open', capacity: 20, placesLeft: 15, taken: 5, level: 'plenty' });
    expect(availability(n, counts(16), NOW).level).to.equal('few');
  });

  it('counts pending registrations as taken places', () => {
    const n = makeNetwork({ capacity: 3 });
    expect(availability(n, counts(1, 2), NOW)).to.include({ state: 'full', placesLeft: 0, level: 'full' });
  });

  it('offers the waiting list when full, until its limit', () => {
    const n = makeNetwork({ capacity: 2, waitlist: { enabled: true, limit: 2 } });
    expect(availability(n, counts(2, 0, 1), NOW).state).to.equal('waitlist');
    expect(availability(n, counts(2, 0, 2), NOW).state).to.equal('full');
  });

  it('is not yet open before `opens`, and closed after `closes`', () => {
    const n = makeNetwork({ opens: '2030-04-02', closes: '2030-04-20' });
    const before = availability(n, NO_REGISTRATIONS, NOW);
    expect(before.state).to.equal('not-yet-open');
    expect(before.opensAt?.toISOString()).to.equal('2030-04-01T22:00:00.000Z');
    const after = availability(n, NO_REGISTRATIONS, new Date('2030-04-20T22:00:00Z'));
    expect(after).to.include({ state: 'closed', closedReason: 'deadline' });
    // One minute before midnight Amsterdam time on the closing day it is still open.
    expect(availability(n, NO_REGISTRATIONS, new Date('2030-04-20T21:59:00Z')).state).to.equal('open');
  });

  it('closes a per-session registration when the session starts, and marks it past afterwards', () => {
    const n = makeNetwork({ scope: 'session' });
    expect(availability(n, NO_REGISTRATIONS, new Date('2030-05-01T07:59:00Z'), 's1').state).to.equal('open');
    expect(availability(n, NO_REGISTRATIONS, new Date('2030-05-01T08:00:00Z'), 's1')).to.include({ state: 'closed', closedReason: 'deadline' });
    expect(availability(n, NO_REGISTRATIONS, new Date('2030-05-01T10:00:00Z'), 's1')).to.include({ state: 'closed', closedReason: 'past' });
  });

  it('says cancelled, invitation only and on request', () => {
    const cancelled = makeNetwork({ scope: 'session' }, [{ id: 's1', title: 'X', type: 'other', date: '2030-06-01', status: 'cancelled' }]);
    expect(availability(cancelled, NO_REGISTRATIONS, NOW, 's1')).to.include({ state: 'closed', closedReason: 'cancelled' });
    const closed = makeNetwork({}, [], { format: 'closed' });
    expect(availability(closed, NO_REGISTRATIONS, NOW).state).to.equal('invitation-only');
    const inCompany = makeNetwork({}, [], { format: 'in-company', groupSize: { max: 20 } });
    expect(availability(inCompany, NO_REGISTRATIONS, NOW).state).to.equal('on-request');
  });
});

describe('decideRegistration', () => {
  it('confirms while places are left, then waitlists with a position, then refuses when the list is full', () => {
    const n = makeNetwork({ capacity: 2, waitlist: { enabled: true, limit: 1 } });
    expect(decideRegistration(n, municipality, { counts: counts(1) }, NOW).outcome).to.equal('confirmed');
    const w = decideRegistration(n, municipality, { counts: counts(2) }, NOW);
    expect(w).to.deep.equal({ outcome: 'waitlisted', position: 1, reasons: [{ code: 'waitlisted', position: 1 }] });
    expect(decideRegistration(n, municipality, { counts: counts(2, 0, 1) }, NOW).reasons).to.deep.equal([{ code: 'waitlist-full' }]);
  });

  it('refuses "full" when there is no waiting list', () => {
    const n = makeNetwork({ capacity: 1 });
    const d = decideRegistration(n, municipality, { counts: counts(1) }, NOW);
    expect(d).to.deep.equal({ outcome: 'rejected', reasons: [{ code: 'full' }] });
    expect(reasonText(d.reasons[0]!, n, 'nl')).to.equal('Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden.');
  });

  it('makes an intake pending, holding a place', () => {
    const n = makeNetwork({ capacity: 1, approval: { required: true } });
    expect(decideRegistration(n, municipality, { counts: counts(0) }, NOW).outcome).to.equal('pending');
    expect(decideRegistration(n, municipality, { counts: counts(0, 1) }, NOW).reasons[0]!.code).to.equal('full');
  });

  it('collects every personal reason at once', () => {
    const n = makeNetwork({
      eligibility: { organisationTypes: ['municipality'] },
      declarations: [{ id: 'd1', text: 'Wij werken al samen.' }],
      maxPerOrganisation: 2,
    });
    const d = decideRegistration(n, { organisationType: 'province' }, { counts: counts(0), duplicate: true, organisationCount: 2 }, NOW);
    expect(d.outcome).to.equal('rejected');
    expect(d.reasons.map((r) => r.code)).to.deep.equal(['duplicate', 'not-eligible', 'declaration-missing', 'organisation-limit']);
    expect(reasonText(d.reasons[2]!, n, 'nl')).to.equal('Bevestig: Wij werken al samen.');
    expect(reasonText(d.reasons[3]!, n, 'en')).to.equal('2 people per organisation can register; your organisation has reached that number.');
  });

  it('asks for a session when registration is per session, and refuses one that does not exist', () => {
    const n = makeNetwork({ scope: 'session' });
    expect(decideRegistration(n, municipality, { counts: counts(0) }, NOW).reasons[0]!.code).to.equal('session-required');
    expect(decideRegistration(n, { ...municipality, sessionId: 'nope' }, { counts: counts(0) }, NOW).reasons[0]!.code).to.equal('unknown-session');
    expect(decideRegistration(n, { ...municipality, sessionId: 's1' }, { counts: counts(0) }, NOW).outcome).to.equal('confirmed');
    const series = makeNetwork();
    expect(decideRegistration(series, { ...municipality, sessionId: 's1' }, { counts: counts(0) }, NOW).reasons[0]!.code).to.equal(
      'session-not-applicable',
    );
  });

  it('checks invitations only for the organisation types that need one', () => {
    const n = makeNetwork({
      eligibility: { organisationTypes: ['municipality', 'citizen-initiative'] },
      invitation: { organisationTypes: ['citizen-initiative'] },
    });
    const ci = { organisationType: 'citizen-initiative' as const };
    expect(decideRegistration(n, ci, { counts: counts(0) }, NOW).reasons[0]!.code).to.equal('invitation-required');
    expect(decideRegistration(n, { ...ci, invitation: 'invalid' }, { counts: counts(0) }, NOW).reasons[0]!.code).to.equal('invitation-invalid');
    expect(decideRegistration(n, { ...ci, invitation: 'valid' }, { counts: counts(0) }, NOW).outcome).to.equal('confirmed');
    expect(decideRegistration(n, municipality, { counts: counts(0) }, NOW).outcome).to.equal('confirmed');
  });

  it('refuses before opening and after closing with the dates in the reason', () => {
    const n = makeNetwork({ opens: '2030-04-02T09:00' });
    const d = decideRegistration(n, municipality, { counts: counts(0) }, NOW);
    expect(d.reasons[0]!.code).to.equal('not-yet-open');
    expect(reasonText(d.reasons[0]!, n, 'nl')).to.equal('Aanmelden kan pas vanaf dinsdag 2 april 2030, 09.00 uur.');
  });
});

describe('promoteFromWaitlist', () => {
  it('moves up the first who still fits, in arrival order', () => {
    const n = makeNetwork({ capacity: 3, waitlist: { enabled: true }, eligibility: { organisationTypes: ['municipality'] } });
    const promoted = promoteFromWaitlist(n, counts(1), [
      { id: 'a', organisationType: 'province' },
      { id: 'b', organisationType: 'municipality' },
      { id: 'c', organisationType: 'municipality' },
      { id: 'd', organisationType: 'municipality' },
    ]);
    expect(promoted).to.deep.equal([
      { id: 'b', status: 'confirmed' },
      { id: 'c', status: 'confirmed' },
    ]);
  });

  it('moves up into pending when an intake is required', () => {
    const n = makeNetwork({ capacity: 1, waitlist: { enabled: true }, approval: { required: true } });
    expect(promoteFromWaitlist(n, counts(0), [{ id: 'a', ...municipality }])).to.deep.equal([{ id: 'a', status: 'pending' }]);
    expect(promoteFromWaitlist(n, counts(0, 1), [{ id: 'a', ...municipality }])).to.deep.equal([]);
  });
});
