// Issue 13: an e-mail carries what a person needs at the door (doors-open time, the programme,
// the status note) as the calendar item's description says it, and names from the document or
// a registration sit between Unicode isolates, so two Arabic or Hebrew names keep their order.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { composeMail, composeReportMail, composeRevisionMail, type MailKind } from '../../src/server/mail/compose.js';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { calendarEvent, parseNetwork, type Network } from '../../src/core/index.js';
import { startServer, smtpPeer, tempDir, type TestServer } from './helpers.js';
import { parseIcs, prop } from '../helpers/ical.js';

const FSI = '\u2068';
const PDI = '\u2069';
const iso = (s: string) => `${FSI}${s}${PDI}`;

const speakerHe = 'דוד כהן';
const orgHe = 'עיריית חיפה';
const speakerAr = 'سارة أحمد';
const titleAr = 'شبكة الطاقة';
const venueName = 'بيت الثقافة';

function doc(extra: Record<string, unknown> = {}): Network {
  const r = parseNetwork({
    id: 'inhoud-mail',
    kind: 'learning-circle',
    title: titleAr,
    summary: 'Gemeenten leren samen.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    contact: { name: 'Organisator', email: 'organisator@example.org' },
    sessions: [
      {
        id: 'start',
        title: 'Startbijeenkomst',
        type: 'kick-off',
        start: '2030-03-12T19:30',
        end: '2030-03-12T21:30',
        doorsOpen: '19:00',
        statusNote: 'Let op: we zitten nu in zaal 3.',
        venue: { type: 'physical', name: venueName, address: 'Markt 1', postalCode: '3511 AB', city: 'Utrecht' },
        programme: [
          { time: '19:30', end: '20:00', title: 'Welkom' },
          { time: '20:00', title: 'Gesprek in groepen' },
        ],
        speakers: [
          { name: speakerHe, organisation: orgHe },
          { name: speakerAr, role: 'wethouder' },
        ],
      },
    ],
    registration: { mode: 'built-in', capacity: 10, fields: { organisation: 'optional', organisationType: 'off' } },
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const participant = { name: 'مريم يوسف', email: 'mariam@example.org' };
const manageUrl = 'https://aanmelding.example.org/beheer#token=abc';
const KINDS: MailKind[] = ['confirmed', 'waitlisted', 'pending', 'accepted', 'promoted', 'reminder', 'session-moved', 'session-venue'];

/** Where each needle is in the text; fails when one is missing. */
function positions(text: string, needles: string[]): number[] {
  return needles.map((n) => {
    const i = text.indexOf(n);
    assert.ok(i >= 0, `${JSON.stringify(n)} is missing from:\n${text}`);
    return i;
  });
}

describe('e-mails carry the programme and the status note', () => {
  const network = doc();
  const session = network.sessions[0]!;

  test('in Dutch: the same lines, in the same order, as the calendar item', () => {
    // The calendar item is the reference: one owner of these facts and their order.
    const description = calendarEvent(network, session, 'nl')!.description;
    const lines = ['Let op: we zitten nu in zaal 3.', 'Inloop vanaf 19.00 uur', 'Programma:', '19.30–20.00 uur Welkom', '20.00 uur Gesprek in groepen'];
    const inCalendar = positions(description, lines);
    assert.deepEqual(inCalendar, [...inCalendar].sort((a, b) => a - b));
    for (const kind of KINDS) {
      const text = composeMail(kind, { network, sessionId: 'start', participant, locale: 'nl', manageUrl, position: 2 }).text;
      const at = positions(text, lines);
      assert.deepEqual(at, [...at].sort((a, b) => a - b), `${kind}: order`);
      assert.ok(text.includes(`Sprekers: ${iso(speakerHe)} (${iso(orgHe)}) en ${iso(speakerAr)} (wethouder)`), `${kind}:\n${text}`);
    }
  });

  test('in English: the labels in English, the document as written', () => {
    for (const kind of KINDS) {
      const text = composeMail(kind, { network, sessionId: 'start', participant, locale: 'en', manageUrl, position: 2 }).text;
      const at = positions(text, ['Let op: we zitten nu in zaal 3.', 'Doors open at 19:00', 'Programme:', '19:30–20:00 Welcome'.replace('Welcome', 'Welkom'), '20:00 Gesprek in groepen']);
      assert.deepEqual(at, [...at].sort((a, b) => a - b), `${kind}: order`);
    }
  });

  test('a cancelled session: its note in the cancellation e-mail', () => {
    const cancelled = doc({ sessions: [{ ...JSON.parse(JSON.stringify(session)), status: 'cancelled', statusNote: 'De spreker is ziek; we plannen opnieuw.' }] });
    const text = composeMail('session-cancelled', { network: cancelled, sessionId: 'start', participant, locale: 'nl', manageUrl }).text;
    assert.ok(text.includes('Deze bijeenkomst gaat niet door. De spreker is ziek; we plannen opnieuw.'), text);
  });
});

describe('a series registration in the middle of the series', () => {
  test('the confirmation and its calendar file hold the sessions still to come, not the ones that are over', () => {
    const series = doc({
      registration: { mode: 'built-in', scope: 'network', capacity: 10 },
      sessions: [
        { id: 'geweest', title: 'Eerste avond (geweest)', type: 'kick-off', start: '2020-03-12T19:30', end: '2020-03-12T21:30' },
        { id: 'komt', title: 'Tweede avond', type: 'plenary', start: '2030-04-12T19:30', end: '2030-04-12T21:30' },
        { id: 'nog-geen-datum', title: 'Slotavond', type: 'closing', period: 'najaar 2030' },
      ],
    });
    const mail = composeMail('confirmed', { network: series, participant, locale: 'nl', manageUrl });
    assert.ok(mail.text.includes('Tweede avond'), mail.text);
    assert.ok(!mail.text.includes('Eerste avond'), `a session that is over is not in the confirmation:\n${mail.text}`);
    const events = parseIcs(mail.ics!.content).components.filter((c) => c.name === 'VEVENT');
    assert.deepEqual(events.map((e) => prop(e, 'SUMMARY')?.value), [`Tweede avond (${titleAr})`]);
  });
});

describe('names in e-mails are isolated, headers, links and the calendar file are not', () => {
  const network = doc();

  test('each name between U+2068 and U+2069 in the body; none in the subject, the link or the .ics', () => {
    for (const locale of ['nl', 'en'] as const) {
      const mail = composeMail('confirmed', { network, sessionId: 'start', participant, locale, manageUrl, calendarUrl: 'https://aanmelding.example.org/feed/x.ics' });
      for (const name of [participant.name, titleAr, speakerHe, orgHe, speakerAr, 'Gemeente Voorbeeld', 'Organisator']) {
        assert.ok(mail.text.includes(iso(name)), `${locale}: ${name} is not isolated in:\n${mail.text}`);
      }
      assert.ok(mail.text.includes(FSI + venueName), `${locale}: the venue`);
      // Every isolate is closed, and none is nested wrongly.
      let depth = 0;
      for (const c of mail.text) {
        if (c === FSI) depth++;
        if (c === PDI) depth--;
        assert.ok(depth >= 0 && depth <= 1, `${locale}: isolates balanced`);
      }
      assert.equal(depth, 0);
      assert.doesNotMatch(mail.subject, /[\u2066-\u2069]/, 'no isolates in the Subject header');
      assert.ok(mail.subject.includes(titleAr));
      for (const url of mail.text.match(/(?:https|webcal):\/\/\S+/g) ?? []) assert.doesNotMatch(url, /[\u2066-\u2069]/, url);
      assert.ok(mail.text.includes(` ${manageUrl}`) || mail.text.includes(`: ${manageUrl}`));
      assert.ok(mail.ics);
      assert.doesNotMatch(mail.ics!.content, /[\u2066-\u2069]/, 'no isolates in the calendar file');
    }
  });

  test('revision and report e-mails isolate the names too: the person, the network, the contact, the organisers', () => {
    const network = doc({ organisers: [{ name: orgHe }], contact: { name: speakerAr, email: 'organisator@example.org' } });
    const session = network.sessions[0]!;
    const moved = { ...session, start: '2030-03-19T19:30', end: '2030-03-19T21:30' };
    const later = { ...network, sessions: [moved] };
    const texts = {
      'one change': composeRevisionMail([{ kind: 'session-moved', session: moved, was: session }], { network: later, participant, locale: 'nl', manageUrl, hasPlace: true }).message,
      'two changes': composeRevisionMail(
        [
          { kind: 'session-moved', session: moved, was: session },
          { kind: 'session-cancelled', session: { ...moved, id: 'b', status: 'cancelled' }, was: { ...session, id: 'b' } },
        ],
        { network: later, participant, locale: 'nl', manageUrl, hasPlace: true },
      ).message,
      report: composeReportMail({ title: 'Verslag', url: 'https://example.org/verslag' }, { network, session, participant, locale: 'nl', manageUrl }),
    };
    for (const [what, mail] of Object.entries(texts)) {
      for (const name of [participant.name, titleAr, speakerAr, orgHe]) assert.ok(mail.text.includes(iso(name)), `${what}: ${name} isolated:\n${mail.text}`);
      assert.ok(!/[\u2066-\u2069]/.test(mail.subject), `${what}: no isolates in the subject`);
    }
  });

  test('a stray isolate or override in a name cannot leak out of its pair', () => {
    // The validator refuses these in a document; a row stored before today's checks may hold them.
    const mail = composeMail('confirmed', { network, sessionId: 'start', participant: { name: 'Ali\u2069 \u202Eevil', email: 'a@example.org' }, locale: 'nl', manageUrl });
    assert.doesNotMatch(mail.text, /\u202E/);
    assert.ok(mail.text.includes(iso('Ali evil')), mail.text);
  });

  test('organiser e-mail: participant name and organisation isolated, subject not', async () => {
    const { composeOrganiserMail } = await import('../../src/server/mail/compose.js');
    const mail = composeOrganiserMail('organiser-new', {
      to: { email: 'org@example.org', name: 'Femke' },
      locale: 'nl',
      consoleUrl: 'https://aanmelding.example.org/beheer',
      news: [{ network, sessionId: 'start', participant: { name: participant.name, organisation: orgHe }, status: 'confirmed' }],
    });
    assert.ok(mail.text.includes(iso(participant.name)), mail.text);
    assert.ok(mail.text.includes(iso(orgHe)), mail.text);
    assert.ok(mail.text.includes(iso(titleAr)), mail.text);
    assert.doesNotMatch(mail.subject, /[\u2066-\u2069]/);
  });
});

describe('through the server and a real SMTP peer', () => {
  let s: TestServer;
  let smtp: Awaited<ReturnType<typeof smtpPeer>>;
  before(async () => {
    s = await startServer('pglite', [doc()]);
    smtp = await smtpPeer();
  });
  after(async () => {
    await s.close();
    await smtp.close();
  });

  test('the confirmation as it arrives: programme, note and isolated names; plain headers and attachment', async () => {
    const res = await s.post('/api/networks/inhoud-mail/registrations', { participant: { ...participant, organisation: orgHe } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' });
    assert.deepEqual(await deliverOutbox(s.db, mailer), { sent: 1, failed: 0 });
    const mail = smtp.received[0]!;
    const text = mail.text ?? '';
    positions(text, ['Let op: we zitten nu in zaal 3.', 'Inloop vanaf 19.00 uur', '19.30–20.00 uur Welkom', iso(participant.name), iso(speakerHe)]);
    assert.doesNotMatch(mail.subject ?? '', /[\u2066-\u2069]/);
    assert.ok((mail.subject ?? '').includes(titleAr));
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8') ?? (mail as any).alternatives?.[0]?.content;
    assert.ok(ics, 'a calendar file');
    assert.doesNotMatch(String(ics), /[\u2066-\u2069]/);
    parseIcs(String(ics));
  });
});
