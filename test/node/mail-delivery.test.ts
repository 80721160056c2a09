import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { BACKENDS, startServer, network, person, openTestDb } from './helpers.js';
import { createMailer, deliverOutbox, claimOutbox, openDatabase } from '../../src/server/index.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

/**
 * A real SMTP peer that can be held: while held, it takes a message's DATA but does not answer
 * it, as a slow or stuck mail server does. `dataStarted` resolves when a message is waiting.
 */
async function heldSmtpPeer() {
  const received: ParsedMail[] = [];
  let hold: Promise<void> | undefined;
  let release = () => {};
  let started = () => {};
  const dataStarted = new Promise<void>((r) => (started = r));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      started();
      simpleParser(stream).then(async (m) => {
        await hold;
        received.push(m);
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    dataStarted,
    hold() {
      hold = new Promise<void>((r) => (release = r));
    },
    release: () => release(),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const workshop = () => network({ registration: { mode: 'built-in', capacity: 100, fields: { organisation: 'optional', organisationType: 'off' } } });
const mailerFor = (url: string) => createMailer({ smtpUrl: url, outboxDir: join('/tmp', 'unused'), from: 'Gemeente Voorbeeld <noreply@example.org>' });
const addresses = (mails: ParsedMail[]) => mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.text).sort();

for (const backend of BACKENDS) {
  describe(`mail delivery off the request path on ${backend}`, () => {
    test('a registration is answered while the mail server has not yet answered the previous e-mail', async () => {
      const smtp = await heldSmtpPeer();
      const s = await startServer(backend, [workshop()]);
      try {
        assert.equal((await s.post('/api/networks/test/registrations', person(1))).status, 201);
        smtp.hold();
        const delivering = deliverOutbox(s.db, mailerFor(smtp.url));
        await smtp.dataStarted;
        // SMTP is now in the middle of a message. The embedded database runs one transaction at a
        // time: delivery that kept its transaction open made this registration wait for SMTP.
        let limit: NodeJS.Timeout | undefined;
        const answer = await Promise.race([
          s.post('/api/networks/test/registrations', person(2)),
          new Promise<'waited'>((r) => (limit = setTimeout(() => r('waited'), 10000))),
        ]);
        clearTimeout(limit);
        smtp.release();
        await delivering;
        assert.notEqual(answer, 'waited', 'the registration waited for the mail server');
        assert.equal((answer as { status: number }).status, 201);
        assert.deepEqual(await deliverOutbox(s.db, mailerFor(smtp.url)), { sent: 1, failed: 0 });
        assert.deepEqual(addresses(smtp.received), ['deelnemer1@example.org', 'deelnemer2@example.org']);
      } finally {
        smtp.release();
        await s.close();
        await smtp.close();
      }
    });

    test('a message claimed by a worker that died before sending is sent by another after the claim timeout, once', async () => {
      const smtp = await heldSmtpPeer();
      const s = await startServer(backend, [workshop()]);
      try {
        for (let i = 0; i < 3; i++) assert.equal((await s.post('/api/networks/test/registrations', person(i))).status, 201);
        // What a worker does before it sends; then it dies and never sends or marks anything.
        assert.equal((await claimOutbox(s.db, 'dead-worker', 10)).length, 3);
        // While the claim holds, no one else sends those messages.
        assert.deepEqual(await deliverOutbox(s.db, mailerFor(smtp.url)), { sent: 0, failed: 0 });
        // Once it has run out (here: a timeout of 0), another worker takes them over.
        assert.deepEqual(await deliverOutbox(s.db, mailerFor(smtp.url), 50, { claimTimeoutMs: 0 }), { sent: 3, failed: 0 });
        assert.deepEqual(await deliverOutbox(s.db, mailerFor(smtp.url), 50, { claimTimeoutMs: 0 }), { sent: 0, failed: 0 });
        assert.deepEqual(addresses(smtp.received), ['deelnemer0@example.org', 'deelnemer1@example.org', 'deelnemer2@example.org']);
      } finally {
        await s.close();
        await smtp.close();
      }
    });
  });
}

describe('mail delivery by two workers on one PostgreSQL', () => {
  test('sends every message exactly once', async () => {
    const smtp = await heldSmtpPeer();
    const { db, url, dir } = await openTestDb('postgres');
    // A second server process's connection to the same database.
    const other = await openDatabase({ url: url!, dataDir: dir });
    try {
      const n = workshop();
      const service = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 7) });
      for (let i = 0; i < 40; i++) assert.equal((await service.register(n, person(i))).kind, 'created');
      const results = await Promise.all([
        deliverOutbox(db, mailerFor(smtp.url), 3, { worker: 'one' }),
        deliverOutbox(other, mailerFor(smtp.url), 3, { worker: 'two' }),
      ]);
      assert.equal(results[0].sent + results[1].sent, 40);
      assert.deepEqual(addresses(smtp.received), Array.from({ length: 40 }, (_, i) => `deelnemer${i}@example.org`).sort());
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE sent_at IS NULL');
      assert.equal(rows[0]!.n, 0);
    } finally {
      await other.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      await smtp.close();
    }
  });
});

describe('a stopping server does not send its whole backlog first', () => {
  test('the delivery loop ends after its batch and starts no new turn; the rest waits in the outbox', async () => {
    const { deliveryLoop, DELIVERY_BATCH } = await import('../../src/server/mail/delivery.js');
    const { enqueueMail } = await import('../../src/server/storage/outbox.js');
    const { db, dir } = await openTestDb('pglite');
    try {
      for (let i = 0; i < DELIVERY_BATCH + 70; i++) await enqueueMail(db, null, 'message', { to: `deelnemer${i}@example.org`, subject: 'Bericht', text: 'Tekst' });
      const loop = deliveryLoop(db, createMailer({ outboxDir: join(dir, 'outbox'), from: 'noreply@example.org' }), (e) => assert.fail(String(e)));
      loop.deliver();
      loop.stop();
      await loop.delivering();
      loop.deliver();
      assert.equal(loop.delivering(), undefined, 'no new turn after stop');
      const { rows } = await db.query<{ left: number }>('SELECT count(*)::int AS "left" FROM mail_outbox WHERE sent_at IS NULL');
      assert.equal(Number(rows[0]!.left), 70, `one batch of ${DELIVERY_BATCH} was sent; 70 wait for the next start (a batch claimed ahead is given back)`);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
