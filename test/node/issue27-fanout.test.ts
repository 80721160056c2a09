import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { BACKENDS, network, openTestDb, deliverAll, recipient } from './helpers.js';
import type { Db, Queryable } from '../../src/server/storage/db.js';
import { RegistrationService, createMailer, deliverOutbox } from '../../src/server/index.js';
import { enqueueMail } from '../../src/server/storage/outbox.js';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

// Issue 27: a message to everyone of a network is queued in bulk, in the database (one INSERT …
// SELECT), not one outbox row per person built and composed in Node inside the request; the
// e-mails are composed by the delivery job.

const PEOPLE = 300;

/** A database that counts the statements sent through it, in transactions or not. */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const wrapped: Db = Object.assign(Object.create(db) as Db, {
    query: (sql: string, params?: unknown[]) => {
      n++;
      return db.query(sql, params);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      db.transaction((tx) =>
        fn({
          query: (sql, params) => {
            n++;
            return tx.query(sql, params);
          },
        }),
      ),
  });
  return { db: wrapped, statements: () => n };
}

async function seedPeople(db: Queryable, networkId: string, n: number): Promise<void> {
  await db.query(
    `INSERT INTO registrations (id, network_id, target, status, email_lower, participant, locale)
       SELECT gen_random_uuid(), $1, 'network', CASE WHEN g % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'p' || g || '@example.org',
         jsonb_build_object('name', 'Persoon ' || g, 'email', 'p' || g || '@example.org'), CASE WHEN g % 2 = 0 THEN 'en' ELSE 'nl' END
       FROM generate_series(1, $2::int) g`,
    [networkId, n],
  );
}

const doc = network({
  id: 'fanout', kind: 'learning-network', title: 'Leerkring waterbeheer', summary: 'Over water.', organisers: [{ name: 'Waterschap Voorbeeld' }],
  sessions: [{ id: 's1', title: 'Kennismaking', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
  registration: { mode: 'built-in', capacity: 100000 },
});

for (const backend of BACKENDS) {
  describe(`fan-out of a message on ${backend}`, () => {
    test(`a message to ${PEOPLE * 0.9} people is queued in a fixed number of statements, and each gets their own e-mail when it is delivered`, async () => {
      const opened = await openTestDb(backend);
      const { db, statements } = counting(opened.db);
      try {
        await seedPeople(db, doc.id, PEOPLE);
        const service = new RegistrationService(db, new Map([[doc.id, doc]]), { secret: Buffer.alloc(32, 5), manageUrl: (t) => `https://example.org/beheer#${t}` });
        const before = statements();
        const sent = await service.sendMessage(doc, { statuses: ['confirmed'], subject: 'Nieuws over de leerkring', body: 'De zaal is veranderd.' }, null);
        const used = statements() - before;
        assert.equal(sent?.recipients, PEOPLE * 0.9);
        assert.ok(used <= 3, `queued in ${used} statements for ${sent?.recipients} people`);
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'message'`);
        assert.equal(rows[0]!.n, PEOPLE * 0.9);
        const mails = await deliverAll(db);
        assert.equal(mails.length, PEOPLE * 0.9);
        const to = new Set(mails.map(recipient));
        assert.equal(to.size, PEOPLE * 0.9);
        assert.ok(!to.has('p10@example.org'), 'a cancelled registration gets no message');
        const one = mails.find((m) => recipient(m) === 'p7@example.org')!;
        assert.equal(one.subject, 'Nieuws over de leerkring');
        assert.match(one.text ?? '', /De zaal is veranderd\./);
        assert.match(one.text ?? '', /Persoon 7/);
        // Each their own manage link, and the listed message names every recipient.
        const links = new Set(mails.map((m) => /https:\/\/example\.org\/beheer#\S+/.exec(m.text ?? '')?.[0]));
        assert.equal(links.size, PEOPLE * 0.9);
        const listed = await service.listMessages(doc.id);
        assert.equal(listed[0]!.recipients.length, PEOPLE * 0.9);
      } finally {
        await opened.db.close();
        rmSync(opened.dir, { recursive: true, force: true });
      }
    });
  });
}

/** A real SMTP peer that also counts the connections made to it, and how many were open at once. */
async function countingPeer() {
  const received: string[] = [];
  let open = 0;
  let most = 0;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onConnect(_session, done) {
      connections++;
      most = Math.max(most, ++open);
      done();
    },
    onClose() {
      open--;
    },
    onData(stream, _session, done) {
      simpleParser(stream).then((m) => {
        received.push(m.subject ?? '');
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    counts: () => ({ connections, most }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('delivery over SMTP', () => {
  test('sends over a pool of at most five connections, several at once, each e-mail once', async () => {
    const { db, dir } = await openTestDb('postgres');
    const peer = await countingPeer();
    try {
      const N = 60;
      for (let i = 0; i < N; i++) await enqueueMail(db, null, 'sign-in', { to: `o${i}@example.org`, subject: `Bericht ${i}`, text: 'Tekst.' });
      const out = await deliverOutbox(db, createMailer({ smtpUrl: peer.url, outboxDir: dir, from: 'noreply@example.org' }));
      assert.deepEqual(out, { sent: N, failed: 0 });
      assert.deepEqual([...peer.received].sort(), Array.from({ length: N }, (_, i) => `Bericht ${i}`).sort());
      const { connections, most } = peer.counts();
      assert.ok(connections <= 5, `${connections} connections for ${N} e-mails`);
      assert.ok(most >= 2, `at most ${most} connection(s) open at once`);
    } finally {
      await peer.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
