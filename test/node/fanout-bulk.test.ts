/**
 * Issue 27: the e-mails of a save that dates, moves or cancels a session, and of the reminder
 * job, are queued in bulk: the number of statements does not grow with the number of people
 * (before, one INSERT into the outbox per person, in the revision's transaction).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, network, openTestDb, person } from './helpers.js';
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
  const statements = { all: 0, mail: 0 };
  const count = (sql: string) => {
    statements.all++;
    if (/INSERT INTO mail_outbox/i.test(sql)) statements.mail++;
  };
  const wrap = <Q extends Queryable>(q: Q): Q =>
    new Proxy(q, {
      get(target, key) {
        if (key === 'query') return (sql: string, params?: unknown[]) => (count(sql), target.query(sql, params));
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
  });
}
