import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { BACKENDS, openTestDb } from './helpers.js';
import { openDatabase, type Queryable } from '../../src/server/storage/db.js';
import { RegistrationRepository } from '../../src/server/storage/registrations.js';

// Issue 28: the batch's duplicate check read every active registration of the target (PGlite
// never gathers statistics, so its planner never chose the partial unique index). These tests
// EXPLAIN the very statement batchFactsMany sends, with its parameters, at a few thousand rows.

const STORED = 4000;
/** Enough for the email index to be a level deeper than registrations_target (issue 27). */
const GROWN = 20000;
const thousands = (n: number) => n.toLocaleString('en');

/** Stores `n` registrations in one target, every tenth cancelled, in ten organisations. */
async function seed(q: Queryable, n: number, network = 'plan'): Promise<void> {
  await q.query(
    `INSERT INTO registrations (id, network_id, target, status, email_lower, participant, organisation_lower, locale)
       SELECT gen_random_uuid(), $2, 'network', CASE WHEN g % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'seed' || g || '@example.org',
         jsonb_build_object('name', 'Seed ' || g), 'org' || (g % 10), 'nl'
       FROM generate_series(1, $1::int) g`,
    [n, network],
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every scan of the registrations table in a plan, with the rows it read (returned plus filtered out). */
function registrationScans(node: PlanNode, out: { type: string; index?: string; read: number; loops: number }[] = []) {
  if (node['Relation Name'] === 'registrations')
    out.push({ type: node['Node Type'], index: node['Index Name'], read: (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'], loops: node['Actual Loops'] });
  for (const child of node.Plans ?? []) registrationScans(child, out);
  return out;
}

/** The plan, as run, of the statement batchFactsMany sends for these addresses and organisations (each asked for its target). */
async function batchPlan(q: Queryable, emails: string[], organisations: string[], targets = ['network'], emailTargets = emails.map(() => 'network'), organisationTargets = organisations.map(() => 'network')) {
  let sent: { sql: string; params: unknown[] } | undefined;
  const recorder: Queryable = {
    query: async (sql, params) => {
      sent = { sql, params: params ?? [] };
      return q.query(sql, params);
    },
  };
  const facts = await new RegistrationRepository(recorder).batchFactsMany(
    'plan',
    targets,
    [],
    emails.map((email, i) => ({ target: emailTargets[i]!, email })),
    organisations.map((organisation, i) => ({ target: organisationTargets[i]!, organisation })),
  );
  const { rows } = await q.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sent!.sql}`, sent!.params);
  const raw = rows[0]!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan as PlanNode;
  return { facts, scans: registrationScans(plan) };
}

const emails = ['new1@example.org', 'seed7@example.org', 'new2@example.org', 'seed10@example.org'];

for (const backend of BACKENDS) {
  describe(`the batch's facts on ${backend}`, () => {
    test(`probe the indexes for each address and organisation, with ${STORED} stored and no statistics gathered since`, async () => {
      const { db, dir } = await openTestDb(backend);
      try {
        await seed(db, STORED);
        for (const when of ['without statistics', 'after ANALYZE']) {
          if (when === 'after ANALYZE') await db.query('ANALYZE registrations');
          const { facts, scans } = await batchPlan(db, emails, ['org3', 'nobody']);
          // The answers themselves: seed7 is active, seed10 cancelled; org3 holds every g % 10 = 3.
          assert.deepEqual([...facts.active.get('network')!], ['seed7@example.org']);
          assert.deepEqual([...facts.organisations.get('network')!], [['org3', STORED / 10]]);
          for (const scan of scans) assert.notEqual(scan.type, 'Seq Scan', `${when}: ${JSON.stringify(scans)}`);
          const duplicates = scans.filter((s) => s.index === 'registrations_active_by_email');
          assert.ok(duplicates.length > 0, `${when}: the duplicate check probes the index led by the address: ${JSON.stringify(scans)}`);
          // Reading only what is asked: one address found, an organisation's places, nothing filtered away by the thousand.
          const read = scans.reduce((n, s) => n + s.read, 0);
          assert.ok(read <= STORED / 10 + emails.length, `${when}: read ${read} rows of registrations: ${JSON.stringify(scans)}`);
        }
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // Issue 27: POST slowed as registrations grew. Statistics gathered while the table was empty
    // (the server gathers them when it opens), or before a network existed, say a target holds next
    // to no rows; every index on (network, target) then looks as good for the duplicate check, and
    // once registrations_one_active_per_email (long keys) had a level more than registrations_target
    // the planner took the latter and read every active registration of the target per address:
    // 42 ms and 1,930 buffers per batch at 14,000 stored on PostgreSQL, against 0.15 ms and 74.
    test(`still probe one address at a time with ${thousands(GROWN)} stored since the statistics of an empty table`, async () => {
      const { db, dir } = await openTestDb(backend);
      try {
        await db.query('ANALYZE registrations');
        await seed(db, GROWN);
        const { facts, scans } = await batchPlan(db, emails, ['org3', 'nobody']);
        assert.deepEqual([...facts.active.get('network')!], ['seed7@example.org']);
        assert.deepEqual([...facts.organisations.get('network')!], [['org3', GROWN / 10]]);
        for (const scan of scans) assert.notEqual(scan.type, 'Seq Scan', JSON.stringify(scans));
        assert.ok(scans.some((s) => s.index === 'registrations_active_by_email'), JSON.stringify(scans));
        const read = scans.reduce((n, s) => n + s.read, 0);
        assert.ok(read <= GROWN / 10 + emails.length, `read ${read} rows of registrations: ${JSON.stringify(scans)}`);
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

// A batch of a network whose people register per session holds requests for many sessions. Each
// address is asked about the session it is for: a batch of 50 requests for 50 sessions probes the
// index 50 times, not once for every session with every address (2,500 probes, issue 28).
for (const backend of BACKENDS) {
  test(`the batch's facts on ${backend}: over 50 sessions, each address is probed for its own session only`, async () => {
    const { db, dir } = await openTestDb(backend);
    try {
      const sessions = Array.from({ length: 50 }, (_, i) => `s${i}`);
      await seed(db, STORED);
      await db.query(
        `INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant, organisation_lower, locale)
           VALUES (gen_random_uuid(), 'plan', 's7', 's7', 'confirmed', 'kept@example.org', '{"name": "Kept"}', 'org7', 'nl')`,
      );
      // One request per session; kept@example.org asks for s7 (where it is active) and s8 (where it is not).
      const emails = sessions.map((s) => (s === 's7' || s === 's8' ? 'kept@example.org' : `new-${s}@example.org`));
      const { facts, scans } = await batchPlan(db, emails, ['org7', 'org7'], sessions, sessions, ['s7', 's8']);
      assert.deepEqual([...facts.active].filter(([, found]) => found.size).map(([target, found]) => [target, [...found]]), [['s7', ['kept@example.org']]]);
      assert.deepEqual([...facts.organisations].filter(([, found]) => found.size).map(([target, found]) => [target, [...found]]), [['s7', [['org7', 1]]]]);
      // Each scan of registrations runs once per (session, address) or (session, organisation) asked.
      const probes = scans.reduce((n, s) => n + s.loops, 0);
      assert.ok(probes <= sessions.length + 2, `${probes} probes of registrations for ${sessions.length} requests and 2 organisations: ${JSON.stringify(scans)}`);
      for (const scan of scans) assert.notEqual(scan.type, 'Seq Scan', JSON.stringify(scans));
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

describe('the embedded database', () => {
  test('gathers the statistics of what is stored when it opens', async () => {
    const { db, dir } = await openTestDb('pglite');
    try {
      await seed(db, STORED);
    } finally {
      await db.close();
    }
    const again = await openDatabase({ dataDir: dir });
    try {
      const { rows } = await again.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'registrations'`);
      assert.equal(Number(rows[0]!.reltuples), STORED);
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
