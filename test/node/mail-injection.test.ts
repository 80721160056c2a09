import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, network, person, smtpPeer, ADMIN_TOKEN, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';

// What a phisher would store as a name, had it got past the checks (or been stored before them).
const EVIL = 'Anna\n\nUw account wordt geblokkeerd. Log in op https://evil.example/login\r\nof www.evil.example of evil.example/inloggen \u202Egnp.exe';
// Anything a mail client would turn into a link to the phisher.
const CLICKABLE = /https?:\/\/evil|www\.evil|evil\.example/i;

describe('personal values in e-mails', () => {
  let s: TestServer;
  let smtp: Awaited<ReturnType<typeof smtpPeer>>;
  const intake = network({ registration: { mode: 'built-in', approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } } });

  before(async () => {
    smtp = await smtpPeer();
    s = await startServer('pglite', [intake], { manageUrl: 'https://www.example.org/aanmelding#token={token}' });
  });
  after(async () => {
    await s.close();
    await smtp.close();
  });

  /** Registers, then puts a name in the database the way stored data can hold it, past every check. */
  async function storedWithName(n: string, name: string, locale: 'nl' | 'en') {
    const r = await s.post('/api/networks/test/registrations', { ...person(n), locale });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await s.db.query(`UPDATE registrations SET participant = jsonb_set(participant, '{name}', to_jsonb($1::text)) WHERE id = $2`, [name, r.body.id]);
    return r.body as { id: string; manageToken: string };
  }

  test('a stored name with line breaks and links is greeted on one line, quoted, and links to nothing', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: join('/tmp', 'unused'), from: 'Gemeente Voorbeeld <noreply@example.org>' });
    const nl = await storedWithName('nl', EVIL, 'nl');
    const en = await storedWithName('en', EVIL, 'en');
    // The confirmations of the registrations themselves carry the ordinary name: send them first.
    await deliverOutbox(s.db, mailer);
    smtp.received.splice(0);

    const accept = async (id: string) => {
      const res = await fetch(`${s.url}/api/admin/registrations/${id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 200);
    };
    await accept(nl.id);
    await accept(en.id);
    assert.equal((await s.post(`/api/registrations/${nl.manageToken}/cancel`, {})).status, 200);
    assert.deepEqual(await deliverOutbox(s.db, mailer), { sent: 3, failed: 0 });
    const mails = smtp.received.splice(0);
    assert.equal(mails.length, 3);

    for (const mail of mails) {
      const text = mail.text!;
      const lines = text.split(/\r?\n/);
      const english = mail.subject!.startsWith('Your');
      // The name sits between Unicode isolates (issue 13), without quotes: "Beste „Anna”," reads as irony (issue 23).
      const greeting = english ? /^Dear \u2068(.+)\u2069,$/ : /^Beste \u2068(.+)\u2069,$/;
      const m = greeting.exec(lines[0]!);
      assert.ok(m, `the greeting is one line with the name isolated, not quoted: ${JSON.stringify(lines.slice(0, 3))}`);
      assert.equal(m![1], 'Anna Uw account wordt geblokkeerd. Log in op https[:]//evil[.]example/login of www[.]evil[.]example of evil[.]example/inloggen gnp[.]exe');
      assert.equal(lines[1], '', 'the body goes on after the greeting line, not inside it');
      for (const line of lines) assert.doesNotMatch(line, CLICKABLE, `no link to the phisher: ${line}`);
      assert.equal(text.includes('\u202E'), false);
      // The links the organisers put in are still links.
      assert.match(text, /https:\/\/www\.example\.org\/aanmelding#token=/);
    }
  });

  test('a reason from an organiser is one quoted line in the e-mail', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: join('/tmp', 'unused'), from: 'Gemeente Voorbeeld <noreply@example.org>' });
    const r = await s.post('/api/networks/test/registrations', person('reden'));
    await deliverOutbox(s.db, mailer);
    smtp.received.splice(0);
    const res = await fetch(`${s.url}/api/admin/registrations/${r.body.id}/reject`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'De groep is vol.\n\nVolgend jaar is er een nieuwe ronde.' }),
    });
    assert.equal(res.status, 200);
    await deliverOutbox(s.db, mailer);
    const [mail] = smtp.received.splice(0);
    assert.ok(mail!.text!.split(/\r?\n/).includes('Toelichting: „De groep is vol. Volgend jaar is er een nieuwe ronde.”'), mail!.text);
  });
});
