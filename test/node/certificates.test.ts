// Issue 24, "what organisers miss most" 2: certificates of attendance (deelnamebewijs) as PDF,
// from recorded attendance, made by pdf-lib and read back here by an independent reader
// (pdf.js): per person and everyone at once for the organiser, by e-mail through a real SMTP
// peer, and for the participant by the token of their manage link.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, person, smtpPeer, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { pdfInfo, pdfPages } from './pdf-text.js';

/** A series of three: two with times (2 h and 3,5 h), one with only a date (its duration unknown). */
const series = network({
  id: 'reeks',
  title: 'Leerkring Klimaatadaptatie',
  kind: 'learning-network',
  organisers: [{ name: 'Provincie Voorbeeld' }],
  sessions: [
    { id: 'een', title: 'Aftrap in Zwolle', type: 'other', start: '2030-03-05T10:00', end: '2030-03-05T12:00', venue: { type: 'online' } },
    { id: 'twee', title: 'Werksessie hittestress', type: 'other', start: '2030-04-09T13:00', end: '2030-04-09T16:30', venue: { type: 'online' } },
    { id: 'drie', title: 'Excursie', type: 'other', date: '2030-05-14', venue: { type: 'online' } },
    { id: 'vier', title: 'Slotbijeenkomst', type: 'other', start: '2030-06-11T10:00', end: '2030-06-11T12:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

/** People register per session here: one person, two registrations, one certificate. */
const perSession = network({
  id: 'losse',
  title: 'Losse werkplaatsen',
  sessions: [
    { id: 'mei', title: 'Meiwerkplaats', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T11:30', venue: { type: 'online' } },
    { id: 'juni', title: 'Juniwerkplaats', type: 'other', start: '2030-06-05T10:00', end: '2030-06-05T12:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

async function pdf(s: TestServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array; text: string }> {
  const res = await fetch(s.url + path, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes, text: new TextDecoder().decode(bytes) };
}
const asAdmin = { authorization: 'Bearer test-organiser-token-0123456789' };

async function present(s: TestServer, id: string, sessionId: string): Promise<void> {
  const r = await s.admin('PUT', `/api/admin/registrations/${id}/attendance`, { sessionId, present: true });
  assert.equal(r.status, 200, r.text);
}

for (const backend of BACKENDS) {
  describe(`certificates of attendance on ${backend}`, () => {
    let s: TestServer;
    let anna: { id: string; manageToken: string };
    let bert: { id: string; manageToken: string };
    before(async () => {
      s = await startServer(backend, [series, perSession]);
      anna = (await s.post('/api/networks/reeks/registrations', person('Anna', { name: 'Anna de Vries-Öztürk', organisation: 'Gemeente Zwolle' }))).body;
      bert = (await s.post('/api/networks/reeks/registrations', person('Bert', { name: 'Bert Jansen' }))).body;
      await present(s, anna.id, 'een');
      await present(s, anna.id, 'twee');
      await present(s, anna.id, 'drie');
      // Recorded and then taken back: not on the certificate.
      await present(s, anna.id, 'vier');
      assert.equal((await s.admin('PUT', `/api/admin/registrations/${anna.id}/attendance`, { sessionId: 'vier', present: false })).status, 200);
    });
    after(() => s.close());

    test('the organiser downloads one person\'s certificate: a PDF carrying the network, the person, the sessions attended and the hours', async () => {
      const r = await pdf(s, `/api/admin/registrations/${anna.id}/certificate.pdf`, asAdmin);
      assert.equal(r.status, 200, r.text.slice(0, 300));
      assert.equal(r.type, 'application/pdf');
      assert.match(r.disposition!, /attachment; filename="deelnamebewijs-reeks\.pdf"/);
      assert.ok(r.text.startsWith('%PDF-'), 'a PDF file');
      const [page, ...more] = await pdfPages(r.bytes);
      assert.equal(more.length, 0, 'one page');
      assert.match(page!, /Deelnamebewijs/);
      assert.match(page!, /Leerkring Klimaatadaptatie/);
      assert.match(page!, /Anna de Vries-Öztürk/);
      assert.match(page!, /Organisatie: Gemeente Zwolle/);
      assert.match(page!, /Aftrap in Zwolle/);
      assert.match(page!, /dinsdag 5 maart 2030, 10\.00–12\.00 · 2 uur/);
      assert.match(page!, /Werksessie hittestress/);
      assert.match(page!, /3,5 uur/);
      assert.match(page!, /Excursie/);
      assert.match(page!, /duur niet bekend/);
      assert.doesNotMatch(page!, /Slotbijeenkomst/, 'attendance taken back is not on it');
      assert.match(page!, /In totaal: 3 bijeenkomsten, 5,5 uur\./);
      assert.match(page!, /Provincie Voorbeeld/);
      assert.deepEqual(await pdfInfo(r.bytes), { title: 'Deelnamebewijs Leerkring Klimaatadaptatie', language: 'nl-NL' });
    });

    test('in English on request', async () => {
      const r = await pdf(s, `/api/admin/registrations/${anna.id}/certificate.pdf?lang=en`, asAdmin);
      assert.equal(r.status, 200);
      const [page] = await pdfPages(r.bytes);
      assert.match(page!, /Certificate of attendance/);
      assert.match(page!, /Tuesday, 5 March 2030, 10:00–12:00 · 2 hours/);
      assert.match(page!, /In total: 3 sessions, 5\.5 hours\./);
      assert.equal((await pdfInfo(r.bytes)).language, 'en-GB');
    });

    test('nobody recorded as attending has no certificate: a sentence, not an empty PDF', async () => {
      const r = await s.admin('GET', `/api/admin/registrations/${bert.id}/certificate.pdf`);
      assert.equal(r.status, 409);
      assert.equal(r.body.error.message, 'Er is nog geen aanwezigheid vastgelegd, dus er is nog geen deelnamebewijs.');
      const bad = await s.admin('GET', `/api/admin/registrations/${anna.id}/certificate.pdf?lang=fr`);
      assert.equal(bad.status, 422);
    });

    test('everyone at once: one PDF, a page per person who came, in arrival order', async () => {
      const cor = (await s.post('/api/networks/reeks/registrations', person('Cor', { name: 'Cor Bakker' }))).body;
      await present(s, cor.id, 'vier');
      const r = await pdf(s, '/api/admin/networks/reeks/certificates.pdf', asAdmin);
      assert.equal(r.status, 200);
      assert.match(r.disposition!, /filename="deelnamebewijzen-reeks\.pdf"/);
      const pages = await pdfPages(r.bytes);
      assert.equal(pages.length, 2, 'Anna and Cor; Bert did not come');
      assert.match(pages[0]!, /Anna de Vries-Öztürk/);
      assert.match(pages[1]!, /Cor Bakker/);
      assert.match(pages[1]!, /In totaal: 1 bijeenkomst, 2 uur\./);
      assert.doesNotMatch(pages.join('\n'), /Bert Jansen/);
    });

    test('sent by e-mail on request: the PDF arrives as an attachment at a real SMTP peer', async () => {
      const smtp = await smtpPeer();
      try {
        const r = await s.admin('POST', `/api/admin/registrations/${anna.id}/certificate/send`, {});
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.body, { sent: true });
        await deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
        const mail = smtp.received.find((m) => m.subject === 'Je deelnamebewijs: Leerkring Klimaatadaptatie');
        assert.ok(mail, smtp.received.map((m) => m.subject).join(', '));
        assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address : undefined, 'deelnemerAnna@example.org');
        assert.equal(mail.replyTo?.value[0]?.address, 'organisator@example.org');
        const file = mail.attachments.find((a) => a.contentType === 'application/pdf');
        assert.ok(file, 'a PDF attached');
        assert.equal(file.filename, 'deelnamebewijs-reeks.pdf');
        const [page] = await pdfPages(new Uint8Array(file.content));
        assert.match(page!, /Anna de Vries-Öztürk/);
        assert.match(page!, /In totaal: 3 bijeenkomsten, 5,5 uur\./);
        const none = await s.admin('POST', `/api/admin/registrations/${bert.id}/certificate/send`, {});
        assert.equal(none.status, 409);
        const audit = await s.admin('GET', '/api/admin/networks/reeks/audit');
        assert.ok(audit.body.entries.some((e: { action: string; registrationId: string }) => e.action === 'certificate-sent' && e.registrationId === anna.id));
      } finally {
        await smtp.close();
      }
    });

    test('the participant fetches their own by the token of their manage link; a wrong token or no attendance gets a sentence', async () => {
      const r = await pdf(s, `/api/registrations/${anna.manageToken}/certificate.pdf`);
      assert.equal(r.status, 200);
      assert.equal(r.type, 'application/pdf');
      const [page] = await pdfPages(r.bytes);
      assert.match(page!, /Anna de Vries-Öztürk/);
      assert.match(page!, /Werksessie hittestress/);
      const view = await s.get(`/api/registrations/${anna.manageToken}`);
      assert.equal(view.body.certificate, true, 'the manage page is told there is one');
      assert.equal((await s.get(`/api/registrations/${bert.manageToken}`)).body.certificate, undefined);
      assert.equal((await pdf(s, `/api/registrations/${bert.manageToken}/certificate.pdf`)).status, 409);
      assert.equal((await pdf(s, `/api/registrations/${anna.manageToken}x/certificate.pdf`)).status, 404);
    });

    test('per-session registration: one person, two registrations, one certificate with both sessions', async () => {
      const mei = (await s.post('/api/networks/losse/registrations', { ...person('Dirk', { name: 'Dirk Smit' }), sessionId: 'mei' })).body;
      const juni = (await s.post('/api/networks/losse/registrations', { ...person('Dirk', { name: 'Dirk Smit' }), sessionId: 'juni' })).body;
      await present(s, mei.id, 'mei');
      await present(s, juni.id, 'juni');
      const r = await pdf(s, `/api/admin/registrations/${juni.id}/certificate.pdf`, asAdmin);
      const [page] = await pdfPages(r.bytes);
      assert.match(page!, /Meiwerkplaats/);
      assert.match(page!, /Juniwerkplaats/);
      assert.match(page!, /In totaal: 2 bijeenkomsten, 3,5 uur\./);
      assert.equal((await pdfPages((await pdf(s, '/api/admin/networks/losse/certificates.pdf', asAdmin)).bytes)).length, 1);
    });

    test('the people who get one, a page at a time (issue 27): every registration of each person, how many in all, and a sentence for a cursor not given', async () => {
      const fenna = (await s.post('/api/networks/losse/registrations', { ...person('Fenna', { name: 'Fenna Bos' }), sessionId: 'mei' })).body;
      await s.post('/api/networks/losse/registrations', { ...person('Gijs', { name: 'Gijs Absent' }), sessionId: 'mei' });
      await present(s, fenna.id, 'mei');
      const first = await s.admin('GET', '/api/admin/networks/losse/certificate-holders?limit=1');
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.total, 2);
      assert.deepEqual(first.body.registrations.map((r: { participant: { name: string }; sessionId: string }) => [r.participant.name, r.sessionId]), [
        ['Dirk Smit', 'mei'],
        ['Dirk Smit', 'juni'],
      ]);
      assert.ok(first.body.next);
      const second = await s.admin('GET', `/api/admin/networks/losse/certificate-holders?limit=1&after=${first.body.next}`);
      assert.deepEqual([second.body.registrations.map((r: { id: string }) => r.id), second.body.next, second.body.total], [[fenna.id], null, 2]);
      const bad = await s.admin('GET', '/api/admin/networks/losse/certificate-holders?after=abc');
      assert.equal(bad.status, 422);
      assert.match(bad.text, /after/);
    });

    test('after erasure there is no certificate of that person anywhere', async () => {
      const eva = (await s.post('/api/networks/reeks/registrations', person('Eva', { name: 'Eva Wissen' }))).body;
      await present(s, eva.id, 'een');
      assert.match((await pdfPages((await pdf(s, '/api/admin/networks/reeks/certificates.pdf', asAdmin)).bytes)).join('\n'), /Eva Wissen/);
      assert.equal((await s.post(`/api/registrations/${eva.manageToken}/erase`, {})).status, 200);
      assert.equal((await pdf(s, `/api/registrations/${eva.manageToken}/certificate.pdf`)).status, 404);
      assert.equal((await s.admin('GET', `/api/admin/registrations/${eva.id}/certificate.pdf`)).status, 404);
      assert.doesNotMatch((await pdfPages((await pdf(s, '/api/admin/networks/reeks/certificates.pdf', asAdmin)).bytes)).join('\n'), /Eva Wissen/);
      const holders = await s.admin('GET', '/api/admin/networks/reeks/certificate-holders');
      assert.ok(!holders.body.registrations.some((r: { id: string }) => r.id === eva.id), 'not among the holders');
    });
  });
}
