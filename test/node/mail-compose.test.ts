// Issue 11: a new registration's transaction only queues the facts of its e-mails; the delivery
// job composes them outside any transaction, just before sending, after its claim.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { ParsedMail } from 'mailparser';
import { BACKENDS, startServer, network, person, smtpPeer, openTestDb } from './helpers.js';
import { createMailer, deliverOutbox, openDatabase } from '../../src/server/index.js';
import { composeMail, composeOrganiserMail } from '../../src/server/mail/compose.js';
import { RegistrationService, type RegisterResult } from '../../src/server/services/registration-service.js';
import { OrganiserService } from '../../src/server/services/organisers.js';

const small = network({ registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
const mailerFor = (url: string) => createMailer({ smtpUrl: url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' });
const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : undefined);
const created = (r: RegisterResult) => {
  assert.equal(r.kind, 'created');
  return r as Extract<RegisterResult, { kind: 'created' }>;
};
const body = (m: ParsedMail) => m.text!.replace(/\r\n/g, '\n').trimEnd();

type Outbox = { kind: string; message: unknown; facts: unknown; sent_at: unknown; attempts: number; last_error: string | null };
const outbox = async (db: { query: Function }, ids: string[]): Promise<Outbox[]> =>
  (await db.query('SELECT kind, message, facts, sent_at, attempts, last_error FROM mail_outbox WHERE registration_id = ANY($1::uuid[]) ORDER BY id', [ids])).rows;

for (const backend of BACKENDS) {
  describe(`a new registration's e-mails are composed at delivery on ${backend}`, () => {
    test('the transaction queues facts, no text or manage link; delivery sends the usual e-mails with a working link, then keeps neither', async () => {
      const smtp = await smtpPeer();
      const s = await startServer(backend, [small], { publicUrl: 'https://aanmelden.example.org' });
      try {
        await new OrganiserService(s.db).setRole('test', 'direct@example.org', 'organiser', { name: 'Direct' });
        const a = await s.post('/api/networks/test/registrations', person('a', { organisation: 'Gemeente Zuid' }));
        const b = await s.post('/api/networks/test/registrations', person('b'));
        assert.deepEqual([a.body.status, b.body.status, b.body.position], ['confirmed', 'waitlisted', 1]);
        const queued = await outbox(s.db, [a.body.id, b.body.id]);
        assert.deepEqual(queued.map((r) => r.kind), ['confirmed', 'organiser-new', 'waitlisted', 'organiser-new']);
        for (const r of queued) {
          assert.equal(r.message, null, 'nothing composed in the registration\'s transaction');
          assert.ok(r.facts, 'the facts to compose from');
        }
        const stored = JSON.stringify(queued);
        for (const token of [a.body.manageToken, b.body.manageToken]) assert.ok(!stored.includes(token), 'no manage token in the outbox');
        assert.ok(!stored.includes('aanmelding#token'), 'no manage link in the outbox');

        // Issue 24: the organiser's two pieces of news, waiting together, go in one e-mail.
        assert.deepEqual(await deliverOutbox(s.db, mailerFor(smtp.url)), { sent: 3, failed: 0 });
        const views = [(await s.get(`/api/registrations/${a.body.manageToken}`)).body, (await s.get(`/api/registrations/${b.body.manageToken}`)).body];
        // The same e-mails as composed for the same facts before (and by the other e-mails' code).
        for (const [i, r, status] of [[0, a, 'confirmed'], [1, b, 'waitlisted']] as const) {
          const mail = smtp.received.find((m) => to(m) === `deelnemer${'ab'[i]}@example.org`)!;
          const manageUrl = `https://aanmelden.example.org/aanmelding#token=${r.body.manageToken}`;
          const expected = composeMail(status, {
            network: small,
            sessionId: null,
            participant: person('ab'[i]!).participant,
            locale: 'nl',
            manageUrl,
            calendarUrl: views[i].calendarUrl,
            ...(status === 'waitlisted' && { position: 1 }),
          });
          assert.equal(mail.subject, expected.subject);
          assert.equal(body(mail), expected.text.trimEnd());
          assert.equal(Boolean(mail.attachments.find((x) => x.contentType.startsWith('text/calendar'))), Boolean(expected.ics));
          // The link in the e-mail works.
          const token = decodeURIComponent(/#token=(\S+)/.exec(mail.text!)![1]!);
          const view = await s.get(`/api/registrations/${encodeURIComponent(token)}`);
          assert.deepEqual([view.status, view.body.status], [200, status]);
        }
        const organiser = smtp.received.filter((m) => to(m) === 'direct@example.org');
        assert.equal(organiser.length, 1);
        const news = composeOrganiserMail('organiser-new', {
          to: { email: 'direct@example.org', name: 'Direct' },
          locale: 'nl',
          consoleUrl: 'https://aanmelden.example.org/beheer/',
          news: [
            { network: small, sessionId: null, participant: person('a', { organisation: 'Gemeente Zuid' }).participant, status: 'confirmed' },
            { network: small, sessionId: null, participant: person('b').participant, status: 'waitlisted' },
          ],
        });
        assert.equal(organiser[0]!.subject, news.subject);
        assert.equal(body(organiser[0]!), news.text.trimEnd());
        assert.match(organiser[0]!.text!, /Status: op de wachtlijst/);

        for (const r of await outbox(s.db, [a.body.id, b.body.id])) {
          assert.ok(r.sent_at);
          assert.deepEqual([r.message, r.facts], [null, null], 'neither text nor facts stay once sent');
        }
      } finally {
        await s.close();
        await smtp.close();
      }
    });

    test('a registration erased before delivery sends nothing; one erased or whose network is gone after the claim is done without sending', async () => {
      const smtp = await smtpPeer();
      const { db, dir } = await openTestDb(backend);
      try {
        const n = network({});
        const service = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 2), manageUrl: (t) => `https://example.org/#token=${t}` });
        const gone = created(await service.register(n, person('weg')));
        assert.equal((await service.erase(gone.id)).ok, true);
        assert.deepEqual(await outbox(db, [gone.id]), [], 'erasing removes the unsent row');
        assert.deepEqual(await deliverOutbox(db, mailerFor(smtp.url)), { sent: 0, failed: 0 });
        // As if erased between the claim and the composition: the row is still there.
        const later = created(await service.register(n, person('later')));
        await db.query(`UPDATE registrations SET participant = '{}'::jsonb, email_lower = 'erased', erased_at = now() WHERE id = $1`, [later.id]);
        assert.deepEqual(await deliverOutbox(db, mailerFor(smtp.url)), { sent: 0, failed: 0 });
        // A worker whose registry no longer holds the network.
        const orphan = created(await service.register(n, person('wees')));
        const without = new RegistrationService(db, new Map(), { secret: Buffer.alloc(32, 2) });
        assert.deepEqual(await deliverOutbox(db, mailerFor(smtp.url), 50, { compose: without.composeOutbox }), { sent: 0, failed: 0 });
        assert.deepEqual(smtp.received, []);
        const rows = await outbox(db, [later.id, orphan.id]);
        assert.equal(rows.length, 2);
        for (const r of rows) {
          assert.ok(r.sent_at, 'done');
          assert.deepEqual([r.message, r.facts, r.last_error, r.attempts], [null, null, null, 1]);
        }
        assert.deepEqual(await deliverOutbox(db, mailerFor(smtp.url)), { sent: 0, failed: 0 }, 'and never tried again');
        assert.deepEqual(smtp.received, []);
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
        await smtp.close();
      }
    });

    test('a row that cannot be composed counts as a failed send and does not stop the job', async () => {
      const smtp = await smtpPeer();
      const { db, dir } = await openTestDb(backend);
      try {
        const n = network({});
        const service = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 2) });
        const r = created(await service.register(n, person('x')));
        // A kind that is never queued as facts: a bug, not a reason to crash or to send something wrong.
        await db.query(`UPDATE mail_outbox SET kind = 'reminder'`);
        created(await service.register(n, person('y')));
        assert.deepEqual(await deliverOutbox(db, mailerFor(smtp.url)), { sent: 1, failed: 1 });
        assert.deepEqual(smtp.received.map(to), ['deelnemery@example.org']);
        const [failed] = await outbox(db, [r.id]);
        assert.equal(failed!.sent_at, null);
        assert.equal(failed!.attempts, 1);
        assert.match(failed!.last_error!, /reminder/);
        assert.ok(failed!.facts, 'kept for the next attempt');
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
        await smtp.close();
      }
    });
  });
}

describe('composition at delivery by two server processes on one PostgreSQL', () => {
  test('every e-mail is composed and sent exactly once, each with its own manage link', async () => {
    const smtp = await smtpPeer();
    const { db, url, dir } = await openTestDb('postgres');
    const other = await openDatabase({ url: url!, dataDir: dir });
    try {
      const n = network({ registration: { mode: 'built-in', capacity: 100, fields: { organisation: 'optional', organisationType: 'off' } } });
      const options = { secret: Buffer.alloc(32, 9), manageUrl: (t: string) => `https://example.org/#token=${t}` };
      const one = new RegistrationService(db, new Map([[n.id, n]]), options);
      const two = new RegistrationService(other, new Map([[n.id, n]]), options);
      const tokens = new Map<string, string>();
      for (let i = 0; i < 30; i++) {
        tokens.set(`deelnemer${i}@example.org`, created(await one.register(n, person(i))).manageToken);
      }
      const results = await Promise.all([
        deliverOutbox(db, mailerFor(smtp.url), 3, { worker: 'one', compose: one.composeOutbox }),
        deliverOutbox(other, mailerFor(smtp.url), 3, { worker: 'two', compose: two.composeOutbox }),
      ]);
      assert.equal(results[0].sent + results[1].sent, 30);
      assert.equal(smtp.received.length, 30);
      for (const m of smtp.received) assert.ok(m.text!.includes(`https://example.org/#token=${tokens.get(to(m)!)}`), to(m));
    } finally {
      await other.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      await smtp.close();
    }
  });
});
