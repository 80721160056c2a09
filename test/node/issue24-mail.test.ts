// Issue 24: participants' e-mails answer to the network's contact (Reply-To); an organiser gets
// one e-mail with every registration that came in together, not one each.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { BACKENDS, startServer, network, person, smtpPeer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/services/organisers.js';

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
