// Issue 23 (m23c), item 3: a closed group. Registration `mode: "closed"`: nobody registers on the
// public form; organisers add the participants themselves (the existing organiser add), so the
// confirmation, reminders, attendance and messages work for them. Its venue is for participants
// only (`venue.participantsOnly`): the public document, agenda and feed show the date and the city;
// the participant's e-mail, .ics, manage page and personal feed carry the full address.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, network, person, smtpPeer, signInAs, openTestDb, tempDir, BACKENDS, type TestServer, type SignedIn } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { parseNetwork } from '../../src/core/index.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';
import { composeRevisionMail } from '../../src/server/mail/compose.js';

const SECRET = ['Huize Vertrouwelijk', 'Achterom 7', '1234 AB', 'zaal De Stilte', 'bel aan bij de zijdeur'];

const closed = network({
  id: 'wethouders',
  title: 'Vertrouwelijke kring van wethouders',
  kind: 'intervision',
  sessions: [
    {
      id: 'een',
      title: 'Eerste kring',
      type: 'intervision',
      start: '2030-05-14T19:30',
      end: '2030-05-14T21:30',
      venue: { type: 'physical', participantsOnly: true, name: 'Huize Vertrouwelijk', room: 'zaal De Stilte', address: 'Achterom 7', postalCode: '1234 AB', city: 'Zwolle', accessibility: 'bel aan bij de zijdeur' },
    },
  ],
  registration: { mode: 'closed', fields: { organisation: 'optional', organisationType: 'off' } },
});

const leaks = (text: string) => SECRET.filter((s) => text.includes(s));

test('the validator says when a venue for participants only reaches nobody (registration elsewhere)', () => {
  const raw = JSON.parse(JSON.stringify(closed));
  raw.registration = { mode: 'external', url: 'https://example.org/aanmelden' };
  const r = parseNetwork(raw);
  assert.ok(r.ok);
  const w = r.warnings.find((x) => x.code === 'participants-only-unseen');
  assert.equal(w?.path, 'sessions[0].venue.participantsOnly');
  assert.match(w!.message.nl, /niemand/);
  assert.match(w!.message.en, /nobody/);
  const fine = parseNetwork(JSON.parse(JSON.stringify(closed)));
  assert.ok(fine.ok);
  assert.deepEqual(fine.warnings, [], 'a closed group keeps its participants: no warning');
});

for (const backend of BACKENDS) {
  describe(`a closed group with a venue for participants only on ${backend}`, () => {
    let s: TestServer;
    let smtp: Awaited<ReturnType<typeof smtpPeer>>;
    let me: SignedIn;
    const deliver = async () => deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
    const mailsTo = (address: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address);

    before(async () => {
      smtp = await smtpPeer();
      s = await startServer(backend, [closed], { manageUrl: 'https://aanmelden.example.org/beheren#{token}', publicUrl: 'https://aanmelden.example.org' });
      me = await signInAs(s, 'organisator@example.org', { wethouders: 'organiser' });
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('the public document, list and feed show the date and the city, never the address', async () => {
      const doc = await s.request('GET', '/api/networks/wethouders');
      assert.equal(doc.status, 200);
      assert.deepEqual(leaks(doc.text), [], 'the public JSON holds no part of the hidden address');
      const venue = doc.body.network.sessions[0].venue;
      assert.deepEqual(venue, { type: 'physical', participantsOnly: true, city: 'Zwolle' }, 'the city stays, and that the address is for participants');
      assert.deepEqual(leaks((await s.request('GET', '/api/networks')).text), []);
      for (const lang of ['nl', 'en']) {
        const feed = await s.request('GET', `/api/networks/wethouders/calendar.ics?lang=${lang}`);
        assert.equal(feed.status, 200);
        assert.deepEqual(leaks(feed.text), [], 'the public feed holds no part of the hidden address');
        const event = new ICAL.Component(ICAL.parse(feed.text)).getFirstSubcomponent('vevent')!;
        assert.equal(event.getFirstPropertyValue('location'), 'Zwolle');
        assert.equal(new ICAL.Event(event).startDate.toString().slice(0, 10), '2030-05-14');
      }
    });

    test('nobody registers on the public form; the organiser adds a participant, who gets the full address in e-mail, .ics, manage page and own feed', async () => {
      const form = await s.post('/api/networks/wethouders/registrations', { ...person('buiten'), sessionId: undefined });
      assert.equal(form.status, 409, 'a closed group takes no registrations from the form');

      const added = await s.request('POST', '/api/admin/networks/wethouders/registrations', {
        body: { registration: person('lid') },
        headers: { ...me.headers, 'content-type': 'application/json' },
      });
      assert.equal(added.status, 201, added.text);
      assert.equal(added.body.status, 'confirmed');
      await deliver();
      const mail = mailsTo('deelnemerlid@example.org').at(-1)!;
      assert.ok(mail, 'the participant the organiser added gets the confirmation');
      for (const part of ['Huize Vertrouwelijk', 'Achterom 7', '1234 AB Zwolle']) assert.ok(mail.text!.includes(part), `the e-mail says "${part}"`);
      const ics = mail.attachments.find((a) => a.contentType === 'text/calendar')!;
      const event = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
      assert.equal(event.getFirstPropertyValue('location'), 'Huize Vertrouwelijk, zaal De Stilte, Achterom 7, 1234 AB Zwolle');
      assert.match(String(event.getFirstPropertyValue('description')), /bel aan bij de zijdeur/);

      const token = /beheren#([^\s"<>]+)/.exec(mail.text!)![1]!;
      const own = await s.request('GET', `/api/registrations/${encodeURIComponent(token)}`);
      assert.equal(own.status, 200, own.text);
      assert.deepEqual(own.body.venues, { een: closed.sessions[0]!.venue }, 'the manage page gets the full venue of the session they have a place at');
      const feed = await s.request('GET', new URL(own.body.calendarUrl).pathname);
      assert.equal(feed.status, 200, feed.text);
      const feedEvent = new ICAL.Component(ICAL.parse(feed.text)).getFirstSubcomponent('vevent')!;
      assert.equal(feedEvent.getFirstPropertyValue('location'), 'Huize Vertrouwelijk, zaal De Stilte, Achterom 7, 1234 AB Zwolle');

      // The place is counted like any other.
      const { rows } = await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM registrations WHERE network_id = 'wethouders' AND status = 'confirmed'`);
      assert.equal(Number(rows[0]!.n), 1);
    });

    test('a participant the organiser added gets the reminder, with the full address', async () => {
      const { db } = await openTestDb(backend);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: closed, raw: closed }]);
        const store = new RegistrationService(db, registry, { secret: Buffer.alloc(32, 7), now: () => new Date('2030-05-01T09:00:00Z') });
        const r = await store.registerByOrganiser(closed, person('herinner'), { overCapacity: false, sendEmail: false });
        assert.equal(r.kind, 'created');
        assert.equal(await store.sendReminders(new Date('2030-05-13T09:00:00Z')), 1, 'the reminder two days before');
        const { rows } = await db.query<{ message: unknown }>("SELECT message FROM mail_outbox WHERE kind = 'reminder'");
        const message = (typeof rows[0]!.message === 'string' ? JSON.parse(rows[0]!.message) : rows[0]!.message) as { text: string };
        assert.ok(message.text.includes('Achterom 7'), 'the reminder says where');
      } finally {
        await db.close();
      }
    });

    test('the public document after the organiser adds people still holds no address', async () => {
      const doc = await s.request('GET', '/api/networks/wethouders');
      assert.deepEqual(leaks(doc.text), []);
    });
  });
}

for (const backend of BACKENDS) {
  test(`on ${backend}: someone on the waiting list reads what the public reads, not the address for participants`, async () => {
    const open = network({ ...closed, id: 'wachten', sessions: closed.sessions, registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
    const { db } = await openTestDb(backend);
    const dir = tempDir();
    try {
      const registry = await NetworkRegistry.open(db, [{ network: open, raw: open }]);
      const store = new RegistrationService(db, registry, { secret: Buffer.alloc(32, 7), now: () => new Date('2030-05-01T09:00:00Z') });
      assert.equal((await store.register(open, person('plek'))).kind, 'created');
      const waiting = await store.register(open, person('wacht'));
      assert.equal(waiting.kind === 'created' && waiting.status, 'waitlisted');
      await deliverOutbox(db, createMailer({ outboxDir: dir, from: 'noreply@example.org' }));
      const mails = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
      const to = (who: string) => mails.find((m) => m.includes(`deelnemer${who}@example.org`))!;
      assert.ok(to('plek').includes('Achterom 7'), 'the person with a place reads the address');
      assert.deepEqual(leaks(to('wacht')), [], 'the person waiting reads no part of it');
      assert.ok(to('wacht').includes('Zwolle'), 'but the city, as the public does');
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// Issue 23, privacy: a person waiting for an intake answer (pending) or for a place (waiting list)
// has no place yet. Their e-mails AND the calendar file attached to them carry what the public
// reads of a venue for participants only (the date and the city), not the address.
for (const backend of BACKENDS) {
  test(`on ${backend}: the .ics and e-mails of someone pending or waiting carry the public venue; only a place brings the address`, async () => {
    const intake = network({ ...closed, id: 'intake', sessions: closed.sessions, registration: { mode: 'built-in', capacity: 10, approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
    const full = network({ ...closed, id: 'vol', sessions: closed.sessions, registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
    const { db } = await openTestDb(backend);
    const smtp = await smtpPeer();
    try {
      const registry = await NetworkRegistry.open(db, [intake, full].map((n) => ({ network: n, raw: n })));
      const store = new RegistrationService(db, registry, { secret: Buffer.alloc(32, 7), now: () => new Date('2030-05-01T09:00:00Z') });
      const pending = await store.register(intake, person('intake'));
      assert.equal(pending.kind === 'created' && pending.status, 'pending');
      assert.equal((await store.register(full, person('plek'))).kind, 'created');
      const waiting = await store.register(full, person('wacht'));
      assert.equal(waiting.kind === 'created' && waiting.status, 'waitlisted');
      assert.equal(await store.sendReminders(new Date('2030-05-13T09:00:00Z')), 3, 'a reminder for each of the three');
      await deliverOutbox(db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
      const to = (who: string) => smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === `deelnemer${who}@example.org`);
      const calendars = (m: (typeof smtp.received)[number]) => m.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => a.content.toString('utf8'));
      const location = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('location');
      for (const who of ['intake', 'wacht']) {
        assert.equal(to(who).length, 2, `${who}: the first e-mail and the reminder`);
        for (const m of to(who)) {
          assert.deepEqual(leaks(m.text!), [], `${who}, "${m.subject}": the e-mail holds no part of the address`);
          assert.ok(m.text!.includes('Zwolle'), `${who}, "${m.subject}": the city, as the public reads it`);
          for (const ics of calendars(m)) {
            assert.deepEqual(leaks(ics), [], `${who}, "${m.subject}": the calendar file holds no part of the address`);
            assert.equal(location(ics), 'Zwolle', `${who}, "${m.subject}": the calendar item's location is the city`);
          }
        }
      }
      assert.equal(to('intake').filter((m) => calendars(m).length).length, 2, 'the intake e-mails do carry a calendar item');
      const place = to('plek');
      assert.ok(place.length === 2 && place.every((m) => m.text!.includes('Achterom 7')), 'the person with a place reads the address');
      for (const m of place) assert.equal(location(calendars(m)[0]!), 'Huize Vertrouwelijk, zaal De Stilte, Achterom 7, 1234 AB Zwolle');
    } finally {
      await db.close();
      await smtp.close();
    }
  });
}

test('news of a changed venue tells the address to people with a place only, in the text and in the calendar file', () => {
  const session = closed.sessions[0]!;
  const was = { ...session, venue: { type: 'physical' as const, city: 'Zwolle' } };
  for (const hasPlace of [false, true]) {
    const { message } = composeRevisionMail([{ kind: 'session-venue', session, was }], { network: closed, participant: { name: 'Anna', email: 'anna@example.org' }, locale: 'nl', hasPlace });
    const ics = message.ics!.content;
    if (hasPlace) assert.ok(message.text.includes('Achterom 7') && ics.includes('Achterom 7'), 'a place: the address');
    else {
      assert.deepEqual(leaks(message.text), [], 'no place: no part of the address in the e-mail');
      assert.deepEqual(leaks(ics), [], 'no place: nor in its calendar file');
      assert.equal(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('location'), 'Zwolle');
    }
  }
});
