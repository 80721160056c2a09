/**
 * Issue 15: reminders before each dated session, as a job with the clock injected: once per
 * person per session per session time, also with two workers at once; none for sessions that
 * have started; a moved session gets a new one; the join link only for people with a place.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, network, openTestDb, person, type Backend } from './helpers.js';
import { openDatabase, type Db } from '../../src/server/storage/db.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';
import type { Network } from '../../src/core/index.js';

const online = (extra: Record<string, unknown> = {}) =>
  network({
    id: 'herinnering',
    title: 'Leerkring herinnering',
    sessions: [
      { id: 'een', title: 'Eerste', type: 'other', start: '2030-05-10T10:00', end: '2030-05-10T12:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } },
      { id: 'twee', title: 'Tweede', type: 'other' },
    ],
    registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
    ...extra,
  });

const secret = Buffer.alloc(32, 7);
const at = (iso: string) => new Date(iso);

async function reminders(db: Db): Promise<{ registration_id: string; message: { text: string; subject: string; ics?: unknown } }[]> {
  const { rows } = await db.query<any>("SELECT registration_id, message FROM mail_outbox WHERE kind = 'reminder' ORDER BY id");
  return rows.map((r) => ({ ...r, message: typeof r.message === 'string' ? JSON.parse(r.message) : r.message }));
}

async function setUp(backend: Backend, n: Network, people: number) {
  const { db, url } = await openTestDb(backend);
  const registry = await NetworkRegistry.open(db, [{ network: n, raw: n }]);
  const store = new RegistrationService(db, registry, { secret, now: () => at('2030-05-01T09:00:00Z') });
  const ids: string[] = [];
  for (let i = 0; i < people; i++) {
    const r = await store.register(n, person(`r${i}`));
    assert.equal(r.kind, 'created');
    if (r.kind === 'created') ids.push(r.id);
  }
  return { db, url, registry, store, ids };
}

for (const backend of BACKENDS) {
  describe(`reminders on ${backend}`, () => {
    test('two days before by default, once; join link only with a place; none once the session started; a moved session gets a new one', async () => {
      const n = online();
      const { db, registry, store, ids } = await setUp(backend, n, 2);
      try {
        assert.equal(await store.sendReminders(at('2030-05-08T07:59:00Z')), 0, 'more than two days before');
        assert.equal(await store.sendReminders(at('2030-05-08T09:00:00Z')), 2, 'one each: the confirmed and the waiting');
        assert.equal(await store.sendReminders(at('2030-05-09T09:00:00Z')), 0, 'once');
        const sent = await reminders(db);
        assert.deepEqual(sent.map((m) => m.registration_id), ids);
        assert.equal(sent[0]!.message.subject, 'Herinnering: Eerste (Leerkring herinnering)');
        assert.match(sent[0]!.message.text, /geheime-link/, 'the confirmed person gets the join link');
        assert.doesNotMatch(sent[1]!.message.text, /geheime-link/, 'the waiting person does not');
        assert.match(sent[1]!.message.text, /wachtlijst/);

        // Moved to a day later after the reminder: a new reminder for the new time, when due.
        const doc = structuredClone(n) as any;
        doc.sessions[0] = { ...doc.sessions[0], start: '2030-05-11T10:00', end: '2030-05-11T12:00' };
        assert.equal((await registry.save(doc, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        assert.equal(await store.sendReminders(at('2030-05-09T07:00:00Z')), 0, 'not yet due for the new time');
        assert.equal(await store.sendReminders(at('2030-05-09T09:00:00Z')), 2);
        assert.equal(await store.sendReminders(at('2030-05-11T09:00:00Z')), 0);
        assert.equal(await store.sendReminders(at('2030-05-11T10:30:00Z')), 0, 'none once it started');
        assert.equal((await reminders(db)).length, 4);
      } finally {
        await db.close();
      }
    });

    test('days before is a network setting; 0 sends none; past sessions get none', async () => {
      const five = online({ id: 'vijf', registration: { mode: 'built-in', reminderDaysBefore: 5, fields: { organisation: 'optional', organisationType: 'off' } } });
      const { db, store } = await setUp(backend, five, 1);
      try {
        assert.equal(await store.sendReminders(at('2030-05-05T09:00:00Z')), 1);
      } finally {
        await db.close();
      }
      const none = online({ id: 'geen', registration: { mode: 'built-in', reminderDaysBefore: 0, fields: { organisation: 'optional', organisationType: 'off' } } });
      const second = await setUp(backend, none, 1);
      try {
        assert.equal(await second.store.sendReminders(at('2030-05-09T09:00:00Z')), 0);
        assert.equal(await second.store.sendReminders(at('2030-06-01T09:00:00Z')), 0, 'past');
      } finally {
        await second.db.close();
      }
    });

    test("by the network's own clock: a session the real time has passed, but the network's pinned clock has not, is reminded as still to come", async () => {
      // A session in 2020 (long over by the real time) with its location still to be announced;
      // the network's clock is pinned to the day before it, as the demo pins it.
      const n = network({
        id: 'vastgezet',
        title: 'Leerkring vastgezette klok',
        sessions: [{ id: 'een', title: 'Eerste', type: 'other', start: '2020-05-10T10:00', end: '2020-05-10T12:00', venue: { type: 'to-be-announced', city: 'Leeuwarden' } }],
        registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } },
      });
      const { db } = await openTestDb(backend);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: n, raw: n }]);
        const store = new RegistrationService(db, registry, { secret, now: (id) => (id === n.id ? at('2020-05-09T09:00:00Z') : new Date()) });
        assert.equal((await store.register(n, person('p0'))).kind, 'created');
        assert.equal(await store.sendReminders(), 1, 'the network clock says the session is tomorrow');
        const [sent] = await reminders(db);
        // A session still to come whose location is to be announced says so; one that is over does not.
        assert.match(sent!.message.text, /Locatie volgt/, sent!.message.text);
        assert.match(JSON.stringify(sent!.message.ics), /LOCATION:[^\\]*Locatie volgt/, JSON.stringify(sent!.message.ics));
      } finally {
        await db.close();
      }
    });
  });
}

describe('two reminder workers on one PostgreSQL', () => {
  test('each person gets exactly one reminder', async () => {
    const n = online({ registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } } });
    const people = 120;
    const { db, url, ids } = await setUp('postgres', n, people);
    const other = await openDatabase({ url: url!, dataDir: '/nonexistent' });
    try {
      const a = new RegistrationService(db, await NetworkRegistry.open(db), { secret });
      const b = new RegistrationService(other, await NetworkRegistry.open(other), { secret });
      const when = at('2030-05-09T09:00:00Z');
      // Small batches, so the two really interleave.
      const [x, y] = await Promise.all([a.sendReminders(when, 7), b.sendReminders(when, 7)]);
      assert.equal(x + y, people);
      const sent = await reminders(db);
      assert.equal(sent.length, people);
      assert.deepEqual([...new Set(sent.map((m) => m.registration_id))].sort(), [...ids].sort());
      process.stdout.write(`# two workers: ${x} and ${y} reminders\n`);
      assert.equal(await a.sendReminders(when), 0);
    } finally {
      await other.close();
      await db.close();
    }
  });
});
