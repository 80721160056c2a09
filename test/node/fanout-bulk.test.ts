/**
 * Issue 27: the e-mails of a save that dates, moves or cancels a session, and of the reminder
 * job, are queued in bulk: the number of statements does not grow with the number of people
 * (before, one INSERT into the outbox per person, in the revision's transaction).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { BACKENDS, deliverAll, network, openTestDb, person } from './helpers.js';
import type { Db, Queryable } from '../../src/server/storage/db.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

const secret = Buffer.alloc(32, 7);
const at = (iso: string) => new Date(iso);

const doc = network({
  id: 'veel',
  title: 'Leerkring veel',
  sessions: [
    { id: 'een', title: 'Eerste', type: 'other', start: '2030-05-10T10:00', end: '2030-05-10T12:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } },
    { id: 'twee', title: 'Tweede', type: 'other' },
  ],
  registration: { mode: 'built-in', capacity: 20, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

/** `db` with every statement counted, inside transactions too; `statements.mail` counts the ones that write the outbox. */
function counting(db: Db) {
  const statements = { all: 0, mail: 0, failNextMail: false };
  const count = (sql: string) => {
    statements.all++;
    if (/INSERT INTO mail_outbox/i.test(sql)) {
      statements.mail++;
      // A process that dies in the middle of a batch: the statement fails, its transaction is gone.
      if (statements.failNextMail) {
        statements.failNextMail = false;
        throw new Error('killed in the middle of a batch');
      }
    }
  };
  const wrap = <Q extends Queryable>(q: Q): Q =>
    new Proxy(q, {
      get(target, key) {
        if (key === 'query') return async (sql: string, params?: unknown[]) => (count(sql), target.query(sql, params));
        if (key === 'transaction') return <T>(fn: (tx: Queryable) => Promise<T>) => (target as unknown as Db).transaction((tx) => fn(wrap(tx)));
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return { db: wrap(db), statements };
}

for (const backend of BACKENDS) {
  describe(`bulk fan-out on ${backend}`, () => {
    test('dating a session for 30 people, and their reminders: a fixed number of statements, one INSERT into the outbox each', async () => {
      const { db: raw } = await openTestDb(backend);
      const { db, statements } = counting(raw);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: doc, raw: doc }]);
        const store = new RegistrationService(db, registry, { secret, now: () => at('2030-05-01T09:00:00Z'), manageUrl: (t) => `https://example.org/beheer#${t}` });
        registry.onRevision(async (tx, change) => {
          if (change.before) await store.tellRevision(tx, change.before, change.after, await registry.timeline(change.after, tx));
        });
        for (let i = 0; i < 30; i++) assert.equal((await store.register(doc, person(`v${i}`))).kind, 'created');
        await raw.query('DELETE FROM mail_outbox');

        const edited = structuredClone(doc) as any;
        edited.sessions[0] = { ...edited.sessions[0], start: '2030-05-09T10:00', end: '2030-05-09T12:00' };
        statements.all = statements.mail = 0;
        assert.equal((await registry.save(edited, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        const moved = (await raw.query<{ n: number }>("SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'session-moved'")).rows[0]!.n;
        assert.equal(moved, 30, 'one e-mail each');
        assert.equal(statements.mail, 1, `the save queued them in one statement (${statements.mail} INSERTs into the outbox, ${statements.all} statements)`);
        assert.ok(statements.all <= 15, `${statements.all} statements for the save`);

        statements.all = statements.mail = 0;
        assert.equal(await store.sendReminders(at('2030-05-08T09:00:00Z')), 30, 'a reminder each');
        assert.equal(statements.mail, 1, `the reminders were queued in one statement (${statements.mail} INSERTs into the outbox, ${statements.all} statements)`);
        assert.ok(statements.all <= 10, `${statements.all} statements for the reminders`);
        assert.equal(await store.sendReminders(at('2030-05-08T10:00:00Z')), 0, 'once');
      } finally {
        await raw.close();
      }
    });

    test('more people than a request tells: the save and the message record a job and queue nothing; the delivery job expands it, each person once, also after a batch died halfway and with two workers', async () => {
      const { db: raw } = await openTestDb(backend);
      const { db, statements } = counting(raw);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: doc, raw: doc }]);
        const options = { secret, now: () => at('2030-05-01T09:00:00Z'), manageUrl: (t: string) => `https://example.org/beheer#${t}`, fanoutInline: 10 };
        const store = new RegistrationService(db, registry, options);
        registry.onRevision(async (tx, change) => {
          if (change.before) await store.tellRevision(tx, change.before, change.after, await registry.timeline(change.after, tx), change.revision);
        });
        const ids: string[] = [];
        for (let i = 0; i < 30; i++) {
          const r = await store.register(doc, person(`w${i}`));
          if (r.kind === 'created') ids.push(r.id);
        }
        assert.equal(ids.length, 30);
        await raw.query('DELETE FROM mail_outbox');
        const count = async (sql: string) => (await raw.query<{ n: number }>(sql)).rows[0]!.n;

        const edited = structuredClone(doc) as any;
        edited.sessions[0] = { ...edited.sessions[0], start: '2030-05-09T10:00', end: '2030-05-09T12:00' };
        statements.mail = 0;
        assert.equal((await registry.save(edited, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        const sent = await store.sendMessage(registry.get('veel')!, { statuses: ['confirmed', 'waitlisted'], subject: 'Andere zaal', body: 'We zitten in zaal 2.' }, null);
        assert.equal(sent?.recipients, 30, 'the answer says how many get it');
        assert.equal(statements.mail, 0, 'nothing queued in the requests');
        assert.equal(await count('SELECT count(*)::int AS n FROM mail_outbox'), 0);
        assert.equal(await count('SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NULL'), 2, 'two jobs recorded');

        // The first batch dies halfway: nothing of it stays, the job is still open.
        statements.failNextMail = true;
        await assert.rejects(store.fanouts.expandOne(), /killed/);
        assert.equal(await count('SELECT count(*)::int AS n FROM mail_outbox'), 0, 'the dead batch left nothing');
        // Another service (a restarted process) and this one expand together.
        const other = new RegistrationService(raw, registry, options);
        for (;;) {
          const [a, b] = await Promise.all([store.fanouts.expandOne(), other.fanouts.expandOne()]);
          if (!a && !b) break;
        }
        assert.equal(await count('SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NULL'), 0, 'both jobs done');
        const rows = (await raw.query<{ kind: string; registration_id: string }>('SELECT kind, registration_id FROM mail_outbox ORDER BY id')).rows;
        for (const kind of ['session-moved', 'message']) {
          const mine = rows.filter((r) => r.kind === kind).map((r) => r.registration_id);
          assert.deepEqual([...mine].sort(), [...ids].sort(), `${kind}: each person once`);
        }
        assert.equal(await count(`SELECT count(*)::int AS n FROM message_recipients WHERE message_id = '${sent!.id}'`), 30, 'the message lists its 30 recipients');

        // What they get, read back: the moved session's calendar item by an independent parser.
        const mails = await deliverAll(raw);
        assert.equal(mails.length, 60);
        const moved = mails.filter((m) => m.subject?.startsWith('Verplaatst') || m.subject?.includes('Eerste'));
        assert.equal(moved.length, 30, mails.map((m) => m.subject).join(' | '));
        const ics = moved[0]!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
        assert.ok(ics, 'a calendar item');
        const event = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
        assert.equal(event.getFirstPropertyValue('uid'), 'een.veel@leerkring');
        assert.equal(String(event.getFirstPropertyValue('sequence')), '1');
        assert.equal((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(), '2030-05-09T08:00:00.000Z');
        assert.equal(mails.filter((m) => m.subject?.includes('Andere zaal')).length, 30);
      } finally {
        await raw.close();
      }
    });
  });
}
