// Issue 23: a Frisian network. `language: "fy"` is accepted, and someone who registers from a
// Frisian page gets the e-mail in Frisian, as it arrives at a real SMTP peer.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { composeMail } from '../../src/server/mail/compose.js';
import { emailMessages, parseNetwork, toLocale, type Network } from '../../src/core/index.js';
import { startServer, smtpPeer, tempDir, type TestServer } from './helpers.js';
import { parseIcs } from '../helpers/ical.js';
import { FRISIAN_NETWORK } from '../helpers/frisian.js';

function frisian(): Network {
  const r = parseNetwork(FRISIAN_NETWORK);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

test('a network document in Frisian is accepted', () => {
  assert.equal(frisian().language, 'fy');
});

test('"fy" and "fy-NL" are Frisian; other languages stay Dutch', () => {
  assert.equal(toLocale('fy'), 'fy');
  assert.equal(toLocale('fy-NL'), 'fy');
  assert.equal(toLocale('fr'), 'nl');
});

test('the confirmation composed in Frisian says so in Frisian, with Frisian dates', () => {
  const mail = composeMail('confirmed', { network: frisian(), participant: { name: 'Anna de Boer', email: 'anna@example.org' }, locale: 'fy' });
  assert.match(mail.text, /^Bêste \u2068Anna de Boer\u2069,/);
  assert.match(mail.text, /Jo binne oanmeld foar/);
  assert.match(mail.text, /moandei 27 maaie 2030/i);
  assert.equal(emailMessages('fy').subject.confirmed('X'), 'Befêstiging fan jo oanmelding: X');
});

describe('through the server and a real SMTP peer', () => {
  let s: TestServer;
  let smtp: Awaited<ReturnType<typeof smtpPeer>>;
  before(async () => {
    s = await startServer('pglite', [frisian()]);
    smtp = await smtpPeer();
  });
  after(async () => {
    await s.close();
    await smtp.close();
  });

  test('a registration from a Frisian page gets its e-mail in Frisian', async () => {
    const res = await s.post('/api/networks/waddenwurkpleats/registrations', { locale: 'fy', participant: { name: 'Anna de Boer', email: 'anna@example.org' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' });
    assert.deepEqual(await deliverOutbox(s.db, mailer), { sent: 1, failed: 0 });
    const mail = smtp.received[0]!;
    assert.equal(mail.subject, 'Befêstiging fan jo oanmelding: Wurkpleats Waddeneilannen');
    assert.match(mail.text ?? '', /Jo binne oanmeld foar/);
    assert.match(mail.text ?? '', /Besjoch jo oanmelding of meld jo ôf: /);
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8');
    assert.ok(ics, 'a calendar file');
    parseIcs(ics);
  });
});
