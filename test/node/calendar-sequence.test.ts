// A person's calendar item never goes back in SEQUENCE (issue 23, RFC 5546): after their own
// CANCEL (one higher than the item they had), a later PUBLISH of the same UID to them (switching
// back, registering again, choosing a workshop again, saying yes again) must be higher still, or
// their calendar ignores it and the item stays cancelled. Read as a real SMTP peer receives the
// e-mails and as ical.js reads them; the personal feed says the SEQUENCE of the last e-mail.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { ADMIN_TOKEN, BACKENDS, network, networkDocumentApi, person, recipient, smtpPeer, startServer, type TestServer } from './helpers.js';

/** Every calendar item of an e-mail, in order: UID, METHOD of its calendar, SEQUENCE. */
function items(mail: ParsedMail) {
  return mail.attachments
    .filter((a) => a.contentType === 'text/calendar')
    .flatMap((a) => {
      const cal = new ICAL.Component(ICAL.parse(a.content.toString('utf8')));
      const method = String(cal.getFirstPropertyValue('method'));
      return cal.getAllSubcomponents('vevent').map((v) => ({ uid: String(v.getFirstPropertyValue('uid')), method, sequence: Number(v.getFirstPropertyValue('sequence')) }));
    });
}

/** UID → SEQUENCE of a calendar text (the personal feed). */
function feedSequences(ics: string): Map<string, number> {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return new Map(cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), Number(v.getFirstPropertyValue('sequence'))]));
}

const perSession = network({
  id: 'dagen',
  sessions: [
    { id: 'een', title: 'Dag een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00' },
    { id: 'twee', title: 'Dag twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00' },
  ],
  registration: { mode: 'built-in', scope: 'session', fields: { organisation: 'optional', organisationType: 'off' } },
});
const series = network({
  id: 'reeks',
  sessions: [
    { id: 'start', title: 'Aftrap', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
    { id: 'ronde-a', title: 'Werkplaats A', type: 'workshop', start: '2030-05-15T13:00', end: '2030-05-15T15:00', chooseOne: 'middag' },
    { id: 'ronde-b', title: 'Werkplaats B', type: 'workshop', start: '2030-05-15T13:00', end: '2030-05-15T15:00', chooseOne: 'middag' },
    { id: 'excursie', title: 'Excursie', type: 'other', start: '2030-06-02T10:00', end: '2030-06-02T15:00', optional: true, capacity: 20 },
  ],
  registration: { mode: 'built-in', capacity: 50, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

for (const backend of BACKENDS) {
  describe(`a person's calendar SEQUENCE never goes down, over SMTP, on ${backend}`, () => {
    let s: TestServer;
    let peer: Awaited<ReturnType<typeof smtpPeer>>;
    before(async () => {
      s = await startServer(backend, [perSession, series], { publicUrl: 'https://aanmelden.example.org', now: () => new Date('2030-03-01T12:00:00Z') });
      peer = await smtpPeer();
    });
    after(async () => {
      await s.close();
      await peer.close();
    });
    /** What each person received so far, per UID in order: METHOD and SEQUENCE. */
    const seen = new Map<string, Map<string, { method: string; sequence: number }[]>>();
    /** Delivers the outbox to the peer and checks every item against what the same person had of that UID. */
    const deliver = async () => {
      await deliverOutbox(s.db, createMailer({ smtpUrl: peer.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
      for (const mail of peer.received.splice(0)) {
        const to = recipient(mail)!;
        const mine = seen.get(to) ?? new Map();
        seen.set(to, mine);
        for (const item of items(mail)) {
          const history = mine.get(item.uid) ?? [];
          const last = history.at(-1);
          if (last) {
            assert.ok(item.sequence >= last.sequence, `${to} ${item.uid}: ${item.method}#${item.sequence} after ${last.method}#${last.sequence} ("${mail.subject}")`);
            if (item.method !== last.method)
              assert.ok(item.sequence > last.sequence, `${to} ${item.uid}: ${item.method}#${item.sequence} after ${last.method}#${last.sequence} must be higher ("${mail.subject}")`);
          }
          history.push(item);
          mine.set(item.uid, history);
        }
      }
    };
    /** The person's personal feed has, for every UID in it, the SEQUENCE of the last e-mail they got of it (a PUBLISH). */
    const feedAgrees = async (token: string, to: string, expected: string[]) => {
      const view = await s.get(`/api/registrations/${token}`);
      const text = await (await fetch(`${s.url}${new URL(view.body.calendarUrl).pathname}`)).text();
      const feed = feedSequences(text);
      assert.deepEqual([...feed.keys()].sort(), expected.sort());
      for (const [uid, sequence] of feed) {
        const last = seen.get(to)?.get(uid)?.at(-1);
        assert.ok(last, `${to} got ${uid} by e-mail`);
        assert.equal(last.method, 'PUBLISH', `${to} ${uid}: the last e-mail published it`);
        assert.equal(sequence, last.sequence, `${to} ${uid}: the feed says the SEQUENCE of the last e-mail`);
      }
    };
    const methods = (to: string, uid: string) => seen.get(to)?.get(uid)?.map((i) => `${i.method}#${i.sequence}`);

    test('switching back to a session left: the PUBLISH outranks the CANCEL the person got', async () => {
      const r = await s.post('/api/networks/dagen/registrations', { ...person('wissel'), sessionId: 'een' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      await deliver();
      for (const to of ['twee', 'een', 'twee']) {
        assert.equal((await s.post(`/api/registrations/${r.body.manageToken}/switch`, { sessionId: to })).status, 200);
        await deliver();
      }
      const who = 'deelnemerwissel@example.org';
      assert.deepEqual(methods(who, 'een.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL', 'PUBLISH', 'CANCEL']);
      assert.deepEqual(methods(who, 'twee.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL', 'PUBLISH']);
      await feedAgrees(r.body.manageToken, who, ['twee.dagen@leerkring']);
    });

    test('registering again after cancelling, then an organiser moves the session: each e-mail outranks the last', async () => {
      const who = 'deelnemerterug@example.org';
      const first = await s.post('/api/networks/dagen/registrations', { ...person('terug'), sessionId: 'twee' });
      await deliver();
      assert.equal((await s.post(`/api/registrations/${first.body.manageToken}/cancel`, {})).status, 200);
      await deliver();
      const again = await s.post('/api/networks/dagen/registrations', { ...person('terug'), sessionId: 'twee' });
      assert.equal(again.status, 201, JSON.stringify(again.body));
      await deliver();
      assert.deepEqual(methods(who, 'twee.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL', 'PUBLISH']);
      await feedAgrees(again.body.manageToken, who, ['twee.dagen@leerkring']);
      const docs = networkDocumentApi(s.url, 'dagen', { authorization: `Bearer ${ADMIN_TOKEN}` });
      await docs.save((d) => {
        const twee = d.sessions.find((x: { id: string }) => x.id === 'twee');
        twee.start = '2030-06-08T10:00';
        twee.end = '2030-06-08T16:00';
      });
      await deliver();
      assert.equal(methods(who, 'twee.dagen@leerkring')!.length, 4, String(methods(who, 'twee.dagen@leerkring')));
      await feedAgrees(again.body.manageToken, who, ['twee.dagen@leerkring']);
    });

    test('a cancel before the confirmation went out: the confirmation, composed when it is sent, stays below the CANCEL', async () => {
      const who = 'deelnemerhaast@example.org';
      const r = await s.post('/api/networks/dagen/registrations', { ...person('haast'), sessionId: 'een' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal((await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {})).status, 200);
      await deliver();
      assert.deepEqual(methods(who, 'een.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL']);
    });

    test('choosing workshop A again in a choose-one group, and yes to the excursion again after no', async () => {
      const who = 'deelnemerkiezer@example.org';
      const r = await s.post('/api/networks/reeks/registrations', { ...person('kiezer'), joins: ['ronde-a', 'excursie'] });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      await deliver();
      for (const joins of [['ronde-b', 'excursie'], ['ronde-a', 'excursie'], ['ronde-a'], ['ronde-a', 'excursie']]) {
        assert.equal((await s.post(`/api/registrations/${r.body.manageToken}/joins`, { joins })).status, 200);
        await deliver();
      }
      assert.deepEqual(methods(who, 'ronde-a.reeks@leerkring')!.map((m) => m.split('#')[0]).slice(0, 3), ['PUBLISH', 'CANCEL', 'PUBLISH']);
      assert.deepEqual(methods(who, 'excursie.reeks@leerkring')!.map((m) => m.split('#')[0]).slice(-2), ['CANCEL', 'PUBLISH']);
      await feedAgrees(r.body.manageToken, who, ['start.reeks@leerkring', 'ronde-a.reeks@leerkring', 'excursie.reeks@leerkring']);
    });

    test('an organiser corrects an address to one whose calendar holds a CANCEL: the reminder and the feed outrank it', async () => {
      const who = 'deelnemerdoel@example.org';
      const gone = await s.post('/api/networks/dagen/registrations', { ...person('doel'), sessionId: 'een' });
      assert.equal(gone.status, 201, JSON.stringify(gone.body));
      await deliver();
      assert.equal((await s.post(`/api/registrations/${gone.body.manageToken}/cancel`, {})).status, 200);
      await deliver();
      assert.deepEqual(methods(who, 'een.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL']);
      const other = await s.post('/api/networks/dagen/registrations', { ...person('bron'), sessionId: 'een' });
      assert.equal(other.status, 201, JSON.stringify(other.body));
      await deliver();
      const edited = await s.admin('PUT', `/api/admin/registrations/${other.body.id}`, { registration: person('doel') });
      assert.equal(edited.status, 200, edited.text);
      await deliver();
      // Two days before 'een' (1 May, 10:00): the reminder carries its calendar item to the corrected address.
      assert.ok((await s.store.sendReminders(new Date('2030-04-29T12:00:00Z'))) >= 1);
      await deliver();
      assert.deepEqual(methods(who, 'een.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL', 'PUBLISH']);
      await feedAgrees(other.body.manageToken, who, ['een.dagen@leerkring']);
    });

    test('two registrations of one address: after one withdrew from a session, the other one that switches to it publishes above that CANCEL', async () => {
      const who = 'deelnemertweeling@example.org';
      const left = await s.post('/api/networks/dagen/registrations', { ...person('tweeling'), sessionId: 'twee' });
      const stays = await s.post('/api/networks/dagen/registrations', { ...person('tweeling'), sessionId: 'een' });
      assert.equal(left.status, 201, JSON.stringify(left.body));
      assert.equal(stays.status, 201, JSON.stringify(stays.body));
      await deliver();
      assert.equal((await s.post(`/api/registrations/${left.body.manageToken}/cancel`, {})).status, 200);
      await deliver();
      assert.equal((await s.post(`/api/registrations/${stays.body.manageToken}/switch`, { sessionId: 'twee' })).status, 200);
      await deliver();
      assert.deepEqual(methods(who, 'twee.dagen@leerkring')!.map((m) => m.split('#')[0]), ['PUBLISH', 'CANCEL', 'PUBLISH']);
      await feedAgrees(stays.body.manageToken, who, ['twee.dagen@leerkring']);
    });
  });
}
