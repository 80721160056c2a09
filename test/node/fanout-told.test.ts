/**
 * Issue 27, second review of the fan-out jobs: a save's job tells each person exactly once even
 * when an organiser corrects an address while it runs, and a job from before the upgrade resumes
 * where it was; a lost connection is not one of a job's tries; a message's listing reads its
 * recipients through the index. Delivered to a real SMTP peer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { BACKENDS, inTestDb, openTestDb, person, recipient, smtpPeer } from './helpers.js';
import { fanoutStore, movedAWeek, twoWorkshops } from './fanout-setup.js';
import type { Db } from '../../src/server/storage/db.js';
import type { RegistrationService } from '../../src/server/services/registration-service.js';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { RegistrationRepository } from '../../src/server/storage/registrations.js';

const secret = Buffer.alloc(32, 7);
const doc = twoWorkshops({ id: 'adressen', title: 'Leerkring adressen', capacity: 50 });
const moved = () => movedAWeek(doc);
const revision = (s: string) => /^(Wijzigingen in|Gewijzigde datum)/.test(s);

async function setup(db: Db, who: string[]) {
  const { registry, store } = await fanoutStore(db, doc, { secret, now: () => new Date('2030-05-01T09:00:00Z'), fanoutInline: 2, fanoutBatch: 3 });
  const ids: Record<string, string> = {};
  for (const [i, w] of who.entries()) {
    const r = await store.register(registry.get(doc.id)!, { ...person(w), sessionId: i % 2 ? 'een' : 'twee' });
    assert.equal(r.kind, 'created', JSON.stringify(r));
    ids[w] = (r as { id: string }).id;
  }
  await db.query('DELETE FROM mail_outbox');
  return { registry, store, ids };
}

/** Delivers everything to a real SMTP peer; the revision e-mails it got, with their addresses. */
async function deliveredRevisionMails(db: Db, store: RegistrationService, dir: string): Promise<{ to: string; text: string }[]> {
  const peer = await smtpPeer();
  try {
    await deliverOutbox(db, createMailer({ smtpUrl: peer.url, outboxDir: dir, from: 'noreply@example.org' }), 500, { compose: store.composeOutbox });
    return peer.received.filter((m) => revision(m.subject ?? '')).map((m) => ({ to: recipient(m)!, text: m.text ?? '' }));
  } finally {
    await peer.close();
  }
}

/** Per address, how many revision e-mails it got. */
async function deliveredRevisions(db: Db, store: RegistrationService, dir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const m of await deliveredRevisionMails(db, store, dir)) counts[m.to] = (counts[m.to] ?? 0) + 1;
  return counts;
}

const count = async (db: Db, sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);
const nine = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'];
const address = (w: string) => `deelnemer${w}@example.org`;
/** The session setup() registers `w` for, and its title in twoWorkshops. */
const sessionOf = (w: string) => (nine.indexOf(w) % 2 ? 'een' : 'twee');
const title = (session: string) => (session === 'een' ? 'Werkplaats een' : 'Werkplaats twee');

for (const backend of BACKENDS) {
  describe(`fan-out jobs after the second review, on ${backend}`, () => {
    test('addresses corrected between the batches of a save: each person is told exactly once', async () => {
      await inTestDb(backend, async (db, dir) => {
        const { registry, store, ids } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        for (const [w, email] of [['a1', 'zzz@example.org'], ['a8', 'aaa@example.org']] as const) {
          const r = await store.editByOrganiser(ids[w]!, { participant: { name: `Deelnemer ${w}`, email } });
          assert.equal(r.ok, true, JSON.stringify(r));
        }
        while (await store.fanouts.expandOne());
        const got = await deliveredRevisions(db, store, dir);
        // a1 and a8 are told once, at the address they had when their e-mail was queued or sent.
        const a1 = (got[address('a1')] ?? 0) + (got['zzz@example.org'] ?? 0);
        const a8 = (got[address('a8')] ?? 0) + (got['aaa@example.org'] ?? 0);
        const rest = Object.fromEntries(nine.filter((w) => w !== 'a1' && w !== 'a8').map((w) => [w, got[address(w)] ?? 0]));
        assert.deepEqual({ a1, a8, ...rest }, Object.fromEntries(nine.map((w) => [w, 1])), JSON.stringify(got));
      });
    });

    test("an address corrected during a save's job to one already told about another session: that address is told of that session too", async () => {
      await inTestDb(backend, async (db, dir) => {
        const { registry, store, ids } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        const told = new Set((await db.query<{ id: string }>('SELECT registration_id::text AS id FROM fanout_told')).rows.map((r) => r.id));
        // Someone not told yet, in the other session than someone told, takes the told one's address.
        const t = nine.find((w) => told.has(String(ids[w])))!;
        const u = nine.find((w) => !told.has(String(ids[w])) && sessionOf(w) !== sessionOf(t))!;
        assert.ok(t && u, `a told and an untold registration: ${[...told].join(',')}`);
        const r = await store.editByOrganiser(ids[u]!, { participant: { name: `Deelnemer ${u}`, email: address(t) } });
        assert.equal(r.ok, true, JSON.stringify(r));
        while (await store.fanouts.expandOne());
        const mails = await deliveredRevisionMails(db, store, dir);
        const got: Record<string, number> = {};
        for (const m of mails) got[m.to] = (got[m.to] ?? 0) + 1;
        // The address was told of t's session only; u's session moved as well, and u is at that address now.
        const expected = Object.fromEntries(nine.filter((w) => w !== u).map((w) => [address(w), w === t ? 2 : 1]));
        assert.deepEqual(got, expected, `${u} took the address of ${t}, told already of the other session`);
        const second = mails.filter((m) => m.to === address(t)).map((m) => m.text);
        assert.ok(second.some((text) => text.includes(title(sessionOf(u))) && !text.includes(title(sessionOf(t)))), `one e-mail to ${t}'s address is of ${u}'s session alone:\n${second.join('\n----\n')}`);
      });
    });

    test("an address corrected during a save's job to one already told about the same session: that address is told once", async () => {
      await inTestDb(backend, async (db, dir) => {
        const { registry, store, ids } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        const told = new Set((await db.query<{ id: string }>('SELECT registration_id::text AS id FROM fanout_told')).rows.map((r) => r.id));
        // Someone told cancels; someone not told yet, in the same session, takes their address (one active registration per address and session).
        const t = nine.find((w) => told.has(String(ids[w])) && nine.some((x) => !told.has(String(ids[x])) && sessionOf(x) === sessionOf(w)))!;
        const u = nine.find((w) => !told.has(String(ids[w])) && sessionOf(w) === sessionOf(t))!;
        assert.ok(t && u, `a told and an untold registration of one session: ${[...told].join(',')}`);
        assert.equal((await store.cancel(ids[t]!)).ok, true);
        const r = await store.editByOrganiser(ids[u]!, { participant: { name: `Deelnemer ${u}`, email: address(t) } });
        assert.equal(r.ok, true, JSON.stringify(r));
        while (await store.fanouts.expandOne());
        const got = await deliveredRevisions(db, store, dir);
        const expected = Object.fromEntries(nine.filter((w) => w !== u).map((w) => [address(w), 1]));
        assert.deepEqual(got, expected, `${u} took the address of ${t}, told already of that session`);
      });
    });

    test("an address a save's job told before targets were recorded (target '') counts as told of every session", async () => {
      await inTestDb(backend, async (db, dir) => {
        const { registry, store, ids } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        // As the migration leaves the rows of a job that ran across the upgrade.
        await db.query(`UPDATE fanout_told_addresses SET target = ''`);
        const told = new Set((await db.query<{ id: string }>('SELECT registration_id::text AS id FROM fanout_told')).rows.map((r) => r.id));
        const t = nine.find((w) => told.has(String(ids[w])))!;
        const u = nine.find((w) => !told.has(String(ids[w])) && sessionOf(w) !== sessionOf(t))!;
        assert.equal((await store.editByOrganiser(ids[u]!, { participant: { name: `Deelnemer ${u}`, email: address(t) } })).ok, true);
        while (await store.fanouts.expandOne());
        const got = await deliveredRevisions(db, store, dir);
        assert.deepEqual(got, Object.fromEntries(nine.filter((w) => w !== u).map((w) => [address(w), 1])), 'told once, as the job read it before');
      });
    });

    test("a registration made after the save is not told by the save's job: its job tells only those stored when it was recorded", async () => {
      await inTestDb(backend, async (db, dir) => {
        const { registry, store } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        // One registers after the save, while its job runs, for a session it moved.
        const late = await store.register(registry.get(doc.id)!, { ...person('laat'), sessionId: 'een' });
        assert.equal(late.kind, 'created', JSON.stringify(late));
        while (await store.fanouts.expandOne());
        const got = await deliveredRevisions(db, store, dir);
        assert.deepEqual(got, Object.fromEntries(nine.map((w) => [address(w), 1])), 'the nine told once, the late one not at all');
      });
    });

    // The only cursor a stored job can have from before: the first seq of the last person told.
    for (const shape of ['seq'] as const) {
      test(`a save's job from before the upgrade (cursor by ${shape}) resumes where it was: no one told twice, no one left out`, async () => {
        await inTestDb(backend, async (db, dir) => {
          const { registry, store } = await setup(db, nine);
          assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
          const order = 'min(seq)';
          const { rows } = await db.query<{ email_lower: string; first: string }>(
            `SELECT email_lower, min(seq)::text AS first FROM registrations GROUP BY email_lower ORDER BY ${order}`,
          );
          // The old job told the first four (their e-mails were queued and sent before the upgrade).
          const done = rows.slice(0, 4);
          await db.query('UPDATE fanout_jobs SET after_seq = $1', [done.at(-1)!.first]);
          while (await store.fanouts.expandOne());
          const got = await deliveredRevisions(db, store, dir);
          const expected = Object.fromEntries(rows.slice(4).map((r) => [r.email_lower, 1]));
          assert.deepEqual(got, expected);
        });
      });
    }

    test("a save's job given up forgets whom it told: no fanout_told or fanout_told_addresses rows of it are left", async () => {
      await inTestDb(backend, async (db) => {
        const { registry, store } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        const job = (await db.query<{ id: string }>('SELECT id::text AS id FROM fanout_jobs')).rows[0]!.id;
        const told = async () => ({
          registrations: await count(db, 'SELECT count(*)::int AS n FROM fanout_told WHERE job_id = $1', [job]),
          addresses: await count(db, 'SELECT count(*)::int AS n FROM fanout_told_addresses WHERE job_id = $1', [job]),
        });
        const before = await told();
        assert.ok(before.registrations > 0 && before.addresses > 0, JSON.stringify(before));
        // From now on every batch of the job fails (no passing reason): each failure is a try.
        await db.query(`CREATE FUNCTION broken() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'broken'; END $$`);
        await db.query('CREATE TRIGGER broken BEFORE INSERT ON fanout_told FOR EACH ROW EXECUTE FUNCTION broken()');
        const failed = async () => (await db.query<{ failed: boolean }>('SELECT failed_at IS NOT NULL AS failed FROM fanout_jobs WHERE id = $1', [job])).rows[0]!.failed;
        for (let turn = 0; turn < 8 && !(await failed()); turn++) {
          await db.query('UPDATE fanout_jobs SET next_try_at = now() WHERE next_try_at IS NOT NULL');
          await store.fanouts.expandForDelivery().catch(() => undefined);
        }
        assert.equal(await failed(), true, 'given up');
        assert.deepEqual(await told(), { registrations: 0, addresses: 0 });
      });
    });

    test("the daily purge removes what a job ended before this fix still held of whom it told", async () => {
      await inTestDb(backend, async (db) => {
        const { registry, store } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        // Given up before giving up forgot anything: the job ended, its told rows left behind.
        await db.query('UPDATE fanout_jobs SET done_at = now(), failed_at = now()');
        const left = async () => count(db, 'SELECT (SELECT count(*) FROM fanout_told) + (SELECT count(*) FROM fanout_told_addresses) AS n');
        assert.ok((await left()) > 0);
        await store.purgeExpired();
        assert.equal(await left(), 0, 'nothing left of whom an ended job told');
      });
    });

    test("a person erased while a save's job runs: the digest of their address is gone, and the job does not e-mail them", async () => {
      await inTestDb(backend, async (db, dir) => {
        const { registry, store, ids } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        const told = new Set((await db.query<{ id: string }>('SELECT registration_id::text AS id FROM fanout_told')).rows.map((r) => r.id));
        const w = nine.find((x) => told.has(String(ids[x])))!;
        assert.ok(w, 'someone told in the first batch');
        const digests = () => count(db, 'SELECT count(*)::int AS n FROM fanout_told_addresses');
        const held = await digests();
        assert.equal((await store.erase(ids[w]!)).ok, true);
        assert.equal(await digests(), held - 1, 'the erased address is no longer among the told');
        // The others' digests are kept (told once), the job goes on to the end.
        while (await store.fanouts.expandOne());
        const got = await deliveredRevisions(db, store, dir);
        assert.equal(got[address(w)] ?? 0, 0, `nothing to the erased person ${w}`);
        assert.deepEqual(got, Object.fromEntries(nine.filter((x) => x !== w).map((x) => [address(x), 1])));
      });
    });

    test("retention erases the people of a save's job that runs: the digests of their addresses are gone", async () => {
      await inTestDb(backend, async (db) => {
        const { registry, store } = await setup(db, nine);
        assert.equal((await registry.save(moved(), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.fanouts.expandOne(), true, 'the first batch');
        assert.ok((await count(db, 'SELECT count(*)::int AS n FROM fanout_told_addresses')) > 0);
        const erased = await db.transaction((tx) => new RegistrationRepository(tx).eraseUnchangedSince(doc.id, new Date('2100-01-01T00:00:00Z')));
        assert.equal(erased.length, nine.length);
        assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_told_addresses'), 0, 'no digest of an erased address');
      });
    });

    test("a message's listing reads how many people its open job listed through the index", async () => {
      await inTestDb(backend, async (db) => {
        const seen: string[] = [];
        const spy: Db = { query: (sql, params) => (seen.push(sql), db.query(sql, params)), transaction: (fn) => db.transaction(fn), close: () => db.close() } as Db;
        const { registry, store } = await fanoutStore(db, doc, { secret, now: () => new Date('2030-05-01T09:00:00Z'), fanoutInline: 1, fanoutBatch: 3 }, spy);
        for (const w of ['m1', 'm2', 'm3']) await store.register(registry.get(doc.id)!, { ...person(w), sessionId: 'een' });
        const sent = await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht', body: 'Tekst.' }, null);
        seen.length = 0;
        assert.ok((await store.listMessages(doc.id)).some((m) => m.id === sent!.id));
        const sql = seen.find((s) => /FROM message_recipients mr WHERE mr\.message_id/.test(s) && /fanout_jobs/.test(s));
        assert.ok(sql, 'the listing asks about the open job');
        const plan = await db.transaction(async (tx) => {
          // With sequential scans made dear, the planner takes an index wherever one can be used.
          await tx.query('SET LOCAL enable_seqscan = off');
          const { rows } = await tx.query<Record<string, unknown>>(`EXPLAIN ${sql}`, [[sent!.id]]);
          return rows.map((r) => String(Object.values(r)[0])).join('\n');
        });
        // The index is searched by the message's id, not read whole with a filter.
        assert.doesNotMatch(plan, /Seq Scan on message_recipients/, plan);
        assert.match(plan, /Index (Only )?Scan using message_recipients_pkey on message_recipients mr[^\n]*\n\s*Index Cond: \(message_id = /, plan);
      });
    });
  });
}

describe('fan-out jobs and a lost connection, on postgres', () => {
  test('a batch whose connection is cut (pg_terminate_backend) is no try of its job; the job goes on after the wait, each person listed once', async () => {
    const { db, dir, url } = await openTestDb('postgres');
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const { registry, store } = await fanoutStore(db, doc, { secret, now: () => new Date('2030-05-01T09:00:00Z'), fanoutInline: 1, fanoutBatch: 3 });
      for (const w of nine) await store.register(registry.get(doc.id)!, { ...person(w), sessionId: 'een' });
      const sent = await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht', body: 'Tekst.' }, null);
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NULL'), 1);
      // Another session holds the recipients' table: the batch waits on it, and its connection is cut while it waits.
      await other.query('BEGIN');
      await other.query('LOCK TABLE message_recipients IN ACCESS EXCLUSIVE MODE');
      const batch = store.fanouts.expandForDelivery().then(() => undefined, (e: unknown) => e);
      let pid: number | undefined;
      while (pid === undefined) {
        // The backend our lock blocks. (Not by its query text: a statement that waits for a lock
        // while it is parsed still shows the text of the statement before it.)
        const { rows } = await other.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))');
        pid = rows[0]?.pid;
      }
      await other.query('SELECT pg_terminate_backend($1)', [pid]);
      await other.query('ROLLBACK');
      const failed = await batch;
      assert.ok(failed instanceof Error, 'the batch failed');
      const job = (await db.query<{ attempts: number; failed: boolean }>('SELECT attempts, failed_at IS NOT NULL AS failed FROM fanout_jobs')).rows[0]!;
      assert.deepEqual({ attempts: Number(job.attempts), failed: job.failed }, { attempts: 0, failed: false }, 'a lost connection is no try');
      // After the wait the job goes on to the end.
      await db.query('UPDATE fanout_jobs SET next_try_at = now() WHERE next_try_at IS NOT NULL');
      while (await store.fanouts.expandOne());
      assert.equal(await count(db, 'SELECT count(*)::int AS n FROM message_recipients WHERE message_id = $1', [sent!.id]), 9, 'each person listed once');
    } finally {
      await other.end();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
