// Issue 23 (m23c), item 1: reserved places. A session (or, for a whole series, the registration)
// holds `reservedPlaces.places` extra places for named organisations or organisation types (the
// host municipality of a meeting). Those people take them when the general places are full;
// others cannot, and see "vol" while reserved places remain. Decided by core (reserved-places.ts),
// counted in the kept counts, under the target's lock, on both databases and under concurrency.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, BACKENDS, type TestServer } from './helpers.js';
import { parseNetwork, availability } from '../../src/core/index.js';
import { placePastCapacity } from '../../src/core/waitlist.js';
import { countsOf } from '../../src/core/reserved-places.js';

const doc = {
  id: 'gastgemeente',
  title: 'Leerkring met gastgemeente',
  sessions: [
    { id: 'zwolle', title: 'Bijeenkomst in Zwolle', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', capacity: 2, reservedPlaces: { places: 1, organisations: ['Gemeente Zwolle'], explanation: 'Eén extra plaats voor de gastgemeente.' } },
    { id: 'druk', title: 'Drukke bijeenkomst', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', capacity: 3, reservedPlaces: { places: 2, organisationTypes: ['province'] } },
  ],
  registration: { mode: 'built-in', scope: 'session', waitlist: { enabled: true }, fields: { organisation: 'required', organisationType: 'optional' } },
};
const reserved = network(doc);
// A move into a session with a reservation is decided by who the person is there (issue 23).
const wissel = network({
  id: 'wissel',
  title: 'Leerkring met wissel',
  sessions: [
    { id: 'ruim', title: 'Ruime bijeenkomst', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', capacity: 5 },
    { id: 'krap', title: 'Krappe bijeenkomst', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', capacity: 1, reservedPlaces: { places: 1, organisationTypes: ['province'] } },
  ],
  registration: { mode: 'built-in', scope: 'session', waitlist: { enabled: true }, fields: { organisation: 'required', organisationType: 'optional' } },
});

// Issue 23 follow-up, item 2: an organiser corrects someone's organisation; the fit is worked out again.
const correctie = network({
  id: 'correctie',
  title: 'Leerkring met correcties',
  sessions: [
    { id: 'a', title: 'Bijeenkomst A', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', capacity: 1, reservedPlaces: { places: 1, organisations: ['Gemeente Zwolle'] } },
    { id: 'b', title: 'Bijeenkomst B', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', capacity: 1, reservedPlaces: { places: 1, organisations: ['Gemeente Zwolle'] } },
  ],
  registration: { mode: 'built-in', scope: 'session', waitlist: { enabled: true }, fields: { organisation: 'required', organisationType: 'optional' } },
});

const other = (n: string, sessionId: string) => ({ ...person(n, { organisation: `Gemeente Elders ${n}`, organisationType: 'municipality' }), sessionId });
const host = (n: string, sessionId: string) => ({ ...person(n, { organisation: ` gemeente  zwolle`, organisationType: 'municipality' }), sessionId });
const province = (n: string, sessionId: string) => ({ ...person(n, { organisation: `Provincie ${n}`, organisationType: 'province' }), sessionId });

test('the validator refuses reserved places for nobody, and without a capacity to add them to', () => {
  const bad = JSON.parse(JSON.stringify(doc));
  bad.sessions[0].reservedPlaces = { places: 1 };
  delete bad.sessions[1].capacity;
  const r = parseNetwork(bad);
  assert.equal(r.ok, false);
  const problems = r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.code}`);
  assert.ok(problems.includes('sessions[0].reservedPlaces: reserved-for-nobody'), problems.join('\n'));
  assert.ok(problems.includes('sessions[1].reservedPlaces: reserved-without-capacity'), problems.join('\n'));
});

// Issue 23 follow-up, item 4: reserved places on a session of a series registration stay refused,
// and the validator says so plainly: it cannot be done, and the two ways that can.
test('the validator says plainly that a session of a series registration cannot hold reserved places, and what to do instead', () => {
  const series = JSON.parse(JSON.stringify(doc));
  series.registration.scope = 'series';
  const r = parseNetwork(series);
  const p = r.ok ? undefined : r.problems.find((x) => x.code === 'reserved-per-session-only');
  assert.ok(p, JSON.stringify(r));
  assert.equal(p.path, 'sessions[0].reservedPlaces');
  assert.match(p.message.nl, /^gereserveerde plaatsen bij één bijeenkomst kunnen niet/i);
  assert.match(p.message.nl, /registration\.reservedPlaces/);
  assert.match(p.message.nl, /"session"/);
  assert.match(p.message.en, /^reserved places on one session are not possible/i);
});

for (const backend of BACKENDS) {
  describe(`reserved places on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [reserved, wissel, correctie]);
    });
    after(() => s.close());
    const availability = async (sessionId: string) => (await s.get('/api/networks/gastgemeente')).body.availability.sessions[sessionId];

    test('others fill the general places and then wait ("vol" for them), while the host organisation still gets its reserved place', async () => {
      assert.equal((await s.post('/api/networks/gastgemeente/registrations', other('a', 'zwolle'))).body.status, 'confirmed');
      assert.equal((await s.post('/api/networks/gastgemeente/registrations', other('b', 'zwolle'))).body.status, 'confirmed');
      const full = await availability('zwolle');
      assert.equal(full.state, 'waitlist', 'for others the session is full: the waiting list');
      assert.equal(full.placesLeft, 0);
      assert.equal(full.reservedLeft, 1, 'one reserved place remains, and the answer says so');
      assert.equal((await s.post('/api/networks/gastgemeente/registrations', other('c', 'zwolle'))).body.status, 'waitlisted', 'someone else cannot take the reserved place');
      const hostA = await s.post('/api/networks/gastgemeente/registrations', host('h1', 'zwolle'));
      assert.equal(hostA.body.status, 'confirmed', 'the host municipality (written differently) takes its reserved place');
      assert.equal((await s.post('/api/networks/gastgemeente/registrations', host('h2', 'zwolle'))).body.status, 'waitlisted', 'all places taken');
      const after = await availability('zwolle');
      assert.equal(after.reservedLeft, 0);
      assert.equal(after.taken, 3);

      // The host gives up the reserved place: it goes to the waiting host, not to the other who waited longer.
      assert.equal((await s.post(`/api/registrations/${hostA.body.manageToken}/cancel`, {})).status, 200);
      const { rows } = await s.db.query<{ email: string; status: string }>(
        `SELECT participant->>'email' AS email, status FROM registrations WHERE network_id = 'gastgemeente' AND session_id = 'zwolle' ORDER BY created_at`,
      );
      const status = Object.fromEntries(rows.map((r) => [r.email, r.status]));
      assert.equal(status['deelnemerh2@example.org'], 'confirmed', 'the waiting host moves up into the reserved place');
      assert.equal(status['deelnemerc@example.org'], 'waitlisted', 'the other still waits: no general place is free');
    });

    test('many at once: never more than the general places to others, never more than all places in total; the kept counts equal a recount', async () => {
      const requests = [...Array.from({ length: 8 }, (_, i) => other(`o${i}`, 'druk')), ...Array.from({ length: 4 }, (_, i) => province(`p${i}`, 'druk'))];
      const answers = await Promise.all(requests.map((r) => s.post('/api/networks/gastgemeente/registrations', r)));
      assert.ok(answers.every((a) => a.status === 201), JSON.stringify(answers.filter((a) => a.status !== 201)));
      const confirmed = answers.map((a, i) => [a.body.status, i < 8 ? 'other' : 'province'] as const).filter(([st]) => st === 'confirmed');
      assert.equal(confirmed.length, 5, 'three general and two reserved places');
      assert.ok(confirmed.filter(([, who]) => who === 'other').length <= 3, 'others never take a reserved place');
      assert.ok(confirmed.filter(([, who]) => who === 'province').length >= 2, 'the reserved places went to provinces');
      const { rows } = await s.db.query<{ confirmed: string; reserved: string }>(
        `SELECT count(*) FILTER (WHERE status = 'confirmed') AS confirmed, count(*) FILTER (WHERE status = 'confirmed' AND reserved) AS reserved FROM registrations WHERE network_id = 'gastgemeente' AND target = 'druk'`,
      );
      const kept = await s.db.query<{ confirmed: number; reserved: number }>(`SELECT confirmed, reserved FROM target_counts WHERE network_id = 'gastgemeente' AND target = 'druk'`);
      assert.deepEqual([Number(kept.rows[0]!.confirmed), Number(kept.rows[0]!.reserved)], [Number(rows[0]!.confirmed), Number(rows[0]!.reserved)]);
      const a = await availability('druk');
      assert.equal(a.placesLeft, 0);
      assert.equal(a.reservedLeft, 0);
    });

    test('someone who moves to another session takes a reserved place there when they fit it, and the kept counts follow', async () => {
      assert.equal((await s.post('/api/networks/wissel/registrations', other('w1', 'krap'))).body.status, 'confirmed', 'the one general place');
      const p = await s.post('/api/networks/wissel/registrations', province('w2', 'ruim'));
      assert.equal(p.body.status, 'confirmed');
      const moved = await s.post(`/api/registrations/${p.body.manageToken}/switch`, { sessionId: 'krap' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.status, 'confirmed', 'the province takes the reserved place of the session it moves to');
      const kept = await s.db.query<{ confirmed: number; reserved: number }>(`SELECT confirmed, reserved FROM target_counts WHERE network_id = 'wissel' AND target = 'krap'`);
      assert.deepEqual([Number(kept.rows[0]!.confirmed), Number(kept.rows[0]!.reserved)], [2, 1]);
      const o = await s.post('/api/networks/wissel/registrations', other('w3', 'ruim'));
      const refused = await s.post(`/api/registrations/${o.body.manageToken}/switch`, { sessionId: 'krap' });
      assert.equal(refused.body.status, 'waitlisted', 'someone else waits: the reserved place is taken');
    });

    test('an organiser who corrects an organisation has the fit worked out again: the place is kept, told when it is past the general places; a freed general place goes to the waiting list', async () => {
      const kept = async (target: string) => {
        const r = await s.db.query<{ confirmed: number; reserved: number }>(`SELECT confirmed, reserved FROM target_counts WHERE network_id = 'correctie' AND target = $1`, [target]);
        return [Number(r.rows[0]!.confirmed), Number(r.rows[0]!.reserved)];
      };
      const edit = (id: string, who: ReturnType<typeof other>, organisation: string) =>
        s.admin('PUT', `/api/admin/registrations/${id}`, { registration: { participant: { ...who.participant, organisation } } });
      // A: the host on the reserved place, someone else on the general one; the host was typed wrong.
      const h = host('c1', 'a');
      const hostA = await s.post('/api/networks/correctie/registrations', h);
      assert.equal((await s.post('/api/networks/correctie/registrations', other('c2', 'a'))).body.status, 'confirmed');
      assert.deepEqual(await kept('a'), [2, 1]);
      const wrong = await edit(hostA.body.id, h, 'Gemeente Kampen');
      assert.equal(wrong.status, 200, wrong.text);
      assert.equal(wrong.body.status, 'confirmed', 'the organiser corrected a name: the person keeps their place');
      assert.equal(wrong.body.overCapacity, true, 'but now two people share the one general place: the organiser is told');
      assert.deepEqual(await kept('a'), [2, 0], 'the place no longer counts as reserved');
      // B: someone else on the general place, one waiting; the first was from the host after all.
      const o = other('c3', 'b');
      const first = await s.post('/api/networks/correctie/registrations', o);
      const waiting = await s.post('/api/networks/correctie/registrations', other('c4', 'b'));
      assert.equal(waiting.body.status, 'waitlisted');
      const right = await edit(first.body.id, o, 'Gemeente Zwolle');
      assert.equal(right.status, 200, right.text);
      assert.equal(right.body.overCapacity, undefined);
      assert.deepEqual(await kept('b'), [2, 1], 'the host now holds the reserved place, the general place went to who waited');
      const list = (await s.admin('GET', '/api/admin/networks/correctie/registrations')).body.registrations as { id: string; status: string }[];
      assert.equal(list.find((r) => r.id === waiting.body.id)!.status, 'confirmed');
    });
  });
}

// Issue 23 follow-up, item 3: a place an organiser gives by hand from the waiting list goes past
// the capacity only when no place is free for that person: someone who fits still has the
// reserved places; someone who does not has the general places people who fit left over.
test('placePastCapacity counts reserved places: free for a person who fits, general places left by those who fit', () => {
  const n = reserved;
  // zwolle: capacity 2, 1 reserved for Gemeente Zwolle.
  const twoOthers = { confirmed: 2, pending: 0, waitlisted: 1 };
  assert.deepEqual(placePastCapacity(n, twoOthers, 'zwolle'), { capacity: 2, taken: 2 }, 'the general places are taken');
  assert.equal(placePastCapacity(n, twoOthers, 'zwolle', true), undefined, 'the reserved place is still free for the host');
  // One host (on the reserved place) and one other: a general place is still free for anyone.
  assert.equal(placePastCapacity(n, { confirmed: 2, pending: 0, waitlisted: 1, reserved: 1 }, 'zwolle'), undefined);
  // Everything taken: past capacity for the host too, counted with the reserved place.
  assert.deepEqual(placePastCapacity(n, { confirmed: 3, pending: 0, waitlisted: 1, reserved: 1 }, 'zwolle', true), { capacity: 3, taken: 3 });
  // The console reads the counts from the availability it is given (placesLeft counts the reserved ones taken).
  const a = availability(n, { confirmed: 2, pending: 0, waitlisted: 1, reserved: 1 }, new Date('2029-01-01'), 'zwolle');
  assert.equal(placePastCapacity(n, countsOf(a), 'zwolle'), undefined, JSON.stringify(countsOf(a)));
});
