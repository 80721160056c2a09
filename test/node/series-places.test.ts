// Places per session inside a registration for the whole series (issue 23): a hybrid closing in
// a room of 2 (40 in real life), an optional excursion with its own places, and two parallel
// workshops of which a person joins one. A series registrant gets a place per session while it
// has room, and otherwise waits on that session's own list; the API, the personal calendar feed
// and the e-mails say so truly, and a freed place goes to the first who waits for that session.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { parseNetwork } from '../../src/core/index.js';
import { BACKENDS, startServer, startNetworkServer, network, person, deliverAll, recipient, type NetworkDocumentApi, type TestServer } from './helpers.js';

const doc = {
  id: 'reeks',
  sessions: [
    { id: 'start', title: 'Aftrap', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
    { id: 'ronde-a', title: 'Werkplaats A', type: 'workshop', start: '2030-05-15T13:00', end: '2030-05-15T15:00', chooseOne: 'middag' },
    { id: 'ronde-b', title: 'Werkplaats B', type: 'workshop', start: '2030-05-15T13:00', end: '2030-05-15T15:00', chooseOne: 'middag' },
    {
      id: 'slot',
      title: 'Slotbijeenkomst',
      type: 'plenary',
      start: '2030-06-01T13:00',
      end: '2030-06-01T16:00',
      capacity: 2,
      venue: { type: 'hybrid', name: 'Provinciehuis', city: 'Zwolle', joinUrl: 'https://meet.example.org/slot' },
    },
    { id: 'excursie', title: 'Excursie', type: 'other', start: '2030-06-02T10:00', end: '2030-06-02T15:00', optional: true, capacity: 20 },
  ],
  registration: { mode: 'built-in', capacity: 50, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
};

/** The session ids of a calendar, read by ical.js (not our writer's code), by their SUMMARY. */
function titles(ics: string): string[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary')).replace(' (Testworkshop)', '')).sort();
}

describe('the model holds places per session in a series', () => {
  test('a session with its own places, an optional session and a choose-one group are valid in a series', () => {
    const r = parseNetwork({ kind: 'workshop', title: 'Reeks', summary: 'Een reeks.', organisers: [{ name: 'Provincie Voorbeeld' }], ...doc });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  });
});

for (const backend of BACKENDS) {
  describe(`places per session inside a series registration on ${backend}`, () => {
    let s: TestServer;
    const tokens: string[] = [];
    before(async () => {
      s = await startServer(backend, [network(doc)], { now: () => new Date('2030-03-01T12:00:00Z') });
    });
    after(() => s.close());

    test('the third for a closing with 2 places has the series but waits for the closing; the counts say it per session', async () => {
      for (const n of [1, 2, 3]) {
        const r = await s.post('/api/networks/reeks/registrations', { ...person(n), joins: ['ronde-a', 'excursie'] });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.status, 'confirmed');
        tokens.push(r.body.manageToken);
      }
      const third = (await s.get(`/api/registrations/${tokens[2]}`)).body;
      assert.deepEqual(third.places, { 'ronde-a': 'confirmed', 'ronde-b': 'declined', slot: 'waitlisted', excursie: 'confirmed' });
      assert.equal((await s.get(`/api/registrations/${tokens[0]}`)).body.places.slot, 'confirmed');
      const live = (await s.get('/api/networks/reeks')).body;
      const sessions = live.availability.sessions;
      assert.equal(sessions.slot.state, 'waitlist');
      assert.equal(sessions.slot.taken, 2);
      assert.equal(sessions.slot.waitlisted, 1);
      assert.equal(sessions.excursie.taken, 3);
      assert.equal(sessions['ronde-a'].taken, 3);
      assert.equal(sessions['ronde-b'].taken, 0);
    });

    test('the personal feed has only the sessions with a place: not the closing waited for, not the other workshop', async () => {
      const view = (await s.get(`/api/registrations/${tokens[2]}`)).body;
      const feed = await s.request('GET', new URL(view.calendarUrl).pathname);
      assert.deepEqual(titles(feed.text), ['Aftrap', 'Excursie', 'Werkplaats A']);
    });

    test('someone who says no to the excursion is not counted for it and does not get it; choosing both workshops is refused with a sentence', async () => {
      const no = await s.post('/api/networks/reeks/registrations', { ...person(4), joins: ['ronde-b'] });
      assert.equal(no.status, 201, JSON.stringify(no.body));
      const view = (await s.get(`/api/registrations/${no.body.manageToken}`)).body;
      assert.equal(view.places.excursie, 'declined');
      assert.equal(view.places['ronde-b'], 'confirmed');
      assert.equal((await s.get('/api/networks/reeks')).body.availability.sessions.excursie.taken, 3);
      const feed = await s.request('GET', new URL(view.calendarUrl).pathname);
      assert.deepEqual(titles(feed.text), ['Aftrap', 'Werkplaats B']);

      const both = await s.post('/api/networks/reeks/registrations', { ...person(5), joins: ['ronde-a', 'ronde-b'] });
      assert.equal(both.status, 422);
      assert.equal(both.body.error.issues[0].path, 'joins');
      const none = await s.post('/api/networks/reeks/registrations', { ...person(6), joins: [] });
      assert.equal(none.status, 422);
      assert.equal(none.body.error.issues[0].message, 'Kies één van: Werkplaats A, Werkplaats B');
    });

    test('a place freed at the closing goes to the first who waits for it, with an e-mail whose calendar has the closing', async () => {
      await deliverAll(s.db);
      const cancel = await s.post(`/api/registrations/${tokens[0]}/cancel`, {});
      assert.equal(cancel.status, 200);
      assert.equal((await s.get(`/api/registrations/${tokens[2]}`)).body.places.slot, 'confirmed');
      const live = (await s.get('/api/networks/reeks')).body.availability.sessions;
      // The fourth still waits for the closing.
      assert.equal(live.slot.taken, 2);
      assert.equal(live.slot.waitlisted, 1);
      assert.equal(live.excursie.taken, 2);
      const mails = await deliverAll(s.db);
      const moved = mails.find((m) => recipient(m) === 'deelnemer3@example.org');
      assert.ok(moved, mails.map((m) => `${recipient(m)}: ${m.subject}`).join('\n'));
      assert.match(moved.text ?? '', /Slotbijeenkomst/);
      const ics = moved.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      assert.ok(ics);
      assert.deepEqual(titles(ics.content.toString('utf8')), ['Slotbijeenkomst']);
    });

    test('the manage page changes the answer: yes to the excursion after all gives a place there', async () => {
      const changed = await s.post(`/api/registrations/${tokens[1]}/joins`, { joins: ['ronde-b'] });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual(changed.body.places, { 'ronde-a': 'declined', 'ronde-b': 'confirmed', slot: 'confirmed', excursie: 'declined' });
      const again = await s.post(`/api/registrations/${tokens[1]}/joins`, { joins: ['ronde-b', 'excursie'] });
      assert.equal(again.body.places.excursie, 'confirmed');
      const live = (await s.get('/api/networks/reeks')).body.availability.sessions;
      assert.equal(live['ronde-a'].taken, 1);
      assert.equal(live['ronde-b'].taken, 2);
      assert.equal(live.excursie.taken, 2);
      // The kept counts are what a recount of the places says.
      const rows = await s.db.query<{ target: string; confirmed: number; waitlisted: number }>("SELECT target, confirmed, waitlisted FROM target_counts WHERE network_id = 'reeks' ORDER BY target");
      const kept = Object.fromEntries(rows.rows.map((r) => [r.target, [Number(r.confirmed), Number(r.waitlisted)]]));
      assert.deepEqual(kept, { network: [3, 0], 'ronde-a': [1, 0], 'ronde-b': [2, 0], slot: [2, 1], excursie: [2, 0] });
    });
  });
}

for (const backend of BACKENDS) {
  describe(`a changed session inside a series reaches only those who come to it, on ${backend}`, () => {
    let s: TestServer;
    let docs: NetworkDocumentApi;
    before(async () => {
      ({ s, docs } = await startNetworkServer(backend, [network(doc)], { extra: { now: () => new Date('2030-03-01T12:00:00Z') } }));
    });
    after(() => s.close());

    test('the excursion moves: who said yes hears it, who said no does not', async () => {
      assert.equal((await s.post('/api/networks/reeks/registrations', { ...person('ja'), joins: ['ronde-a', 'excursie'] })).status, 201);
      assert.equal((await s.post('/api/networks/reeks/registrations', { ...person('nee'), joins: ['ronde-a'] })).status, 201);
      await deliverAll(s.db);
      await docs.save((d) => {
        const excursie = d.sessions.find((x: { id: string }) => x.id === 'excursie');
        excursie.start = '2030-06-03T10:00';
        excursie.end = '2030-06-03T15:00';
      });
      const mails = (await deliverAll(s.db)).filter((m) => /Excursie/.test(m.subject ?? ''));
      assert.deepEqual(mails.map(recipient), ['deelnemerja@example.org']);
    });
  });
}

for (const backend of BACKENDS) {
  describe(`a place in the series given by hand decides the places per session first, on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [network({ ...doc, id: 'reeks-vol', registration: { ...doc.registration, capacity: 1 } })], { now: () => new Date('2030-03-01T12:00:00Z') });
    });
    after(() => s.close());

    test('moved up by an organiser: places where there is room, and the e-mail says so (not "full")', async () => {
      await s.post('/api/networks/reeks-vol/registrations', { ...person('eerst'), joins: ['ronde-a'] });
      const waiting = await s.post('/api/networks/reeks-vol/registrations', { ...person('later'), joins: ['ronde-b', 'excursie'] });
      assert.equal(waiting.body.status, 'waitlisted');
      assert.deepEqual((await s.get(`/api/registrations/${waiting.body.manageToken}`)).body.places, { 'ronde-a': 'declined', 'ronde-b': 'waitlisted', slot: 'waitlisted', excursie: 'waitlisted' });
      await deliverAll(s.db);
      const moved = await s.admin('POST', `/api/admin/registrations/${waiting.body.id}/move-up`, {});
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual((await s.get(`/api/registrations/${waiting.body.manageToken}`)).body.places, { 'ronde-a': 'declined', 'ronde-b': 'confirmed', slot: 'confirmed', excursie: 'confirmed' });
      const mails = (await deliverAll(s.db)).filter((m) => recipient(m) === 'deelnemerlater@example.org');
      assert.equal(mails.length, 1, mails.map((m) => m.subject).join('\n'));
      assert.doesNotMatch(mails[0]!.text ?? '', /vol: je staat op de wachtlijst/);
      assert.match(mails[0]!.text ?? '', /Excursie/);
    });
  });
}
