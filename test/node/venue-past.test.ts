// Issue 23: "Locatie volgt" is a promise. Once a session is over, its calendar item (the e-mail's
// attachment and the person's own feed) and the e-mail's "Waar:" line make none: a session that
// never got a venue has no LOCATION, a to-be-announced one keeps what is known (its city, its
// note). A session still to come keeps "Locatie volgt". The server's clock decides what is past.
// Read back by ical.js, the e-mails through a real SMTP peer.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { BACKENDS, startServer, network, person, recipient, smtpPeer, tempDir, type TestServer } from './helpers.js';

const doc = network({
  id: 'voorbij',
  title: 'Kring die voorbij is',
  sessions: [
    { id: 'zonder', title: 'Kring zonder plek', type: 'other', start: '2030-05-01T19:30', end: '2030-05-01T21:30' },
    { id: 'volgt', title: 'Kring met plek die volgt', type: 'other', start: '2030-05-02T19:30', end: '2030-05-02T21:30', venue: { type: 'to-be-announced', city: 'Zwolle', note: 'Zaal volgt per e-mail' } },
    { id: 'later', title: 'Latere kring', type: 'other', start: '2030-09-01T19:30', end: '2030-09-01T21:30' },
  ],
  registration: { mode: 'built-in', scope: 'session', fields: { organisation: 'optional', organisationType: 'off' } },
});
const who: Record<string, string> = { zonder: 'deelnemerzonder@example.org', volgt: 'deelnemervolgt@example.org', later: 'deelnemerlater@example.org' };
/** After the first two sessions, before the third. */
const EXPECTED: Record<string, string | null> = { zonder: null, volgt: 'Zwolle · Zaal volgt per e-mail', later: 'Locatie volgt' };

/** LOCATION per session id, as ical.js reads a calendar; null where there is none. */
function locations(ics: string): Record<string, string | null> {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return Object.fromEntries(
    cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')).split('.')[0], (v.getFirstPropertyValue('location') as string | null) ?? null]),
  );
}

for (const backend of BACKENDS) {
  describe(`a session that is over promises no location, on ${backend}`, () => {
    let s: TestServer;
    let clock = new Date('2030-03-01T12:00:00Z');
    const tokens: Record<string, string> = {};
    before(async () => {
      s = await startServer(backend, [doc], { now: () => clock, publicUrl: 'https://aanmelden.example.org', rateLimitPerMinute: 1000 });
      for (const id of Object.keys(who)) {
        const r = await s.post('/api/networks/voorbij/registrations', { ...person(id), sessionId: id });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        tokens[id] = r.body.manageToken;
      }
      clock = new Date('2030-06-01T12:00:00Z');
    });
    after(() => s.close());

    test('the e-mail composed after the session: no "Waar: Locatie volgt", no such LOCATION in its attachment', async () => {
      const smtp = await smtpPeer();
      try {
        await deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' }));
        for (const [id, email] of Object.entries(who)) {
          const mail = smtp.received.find((m) => recipient(m) === email);
          assert.ok(mail, `an e-mail to ${email}`);
          const where = (mail.text ?? '').replace(/[\u2066-\u2069]/g, '').split('\n').find((l) => l.startsWith('Waar: '));
          assert.equal(where ?? null, EXPECTED[id] && `Waar: ${EXPECTED[id]}`, `${id}: ${mail.text}`);
          const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8');
          assert.ok(ics, `${id}: a calendar file`);
          assert.deepEqual(locations(ics), { [id]: EXPECTED[id] });
        }
      } finally {
        await smtp.close();
      }
    });

    test('the public feed: "Locatie volgt" while the sessions are to come; once they are over, no promise (not a copy made before)', async () => {
      const was = clock;
      try {
        clock = new Date('2030-03-01T12:00:00Z');
        const before = await s.request('GET', '/api/networks/voorbij/calendar.ics');
        assert.equal(before.status, 200, before.text);
        assert.deepEqual(locations(before.text), { zonder: 'Locatie volgt', volgt: 'Zwolle · Locatie volgt · Zaal volgt per e-mail', later: 'Locatie volgt' });
        clock = was;
        const after = await s.request('GET', '/api/networks/voorbij/calendar.ics');
        assert.deepEqual(locations(after.text), EXPECTED);
      } finally {
        clock = was;
      }
    });

    test("the person's own feed, read after the session", async () => {
      for (const id of Object.keys(who)) {
        const view = await s.get(`/api/registrations/${tokens[id]}`);
        assert.equal(view.status, 200, JSON.stringify(view.body));
        const feed = await s.request('GET', new URL(view.body.calendarUrl).pathname);
        assert.equal(feed.status, 200, feed.text);
        assert.deepEqual(locations(feed.text), { [id]: EXPECTED[id] });
      }
    });
  });
}
