// The minimum fill time rests on a token the server signs when the form is shown, not on a
// time the client reports.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, type TestServer } from './helpers.js';

const path = '/api/networks/test/registrations';

describe('form tokens', () => {
  let s: TestServer;
  let clock = Date.parse('2030-01-01T10:00:00Z');
  before(async () => {
    s = await startServer('pglite', [network({}), network({ id: 'ander', title: 'Andere workshop' })], { minFillMs: 3000, clock: () => new Date(clock) });
  });
  after(() => s.close());

  const token = async (id = 'test') => {
    const r = await s.get(`/api/networks/${id}/form-token`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    return r.body.formToken as string;
  };
  const spam = (r: { status: number; body: any }, what: string) => {
    assert.equal(r.status, 422, what);
    assert.equal(r.body.error.code, 'spam', what);
    assert.equal(r.body.error.message, 'Er is een probleem');
    assert.deepEqual(r.body.error.issues, [{ path: '', message: 'Je aanmelding lijkt automatisch verstuurd. Wacht even en probeer het opnieuw.' }]);
  };

  test('a claimed start time alone is refused', async () => {
    spam(await s.post(path, { ...person('oud'), startedAt: 1 }), 'startedAt: 1');
    spam(await s.post(path, { ...person('geen') }), 'no token');
    spam(await s.post(path, { ...person('leeg'), formToken: '' }), 'empty token');
    spam(await s.post(path, { ...person('getal'), formToken: 12345 }), 'a number');
    spam(await s.post(path, { ...person('rommel'), formToken: 'x'.repeat(5000) }), 'rubbish');
  });

  test('a fresh token is refused until the minimum fill time has passed, then accepted', async () => {
    const t = await token();
    clock += 2999;
    spam(await s.post(path, { ...person('snel'), formToken: t }), 'after 2999 ms');
    clock += 1;
    const ok = await s.post(path, { ...person('snel'), formToken: t });
    assert.equal(ok.status, 201);
  });

  test('a token with a changed time is refused', async () => {
    const t = await token();
    clock += 10000;
    const [time, mac] = t.split('.');
    const earlier = (parseInt(time!, 36) - 60000).toString(36);
    spam(await s.post(path, { ...person('vals'), formToken: `${earlier}.${mac}` }), 'earlier time, same mac');
    spam(await s.post(path, { ...person('vals'), formToken: `0${time}.${mac}` }), 'same time, written differently');
    spam(await s.post(path, { ...person('vals'), formToken: `${time}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}` }), 'changed mac');
  });

  test('a token for another network is refused', async () => {
    const t = await token('ander');
    clock += 10000;
    spam(await s.post(path, { ...person('elders'), formToken: t }), 'token of another network');
    assert.equal((await s.post('/api/networks/ander/registrations', { ...person('elders'), formToken: t })).status, 201);
  });

  test('a token older than a day is refused', async () => {
    const t = await token();
    clock += 24 * 3600000 + 1;
    spam(await s.post(path, { ...person('laat'), formToken: t }), 'a day old');
  });

  test('an unknown network has no token', async () => {
    assert.equal((await s.get('/api/networks/bestaat-niet/form-token')).status, 404);
  });
});
