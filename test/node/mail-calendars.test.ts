// Every calendar object the server sends after a participant's own change (issue 23), as it
// arrives at a real SMTP peer and as an independent reader (ical.js) reads it: METHOD said inside
// and in the part's header, an ORGANIZER, each calendar attached once, and the same UID as the
// feed with a SEQUENCE that outranks what the person had.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { createMailer, deliverOutbox, RegistrationService } from '../../src/server/index.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { ADMIN_TOKEN, BACKENDS, network, networkDocumentApi, person, smtpPeer, startServer, type TestServer } from './helpers.js';

/** The calendars of an e-mail: the part's method parameter, and what ical.js reads in it. */
function calendars(mail: ParsedMail) {
  return mail.attachments
    .filter((a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics')
    .map((a) => {
      const cal = new ICAL.Component(ICAL.parse(a.content.toString('utf8')));
      const header = a.headers.get('content-type') as { params?: Record<string, string> } | undefined;
      return {
        contentType: a.contentType,
        headerMethod: header?.params?.method?.toUpperCase(),
        method: cal.getFirstPropertyValue('method') as string | null,
        events: cal.getAllSubcomponents('vevent').map((v) => ({
          uid: v.getFirstPropertyValue('uid') as string,
          sequence: v.getFirstPropertyValue('sequence') as number,
          status: v.getFirstPropertyValue('status') as string,
          organizer: String(v.getFirstPropertyValue('organizer') ?? ''),
          description: String(v.getFirstPropertyValue('description') ?? ''),
        })),
      };
    });
}

const recipientIs = (m: ParsedMail, address: string) => !Array.isArray(m.to) && m.to?.value[0]?.address === address;

/** What an iTIP reader requires of every calendar we send (RFC 5546 3.2.1 PUBLISH, 3.2.5 CANCEL). */
function assertItip(mail: ParsedMail) {
  const all = calendars(mail);
  for (const c of all) {
    assert.equal(c.contentType, 'text/calendar', `${mail.subject}: one text/calendar part per calendar, no application/ics copy`);
    assert.ok(c.method === 'PUBLISH' || c.method === 'CANCEL', `${mail.subject}: METHOD inside the calendar (got ${c.method})`);
    assert.equal(c.headerMethod, c.method, `${mail.subject}: the part's method parameter says the same`);
    for (const e of c.events) {
      assert.match(e.organizer, /^mailto:.+@.+/, `${mail.subject}: ORGANIZER on ${e.uid}`);
      if (c.method === 'CANCEL') assert.equal(e.status, 'CANCELLED');
    }
  }
  return all;
}

const doc = (contact: boolean) =>
  network({
    id: 'reeks',
    ...(contact ? {} : { contact: undefined }),
    sessions: [
      { id: 'een', title: 'Dag een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', venue: { type: 'hybrid', name: 'Provinciehuis', city: 'Zwolle', joinUrl: 'https://example.org/geheime-link', note: 'Zaal volgt' } },
      { id: 'twee', title: 'Dag twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', venue: { type: 'to-be-announced', note: 'bij een van de deelnemende gemeenten' } },
    ],
    registration: { mode: 'built-in', scope: 'session', fields: { organisation: 'optional', organisationType: 'off' } },
  });

for (const backend of BACKENDS) {
  describe(`calendars after a participant's own change, over SMTP, on ${backend}`, () => {
    let s: TestServer;
    let peer: Awaited<ReturnType<typeof smtpPeer>>;
    before(async () => {
      s = await startServer(backend, [doc(true)], { publicUrl: 'https://aanmelden.example.org' });
      peer = await smtpPeer();
    });
    after(async () => {
      await s.close();
      await peer.close();
    });
    const deliver = async () => {
      await deliverOutbox(s.db, createMailer({ smtpUrl: peer.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
      return peer.received.splice(0);
    };
    const feedSequence = async (uid: string) => {
      const text = await (await fetch(`${s.url}/api/networks/reeks/calendar.ics`)).text();
      const cal = new ICAL.Component(ICAL.parse(text));
      const event = cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === uid)!;
      return event.getFirstPropertyValue('sequence') as number;
    };

    test('confirmation: PUBLISH with METHOD, ORGANIZER (the contact), the join link, attached once', async () => {
      const r = await s.post('/api/networks/reeks/registrations', { ...person('a'), sessionId: 'een' });
      assert.equal(r.status, 201);
      const [mail] = await deliver();
      const [cal, ...more] = assertItip(mail!);
      assert.equal(more.length, 0, 'one calendar, attached once');
      assert.equal(cal!.method, 'PUBLISH');
      assert.equal(cal!.events[0]!.uid, 'een.reeks@leerkring');
      assert.equal(cal!.events[0]!.organizer, 'mailto:organisator@example.org');
      assert.equal(cal!.events[0]!.sequence, await feedSequence('een.reeks@leerkring'), 'the same SEQUENCE as the feed');
      assert.match(cal!.events[0]!.description, /https:\/\/example\.org\/geheime-link/, 'a person with a place gets the join link in the calendar too');
      assert.match(mail!.text!, /Zaal volgt/, 'the venue note is in the e-mail');
    });

    test('"Je bent afgemeld": a CANCEL of the same UID with a higher SEQUENCE, never a PUBLISH', async () => {
      const r = await s.post('/api/networks/reeks/registrations', { ...person('b'), sessionId: 'een' });
      await deliver();
      assert.equal((await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {})).status, 200);
      const [mail] = await deliver();
      assert.match(mail!.subject!, /^Je bent afgemeld/);
      const [cal, ...more] = assertItip(mail!);
      assert.equal(more.length, 0);
      assert.equal(cal!.method, 'CANCEL');
      assert.equal(cal!.events[0]!.uid, 'een.reeks@leerkring');
      assert.equal(cal!.events[0]!.sequence, (await feedSequence('een.reeks@leerkring')) + 1);
    });

    test('a switch publishes the new session and cancels the old UID in the same e-mail', async () => {
      const r = await s.post('/api/networks/reeks/registrations', { ...person('c'), sessionId: 'een' });
      await deliver();
      const moved = await s.post(`/api/registrations/${r.body.manageToken}/switch`, { sessionId: 'twee' });
      assert.equal(moved.status, 200);
      const [mail] = await deliver();
      const cals = assertItip(mail!);
      assert.deepEqual(
        cals.map((c) => [c.method, c.events.map((e) => e.uid)]),
        [
          ['PUBLISH', ['twee.reeks@leerkring']],
          ['CANCEL', ['een.reeks@leerkring']],
        ],
      );
      assert.equal(cals[1]!.events[0]!.sequence, (await feedSequence('een.reeks@leerkring')) + 1);
    });

    test('an organiser moves a session: the revision e-mail PUBLISHes the feed\'s UID and SEQUENCE, with METHOD and ORGANIZER', async () => {
      await s.post('/api/networks/reeks/registrations', { ...person('e'), sessionId: 'twee' });
      await deliver();
      const docs = networkDocumentApi(s.url, 'reeks', { authorization: `Bearer ${ADMIN_TOKEN}` });
      await docs.save((d) => {
        const twee = d.sessions.find((x: { id: string }) => x.id === 'twee');
        twee.start = '2030-06-08T10:00';
        twee.end = '2030-06-08T16:00';
      });
      const mails = (await deliver()).filter((m) => m.subject!.startsWith('Gewijzigde datum'));
      assert.ok(mails.length >= 1, 'the people of the moved session hear of it');
      for (const mail of mails) {
        assert.match(mail.text!, /^Wanneer: zaterdag 8 juni 2030, 10\.00 uur\r?\nEerst was dit: zaterdag 1 juni 2030, 10\.00 uur$/m, 'the e-mail says the old date too');
        const [cal] = assertItip(mail);
        assert.equal(cal!.method, 'PUBLISH');
        assert.equal(cal!.events[0]!.uid, 'twee.reeks@leerkring');
        assert.equal(cal!.events[0]!.sequence, await feedSequence('twee.reeks@leerkring'));
      }
    });

    test('an organiser cancels a session: the e-mail says which date it was, so two sessions with one title can be told apart', async () => {
      await s.post('/api/networks/reeks/registrations', { ...person('h'), sessionId: 'een' });
      await deliver();
      const docs = networkDocumentApi(s.url, 'reeks', { authorization: `Bearer ${ADMIN_TOKEN}` });
      await docs.save((d) => {
        d.sessions.find((x: { id: string }) => x.id === 'een').status = 'cancelled';
      });
      const mails = (await deliver()).filter((m) => m.subject!.startsWith('Bijeenkomst gaat niet door'));
      assert.ok(mails.length >= 1);
      for (const mail of mails) {
        assert.match(mail.text!, /^Dit ging over de bijeenkomst van woensdag 1 mei 2030, 10\.00 uur\.$/m);
        const [cal] = assertItip(mail);
        assert.equal(cal!.method, 'CANCEL');
      }
      await docs.save((d) => {
        delete d.sessions.find((x: { id: string }) => x.id === 'een').status;
      });
      // Taken back: it takes place after all, which is not "Datum bekend" (issue 24).
      const back = (await deliver()).filter((m) => recipientIs(m, 'deelnemerh@example.org'));
      assert.equal(back.length, 1);
      assert.match(back[0]!.subject!, /^Gaat toch door: Dag een/);
      assert.match(back[0]!.text!, /Dag een \(\u2068Testworkshop\u2069\) gaat toch door\./);
      assert.equal(assertItip(back[0]!)[0]!.method, 'PUBLISH');
    });

    test('a reminder brings the calendar item of a person with a place up to date: the feed\'s UID and SEQUENCE', async () => {
      await s.post('/api/networks/reeks/registrations', { ...person('f'), sessionId: 'een' });
      await deliver();
      // The reminder job as serve runs it: over the documents in the database, with their revision history.
      const registry = await NetworkRegistry.open(s.db);
      const reminders = new RegistrationService(s.db, registry, { secret: Buffer.from('test-secret-test-secret-test-sec'), timeline: (n, q) => registry.timeline(n, q) });
      assert.ok((await reminders.sendReminders(new Date('2030-04-30T09:00:00Z'))) >= 1);
      const mails = (await deliver()).filter((m) => m.subject!.startsWith('Herinnering'));
      assert.ok(mails.length >= 1);
      for (const mail of mails) {
        const [cal] = assertItip(mail);
        assert.equal(cal!.method, 'PUBLISH');
        assert.equal(cal!.events[0]!.uid, 'een.reeks@leerkring');
        assert.equal(cal!.events[0]!.sequence, await feedSequence('een.reeks@leerkring'));
      }
    });

    test("the personal feed: METHOD:PUBLISH, ORGANIZER, the join link, and the public feed's UID and SEQUENCE", async () => {
      const r = await s.post('/api/networks/reeks/registrations', { ...person('g'), sessionId: 'een' });
      await deliver();
      const view = await s.get(`/api/registrations/${r.body.manageToken}`);
      const path = new URL(view.body.calendarUrl).pathname;
      const text = await (await fetch(`${s.url}${path}`)).text();
      const cal = new ICAL.Component(ICAL.parse(text));
      assert.equal(cal.getFirstPropertyValue('method'), 'PUBLISH');
      const [event] = cal.getAllSubcomponents('vevent');
      assert.equal(event!.getFirstPropertyValue('uid'), 'een.reeks@leerkring');
      assert.equal(event!.getFirstPropertyValue('sequence'), await feedSequence('een.reeks@leerkring'));
      assert.equal(String(event!.getFirstPropertyValue('organizer')), 'mailto:organisator@example.org');
      assert.match(String(event!.getFirstPropertyValue('description')), /https:\/\/example\.org\/geheime-link/);
    });
  });
}

describe('a network without a contact address', () => {
  test("the sender's address is the ORGANIZER", async () => {
    const s = await startServer('pglite', [doc(false)]);
    const peer = await smtpPeer();
    try {
      await s.post('/api/networks/reeks/registrations', { ...person('d'), sessionId: 'twee' });
      await deliverOutbox(s.db, createMailer({ smtpUrl: peer.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
      const [cal] = assertItip(peer.received[0]!);
      assert.equal(cal!.events[0]!.organizer, 'mailto:noreply@example.org');
    } finally {
      await s.close();
      await peer.close();
    }
  });
});

describe('a session over two days (issue 23)', () => {
  test('the e-mail says when it starts and when it ends, on which day', async () => {
    const { composeMail } = await import('../../src/server/mail/compose.js');
    const n = network({ id: 'eiland', sessions: [{ id: 'twee-dagen', title: 'Eilanddagen', type: 'other', start: '2030-05-27T08:30', end: '2030-05-28T17:30' }] });
    const mail = composeMail('confirmed', { network: n, sessionId: 'twee-dagen', participant: { name: 'Anna', email: 'anna@example.org' }, locale: 'nl' });
    assert.match(mail.text, /^Wanneer: maandag 27 mei 2030, 08\.30 uur – dinsdag 28 mei 2030, 17\.30 uur$/m);
  });
});
