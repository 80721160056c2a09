import { expect } from '@esm-bundle/chai';
import {
  availability,
  availabilityMap,
  decideRegistration,
  reasonText,
  sessionTiming,
  calendarEvents,
  NO_REGISTRATIONS,
  messages,
} from '../../src/core/index.js';
import { seed } from '../helpers/seeds.js';

const none = { counts: NO_REGISTRATIONS };

describe('the five seed networks under their own rules', () => {
  describe('aardgasvrij-leerkring (gas-free neighbourhoods)', () => {
    const beforeStart = new Date('2021-11-01T09:00:00Z');

    it('turns a province away with the page\'s own reason', async () => {
      const n = await seed('aardgasvrij-leerkring');
      const d = decideRegistration(n, { organisationType: 'province', declarations: ['werkt-samen-met-initiatief'] }, none, beforeStart);
      expect(d.outcome).to.equal('rejected');
      expect(d.reasons.map((r) => r.code)).to.deep.equal(['not-eligible']);
      expect(reasonText(d.reasons[0]!, n, 'nl')).to.equal(
        'Deze leerkring is uitsluitend voor gemeenten die al samenwerken met bewonersinitiatieven aan aardgasvrij.',
      );
    });

    it('needs the declaration, and puts a municipality in intake (pending)', async () => {
      const n = await seed('aardgasvrij-leerkring');
      const without = decideRegistration(n, { organisationType: 'municipality' }, none, beforeStart);
      expect(without.reasons.map((r) => r.code)).to.deep.equal(['declaration-missing']);
      const d = decideRegistration(n, { organisationType: 'municipality', declarations: ['werkt-samen-met-initiatief'] }, none, beforeStart);
      expect(d.outcome).to.equal('pending');
      expect(reasonText(d.reasons[0]!, n, 'nl')).to.contain('kennismakings- en intakegesprek');
    });

    it('is "full" once its capacity is taken, with no waiting list', async () => {
      const n = await seed('aardgasvrij-leerkring');
      const counts = { confirmed: 9, pending: 3, waitlisted: 0 };
      const d = decideRegistration(n, { organisationType: 'municipality', declarations: ['werkt-samen-met-initiatief'] }, { counts }, beforeStart);
      expect(d).to.deep.equal({ outcome: 'rejected', reasons: [{ code: 'full' }] });
      expect(availability(n, counts, beforeStart).state).to.equal('full');
      expect(messages('nl').availability.full).to.equal('Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden');
    });

    it('has its kick-off on 23 November 2021 from 10:00 to 13:30 in Utrecht, and three sessions still to be planned', async () => {
      const n = await seed('aardgasvrij-leerkring');
      const t = sessionTiming(n.sessions[0]!);
      if (t.kind !== 'exact') throw new Error('kick-off should have an exact time');
      expect(t.start.toISOString()).to.equal('2021-11-23T09:00:00.000Z');
      expect(t.end!.toISOString()).to.equal('2021-11-23T12:30:00.000Z');
      expect(n.sessions[0]!.venue).to.deep.include({ name: 'Zalen van zeven', address: 'Boothstraat 7', city: 'Utrecht' });
      expect(n.sessions.slice(1).map((s) => sessionTiming(s).kind)).to.deep.equal(['tbd', 'tbd', 'tbd']);
    });
  });

  describe('twentse-noabers', () => {
    const before = new Date('2022-04-01T09:00:00Z');

    it('refuses a citizen initiative without an invitation and accepts it with one', async () => {
      const n = await seed('twentse-noabers');
      const without = decideRegistration(n, { organisationType: 'citizen-initiative' }, none, before);
      expect(without.outcome).to.equal('rejected');
      expect(without.reasons[0]!.code).to.equal('invitation-required');
      expect(reasonText(without.reasons[0]!, n, 'nl')).to.contain('op uitnodiging');
      const withCode = decideRegistration(n, { organisationType: 'citizen-initiative', invitation: 'valid' }, none, before);
      expect(withCode.outcome).to.equal('confirmed');
    });

    it('lets a municipal employee register without a code, and nobody else', async () => {
      const n = await seed('twentse-noabers');
      expect(decideRegistration(n, { organisationType: 'municipality' }, none, before).outcome).to.equal('confirmed');
      expect(decideRegistration(n, { organisationType: 'business' }, none, before).reasons[0]!.code).to.equal('not-eligible');
    });

    it('has a Thursday evening kick-off in Almelo and sessions 2–4 to be determined', async () => {
      const n = await seed('twentse-noabers');
      const t = sessionTiming(n.sessions[0]!);
      if (t.kind !== 'exact') throw new Error('kick-off should have an exact time');
      expect(t.start.toISOString()).to.equal('2022-04-21T17:30:00.000Z');
      expect(n.sessions[0]!.venue).to.deep.include({ type: 'physical', city: 'Almelo' });
      expect(n.sessions.slice(1).map((s) => sessionTiming(s).kind)).to.deep.equal(['tbd', 'tbd', 'tbd']);
      expect(calendarEvents(n)).to.have.length(1);
      expect(n.registration.mode).to.equal('email');
    });
  });

  describe('overheidsparticipatie-workshop (in-company)', () => {
    it('is on request for at most 20 participants', async () => {
      const n = await seed('overheidsparticipatie-workshop');
      const now = new Date('2026-11-23T09:00:00Z');
      expect(availability(n, NO_REGISTRATIONS, now).state).to.equal('on-request');
      const ok = decideRegistration(n, { organisationType: 'municipality', groupSize: 20 }, none, now);
      expect(ok).to.deep.equal({ outcome: 'pending', reasons: [{ code: 'on-request' }] });
      const tooMany = decideRegistration(n, { organisationType: 'municipality', groupSize: 21 }, none, now);
      expect(tooMany.reasons).to.deep.equal([{ code: 'group-too-large', max: 20 }]);
      expect(n.price?.type).to.equal('on-request');
      expect(n.audience?.tags).to.deep.equal(['Raadsleden', 'Sociaal domein']);
    });
  });

  describe('vitaal-platteland (per meeting)', () => {
    it('takes registrations per meeting until the meeting starts, and has a closing meeting in spring 2021', async () => {
      const n = await seed('vitaal-platteland');
      const now = new Date('2019-11-01T09:00:00Z');
      const map = availabilityMap(n, {}, now);
      expect(map.sessions['werkplaats-3-een-overheid']).to.include({ state: 'closed', closedReason: 'past' });
      expect(map.sessions['werkplaats-4-maatschappelijke-partners']!.state).to.equal('open');
      expect(map.network.state).to.equal('open');
      const d = decideRegistration(n, { organisationType: 'province', sessionId: 'werkplaats-4-maatschappelijke-partners' }, none, now);
      expect(d.outcome).to.equal('confirmed');
      expect(sessionTiming(n.sessions[2]!)).to.deep.equal({ kind: 'tbd', period: 'voorjaar 2021' });
      expect(n.resources?.find((r) => r.participantsOnly)?.title).to.equal('De virtuele Werkplaats');
    });
  });

  describe('groene-domein (long-running network with a closed intervision track)', () => {
    it('keeps its intervision meetings invitation-only and its archive with partners', async () => {
      const n = await seed('groene-domein');
      const then = new Date('2014-10-01T09:00:00Z');
      expect(availability(n, NO_REGISTRATIONS, then, 'intervisie-provincies-2014-10').state).to.equal('invitation-only');
      const d = decideRegistration(n, { organisationType: 'province', sessionId: 'intervisie-provincies-2014-10' }, none, then);
      expect(d.reasons[0]!.code).to.equal('closed-track');
      expect(decideRegistration(n, { organisationType: 'water-board', sessionId: 'marke-mallem-2014' }, none, then).outcome).to.equal('confirmed');
      expect(n.sessions.find((s) => s.id === 'marke-mallem-2014')!.partners![0]!.name).to.equal('Waterschap Rijn en IJssel');
      const today = new Date('2026-11-23T09:00:00Z');
      expect(availability(n, NO_REGISTRATIONS, today)).to.include({ state: 'closed', closedReason: 'past' });
    });
  });
});
