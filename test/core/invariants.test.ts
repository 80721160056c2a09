import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { decideRegistration, promoteFromWaitlist, type OrganisationType } from '../../src/core/index.js';
import { makeNetwork, NOW } from '../helpers/fixtures.js';

type Status = 'confirmed' | 'pending' | 'waitlisted' | 'rejected' | 'cancelled';
interface Reg { id: string; status: Status; organisationType: OrganisationType; arrival: number }

const op = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), type: fc.constantFrom<OrganisationType>('municipality', 'province') }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }),
);

/** Runs a sequence of operations the way a server does: decide, store, and promote after a place frees. */
function simulate(capacity: number, approval: boolean, waitlist: boolean, ops: fc.infer<typeof op>[]) {
  const network = makeNetwork({
    capacity,
    waitlist: { enabled: waitlist },
    approval: { required: approval },
    eligibility: { organisationTypes: ['municipality'] },
  });
  const regs: Reg[] = [];
  const count = () => ({
    confirmed: regs.filter((r) => r.status === 'confirmed').length,
    pending: regs.filter((r) => r.status === 'pending').length,
    waitlisted: regs.filter((r) => r.status === 'waitlisted').length,
  });
  const promotionLog: string[] = [];
  const free = () => {
    const queue = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => a.arrival - b.arrival);
    for (const p of promoteFromWaitlist(network, count(), queue)) {
      regs.find((r) => r.id === p.id)!.status = p.status;
      promotionLog.push(p.id);
    }
  };
  ops.forEach((o, i) => {
    if (o.kind === 'register') {
      const d = decideRegistration(network, { organisationType: o.type }, { counts: count() }, NOW);
      regs.push({ id: `r${i}`, status: d.outcome, organisationType: o.type, arrival: i });
      if (d.outcome === 'waitlisted') expect(d.position).to.equal(count().waitlisted);
    } else {
      const active = regs.filter((r) => (o.kind === 'cancel' ? r.status !== 'cancelled' && r.status !== 'rejected' : r.status === 'pending'));
      const target = active[o.pick % Math.max(1, active.length)];
      if (!target) return;
      target.status = o.kind === 'cancel' ? 'cancelled' : 'rejected';
      free();
    }
    const c = count();
    expect(c.confirmed + c.pending).to.be.at.most(capacity);
    // Nobody waits while a place is free.
    if (c.waitlisted > 0) expect(c.confirmed + c.pending).to.equal(capacity);
  });
  return { regs, promotionLog };
}

describe('rules engine invariants (property tests)', () => {
  it('never gives more places than the capacity, and nobody waits while a place is free', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.boolean(), fc.array(op, { maxLength: 60 }), (cap, appr, wl, ops) => {
        simulate(cap, appr, wl, ops);
      }),
      { numRuns: 300 },
    );
  });

  it('serves the waiting list first come, first served', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (cap, ops) => {
        const { regs, promotionLog } = simulate(cap, false, true, ops);
        // Everyone promoted arrived before everyone still waiting.
        const waiting = regs.filter((r) => r.status === 'waitlisted').map((r) => r.arrival);
        const promoted = promotionLog.map((id) => regs.find((r) => r.id === id)!.arrival);
        for (const p of promoted) for (const w of waiting) expect(p).to.be.below(w);
        // And they moved up in arrival order.
        expect(promoted).to.deep.equal([...promoted].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same decision for the same inputs', () => {
    const network = makeNetwork({ capacity: 5, waitlist: { enabled: true, limit: 3 }, approval: { required: false } });
    fc.assert(
      fc.property(
        fc.record({ confirmed: fc.nat(8), pending: fc.nat(3), waitlisted: fc.nat(5) }),
        fc.constantFrom<OrganisationType>('municipality', 'province', 'citizen-initiative'),
        fc.boolean(),
        (counts, type, duplicate) => {
          const a = decideRegistration(network, { organisationType: type }, { counts, duplicate }, NOW);
          const b = decideRegistration(network, { organisationType: type }, { counts: { ...counts }, duplicate }, NOW);
          expect(a).to.deep.equal(b);
        },
      ),
      { numRuns: 500 },
    );
  });
});
