// Issue 24, item 1: an organiser adds, corrects, moves and cancels a registration themselves,
// and imports a list (CSV) with a preview first. The same core rules as the public form decide;
// the person gets the same e-mails and calendar items; the audit log says who did it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer, network, person, smtpPeer, signInAs, BACKENDS, type TestServer, type SignedIn } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';

const perSession = network({
  id: 'telefoon',
  title: 'Leerkring per telefoon',
  sessions: [
    { id: 'een', title: 'Dag een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/link-een' } },
    { id: 'twee', title: 'Dag twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/link-twee' } },
  ],
  registration: {
    mode: 'built-in',
    scope: 'session',
    capacity: 1,
    waitlist: { enabled: true },
    maxPerOrganisation: 1,
    fields: { organisation: 'optional', organisationType: 'off' },
    questions: [
      { id: 'dieet', label: 'Dieetwens', type: 'text' },
      { id: 'lunch', label: 'Blijf je lunchen?', type: 'yes-no', required: true },
    ],
  },
});

const importNet = network({
  id: 'lijst',
  title: 'Leerkring met lijst',
  registration: {
    mode: 'built-in',
    capacity: 3,
    waitlist: { enabled: true },
    fields: { organisation: 'optional', organisationType: 'off' },
    questions: [
      { id: 'dieet', label: 'Dieetwens', type: 'text' },
      { id: 'lunch', label: 'Blijf je lunchen?', type: 'yes-no', required: true },
    ],
  },
});

for (const backend of BACKENDS) {
  describe(`an organiser's own registrations on ${backend}`, () => {
    let s: TestServer;
    let smtp: Awaited<ReturnType<typeof smtpPeer>>;
    let me: SignedIn;
    const deliver = async () => deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
    const mailsTo = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address);
    const as = async (method: string, path: string, body?: unknown) => {
      const r = await s.request(method, path, { body, headers: { ...me.headers, 'content-type': 'application/json' } });
      return r;
    };
    const add = (networkId: string, registration: unknown, extra: Record<string, unknown> = {}) => as('POST', `/api/admin/networks/${networkId}/registrations`, { registration, ...extra });

    before(async () => {
      smtp = await smtpPeer();
      s = await startServer(backend, [perSession, importNet], { manageUrl: 'https://aanmelden.example.org/beheren#{token}', publicUrl: 'https://aanmelden.example.org' });
      me = await signInAs(s, 'organisator@example.org', { telefoon: 'organiser', lijst: 'organiser' });
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('adding someone: the same rules and e-mail as the form, a place past capacity only when asked, no e-mail when asked, audited with who', async () => {
      const first = await add('telefoon', { ...person('bel1'), sessionId: 'een', answers: { lunch: true, dieet: 'vegetarisch' } });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.body.status, 'confirmed');
      await deliver();
      const mail = mailsTo('deelnemerbel1@example.org').at(-1)!;
      assert.match(mail.subject!, /Dag een|Leerkring per telefoon/);
      const ics = mail.attachments.find((a) => a.contentType === 'text/calendar')!;
      const event = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
      assert.match(String(event.getFirstPropertyValue('summary')), /^Dag een/, 'the calendar item the form would have sent');

      // A required question is a question for the organiser too, with its field's sentence.
      const missing = await add('telefoon', { ...person('bel2'), sessionId: 'een' });
      assert.equal(missing.status, 422, missing.text);
      assert.equal(missing.body.error.issues[0].path, 'answers.lunch');
      assert.match(missing.body.error.issues[0].message, /Blijf je lunchen/);

      // Full: the waiting list, as on the form; past capacity only knowingly.
      const waiting = await add('telefoon', { ...person('bel2'), sessionId: 'een', answers: { lunch: false } });
      assert.equal(waiting.status, 201, waiting.text);
      assert.equal(waiting.body.status, 'waitlisted');
      const over = await add('telefoon', { ...person('bel3'), sessionId: 'een', answers: { lunch: false } }, { overCapacity: true, sendEmail: false });
      assert.equal(over.status, 201, over.text);
      assert.equal(over.body.status, 'confirmed');
      assert.equal(over.body.overCapacity, true);
      await deliver();
      assert.equal(mailsTo('deelnemerbel3@example.org').length, 0, '"geen e-mail sturen" sends nothing');

      // The same address twice: refused, as the form refuses it.
      const twice = await add('telefoon', { ...person('bel1'), sessionId: 'een', answers: { lunch: true } });
      assert.equal(twice.status, 409, twice.text);
      assert.equal(twice.body.error.code, 'duplicate');

      // One per organisation.
      assert.equal((await add('telefoon', { ...person('org1', { organisation: 'Gemeente Zeewolde' }), sessionId: 'twee', answers: { lunch: true } })).status, 201);
      const second = await add('telefoon', { ...person('org2', { organisation: 'gemeente zeewolde' }), sessionId: 'twee', answers: { lunch: true } }, { overCapacity: true });
      assert.equal(second.status, 422, second.text, 'as the form answers it');
      assert.equal(second.body.error.code, 'organisation-limit');

      const { rows: audit } = await s.db.query<{ organiser_id: string; registration_id: string; detail: { status: string; sendEmail: boolean; overCapacity?: boolean } }>(
        `SELECT organiser_id, registration_id, detail FROM audit_log WHERE action = 'registration-added' ORDER BY id`,
      );
      assert.equal(audit.length, 4);
      assert.ok(audit.every((a) => a.organiser_id === me.organiserId), 'who did it');
      assert.equal(audit[0]!.registration_id, first.body.id);
      assert.deepEqual(audit[2]!.detail, { status: 'confirmed', sendEmail: false, overCapacity: true });
      assert.ok(!JSON.stringify(audit).includes('bel'), 'no personal data in the audit log');
    });

    test('correcting details and moving to another session; cancelling moves the waiting list up', async () => {
      const a = await add('telefoon', { ...person('wissel'), sessionId: 'twee', answers: { lunch: true } }, { overCapacity: true });
      assert.equal(a.status, 201, a.text);
      const edited = await as('PUT', `/api/admin/registrations/${a.body.id}`, { registration: { participant: { name: 'Wissel Jansen', email: 'wissel.jansen@example.org' }, answers: { lunch: false, dieet: 'geen noten' } } });
      assert.equal(edited.status, 200, edited.text);
      const list = (await as('GET', '/api/admin/networks/telefoon/registrations')).body.registrations as { id: string; participant: { name: string; email: string }; answers: Record<string, unknown>; status: string; sessionId?: string }[];
      const row = list.find((r) => r.id === a.body.id)!;
      assert.deepEqual([row.participant.name, row.participant.email, row.answers.dieet, row.answers.lunch], ['Wissel Jansen', 'wissel.jansen@example.org', 'geen noten', false]);
      const bad = await as('PUT', `/api/admin/registrations/${a.body.id}`, { registration: { participant: { name: 'Wissel', email: 'geen-adres' }, answers: { lunch: true } } });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.issues[0].path, 'participant.email');

      // Session een is full: without asking for more, the waiting list, as for anyone.
      const refused = await as('POST', `/api/admin/registrations/${a.body.id}/move`, { sessionId: 'een' });
      assert.equal(refused.status, 200, refused.text);
      assert.equal(refused.body.status, 'waitlisted', 'een is full: the waiting list, as for anyone');
      await deliver();
      const moveMail = mailsTo('wissel.jansen@example.org').at(-1)!;
      const cancels = moveMail.attachments.filter((x) => x.contentType === 'text/calendar').map((x) => new ICAL.Component(ICAL.parse(x.content.toString('utf8'))));
      assert.ok(cancels.some((c) => c.getFirstPropertyValue('method') === 'CANCEL' && /^Dag twee/.test(String(c.getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')))), 'the old session leaves their calendar');
      const back = await as('POST', `/api/admin/registrations/${a.body.id}/move`, { sessionId: 'twee', overCapacity: true });
      assert.equal(back.status, 200, back.text);
      assert.equal(back.body.status, 'confirmed');
      assert.equal(back.body.sessionId, 'twee');
      const same = await as('POST', `/api/admin/registrations/${a.body.id}/move`, { sessionId: 'twee' });
      assert.equal(same.status, 409);
      assert.match(same.body.error.message, /al voor deze bijeenkomst/);

      // Cancelling is the organiser's remove: the person is told; the audit says who.
      const removed = await as('POST', `/api/admin/registrations/${a.body.id}/remove`, {});
      assert.equal(removed.status, 200, removed.text);
      const { rows: audit } = await s.db.query<{ action: string; organiser_id: string }>(
        `SELECT action, organiser_id FROM audit_log WHERE registration_id = $1 ORDER BY id`,
        [a.body.id],
      );
      assert.deepEqual(audit.map((x) => x.action), ['registration-added', 'registration-edited', 'registration-moved', 'registration-moved', 'remove']);
      assert.ok(audit.every((x) => x.organiser_id === me.organiserId));
    });

    test('importing a hand-written list (semicolons, BOM, Dutch Excel): a preview per row, problems with row and column, nothing half-imported', async () => {
      const bad = '\uFEFFNaam;E-mail;Organisatie;Blijf je lunchen?;Dieetwens\r\nAnna de Vries;anna@example.org;Gemeente Ede;ja;\r\nBram Bos;geen-adres;;nee;\r\nCor Smit;cor@example.org;;misschien;halal\r\n';
      const preview = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv: bad, commit: true });
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.body.committed, false, 'a problem anywhere: nothing is registered');
      assert.deepEqual(preview.body.rows.map((r: { outcome: string }) => r.outcome), ['confirmed', 'problem', 'problem']);
      assert.match(preview.body.rows[1].problems[0], /^Regel 3, kolom „E-mail”: /);
      assert.match(preview.body.rows[2].problems[0], /^Regel 4, kolom „Blijf je lunchen\?”: Vul ja of nee in\./);
      assert.equal((await as('GET', '/api/admin/networks/lijst/registrations')).body.registrations.length, 0, 'nothing half-imported');

      const good = bad.replace('geen-adres', 'bram@example.org').replace('misschien', 'nee') + 'Dirk Dam;dirk@example.org;;ja;\r\n';
      const look = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv: good });
      assert.equal(look.body.committed, false);
      assert.deepEqual(look.body.rows.map((r: { outcome: string }) => r.outcome), ['confirmed', 'confirmed', 'confirmed', 'waitlisted'], 'the preview shows the waiting list as the rules give it');
      assert.equal((await as('GET', '/api/admin/networks/lijst/registrations')).body.registrations.length, 0, 'a preview registers nobody');

      const done = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv: good, commit: true, sendEmail: false });
      assert.equal(done.body.committed, true, done.text);
      const listed = (await as('GET', '/api/admin/networks/lijst/registrations')).body.registrations as { participant: { name: string; organisation?: string }; answers: Record<string, unknown>; status: string }[];
      assert.deepEqual(listed.map((r) => [r.participant.name, r.status]).sort(), [['Anna de Vries', 'confirmed'], ['Bram Bos', 'confirmed'], ['Cor Smit', 'confirmed'], ['Dirk Dam', 'waitlisted']]);
      assert.equal(listed.find((r) => r.participant.name === 'Cor Smit')!.answers.dieet, 'halal');
      await deliver();
      assert.equal(mailsTo('anna@example.org').length, 0, 'no e-mails when the organiser said so');

      // The console's own export, read back in (into another round): the same people, nobody twice.
      const exported = await s.request('GET', '/api/admin/networks/lijst/registrations.csv', { headers: me.headers });
      assert.equal(exported.status, 200);
      await as('POST', `/api/admin/registrations/${(await as('GET', '/api/admin/networks/lijst/registrations')).body.registrations[0].id}/remove`, {});
      const again = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv: exported.text });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(again.body.fileProblems, []);
      assert.equal(again.body.rows.length, 4);
      assert.ok(again.body.rows.some((r: { problems: string[] }) => r.problems.some((p) => /^Regel \d: /.test(p))), JSON.stringify(again.body.rows));
      const { rows: audit } = await s.db.query(`SELECT detail FROM audit_log WHERE action = 'registrations-imported'`);
      assert.deepEqual(audit.map((a) => a.detail), [{ rows: 4, sendEmail: false }]);

      const noHeader = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv: 'Anna;anna@example.org\n' });
      assert.match(noHeader.body.fileProblems[0], /kolom „Naam” ontbreekt/);
    });
  });
}
