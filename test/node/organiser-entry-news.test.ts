// Issue 24: someone an organiser adds, or a list they import, is news for the network's other
// organisers just as a registration through the form is ("nieuwe aanmelding", or in the day's
// digest): one e-mail per import, not one per row; never to the organiser who did it. Read at a
// real SMTP peer.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, smtpPeer, signInAs, recipient, BACKENDS, type TestServer, type SignedIn } from './helpers.js';
import { createMailer, deliverOutbox, RegistrationService } from '../../src/server/index.js';

const listNet = network({
  id: 'lijst',
  title: 'Leerkring met lijst',
  sessions: [{ id: 'dag', title: 'Werkdag', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', venue: { type: 'online' } }],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

for (const backend of BACKENDS) {
  describe(`organisers hear of registrations their colleagues add, on ${backend}`, () => {
    let s: TestServer;
    let smtp: Awaited<ReturnType<typeof smtpPeer>>;
    let me: SignedIn;
    const deliver = () => deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
    const mailsTo = (address: string) => smtp.received.filter((m) => recipient(m) === address);
    // The e-mails isolate names and titles (U+2068…U+2069) so right-to-left text cannot turn the line around.
    const plain = (text: string | undefined) => (text ?? '').replace(/[\u2066-\u2069]/g, '');
    const as = (method: string, path: string, body?: unknown) => s.request(method, path, { body, headers: { ...me.headers, 'content-type': 'application/json' } });

    before(async () => {
      smtp = await smtpPeer();
      s = await startServer(backend, [listNet]);
      me = await signInAs(s, 'organisator@example.org', { lijst: 'organiser' });
      await signInAs(s, 'collega@example.org', { lijst: 'organiser' });
      await signInAs(s, 'dagelijks@example.org', { lijst: 'owner' });
      await s.db.query(`UPDATE organisers SET notify = 'digest' WHERE email_lower = 'dagelijks@example.org'`);
      await deliver();
      smtp.received.length = 0;
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('one person added by an organiser: the colleague gets "Nieuwe aanmelding" with the name; the organiser who added them gets nothing', async () => {
      const r = await as('POST', '/api/admin/networks/lijst/registrations', { registration: person('tel', { name: 'Tineke Telefoon' }), sendEmail: false });
      assert.equal(r.status, 201, r.text);
      await deliver();
      const news = mailsTo('collega@example.org');
      assert.equal(news.length, 1, 'one e-mail for the colleague');
      assert.equal(news[0]!.subject, 'Nieuwe aanmelding: Leerkring met lijst');
      assert.match(plain(news[0]!.text), /Naam: „Tineke Telefoon”/);
      assert.equal(mailsTo('organisator@example.org').length, 0, 'the organiser who added them knows already');
      assert.equal(mailsTo('dagelijks@example.org').length, 0, 'a digest reader waits for the digest');
      assert.equal(mailsTo('deelnemertel@example.org').length, 0, 'no e-mail to the person when the organiser said so');
    });

    test('an import of three: one e-mail naming all three for the colleague, not three', async () => {
      smtp.received.length = 0;
      const csv = 'Naam;E-mail\r\nAnna Lijst;anna.lijst@example.org\r\nBram Lijst;bram.lijst@example.org\r\nCor Lijst;cor.lijst@example.org\r\n';
      const done = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv, commit: true, sendEmail: false });
      assert.equal(done.body.committed, true, done.text);
      await deliver();
      const news = mailsTo('collega@example.org');
      assert.equal(news.length, 1, `one e-mail per import, got ${news.length}`);
      assert.equal(news[0]!.subject, '3 nieuwe aanmeldingen');
      for (const name of ['Anna Lijst', 'Bram Lijst', 'Cor Lijst']) assert.ok(plain(news[0]!.text).includes(`„${name}”`), name);
      assert.equal(mailsTo('organisator@example.org').length, 0);
    });

    test('an import whose first person is erased while delivery runs: the colleague still hears of the others, and not of them', async () => {
      smtp.received.length = 0;
      const csv = 'Naam;E-mail\r\nEva Wis;eva.wis@example.org\r\nFloor Blijft;floor.blijft@example.org\r\nGijs Blijft;gijs.blijft@example.org\r\n';
      const done = await as('POST', '/api/admin/networks/lijst/registrations/import', { csv, commit: true, sendEmail: true });
      assert.equal(done.body.committed, true, done.text);
      const eva = (await s.db.query<{ id: string }>(`SELECT id FROM registrations WHERE email_lower = 'eva.wis@example.org'`)).rows[0]!.id;
      const store = new RegistrationService(s.db, new Map([[listNet.id, listNet]]), { secret: Buffer.alloc(32, 5) });
      // One sender: the first e-mail goes out, then Eva is erased before the colleague's gathered news is checked.
      const smtpMailer = createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' });
      let erased = false;
      const mailer = {
        description: 'erasing while sending',
        concurrency: 1,
        async send(message: Parameters<typeof smtpMailer.send>[0], meta: Parameters<typeof smtpMailer.send>[1]) {
          const sent = await smtpMailer.send(message, meta);
          if (!erased) {
            erased = true;
            assert.equal((await store.erase(eva)).ok, true);
          }
          return sent;
        },
      };
      await deliverOutbox(s.db, mailer);
      await deliver();
      const news = mailsTo('collega@example.org');
      assert.equal(news.length, 1, `the colleague hears of the two others, got ${news.length} e-mails`);
      assert.ok(['Floor Blijft', 'Gijs Blijft'].every((name) => plain(news[0]!.text).includes(`„${name}”`)), plain(news[0]!.text));
      assert.equal(plain(news[0]!.text).includes('Eva Wis'), false, 'not the person erased');
    });

    test("the digest reader finds the added and imported people in the next day's digest", async () => {
      smtp.received.length = 0;
      await s.db.query(`UPDATE registrations SET created_at = '2030-04-01T10:00:00Z'`);
      const store = new RegistrationService(s.db, new Map([[listNet.id, listNet]]), { secret: Buffer.alloc(32, 5) });
      assert.equal(await store.sendDigests(new Date('2030-04-02T08:00:00Z')), 1);
      await deliver();
      const digest = mailsTo('dagelijks@example.org');
      assert.equal(digest.length, 1);
      for (const name of ['Tineke Telefoon', 'Anna Lijst', 'Cor Lijst']) assert.ok(plain(digest[0]!.text).includes(name), name);
    });
  });
}
