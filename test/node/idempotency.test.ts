import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, person, type TestServer } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`idempotency keys on ${backend}`, () => {
    let s: TestServer;
    const path = '/api/networks/test/registrations';
    before(async () => {
      s = await startServer(backend, [
        network({ registration: { mode: 'built-in', capacity: 10, fields: { organisation: 'optional', organisationType: 'off' } } }),
        network({
          id: 'sessies',
          sessions: [1, 2, 3, 4].map((i) => ({ id: `s${i}`, title: `Sessie ${i}`, type: 'other', start: `2030-05-0${i}T10:00`, end: `2030-05-0${i}T12:00` })),
          registration: { mode: 'built-in', scope: 'session', capacity: 10, fields: { organisation: 'optional', organisationType: 'off' } },
        }),
      ]);
    });
    after(() => s.close());

    test('the same key with the same registration answers what the first one got, once stored', async () => {
      const key = { 'idempotency-key': 'retry-1' };
      const first = await s.post(path, person('retry'), key);
      const again = await s.post(path, person('retry'), key);
      assert.equal(first.status, 201);
      assert.deepEqual([again.status, again.body], [201, first.body]);
      const rows = (await s.admin('GET', '/api/admin/networks/test/registrations')).body.registrations;
      assert.equal(rows.filter((r: any) => r.participant.email === 'deelnemerretry@example.org').length, 1);
    });

    test('the same key with someone else\'s registration is refused and never shows the first one\'s token', async () => {
      const key = { 'idempotency-key': 'shared-key' };
      const first = await s.post(path, person('eerste'), key);
      assert.equal(first.status, 201);
      const other = await s.post(path, person('ander'), key);
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'idempotency-mismatch');
      assert.match(other.body.error.message, /andere gegevens/);
      assert.equal(JSON.stringify(other.body).includes(first.body.manageToken), false);
      assert.equal(JSON.stringify(other.body).includes(first.body.id), false);
      const en = await s.post(path, { ...person('ander'), locale: 'en' }, key);
      assert.equal(en.status, 422);
      assert.match(en.body.error.message, /different details/);
      // The first registration still answers its own retry.
      assert.deepEqual((await s.post(path, person('eerste'), key)).body, first.body);
    });

    test('a changed answer under the same key is a different registration too', async () => {
      const key = { 'idempotency-key': 'changed' };
      assert.equal((await s.post(path, person('wijzig', { role: 'Beleidsmedewerker' }), key)).status, 201);
      assert.equal((await s.post(path, person('wijzig', { role: 'Wethouder' }), key)).status, 422);
    });

    test('keys of concurrent different registrations never cross', async () => {
      const key = { 'idempotency-key': 'race' };
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => s.post(path, person(`race${i}`), key)));
      const created = answers.filter((a) => a.status === 201);
      assert.equal(created.length, 1, JSON.stringify(answers.map((a) => a.status)));
      assert.deepEqual(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.error.code]), Array(5).fill([422, 'idempotency-mismatch']));
    });

    test('the same key for different sessions at once (different locks): one registration, the others refused', async () => {
      for (let round = 0; round < 5; round++) {
        const key = { 'idempotency-key': `sessies-${round}` };
        const answers = await Promise.all([1, 2, 3, 4].map((i) => s.post('/api/networks/sessies/registrations', { ...person(`r${round}s${i}`), sessionId: `s${i}` }, key)));
        assert.equal(answers.filter((a) => a.status === 201).length, 1, JSON.stringify(answers.map((a) => a.status)));
        for (const a of answers.filter((x) => x.status !== 201)) assert.deepEqual([a.status, a.body.error.code], [422, 'idempotency-mismatch']);
      }
      const rows = (await s.admin('GET', '/api/admin/networks/sessies/registrations')).body.registrations;
      assert.equal(rows.length, 5);
    });
  });
}
