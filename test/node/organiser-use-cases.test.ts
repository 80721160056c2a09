import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, smtpPeer, signInAs, openTestDb, BACKENDS, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox, openDatabase, RegistrationService } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/services/organisers.js';

const small = network({
  id: 'klein',
  title: 'Kleine leerkring',
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

const perSession = network({
  id: 'reeks',
  title: 'Reeks per dag',
  sessions: [
    { id: 'een', title: 'Dag een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } },
    { id: 'twee', title: 'Dag twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});
const series = network({
  id: 'serie',
  title: 'Hele serie',
  sessions: [
    { id: 'een', title: 'Dag een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } },
    { id: 'twee', title: 'Dag twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } },
  ],
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

const alerts = network({
  id: 'melding',
  title: 'Meldingen',
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, questions: [{ id: 'wens', label: 'Wens', type: 'text' }], fields: { organisation: 'optional', organisationType: 'off' } },
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
      s = await startServer(backend, [small, perSession, series, alerts], { manageUrl: 'https://aanmelden.example.org/beheren#{token}', publicUrl: 'https://aanmelden.example.org' });
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
      assert.match(toA.text!, /De organisatie heeft je inschrijving voor \u2068Kleine leerkring\u2069 stopgezet/);
      assert.match(toA.text!, /Toelichting: „Dubbel aangemeld\. Zie andere aanmelding\.”/);
      assert.ok(!toA.text!.includes('geheime-link'), 'no join link for someone who was taken off');
      // Their calendar item goes out of their calendar (issue 23): one CANCEL, never a new item.
      assert.deepEqual(
        toA.attachments.map((a) => [a.contentType, /\r\nMETHOD:CANCEL\r\n/.test(a.content.toString('utf8'))]),
        [['text/calendar', true]],
        'one calendar file, a CANCEL',
      );
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
  
    test('a message: the preview is exactly what arrives; recipients by status and by session; history; erased people leave it', async () => {
      const reg = async (net: string, n: string, extra: Record<string, unknown> = {}) => {
        const r = await s.post(`/api/networks/${net}/registrations`, { ...person(n), ...extra });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body as { id: string; status: string; manageToken: string };
      };
      const een1 = await reg('reeks', 'een1', { sessionId: 'een' });
      const een2 = await reg('reeks', 'een2', { sessionId: 'een' });
      const twee1 = await reg('reeks', 'twee1', { sessionId: 'twee' });
      assert.deepEqual([een1.status, een2.status, twee1.status], ['confirmed', 'waitlisted', 'confirmed']);
      await deliver();
      const request = { sessionId: 'een', statuses: ['confirmed'], subject: 'Praktische informatie', body: 'Neem je laptop mee.\n\nDe zaal is op de tweede verdieping.' };

      const preview = await s.admin('POST', '/api/admin/networks/reeks/messages/preview', request);
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.body.recipients, 1, 'only the confirmed people of session een');
      assert.equal(preview.body.subject, 'Praktische informatie');
      assert.match(preview.body.text, /^Beste \u2068Deelnemer een1\u2069,\n\nEen bericht van de organisatie van Dag een \(\u2068Reeks per dag\u2069\):\n\nNeem je laptop mee\.\n\nDe zaal is op de tweede verdieping\.\n/);
      assert.ok(preview.body.text.includes(`https://aanmelden.example.org/beheren#${encodeURIComponent(een1.manageToken)}`), 'the manage link');
      assert.ok(!preview.body.text.includes('geheime-link'), 'never a join link');
      assert.equal((await s.db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'message'`)).rows.length, 0, 'a preview sends nothing');

      const sent = await s.admin('POST', '/api/admin/networks/reeks/messages', request);
      assert.equal(sent.status, 202, sent.text);
      assert.equal(sent.body.recipients, 1);
      const before = smtp.received.length;
      await deliver();
      const arrived = smtp.received.slice(before);
      assert.equal(arrived.length, 1);
      assert.equal(arrived[0]!.to && !Array.isArray(arrived[0]!.to) && arrived[0]!.to.value[0]!.address, 'deelnemereen1@example.org');
      assert.equal(arrived[0]!.subject, preview.body.subject);
      assert.equal(arrived[0]!.text!.trimEnd(), preview.body.text, 'the preview is what the participant gets');

      const both = await s.admin('POST', '/api/admin/networks/reeks/messages/preview', { ...request, statuses: ['confirmed', 'waitlisted'] });
      assert.equal(both.body.recipients, 2);
      const everyone = await s.admin('POST', '/api/admin/networks/reeks/messages', { statuses: ['confirmed', 'waitlisted', 'pending'], subject: 'Iedereen', body: 'Hallo allemaal.' });
      assert.equal(everyone.body.recipients, 3, 'without a session: everyone in the network');

      // A whole series: a session only names what the message is about; everyone with a place gets it.
      await reg('serie', 's1');
      await reg('serie', 's2');
      const seriesPreview = await s.admin('POST', '/api/admin/networks/serie/messages/preview', { sessionId: 'twee', statuses: ['confirmed'], subject: 'Dag twee', body: 'Tot dan.' });
      assert.equal(seriesPreview.body.recipients, 1);
      assert.match(seriesPreview.body.text, /Een bericht van de organisatie van Dag twee \(\u2068Hele serie\u2069\):/);
      const waitingOnly = await s.admin('POST', '/api/admin/networks/serie/messages/preview', { sessionId: 'twee', statuses: ['waitlisted'], subject: 'Wachtlijst', body: 'Nog even geduld.' });
      assert.equal(waitingOnly.body.recipients, 1);

      const none = await s.admin('POST', '/api/admin/networks/serie/messages', { statuses: ['pending'], subject: 'Niemand', body: 'Niemand.' });
      assert.equal(none.status, 422);
      assert.equal(none.body.error.code, 'no-recipients');
      assert.match(none.body.error.message, /gaat naar niemand/);
      assert.equal((await s.admin('POST', '/api/admin/networks/serie/messages/preview', { statuses: ['pending'], subject: 'Niemand', body: 'Niemand.' })).status, 422);
      const nul = await s.admin('POST', '/api/admin/networks/serie/messages', { statuses: ['confirmed'], subject: 'x', body: 'a\u0000b' });
      assert.equal(nul.status, 422);
      assert.equal(nul.body.error.issues[0].path, 'body');
      const strange = await s.admin('POST', '/api/admin/networks/serie/messages', { sessionId: 'drie', statuses: ['confirmed'], subject: 'x', body: 'y' });
      assert.equal(strange.status, 422);
      assert.equal(strange.body.error.issues[0].path, 'sessionId');

      const history = await s.admin('GET', '/api/admin/networks/reeks/messages');
      assert.equal(history.status, 200);
      assert.deepEqual(history.body.messages.map((m: { subject: string }) => m.subject), ['Iedereen', 'Praktische informatie'], 'newest first');
      const first = history.body.messages[1];
      assert.deepEqual(first.recipients, [{ registrationId: een1.id, name: 'Deelnemer een1', email: 'deelnemereen1@example.org' }]);
      assert.deepEqual(first.statuses, ['confirmed']);
      assert.equal(first.sessionId, 'een');
      assert.equal(first.sentBy, 'installation-admin');
      assert.equal(first.body, request.body);
      assert.equal(history.body.messages[0].recipients.length, 3);

      assert.equal((await s.post(`/api/registrations/${encodeURIComponent(een1.manageToken)}/erase`, {})).status, 200);
      const after = (await s.admin('GET', '/api/admin/networks/reeks/messages')).body.messages;
      assert.deepEqual(after[1].recipients, [], 'an erased participant leaves the history');
      assert.equal(after[0].recipients.length, 2);
      assert.equal((await s.db.query('SELECT 1 FROM message_recipients WHERE registration_id = $1', [een1.id])).rows.length, 0);
      const { rows: audit } = await s.db.query<{ detail: any }>(`SELECT detail FROM audit_log WHERE action = 'message' ORDER BY id`);
      assert.equal(audit.length, 2);
      assert.equal((typeof audit[0]!.detail === 'string' ? JSON.parse(audit[0]!.detail) : audit[0]!.detail).recipients, 1);
    });
  
    test('a new registration reaches an immediate organiser at once, not a digest one; the admin token cannot choose', async () => {
      await new OrganiserService(s.db).setRole('melding', 'direct@example.org', 'organiser', { name: 'Direct' });
      const digest = await signInAs(s, 'dagelijks@example.org', { melding: 'owner' });
      const set = await s.request('PUT', '/api/admin/session/notify', { body: { notify: 'digest' }, headers: digest.headers });
      assert.equal(set.status, 200, set.text);
      assert.equal(set.body.organiser.notify, 'digest');
      assert.deepEqual(set.body.networks.map((n: { id: string }) => n.id), ['melding']);
      assert.equal((await s.request('GET', '/api/admin/session', { headers: digest.headers })).body.organiser.notify, 'digest', 'stored');
      const nobody = await s.admin('PUT', '/api/admin/session/notify', { notify: 'off' });
      assert.equal(nobody.status, 422);
      assert.match(nobody.body.error.message, /geen organisator/);
      await deliver();
      const before = smtp.received.length;

      const first = await s.post('/api/networks/melding/registrations', { ...person('nieuw', { organisation: 'Gemeente Zuid' }), answers: { wens: 'Geheime wens' } });
      assert.equal(first.status, 201);
      // Delivered one by one: news that waits together is one e-mail (issue 24, issue24-mail.test.ts).
      await deliver();
      await s.post('/api/networks/melding/registrations', person('wachter'));
      await deliver();
      const organiserMails = smtp.received.slice(before).filter((m) => m.subject!.startsWith('Nieuwe aanmelding'));
      assert.deepEqual(organiserMails.map((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address), ['direct@example.org', 'direct@example.org'], 'only the immediate organiser, once per registration');
      const mail = organiserMails[0]!;
      assert.equal(mail.subject, 'Nieuwe aanmelding: Meldingen');
      assert.match(mail.text!, /Naam: „\u2068Deelnemer nieuw\u2069”/);
      assert.match(mail.text!, /Organisatie: „\u2068Gemeente Zuid\u2069”/);
      assert.match(mail.text!, /https:\/\/aanmelden\.example\.org\/beheer\/#\/netwerk\/melding\/aanmeldingen/);
      assert.ok(!mail.text!.includes('Geheime wens'), 'never the answers');
      assert.ok(!mail.text!.includes('deelnemernieuw@'), 'not the address either');
      assert.match(organiserMails[1]!.text!, /Status: op de wachtlijst/);

      // Erasing the participant takes an unsent notification with it.
      const third = await s.post('/api/networks/melding/registrations', person('weg'));
      assert.equal((await s.db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'organiser-new' AND registration_id = $1`, [third.body.id])).rows.length, 1);
      await s.post(`/api/registrations/${encodeURIComponent(third.body.manageToken)}/erase`, {});
      assert.equal((await s.db.query(`SELECT 1 FROM mail_outbox WHERE kind = 'organiser-new' AND registration_id = $1`, [third.body.id])).rows.length, 0);
    });
  });
}

describe('the daily digest', () => {
  const intake = network({
    id: 'intake',
    title: 'Intakegroep',
    registration: { mode: 'built-in', capacity: 10, approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } },
  });
  const other = network({ id: 'ander', title: 'Ander netwerk' });

  test('two processes on one PostgreSQL send each digest organiser one e-mail with exactly the previous day', async () => {
    const { db, url, dir } = await openTestDb('postgres');
    const second = await openDatabase({ url: url!, dataDir: dir });
    const smtp = await smtpPeer();
    try {
      const networks = new Map([[intake.id, intake], [other.id, other]]);
      const options = { secret: Buffer.alloc(32, 9), consoleUrl: () => 'https://aanmelden.example.org/beheer/' };
      const a = new RegistrationService(db, networks, options);
      const b = new RegistrationService(second, networks, options);
      const organisers = new OrganiserService(db);
      for (const [email, net] of [['een@example.org', 'intake'], ['twee@example.org', 'intake'], ['direct@example.org', 'intake']] as const) await organisers.setRole(net, email, 'organiser', { name: email.split('@')[0]! });
      await organisers.setRole('ander', 'twee@example.org', 'organiser');
      for (const email of ['een@example.org', 'twee@example.org']) await a.setNotify((await organisers.byEmail(email))!.id, 'digest');

      // Monday 10 March 2030, 09:00 in Amsterdam: the digest is about Sunday 9 March.
      const now = new Date('2030-03-10T08:00:00Z');
      const created: Record<string, string> = {
        zondag: '2030-03-09T11:00:00Z',
        laat: '2030-03-09T22:30:00Z', // 23:30 in Amsterdam: still Sunday
        maandag: '2030-03-09T23:30:00Z', // 00:30 on Monday in Amsterdam: the next digest
        zaterdag: '2030-03-08T12:00:00Z',
      };
      for (const [name, at] of Object.entries(created)) {
        const r = await a.register(intake, person(name));
        assert.equal(r.kind, 'created');
        await db.query('UPDATE registrations SET created_at = $2 WHERE id = $1', [(r as { id: string }).id, at]);
      }
      const elsewhere = await a.register(other, person('ander'));
      await db.query('UPDATE registrations SET created_at = $2 WHERE id = $1', [(elsewhere as { id: string }).id, created.zondag]);

      const sent = await Promise.all([a.sendDigests(now), b.sendDigests(now), a.sendDigests(now), b.sendDigests(now)]);
      assert.equal(sent.reduce((x, y) => x + y, 0), 2, 'one digest per digest organiser, whichever process claimed it');
      assert.equal(await b.sendDigests(new Date('2030-03-10T20:00:00Z')), 0, 'later the same day: nothing again');

      await deliverOutbox(db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
      const digests = smtp.received.filter((m) => m.subject!.startsWith('Nieuwe aanmeldingen'));
      const to = (m: (typeof digests)[number]) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address;
      assert.deepEqual(digests.map(to).sort(), ['een@example.org', 'twee@example.org']);
      for (const d of digests) {
        assert.match(d.subject!, /9 maart 2030/);
        assert.match(d.text!, /Deelnemer zondag/);
        assert.match(d.text!, /Deelnemer laat/);
        assert.ok(!d.text!.includes('Deelnemer maandag') && !d.text!.includes('Deelnemer zaterdag'), 'only the previous Amsterdam day');
        assert.match(d.text!, /\u2068Intakegroep\u2069: 2 nieuwe aanmeldingen/);
        assert.match(d.text!, /beheer\/#\/netwerk\/intake\/intake/);
      }
      const twee = digests.find((d) => to(d) === 'twee@example.org')!;
      assert.match(twee.text!, /\u2068Ander netwerk\u2069: 1 nieuwe aanmelding\b/);
      assert.ok(!digests.find((d) => to(d) === 'een@example.org')!.text!.includes('Ander netwerk'), 'only networks the organiser runs');
      const direct = smtp.received.filter((m) => to(m) === 'direct@example.org');
      // Issue 24: the four intakes waited together, so they are one e-mail (this said four before).
      assert.equal(direct.length, 1, 'the immediate organiser got the intakes at once, and no digest');
      assert.equal(direct[0]!.subject, '4 nieuwe aanmeldingen');
      for (const name of Object.keys(created)) assert.match(direct[0]!.text!, new RegExp(`Deelnemer ${name}`));
      assert.match(direct[0]!.text!, /beheer\/#\/netwerk\/intake\/intake/);
    } finally {
      await second.close();
      await db.close();
      await smtp.close();
    }
  });
});
