import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { BACKENDS, openTestDb, network, person } from './helpers.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';
import { RegistrationRepository } from '../../src/server/storage/registrations.js';
import type { PlaceCounts } from '../../src/core/index.js';

// Small capacities, so that a short sequence fills places, fills the waiting list and moves it up.
const perSession = network({
  id: 'plekken',
  sessions: [
    { id: 'a', title: 'A', type: 'other', start: '2030-05-01T10:00' },
    { id: 'b', title: 'B', type: 'other', start: '2030-05-02T10:00' },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 2, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});
const intake = network({
  id: 'intake',
  registration: { mode: 'built-in', capacity: 2, waitlist: { enabled: true }, approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

type Op =
  | { kind: 'register'; network: 0 | 1; person: number; session: 0 | 1 }
  | { kind: 'cancel' | 'erase' | 'accept' | 'reject' | 'moveUp' | 'remove'; pick: number }
  | { kind: 'purge' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('register' as const), network: fc.constantFrom(0 as const, 1 as const), person: fc.integer({ min: 0, max: 12 }), session: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'erase' as const, 'accept' as const, 'reject' as const, 'moveUp' as const, 'remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'purge' as const }) },
);

/** Counts with every target present, zeros included, so a kept row at zero equals no rows at all. */
function complete(counts: Record<string, PlaceCounts>): Record<string, PlaceCounts> {
  const out: Record<string, PlaceCounts> = {};
  for (const target of ['a', 'b', 'network']) out[target] = counts[target] ?? { confirmed: 0, pending: 0, waitlisted: 0 };
  for (const [target, c] of Object.entries(counts)) out[target] = c;
  return out;
}

for (const backend of BACKENDS) {
  describe(`kept counts on ${backend}`, () => {
    test('equal a recount after any mix of registrations, cancellations, erasures, organiser decisions and purges', async () => {
      const { db, dir } = await openTestDb(backend);
      // The purge sees a clock far past every session, so it erases what it may.
      let now = new Date('2030-01-01T00:00:00Z');
      const service = new RegistrationService(db, new Map([perSession, intake].map((n) => [n.id, n])), { secret: Buffer.alloc(32, 1), now: () => now });
      const repo = new RegistrationRepository(db);
      const ids: string[] = [];
      let runs = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
            runs++;
            for (const o of ops) {
              now = new Date('2030-01-01T00:00:00Z');
              if (o.kind === 'register') {
                const n = o.network === 0 ? perSession : intake;
                const r = await service.register(n, { ...person(`${runs}-${o.person}`), ...(n === perSession && { sessionId: o.session === 0 ? 'a' : 'b' }) });
                if (r.kind === 'created') ids.push(r.id);
              } else if (o.kind === 'purge') {
                now = new Date('2040-01-01T00:00:00Z');
                await service.purgeExpired(1);
              } else if (ids.length) {
                const id = ids[o.pick % ids.length]!;
                if (o.kind === 'reject') await service.reject(id, 'Geen plek voor dit type organisatie.');
                else if (o.kind === 'remove') await service.remove(id, 'Dubbel aangemeld.');
                else await service[o.kind](id);
              }
            }
            for (const n of [perSession, intake]) assert.deepEqual(complete(await service.counts(n.id)), complete(await repo.recount(n.id)), `${n.id} after ${ops.length} steps`);
          }),
          { numRuns: 12, seed: 11 },
        );
        assert.ok(ids.length > 20, 'the sequences registered people');
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('are emptied with the registrations when the table is emptied at once (TRUNCATE fires no row triggers)', async () => {
      const { db, dir } = await openTestDb(backend);
      try {
        const service = new RegistrationService(db, new Map([[perSession.id, perSession]]), { secret: Buffer.alloc(32, 1), now: () => new Date('2030-01-01T00:00:00Z') });
        for (let i = 0; i < 3; i++) assert.equal((await service.register(perSession, { ...person(i), sessionId: 'a' })).kind, 'created');
        assert.deepEqual(await service.counts(perSession.id), { a: { confirmed: 2, pending: 0, waitlisted: 1 } });
        await db.query('TRUNCATE registrations');
        assert.deepEqual(await service.counts(perSession.id), {});
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('replace the old lock table: capacity_locks is gone from the schema', async () => {
      const { db, dir } = await openTestDb(backend);
      try {
        const { rows } = await db.query<{ kept: string | null; gone: string | null }>(`SELECT to_regclass('target_counts')::text AS kept, to_regclass('capacity_locks')::text AS gone`);
        assert.deepEqual(rows[0], { kept: 'target_counts', gone: null });
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
