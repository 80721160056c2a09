// Issue 13: where people see the order of sessions, it is core's sessionsInOrder, not file order.
// The feed (and every calendar file, and a whole-series e-mail) lists them by date; the public
// JSON stays as the document was written (the elements sort; an editor round-trips it).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { composeMail } from '../../src/server/mail/compose.js';
import { startServer, network, type TestServer } from './helpers.js';
import { parseIcs, prop } from '../helpers/ical.js';

const n = network({
  id: 'volgorde',
  sessions: [
    { id: 'juni', title: 'Juni-bijeenkomst', type: 'other', start: '2030-06-10T10:00', end: '2030-06-10T12:00', venue: { type: 'online' } },
    { id: 'maart', title: 'Maart-bijeenkomst', type: 'other', start: '2030-03-10T10:00', end: '2030-03-10T12:00', venue: { type: 'online' } },
    { id: 'april', title: 'April-bijeenkomst', type: 'other', start: '2030-04-10T10:00', end: '2030-04-10T12:00', venue: { type: 'online' } },
  ],
});

describe('sessions in the order people read them', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer('pglite', [n]);
  });
  after(() => s.close());

  test('the feed lists events by date, not in file order', async () => {
    const res = await s.request('GET', '/api/networks/volgorde/calendar.ics');
    assert.equal(res.status, 200);
    const events = parseIcs(res.text).components.filter((c) => c.name === 'VEVENT');
    assert.deepEqual(
      events.map((e) => prop(e, 'UID')!.value.split('.')[0]),
      ['maart', 'april', 'juni'],
    );
  });

  test('the public document keeps the order it was written in', async () => {
    const res = await s.get('/api/networks/volgorde');
    assert.deepEqual(res.body.network.sessions.map((x: { id: string }) => x.id), ['juni', 'maart', 'april']);
  });

  test('a whole-series e-mail lists the sessions by date', () => {
    const text = composeMail('confirmed', { network: n, participant: { name: 'Sam', email: 'sam@example.org' }, locale: 'nl' }).text;
    const at = ['Maart-bijeenkomst', 'April-bijeenkomst', 'Juni-bijeenkomst'].map((t) => text.indexOf(`\n${t}\n`));
    assert.ok(at.every((i) => i >= 0), text);
    assert.deepEqual(at, [...at].sort((a, b) => a - b), text);
  });

  test('the export\'s attendance columns follow the sessions by date', async () => {
    const res = await s.post('/api/networks/volgorde/registrations', { participant: { name: 'Sam', email: 'sam@example.org' } });
    assert.equal(res.status, 201);
    const csv = await s.admin('GET', '/api/admin/networks/volgorde/registrations.csv');
    assert.equal(csv.status, 200);
    const header = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    const at = ['Maart-bijeenkomst', 'April-bijeenkomst', 'Juni-bijeenkomst'].map((t) => header.indexOf(t));
    assert.ok(at.every((i) => i >= 0), header);
    assert.deepEqual(at, [...at].sort((a, b) => a - b), header);
  });
});
