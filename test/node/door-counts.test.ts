// Issue 27 review: the door's counts come with the first page of the placeAt list. "Present" is
// a count of people who have a place at the session and came: someone checked in and then
// cancelled (or moved) no longer counts, so the door never reads "2 van 1".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, network, startServer, type TestServer } from './helpers.js';

const deur = network({
  id: 'deur',
  sessions: [
    { id: 'een', title: 'Eerste dag', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } },
    { id: 'twee', title: 'Tweede dag', type: 'other', start: '2030-06-01T10:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 10, fields: { organisation: 'optional', organisationType: 'off' } },
});

for (const backend of BACKENDS) {
  describe(`door counts on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [deur]);
    });
    after(() => s.close());

    test('present counts only people with a place at the session: one checked in, then removed, and one moved away no longer count', async () => {
      const ids: string[] = [];
      for (const who of ['a', 'b', 'c']) {
        const r = await s.post('/api/networks/deur/registrations', { sessionId: 'een', participant: { name: `Deelnemer ${who}`, email: `${who}@example.org` } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids.push(String(r.body.id ?? r.body.registration?.id));
      }
      for (const id of ids) assert.equal((await s.admin('PUT', `/api/admin/registrations/${id}/attendance`, { sessionId: 'een', present: true })).status, 200);
      const counts = async () => (await s.admin('GET', '/api/admin/networks/deur/registrations?placeAt=een&limit=50')).body.counts;
      assert.deepEqual(await counts(), { placed: 3, present: 3 });
      const removed = await s.admin('POST', `/api/admin/registrations/${ids[1]}/remove`, { reason: 'Afgemeld per telefoon' });
      assert.equal(removed.status, 200, removed.text);
      const moved = await s.admin('POST', `/api/admin/registrations/${ids[2]}/move`, { sessionId: 'twee' });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual(await counts(), { placed: 1, present: 1 });
    });

    test('the list of who came (attendedAt, present=yes: the console\'s "aanwezig") is the people the count counts: checked in, then removed, is in neither', async () => {
      const ids: string[] = [];
      for (const who of ['p', 'q']) {
        const r = await s.post('/api/networks/deur/registrations', { sessionId: 'twee', participant: { name: `Deelnemer ${who}`, email: `${who}@example.org` } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids.push(String(r.body.id ?? r.body.registration?.id));
      }
      for (const id of ids) assert.equal((await s.admin('PUT', `/api/admin/registrations/${id}/attendance`, { sessionId: 'twee', present: true })).status, 200);
      const removed = await s.admin('POST', `/api/admin/registrations/${ids[1]}/remove`, { reason: 'Afgemeld per telefoon' });
      assert.equal(removed.status, 200, removed.text);
      const counts = (await s.admin('GET', '/api/admin/networks/deur/registrations?placeAt=twee&limit=50')).body.counts;
      const page = (await s.admin('GET', '/api/admin/networks/deur/registrations?attendedAt=twee&present=yes&limit=50')).body;
      const whole = (await s.admin('GET', '/api/admin/networks/deur/registrations?attendedAt=twee&present=yes')).body;
      const cameIds = (list: { registrations: { id: string }[] }) => list.registrations.map((x) => String(x.id)).sort();
      assert.equal(counts.present, page.total, `the count says ${counts.present} came, the list has ${page.total}`);
      assert.deepEqual(cameIds(page), [ids[0]]);
      assert.deepEqual(cameIds(whole), [ids[0]], 'the whole list (and the CSV, the same filter) too');
    });

    test('every session\'s counts in one request ("Wie kwam er") equal the door\'s and the lists\' per session', async () => {
      const r = await s.admin('GET', '/api/admin/networks/deur/attendance');
      assert.equal(r.status, 200, r.text);
      const per: unknown[] = [];
      for (const session of deur.sessions) {
        const door = (await s.admin('GET', `/api/admin/networks/deur/registrations?placeAt=${session.id}&limit=1`)).body.counts;
        const absent = (await s.admin('GET', `/api/admin/networks/deur/registrations?attendedAt=${session.id}&present=no&limit=1`)).body.total;
        per.push({ sessionId: session.id, placed: door.placed, present: door.present, absent });
      }
      assert.deepEqual(r.body.sessions, per);
      // After the tests above: een has 1 placed and present; twee 2 placed (p, and c moved there), 1 present.
      assert.deepEqual(r.body.sessions, [
        { sessionId: 'een', placed: 1, present: 1, absent: 0 },
        { sessionId: 'twee', placed: 2, present: 1, absent: 1 },
      ]);
      assert.equal((await s.admin('GET', '/api/admin/networks/nergens/attendance')).status, 404);
    });
  });
}
