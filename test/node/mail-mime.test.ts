// Issue 28: participant e-mails written as MIME in one pass (src/server/mail/mime.ts), read back
// through a real SMTP peer (smtp-server) and mailparser, and compared part by part with what
// nodemailer's MailComposer builds for the same message.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import ICAL from 'ical.js';
import { createMailer } from '../../src/server/index.js';
import { composeMail, type MailMessage } from '../../src/server/mail/compose.js';
import { mailOptions } from '../../src/server/mail/delivery.js';
import { calendarPartsEncoded, sender, writeMime } from '../../src/server/mail/mime.js';
import { network, tempDir } from './helpers.js';

const FROM = 'Gemeente Voorbeeld, "Leerkring" <noreply@example.org>';

/** A real SMTP peer that keeps each message's bytes as they arrived. */
async function rawSmtpPeer() {
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const longTitle = `Leernetwerk "Samen, veilig" — Ayşe Yılmaz, Ζωή en أحمد over wijkgericht werken in de gemeente ${'Ünïcödé '.repeat(12)}`;
const twoSessions = () =>
  network({
    title: longTitle,
    contact: { name: 'Ayşe Yılmaz, "coördinator"', email: 'contact@example.org' },
    sessions: [
      { id: 'een', title: 'Eerste bijeenkomst, "Ζωή" spreekt', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'physical', name: 'Wijkcentrum De Brug', address: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht' } },
      { id: 'twee', title: 'Tweede bijeenkomst', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T12:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/link' } },
    ],
    registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } },
  });

const people = [
  { name: 'Ayşe Yılmaz', email: 'ayse@example.org' },
  { name: 'Ζωή Παπαδοπούλου', email: 'zoe@example.org' },
  { name: 'أحمد', email: 'ahmed@example.org' },
  { name: 'Jan "de Man", Jansen', email: 'jan.jansen+leer@example.org' },
];

/** Every kind of participant e-mail by its shape: text alone, one calendar, a CANCEL, two calendars, a PDF, a long subject. */
function messages(): { label: string; message: MailMessage }[] {
  const n = twoSessions();
  const base = (p: (typeof people)[number]) => ({ network: n, locale: 'nl' as const, participant: p, manageUrl: 'https://example.org/beheer#t=abc', calendarUrl: 'https://example.org/api/calendar/x.ics' });
  return [
    ...people.map((p) => ({ label: `confirmed for ${p.name}`, message: composeMail('confirmed', { ...base(p), sessionId: 'een' }) })),
    { label: 'waitlisted', message: composeMail('waitlisted', { ...base(people[1]!), sessionId: 'een', position: 3 }) },
    { label: 'cancelled (CANCEL)', message: composeMail('cancelled', { ...base(people[2]!), sessionId: 'een', hadItems: true }) },
    { label: 'moved (PUBLISH and CANCEL)', message: composeMail('session-moved', { ...base(people[0]!), sessionId: 'twee', withdrawnSessionId: 'een' }) },
    { label: 'series confirmation in English', message: composeMail('confirmed', { ...base(people[3]!), locale: 'en' }) },
    {
      label: 'organiser message with a very long subject',
      message: composeMail('message', { ...base(people[2]!), sessionId: 'een', message: { subject: `Belangrijk, "lees dit": ${'Ζωή, Ayşe Yılmaz en أحمد — zaal verplaatst; '.repeat(8)}`, body: 'Regel één\n\nRegel twee met een heel lange zin '.repeat(30) } }),
    },
    {
      label: 'certificate (PDF)',
      message: { to: 'ayse@example.org', subject: `Certificaat ${longTitle}`, text: 'Beste Ayşe,\n\nIn de bijlage.', replyTo: 'contact@example.org', files: [{ filename: 'certificaat Ayşe Yılmaz, "2030".pdf', contentType: 'application/pdf', base64: Buffer.from(`%PDF-1.4\n${'\u0000\u00ff binary '.repeat(200)}`, 'latin1').toString('base64') }] },
    },
  ];
}

/** What a reader makes of a message: addresses, subject, text, and each attachment with its type's parameters. */
function shape(m: ParsedMail) {
  const addr = (a: ParsedMail['to'] | ParsedMail['from']) => (a && !Array.isArray(a) ? a.value.map((v) => `${v.name}|${v.address}`) : []);
  return {
    from: addr(m.from),
    to: addr(m.to),
    replyTo: addr(m.replyTo),
    subject: m.subject,
    text: m.text?.replace(/\n+$/, ''),
    attachments: m.attachments.map((a) => {
      const type = a.headers.get('content-type') as { value: string; params: Record<string, string> };
      return { filename: a.filename, contentType: a.contentType, method: type.params.method, disposition: a.contentDisposition, content: a.content.toString('base64') };
    }),
  };
}

const build = (options: ConstructorParameters<typeof MailComposer>[0]) =>
  new Promise<Buffer>((resolve, reject) => new MailComposer(options).compile().build((e, m) => (e ? reject(e) : resolve(m))));

/** The rules of RFC 5322 / 2045-2047 the raw message keeps: CRLF, line lengths, headers present, boundaries. */
function checkRaw(raw: string, label: string) {
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(raw), `${label}: a bare CR or LF`);
  const lines = raw.split('\r\n');
  for (const line of lines) {
    assert.ok(line.length <= 998, `${label}: a line of ${line.length}`);
    if (line.includes('=?')) assert.ok(line.length <= 78, `${label}: an encoded header line of ${line.length}: ${line}`);
  }
  const headEnd = lines.indexOf('');
  const head = lines.slice(0, headEnd);
  for (const line of head) assert.ok(line.length <= 78, `${label}: a header line of ${line.length}: ${line}`);
  const has = (name: string) => head.some((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  for (const name of ['From', 'To', 'Subject', 'Message-ID', 'Date', 'MIME-Version', 'Content-Type']) assert.ok(has(name), `${label}: no ${name}`);
  const unfolded = head.join('\r\n').replace(/\r\n[ \t]/g, ' ');
  const boundary = /^Content-Type: multipart\/mixed;.*boundary="([^"]+)"/im.exec(unfolded)?.[1];
  const encodings = [...raw.matchAll(/^Content-Transfer-Encoding: (.*)$/gim)].map((m) => m[1]!.toLowerCase());
  assert.ok(encodings.length > 0 && encodings.every((e) => e === 'quoted-printable' || e === 'base64'), `${label}: encodings ${encodings}`);
  if (boundary) {
    // The boundary only where it separates parts: the text part and each attachment, then the end.
    const uses = lines.slice(headEnd).filter((l) => l.includes(boundary));
    assert.equal(uses.filter((l) => l === `--${boundary}`).length, encodings.length, `${label}: parts`);
    assert.deepEqual(uses.slice(-1), [`--${boundary}--`]);
    assert.equal(uses.length, encodings.length + 1, `${label}: the boundary inside a part`);
  }
  return { messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1], boundary };
}

describe('participant e-mails written in one pass (issue 28)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('every kind reads back through SMTP and mailparser as nodemailer builds it, within the MIME rules', async () => {
    const smtp = await rawSmtpPeer();
    const all = messages();
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: '/tmp/unused', from: FROM });
    try {
      for (const { message } of all) await mailer.send(message);
      assert.equal(smtp.received.length, all.length);
      const ids = new Set<string>();
      const boundaries = new Set<string>();
      for (const [i, { label, message }] of all.entries()) {
        const raw = smtp.received[i]!.toString('latin1');
        const { messageId, boundary } = checkRaw(raw, label);
        assert.ok(messageId && !ids.has(messageId), `${label}: Message-ID ${messageId}`);
        ids.add(messageId);
        if (boundary) {
          assert.ok(!boundaries.has(boundary), `${label}: boundary used before`);
          boundaries.add(boundary);
        }
        const ours = await simpleParser(smtp.received[i]!);
        const theirs = await simpleParser(await build(mailOptions(message, FROM)));
        assert.deepEqual(shape(ours), shape(theirs), label);
        assert.ok(ours.date instanceof Date && !Number.isNaN(ours.date.getTime()), `${label}: Date`);
        assert.equal(ours.subject, message.subject, label);
        // Each calendar still an iTIP object whose METHOD the part's header repeats, with an ORGANIZER.
        for (const a of ours.attachments.filter((x) => x.contentType === 'text/calendar')) {
          const cal = new ICAL.Component(ICAL.parse(a.content.toString('utf8')));
          const type = a.headers.get('content-type') as { params: Record<string, string> };
          assert.equal(cal.getFirstPropertyValue('method'), type.params.method, label);
          const events = cal.getAllSubcomponents('vevent');
          assert.ok(events.length > 0 && events.every((v) => v.getFirstPropertyValue('organizer')), `${label}: events with an ORGANIZER`);
        }
      }
      // The kinds above cover text alone, one calendar, a CANCEL, two calendars and a PDF.
      assert.deepEqual(
        all.map(({ message }) => [message.ics?.method ?? (message.ics ? 'PUBLISH' : '-'), message.moreIcs?.length ?? 0, message.files?.length ?? 0].join()),
        ['PUBLISH,0,0', 'PUBLISH,0,0', 'PUBLISH,0,0', 'PUBLISH,0,0', '-,0,0', 'CANCEL,0,0', 'PUBLISH,1,0', 'PUBLISH,0,0', '-,0,0', '-,0,1'],
      );
    } finally {
      await smtp.close();
    }
  });

  test('an .eml file holds the same message; a session\'s calendar part is encoded once for everyone in it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const mailer = createMailer({ outboxDir: dir, from: FROM });
    const n = twoSessions();
    // A calendar no earlier test has encoded: its own session title.
    const fresh = { ...n, sessions: n.sessions.map((s) => ({ ...s, title: `${s.title} ${Math.random()}` })) };
    const before = calendarPartsEncoded();
    const sent = people.map((p) => composeMail('confirmed', { network: fresh, locale: 'nl', participant: p, sessionId: 'een' }));
    for (const m of sent) await mailer.send(m);
    assert.equal(calendarPartsEncoded() - before, 1);
    const files = readdirSync(dir).sort();
    assert.equal(files.length, people.length);
    for (const [i, f] of files.entries()) {
      const raw = readFileSync(join(dir, f));
      checkRaw(raw.toString('latin1'), f);
      assert.deepEqual(shape(await simpleParser(raw)), shape(await simpleParser(await build(mailOptions(sent[i]!, FROM)))), f);
    }
  });

  test('an address this writer does not take is left to nodemailer', () => {
    const from = sender(FROM, 'noreply@example.org');
    const message = { to: 'ayse@bücher.example', subject: 'x', text: 'y', attachments: [] };
    assert.equal(writeMime(from, message), undefined);
    assert.equal(writeMime(from, { ...message, to: 'Ayşe <ayse@example.org>' }), undefined);
    assert.equal(typeof writeMime(from, { ...message, to: 'ayse@example.org' }), 'string');
  });
});
