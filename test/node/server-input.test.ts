import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, ADMIN_TOKEN, startServer, network, person, injectedFormToken, type TestServer } from './helpers.js';

/** The cases the fuzzer found, each written down once so a regression names itself. */
for (const backend of BACKENDS) {
  describe(`hostile input on ${backend}`, () => {
    let s: TestServer;
    let id = '';
    const intake = network({ registration: { mode: 'built-in', approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
    before(async () => {
      s = await startServer(backend, [intake]);
      const r = await s.post('/api/networks/test/registrations', person('hostile'));
      assert.equal(r.status, 201);
      id = r.body.id;
    });
    after(() => s.close());

    const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const res = await s.app.inject({
        method,
        url,
        headers: { ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
        ...(payload !== undefined && { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
      });
      return { status: res.statusCode, body: res.json() as { error: { code: string; message: string; issues?: { path: string; message: string }[] } } };
    };
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

    test('?lang given twice, as an array, or odd Accept-Language: the first lang counts, never a 500', async () => {
      for (const url of ['/api/networks/nope?lang=en&lang=nl', '/api/networks/nope?lang[]=en', '/api/networks/nope?lang=%ZZ&lang=en']) {
        const r = await inject('GET', url);
        assert.equal(r.status, 404, url);
        assert.equal(r.body.error.code, 'not-found');
      }
      assert.equal((await inject('GET', '/api/networks/nope?lang=en&lang=nl')).body.error.message, 'Unknown network.');
      for (const al of ['', ',,,', ';q=1', 'xx-YY;q=abc', 'ü']) assert.equal((await inject('GET', '/api/networks/nope', undefined, { 'accept-language': al })).status, 404);
    });

    test('a non-string locale or a field of the wrong type is a 422 with the path, not a 500', async () => {
      const r = await inject('POST', '/api/networks/test/registrations?lang=en&lang=nl', { ...person('x'), locale: 7, participant: { name: 'Anna', email: 'anna@example.org', role: ['x'] }, formToken: await injectedFormToken(s.app, 'test') });
      assert.equal(r.status, 422);
      assert.deepEqual(r.body.error.issues!.map((i) => i.path), ['participant.role', 'locale']);
    });

    test('NUL and lone surrogates in a registration are refused before the database sees them', async () => {
      for (const name of ['Anna\u0000', 'Anna\uD800']) {
        const r = await inject('POST', '/api/networks/test/registrations', { ...person('x', { name }), formToken: await injectedFormToken(s.app, 'test') });
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.deepEqual(r.body.error.issues!.map((i) => i.path), ['participant.name']);
      }
    });

    test('organiser routes: an id that is not a UUID is a 404; NUL or a list as sessionId is a 422', async () => {
      for (const bad of ['not-a-uuid', '1', '%00', 'a'.repeat(300), `${id}x`]) {
        for (const action of ['accept', 'reject', 'move-up']) {
          const r = await inject('POST', `/api/admin/registrations/${bad}/${action}`, { reason: 'r' }, admin);
          assert.equal(r.status, 404, `${action} ${bad}: ${JSON.stringify(r.body)}`);
          assert.equal(r.body.error.code, 'not-found');
        }
        assert.equal((await inject('PUT', `/api/admin/registrations/${bad}/attendance`, { sessionId: 'dag', present: true }, admin)).status, 404);
      }
      for (const sessionId of ['dag\u0000', 'x'.repeat(5000), 'bestaat-niet']) {
        const r = await inject('PUT', `/api/admin/registrations/${id}/attendance`, { sessionId, present: true }, admin);
        assert.equal(r.status, 422, JSON.stringify(r.body));
      }
      assert.equal((await inject('PUT', `/api/admin/registrations/${id}/attendance`, { sessionId: 'dag', present: true }, admin)).status, 200);
      for (const q of ['session=%00', 'session=a&session=b']) {
        const r = await inject('GET', `/api/admin/networks/test/registrations?${q}`, undefined, admin);
        assert.equal(r.status, 422, `${q}: ${JSON.stringify(r.body)}`);
      }
    });

    test('a reason with NUL is refused; a multi-line reason is kept', async () => {
      const r = await inject('POST', `/api/admin/registrations/${id}/reject`, { reason: 'Nee\u0000' }, admin);
      assert.equal(r.status, 422, JSON.stringify(r.body));
      const ok = await inject('POST', `/api/admin/registrations/${id}/reject`, { reason: 'Helaas vol.\nVolgend jaar weer.' }, admin);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
    });

    test('over-long ids, bad escapes and unknown routes answer in the API shape without echoing the URL', async () => {
      const token = 'A'.repeat(22) + '.' + 'B'.repeat(32);
      for (const url of [`/api/registrations/${'a'.repeat(500)}`, `/api/registrations/%ZZ${token}`, `/api/registrations/${token}%00`, '/api/nope/secret-token', `/api/networks/${'a'.repeat(200)}/calendar.ics`]) {
        const r = await inject('GET', url);
        assert.ok([400, 404].includes(r.status), `${url}: ${r.status}`);
        assert.equal(typeof r.body.error.code, 'string', url);
        assert.equal(typeof r.body.error.message, 'string', url);
        assert.equal(JSON.stringify(r.body).includes('secret-token') || JSON.stringify(r.body).includes(token), false, url);
      }
    });
  });
}
