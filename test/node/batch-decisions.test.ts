import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { BACKENDS, openTestDb, network, person, startServer, formToken } from './helpers.js';
import type { Db, Queryable } from '../../src/server/index.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

const PLACES = 5;
const busy = network({
  id: 'druk',
  sessions: [{ id: 'sessie', title: 'Sessie', type: 'other', start: '2030-05-01T10:00' }],
  registration: { mode: 'built-in', scope: 'session', capacity: PLACES, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

/** Four sessions of two places each, with a waiting list: registrations for all of them arrive together. */
const series = network({
  id: 'reeks-druk',
  sessions: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, title: `Sessie ${id}`, type: 'other', start: `2030-05-0${i + 1}T10:00` })),
  registration: { mode: 'built-in', scope: 'session', capacity: 2, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

/** The real database, with its transactions and statements counted. */
function counted(db: Db) {
  const seen = { transactions: 0, statements: 0 };
  const wrapped: Db = {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    close: () => db.close(),
    transaction: (fn) => {
      seen.transactions++;
      return db.transaction((tx: Queryable) => fn({ query: (sql, params) => (seen.statements++, tx.query(sql, params)) }));
    },
  };
  return { db: wrapped, seen };
}

for (const backend of BACKENDS) {
  describe(`registrations decided in batches on ${backend}`, () => {
    test('40 at once for one session: a few transactions, each request its own answer in arrival order', async () => {
      const t = await openTestDb(backend);
      const { db, seen } = counted(t.db);
      try {
        const service = new RegistrationService(db, new Map([[busy.id, busy]]), { secret: Buffer.alloc(32, 3) });
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => service.register(busy, { ...person(i), sessionId: 'sessie' })));
        // One transaction per person (8 statements each) before; now the waiting ones are decided together.
        assert.ok(seen.transactions <= 10, `${seen.transactions} transactions for 40 registrations`);
        assert.ok(seen.statements <= 3 * seen.transactions, `${seen.statements} statements in ${seen.transactions} transactions`);
        // Arrival order decides: the first five have the places, the rest wait in the order they came.
        assert.deepEqual(
          answers.map((a) => (a.kind === 'created' ? [a.status, a.position ?? 0] : [a.kind, 0])),
          Array.from({ length: 40 }, (_, i) => (i < PLACES ? ['confirmed', 0] : ['waitlisted', i - PLACES + 1])),
        );
        assert.equal(new Set(answers.map((a) => (a.kind === 'created' ? a.id : ''))).size, 40);
        const { rows } = await t.db.query<{ email_lower: string; status: string }>(`SELECT email_lower, status FROM registrations ORDER BY seq`);
        assert.deepEqual(rows.map((r) => r.email_lower), Array.from({ length: 40 }, (_, i) => `deelnemer${i}@example.org`));
      } finally {
        await t.db.close();
        rmSync(t.dir, { recursive: true, force: true });
      }
    });

    test('40 at once for four sessions: one transaction decides them all, each session by its own places and waiting list, keys shared across sessions', async () => {
      const t = await openTestDb(backend);
      const { db, seen } = counted(t.db);
      try {
        const service = new RegistrationService(db, new Map([[series.id, series]]), { secret: Buffer.alloc(32, 3) });
        const sessions = ['a', 'b', 'c', 'd'];
        const answers = await Promise.all([
          ...Array.from({ length: 40 }, (_, i) => service.register(series, { ...person(i), sessionId: sessions[i % 4] })),
          // One idempotency key for two sessions: the second is someone else's request and is refused.
          service.register(series, { ...person('sleutel'), sessionId: 'a' }, 'gedeelde-sleutel'),
          service.register(series, { ...person('sleutel'), sessionId: 'b' }, 'gedeelde-sleutel'),
        ]);
        // Per target a transaction of its own before (four at least); the network's queue decides them together now.
        assert.ok(seen.transactions <= 2, `${seen.transactions} transactions for 42 registrations over four sessions`);
        assert.ok(seen.statements <= 4 * seen.transactions, `${seen.statements} statements in ${seen.transactions} transactions`);
        // Within each session, arrival order decides: its first two have the places, the rest wait in the order they came.
        const perSession = (s: string) => answers.slice(0, 40).filter((_, i) => sessions[i % 4] === s).map((a) => (a.kind === 'created' ? [a.status, a.position ?? 0] : [a.kind, 0]));
        for (const s of sessions) assert.deepEqual(perSession(s), Array.from({ length: 10 }, (_, i) => (i < 2 ? ['confirmed', 0] : ['waitlisted', i - 1])), `session ${s}`);
        assert.equal(answers[40]!.kind === 'created' && answers[40]!.status, 'waitlisted');
        assert.deepEqual(answers[41], { kind: 'idempotency-mismatch' });
        assert.deepEqual(await new (await import('../../src/server/storage/registrations.js')).RegistrationRepository(t.db).recount(series.id), Object.fromEntries(sessions.map((s) => [s, { confirmed: 2, pending: 0, waitlisted: s === 'a' ? 9 : 8 }])));
      } finally {
        await t.db.close();
        rmSync(t.dir, { recursive: true, force: true });
      }
    });

    test('in one batch: a repeated key gets the first answer, a reused key with other details is refused, a second registration of one address is a duplicate', async () => {
      const t = await openTestDb(backend);
      try {
        const service = new RegistrationService(t.db, new Map([[busy.id, busy]]), { secret: Buffer.alloc(32, 3) });
        const [first, again, other, dup, fine] = await Promise.all([
          service.register(busy, { ...person(1), sessionId: 'sessie' }, 'sleutel-1'),
          service.register(busy, { ...person(1), sessionId: 'sessie' }, 'sleutel-1'),
          service.register(busy, { ...person(2), sessionId: 'sessie' }, 'sleutel-1'),
          service.register(busy, { ...person(1), sessionId: 'sessie' }),
          service.register(busy, { ...person(3), sessionId: 'sessie' }),
        ]);
        assert.equal(first!.kind, 'created');
        assert.deepEqual(again, first);
        assert.deepEqual(other, { kind: 'idempotency-mismatch' });
        assert.equal(dup!.kind, 'rejected');
        assert.equal(dup!.kind === 'rejected' && dup!.reasons[0]!.code, 'duplicate');
        assert.equal(fine!.kind === 'created' && fine!.status, 'confirmed');
        const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations');
        assert.equal(rows[0]!.n, 2);
      } finally {
        await t.db.close();
        rmSync(t.dir, { recursive: true, force: true });
      }
    });

    // Over HTTP the requests arrive as I/O. The embedded database's transactions never yield to
    // I/O, so a batcher that starts the next batch at once only ever finds one request waiting:
    // a transaction each, and the rest pile up unread (42/s, p99 5 s, against 270-500/s in-process).
    test('over HTTP, 40 at once for one session: requests read while a batch is decided join the next one', async () => {
      const s = await startServer(backend, [busy]);
      try {
        const token = await formToken(s.url, busy.id);
        // 40 open connections first (as busy browsers keep them), so the 40 requests go out together.
        const agent = new Agent({ keepAlive: true, maxSockets: 40 });
        const send = (method: string, path: string, body?: string) =>
          new Promise<number>((resolve, reject) => {
            const req = request(`${s.url}${path}`, { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
              res.resume();
              res.once('end', () => resolve(res.statusCode!));
            });
            req.once('error', reject);
            req.end(body);
          });
        await Promise.all(Array.from({ length: 40 }, () => send('GET', `/api/networks/${busy.id}`)));
        const statuses = await Promise.all(
          Array.from({ length: 40 }, (_, i) => send('POST', `/api/networks/${busy.id}/registrations`, JSON.stringify({ ...person(i), sessionId: 'sessie', formToken: token }))),
        );
        agent.destroy();
        assert.deepEqual(statuses, Array(40).fill(201));
        // now() is the transaction's start: one value per transaction that stored registrations.
        const { rows } = await s.db.query<{ n: number }>(`SELECT count(DISTINCT created_at)::int AS n FROM registrations`);
        assert.ok(rows[0]!.n < 20, `${rows[0]!.n} transactions for 40 registrations over HTTP`);
      } finally {
        await s.close();
      }
    });
  });
}
