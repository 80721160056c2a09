/**
 * Issue 27, review of the fan-out jobs: a job that fails while it is expanded gets tries with
 * backoff and is given up after five, while other jobs and ordinary mail keep flowing; and a
 * job's cursor is stable, so a person moved or cancelled while a job runs is told exactly once.
 * Delivered to a real SMTP peer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { BACKENDS, openTestDb, person, recipient, smtpPeer } from './helpers.js';
import { fanoutStore, movedAWeek, twoWorkshops } from './fanout-setup.js';
import type { Db } from '../../src/server/storage/db.js';
import type { RegistrationServiceOptions } from '../../src/server/services/context.js';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { enqueueMail } from '../../src/server/storage/outbox.js';
import { openDatabase } from '../../src/server/storage/db.js';
import pg from 'pg';

const secret = Buffer.alloc(32, 9);
const at = (iso: string) => new Date(iso);

const doc = twoWorkshops({ id: 'stabiel', title: 'Leerkring stabiel', capacity: 50 });

async function setup(db: Db, options: Partial<RegistrationServiceOptions> = {}, serviceDb: Db = db) {
  const defaults = { secret, now: () => at('2030-05-01T09:00:00Z'), manageUrl: (t: string) => `https://example.org/beheer#${t}`, fanoutInline: 5, fanoutBatch: 4 };
  const { registry, store } = await fanoutStore(db, doc, { ...defaults, ...options }, serviceDb);
  const register = async (who: string, sessionId: string) => {
    const r = await store.register(registry.get(doc.id)!, { ...person(who), sessionId });
    assert.equal(r.kind, 'created', JSON.stringify(r));
    return (r as { id: string }).id;
  };
  return { registry, store, register };
}

const count = async (db: Db, sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);

for (const backend of BACKENDS) {
  describe(`fan-out jobs that fail, and people who change during a job, on ${backend}`, () => {
    test('a job that fails while it is expanded is tried five times with backoff, then given up; another job and an ordinary e-mail are delivered meanwhile', async () => {
      const { db, dir } = await openTestDb(backend);
      const peer = await smtpPeer();
      const failures: unknown[] = [];
      try {
        const { registry, store, register } = await setup(db);
        for (let i = 0; i < 12; i++) await register(`f${i}`, i % 2 ? 'een' : 'twee');
        await db.query('DELETE FROM mail_outbox');
        const broken = await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht dat niet gaat', body: 'Eerste.' }, null);
        await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht dat wel gaat', body: 'Tweede.' }, null);
        assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs'), 2, 'two jobs recorded');
        // The first message is removed while its job waits: its expansion fails on the foreign key, every time.
        await db.query('DELETE FROM messages WHERE id = $1', [broken!.id]);
        await enqueueMail(db, null, 'sign-in', { to: 'organisator@example.org', subject: 'Inloglink', text: 'Uw link.' });
        const mailer = createMailer({ smtpUrl: peer.url, outboxDir: dir, from: 'noreply@example.org' });

        // The first turn already delivers the other job and the ordinary e-mail.
        await deliverOutbox(db, mailer, 50, { compose: store.composeOutbox, onError: (e) => failures.push(e) });
        const subjects = () => peer.received.map((m) => m.subject);
        assert.equal(subjects().filter((s) => s === 'Inloglink').length, 1, 'the ordinary e-mail went out');
        assert.equal(subjects().filter((s) => s === 'Bericht dat wel gaat').length, 12, 'the second job went out');
        assert.ok(failures.length >= 1, 'the failed try is noted');
        const tries = async () => (await db.query<{ attempts: number; failed: boolean; waits: boolean }>('SELECT attempts, failed_at IS NOT NULL AS failed, next_try_at > now() AS waits FROM fanout_jobs ORDER BY id')).rows[0]!;
        const first = await tries();
        assert.ok(first.attempts >= 1 && first.attempts < 5 && first.waits && !first.failed, JSON.stringify(first));

        // Time passes (the wait is over) turn after turn: after five tries the job is given up.
        for (let turn = 0; turn < 8; turn++) {
          await db.query('UPDATE fanout_jobs SET next_try_at = now() WHERE next_try_at IS NOT NULL');
          await deliverOutbox(db, mailer, 50, { compose: store.composeOutbox, onError: (e) => failures.push(e) });
        }
        const last = await tries();
        assert.equal(last.attempts, 5);
        assert.equal(last.failed, true, 'given up');
        assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NOT NULL AND failed_at IS NULL'), 1, 'the other job is done');
        assert.equal(failures.length, 5, 'each try noted once');
        // What is noted names no one: no address, no name, no message text.
        const noted = JSON.stringify(failures.map((e) => ({ message: (e as Error).message, ...(e as object) })));
        assert.doesNotMatch(noted, /@|Deelnemer|Bericht/);
        assert.equal(subjects().filter((s) => s === 'Bericht dat niet gaat').length, 0);
        assert.equal(subjects().filter((s) => s === 'Bericht dat wel gaat').length, 12, 'still once each');
      } finally {
        await peer.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("a message whose fan-out job is given up shows the people it did not reach as failed; before, as waiting", async () => {
      const { db, dir } = await openTestDb(backend);
      const peer = await smtpPeer();
      try {
        const { registry, store, register } = await setup(db);
        for (let i = 0; i < 12; i++) await register(`g${i}`, i % 2 ? 'een' : 'twee');
        await db.query('DELETE FROM mail_outbox');
        const sent = await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht met een kapotte taak', body: 'Tekst.' }, null);
        assert.equal(sent?.recipients, 12);
        const delivery = async () => (await store.listMessages(doc.id)).find((m) => m.id === sent!.id)?.delivery;
        assert.deepEqual(await delivery(), { sent: 0, waiting: 12, failed: 0 }, 'before delivery: all on their way');
        // A hostile row: the job's selection holds what is no registration id; every batch fails on it.
        await db.query(`UPDATE fanout_jobs SET facts = jsonb_set(facts, '{ids}', '["geen-id"]')`);
        const mailer = createMailer({ smtpUrl: peer.url, outboxDir: dir, from: 'noreply@example.org' });
        for (let turn = 0; turn < 6; turn++) {
          await db.query('UPDATE fanout_jobs SET next_try_at = now() WHERE next_try_at IS NOT NULL');
          await deliverOutbox(db, mailer, 50, { compose: store.composeOutbox });
        }
        assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs WHERE failed_at IS NOT NULL'), 1, 'given up');
        assert.deepEqual(await delivery(), { sent: 0, waiting: 0, failed: 12 }, 'given up: the people not reached count as failed');
      } finally {
        await peer.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a batch that keeps failing for a passing reason is tried again at first, and after long enough counts as a try: given up after five, its people shown as failed', async () => {
      const { db, dir, url } = await openTestDb(backend);
      let other: pg.Client | undefined;
      let busy: Db | undefined;
      try {
        if (url) {
          // PostgreSQL: the batch's connections carry a real statement_timeout, and another session
          // holds the table the batch writes, so every batch waits and is cancelled (57014).
          const timed = new URL(url);
          timed.searchParams.set('options', '-c statement_timeout=100');
          busy = await openDatabase({ url: timed.toString(), dataDir: dir });
          other = new pg.Client({ connectionString: url });
          await other.connect();
        } else {
          // PGlite has one connection and no timer: the table answers as a held lock does (55P03).
          await db.query(`CREATE FUNCTION held() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'lock not available' USING ERRCODE = '55P03'; END $$`);
          await db.query('CREATE TRIGGER held BEFORE INSERT ON message_recipients FOR EACH ROW EXECUTE FUNCTION held()');
        }
        let clock = at('2030-05-01T09:00:00Z');
        const { registry, store, register } = await setup(db, { fanoutInline: 2, fanoutClock: () => clock }, busy);
        for (let i = 0; i < 6; i++) await register(`t${i}`, i % 2 ? 'een' : 'twee');
        const sent = await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht dat blijft haken', body: 'Tekst.' }, null);
        assert.equal(sent?.recipients, 6);
        if (other) {
          await other.query('BEGIN');
          await other.query('LOCK TABLE message_recipients IN ACCESS EXCLUSIVE MODE');
        }
        const job = async () => (await db.query<{ attempts: number; failed: boolean }>('SELECT attempts, failed_at IS NOT NULL AS failed FROM fanout_jobs')).rows[0]!;
        const turn = async () => {
          // The half-minute wait is over.
          await db.query('UPDATE fanout_jobs SET next_try_at = now() WHERE next_try_at IS NOT NULL');
          const error = await store.fanouts.expandForDelivery().then(() => undefined, (e: unknown) => e);
          assert.equal(String((error as { cause?: { code?: unknown } })?.cause?.code), url ? '57014' : '55P03', String(error));
        };
        // Many passing failures within a short while: a passing failure, no try.
        for (let i = 0; i < 30; i++) {
          await turn();
          clock = new Date(clock.getTime() + 1000);
        }
        assert.deepEqual({ ...(await job()), attempts: Number((await job()).attempts) }, { attempts: 0, failed: false }, 'not yet counted');
        // Long enough later, still failing: each failure now counts, and after five the job is given up.
        clock = new Date(clock.getTime() + 24 * 3600000);
        for (let i = 0; i < 8 && !(await job()).failed; i++) await turn();
        assert.deepEqual({ ...(await job()), attempts: Number((await job()).attempts) }, { attempts: 5, failed: true }, 'given up after five tries');
        await other?.query('ROLLBACK');
        assert.deepEqual((await store.listMessages(doc.id)).find((m) => m.id === sent!.id)?.delivery, { sent: 0, waiting: 0, failed: 6 }, 'the people not reached count as failed');
      } finally {
        await other?.end();
        await busy?.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('people moved or cancelled between the batches of a job are told exactly once', async () => {
      const { db, dir } = await openTestDb(backend);
      const peer = await smtpPeer();
      try {
        const { registry, store, register } = await setup(db);
        // a0 first in session een (told in the first batch) and later in twee too; z-people late, in session een.
        const a0een = await register('a0', 'een');
        for (let i = 1; i < 10; i++) await register(`m${i}`, i % 2 ? 'een' : 'twee');
        await register('a0', 'twee');
        const z1 = await register('z1', 'een');
        const z2 = await register('z2', 'een');
        await db.query('DELETE FROM mail_outbox');
        const people = (await db.query<{ email_lower: string }>("SELECT DISTINCT email_lower FROM registrations WHERE status = 'confirmed'")).rows.map((r) => r.email_lower);
        assert.equal(people.length, 12);

        // Both sessions move; a message to everyone confirmed. Each is a job.
        const edited = movedAWeek(doc);
        assert.equal((await registry.save(edited, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        await store.sendMessage(registry.get(doc.id)!, { statuses: ['confirmed'], subject: 'Bericht aan allen', body: 'Tot dan.' }, null);
        assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NULL'), 2);

        // One batch of the save's job, one of the message's; then a0's first registration is
        // cancelled and the z-people move to the other session (a new place in the order).
        assert.equal(await store.fanouts.expandOne(), true);
        assert.equal(await store.fanouts.expandOne(), true);
        assert.equal((await store.cancel(a0een)).ok, true);
        for (const id of [z1, z2]) assert.equal((await store.moveByOrganiser(id, 'twee', false)).ok, true);
        while (await store.fanouts.expandOne());
        assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NULL'), 0);

        await deliverOutbox(db, createMailer({ smtpUrl: peer.url, outboxDir: dir, from: 'noreply@example.org' }), 500, { compose: store.composeOutbox });
        const per = (pick: (subject: string) => boolean) => {
          const counts = new Map<string, number>(people.map((p) => [p, 0]));
          for (const m of peer.received) if (pick(m.subject ?? '')) counts.set(recipient(m)!, (counts.get(recipient(m)!) ?? 0) + 1);
          return Object.fromEntries(counts);
        };
        const once = Object.fromEntries(people.map((p) => [p, 1]));
        const revision = (s: string) => /^(Wijzigingen in|Gewijzigde datum)/.test(s);
        assert.deepEqual(per(revision), once, `the save: once each (${peer.received.map((m) => m.subject).join(' | ')})`);
        assert.deepEqual(per((s) => s === 'Bericht aan allen'), once, 'the message: once each');
      } finally {
        await peer.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    for (const inline of [true, false]) {
      test(`what the preview counts is what is delivered (${inline ? 'queued by the request' : 'a fan-out job'})`, async () => {
        const { db, dir } = await openTestDb(backend);
        const peer = await smtpPeer();
        try {
          const { registry, store } = await setup(db, { fanoutInline: inline ? 1000 : 2, fanoutBatch: 2 });
          const ids: string[] = [];
          for (const [who, sessionId] of [['p1', 'een'], ['p1', 'twee'], ['p2', 'een'], ['p3', 'twee'], ['p4', 'een'], ['p5', 'twee'], ['p6', 'een']] as const) {
            const r = await store.register(registry.get(doc.id)!, { ...person(who), sessionId });
            ids.push((r as { id: string }).id);
          }
          // One cancelled, one erased: neither is counted nor told.
          assert.equal((await store.cancel(ids[3]!)).ok, true);
          await db.query('UPDATE registrations SET erased_at = now() WHERE id = $1', [ids[4]]);
          await db.query('DELETE FROM mail_outbox');

          const m = { statuses: ['confirmed' as const], sessionId: 'een', subject: 'Voor werkplaats een', body: 'Neem een laptop mee.' };
          const preview = await store.previewMessage(registry.get(doc.id)!, m);
          const edited = movedAWeek(doc);
          const change = await store.previewRevision(registry.get(doc.id)!, edited);
          assert.equal((await store.sendMessage(registry.get(doc.id)!, m, null))?.recipients, preview?.recipients, 'the answer counts as the preview');
          assert.equal((await registry.save(edited, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
          assert.equal(await count(db, 'SELECT count(*)::int AS n FROM fanout_jobs'), inline ? 0 : 2);

          const mailer = createMailer({ smtpUrl: peer.url, outboxDir: dir, from: 'noreply@example.org' });
          await deliverOutbox(db, mailer, 500, { compose: store.composeOutbox });
          const subjects = peer.received.map((x) => x.subject ?? '');
          assert.equal(subjects.filter((x) => x === m.subject).length, preview?.recipients, `the message (${subjects.join(' | ')})`);
          assert.equal(subjects.filter((x) => /^(Wijzigingen in|Gewijzigde datum)/.test(x)).length, change.emails, `the save (${subjects.join(' | ')})`);
          assert.equal(change.emails, 4, 'p1 (once, both sessions), p2, p5, p6');
          assert.equal(preview?.recipients, 3, 'p1, p2, p6 in session een');
        } finally {
          await peer.close();
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
