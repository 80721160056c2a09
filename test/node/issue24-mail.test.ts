// Issue 24: participants' e-mails answer to the network's contact (Reply-To); an organiser gets
// one e-mail with every registration that came in together, not one each.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { BACKENDS, startServer, network, person, smtpPeer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

const named = (text: string, i: number) => new RegExp(`Deelnemer ${i}(?!\\d)`).test(text);

const mailerFor = (url: string) => createMailer({ smtpUrl: url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' });
const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : undefined);
const replyTo = (m: ParsedMail) => m.replyTo?.value[0]?.address;

for (const backend of BACKENDS) {
  describe(`issue 24 e-mails on ${backend}`, () => {
    test('an organiser\'s message and a participant\'s confirmation carry Reply-To: the network\'s contact', async () => {
      const smtp = await smtpPeer();
      const s = await startServer(backend, [network({ registration: { mode: 'built-in', capacity: 10, fields: { organisation: 'optional', organisationType: 'off' } } })]);
      try {
        const a = await s.post('/api/networks/test/registrations', person('a'));
        assert.equal(a.status, 201);
        const sent = await s.admin('POST', '/api/admin/networks/test/messages', { statuses: ['confirmed'], subject: 'Over de workshop', body: 'Tot dan.' });
        assert.ok(sent.status < 300, sent.text);
        await deliverOutbox(s.db, mailerFor(smtp.url));
        const mine = smtp.received.filter((m) => to(m) === 'deelnemera@example.org');
        assert.ok(mine.length >= 2, `confirmation and message: ${mine.length}`);
        assert.ok(mine.some((m) => m.subject === 'Over de workshop'));
        for (const m of mine) assert.equal(replyTo(m), 'organisator@example.org', m.subject);
      } finally {
        await s.close();
        await smtp.close();
      }
    });

    test('30 registrations arriving together: the organiser told at once gets one e-mail naming all 30, from two workers too', async () => {
      const smtp = await smtpPeer();
      const n = network({ registration: { mode: 'built-in', capacity: 100, fields: { organisation: 'optional', organisationType: 'off' } } });
      const s = await startServer(backend, [n]);
      try {
        await new OrganiserService(s.db).setRole('test', 'meteen@example.org', 'organiser', { name: 'Meteen' });
        const service = new RegistrationService(s.db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 9) });
        for (let i = 0; i < 30; i++) assert.equal((await service.register(n, person(i))).kind, 'created');
        const results = await Promise.all([
          deliverOutbox(s.db, mailerFor(smtp.url), 7, { worker: 'een', compose: service.composeOutbox }),
          deliverOutbox(s.db, mailerFor(smtp.url), 7, { worker: 'twee', compose: service.composeOutbox }),
        ]);
        assert.equal(results[0].failed + results[1].failed, 0);
        const organiser = smtp.received.filter((m) => to(m) === 'meteen@example.org');
        assert.ok(organiser.length >= 1 && organiser.length <= 2, `organiser e-mails: ${organiser.length}`);
        for (let i = 0; i < 30; i++) {
          assert.equal(organiser.filter((m) => named(m.text!, i)).length, 1, `Deelnemer ${i} told exactly once`);
        }
        assert.equal(smtp.received.filter((m) => to(m) !== 'meteen@example.org').length, 30, 'every participant their own confirmation');
        const again = await deliverOutbox(s.db, mailerFor(smtp.url), 7, { compose: service.composeOutbox });
        assert.equal(again.sent, 0, 'nothing left, nothing twice');
      } finally {
        await s.close();
        await smtp.close();
      }
    });

    test('the gathered e-mail names everyone it lists: purging a later one of them removes its .eml file too (privacy)', async () => {
      const { mkdtempSync, readdirSync, readFileSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const outbox = mkdtempSync(join(tmpdir(), 'leerkring-gathered-'));
      const n = network({ registration: { mode: 'built-in', capacity: 100, privacy: { retentionDays: 30 }, fields: { organisation: 'optional', organisationType: 'off' } } });
      const s = await startServer(backend, [n]);
      try {
        let now = new Date('2030-04-01T10:00:00Z');
        await new OrganiserService(s.db).setRole('test', 'meteen@example.org', 'organiser', { name: 'Meteen' });
        const service = new RegistrationService(s.db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 9), now: () => now, outboxDir: outbox });
        for (let i = 0; i < 3; i++) assert.equal((await service.register(n, person(i))).kind, 'created');
        await deliverOutbox(s.db, createMailer({ outboxDir: outbox, from: 'noreply@example.org' }), 50, { compose: service.composeOutbox });
        const naming = (who: string) => readdirSync(outbox).filter((f) => readFileSync(join(outbox, f), 'utf8').includes(who));
        const organiserFiles = readdirSync(outbox).filter((f) => readFileSync(join(outbox, f), 'utf8').includes('meteen@example.org'));
        assert.equal(organiserFiles.length, 1, 'one gathered e-mail');
        assert.ok(naming('Deelnemer 2').some((f) => organiserFiles.includes(f)), 'the gathered e-mail names the last one too');
        // Only the last one's data is past its retention: the one gathered e-mail that names them goes.
        now = new Date('2030-07-01T00:00:00Z');
        await s.db.query(`UPDATE registrations SET updated_at = '2030-04-01T10:00:00Z' WHERE participant->>'name' = 'Deelnemer 2'`);
        await s.db.query(`UPDATE registrations SET updated_at = '2030-06-30T10:00:00Z' WHERE participant->>'name' <> 'Deelnemer 2'`);
        assert.equal(await service.purgeExpired(), 1);
        assert.deepEqual(naming('Deelnemer 2'), [], 'no file names the purged person any more');
      } finally {
        await s.close();
      }
    });

    test('without a contact address there is no Reply-To', async () => {
      const smtp = await smtpPeer();
      const s = await startServer(backend, [network({ contact: { name: 'Niemand' }, registration: { mode: 'built-in', capacity: 10, fields: { organisation: 'optional', organisationType: 'off' } } })]);
      try {
        await s.post('/api/networks/test/registrations', person('b'));
        await deliverOutbox(s.db, mailerFor(smtp.url));
        const mine = smtp.received.filter((m) => to(m) === 'deelnemerb@example.org');
        assert.equal(mine.length, 1);
        assert.equal(mine[0]!.replyTo, undefined);
      } finally {
        await s.close();
        await smtp.close();
      }
    });
  });
}
