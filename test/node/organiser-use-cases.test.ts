import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, smtpPeer, BACKENDS, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';

const small = network({
  id: 'klein',
  title: 'Kleine leerkring',
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

for (const backend of BACKENDS) {
  describe(`organiser use cases on ${backend}`, () => {
    let s: TestServer;
    let smtp: Awaited<ReturnType<typeof smtpPeer>>;
    const deliver = async () => deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
    const mailsTo = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address);
    const register = async (n: string) => {
      const r = await s.post('/api/networks/klein/registrations', person(n));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body as { id: string; status: string; manageToken: string };
    };
    const list = async () => (await s.admin('GET', '/api/admin/networks/klein/registrations')).body.registrations as { id: string; status: string; note: string | null; reason: string | null }[];

    before(async () => {
      smtp = await smtpPeer();
      s = await startServer(backend, [small]);
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('a note is set (line breaks kept), listed, cleared, refused when unstorable, and erased with the participant', async () => {
      const a = await register('notitie');
      const set = await s.admin('PUT', `/api/admin/registrations/${a.id}/note`, { note: '  Belt eerst.\nNeemt collega mee.  ' });
      assert.equal(set.status, 200, set.text);
      assert.deepEqual(set.body, { note: 'Belt eerst.\nNeemt collega mee.' });
      assert.equal((await list()).find((r) => r.id === a.id)!.note, 'Belt eerst.\nNeemt collega mee.');
      const participantView = await s.get(`/api/registrations/${encodeURIComponent(a.manageToken)}`);
      assert.ok(!JSON.stringify(participantView.body).includes('Belt eerst'), 'the participant never sees the note');
      const bad = await s.admin('PUT', `/api/admin/registrations/${a.id}/note`, { note: 'a\u0000b' });
      assert.equal(bad.status, 422);
      assert.match(bad.body.error.message, /notitie/);
      assert.deepEqual((await s.admin('PUT', `/api/admin/registrations/${a.id}/note`, { note: '   ' })).body, { note: null });
      assert.equal((await list()).find((r) => r.id === a.id)!.note, null);
      await s.admin('PUT', `/api/admin/registrations/${a.id}/note`, { note: 'Privé: allergie' });
      assert.equal((await s.post(`/api/registrations/${encodeURIComponent(a.manageToken)}/erase`, {})).status, 200);
      const { rows } = await s.db.query<{ organiser_note: string | null }>('SELECT organiser_note FROM registrations WHERE id = $1', [a.id]);
      assert.equal(rows[0]!.organiser_note, null);
      const { rows: audit } = await s.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action = 'note'`);
      assert.equal(audit.length, 3);
    });

    test('removing someone with a place moves the waiting list up and tells both; from the waiting list too; twice is a 409', async () => {
      const a = await register('weg');
      const b = await register('wacht1');
      const c = await register('wacht2');
      assert.deepEqual([a.status, b.status, c.status], ['confirmed', 'waitlisted', 'waitlisted']);
      await deliver();
      const before = smtp.received.length;

      const removed = await s.admin('POST', `/api/admin/registrations/${a.id}/remove`, { reason: 'Dubbel aangemeld.\nZie andere aanmelding.' });
      assert.equal(removed.status, 200, removed.text);
      assert.equal(removed.body.status, 'cancelled');
      assert.equal(removed.body.canCancel, false);
      const rows = await list();
      assert.equal(rows.find((r) => r.id === b.id)!.status, 'confirmed', 'the first on the waiting list moved up');
      assert.equal(rows.find((r) => r.id === c.id)!.status, 'waitlisted');

      const fromList = await s.admin('POST', `/api/admin/registrations/${c.id}/remove`, {});
      assert.equal(fromList.status, 200);
      assert.equal(fromList.body.status, 'cancelled');

      assert.deepEqual(await deliver(), { sent: 3, failed: 0 });
      assert.equal(smtp.received.length, before + 3);
      const toA = mailsTo('deelnemerweg@example.org').at(-1)!;
      assert.equal(toA.subject, 'Je staat niet meer ingeschreven: Kleine leerkring');
      assert.match(toA.text!, /De organisatie heeft je inschrijving voor Kleine leerkring stopgezet/);
      assert.match(toA.text!, /Toelichting: „Dubbel aangemeld\. Zie andere aanmelding\.”/);
      assert.ok(!toA.text!.includes('geheime-link'), 'no join link for someone who was taken off');
      assert.equal(toA.attachments.length, 0, 'no calendar file');
      assert.match(mailsTo('deelnemerwacht1@example.org').at(-1)!.subject!, /Er is een plaats vrijgekomen/);
      const toC = mailsTo('deelnemerwacht2@example.org').at(-1)!;
      assert.equal(toC.subject, 'Je staat niet meer ingeschreven: Kleine leerkring');
      assert.ok(!toC.text!.includes('Toelichting'), 'no reason given, none shown');

      const again = await s.admin('POST', `/api/admin/registrations/${a.id}/remove`, {});
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'not-active');
      assert.match(again.body.error.message, /niet \(meer\) ingeschreven/);
      const { rows: audit } = await s.db.query<{ detail: unknown }>(`SELECT detail FROM audit_log WHERE action = 'remove'`);
      assert.equal(audit.length, 2, 'the refused attempt is not audited');
    });
  });
}
