import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, seedNetwork, network, person, type TestServer } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`registration API on ${backend}`, () => {
    let s: TestServer;
    let firstToken = '';
    const workshop = network({ registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } } });
    before(async () => {
      s = await startServer(backend, [workshop, seedNetwork('aardgasvrij-leerkring'), seedNetwork('twentse-noabers')], {
        now: (id) => (id === 'aardgasvrij-leerkring' ? new Date('2021-10-25T07:00:00Z') : new Date()),
      });
    });
    after(() => s.close());

    test('lists networks and serves one without join links or invitation hashes', async () => {
      const list = await s.get('/api/networks');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.networks.map((n: any) => n.id).sort(), ['aardgasvrij-leerkring', 'test', 'twentse-noabers']);
      const one = await s.get('/api/networks/test');
      assert.equal(one.body.network.sessions[0].venue.platform, 'Teams');
      assert.equal(JSON.stringify(one.body).includes('geheime-link'), false);
      const twente = await s.get('/api/networks/twentse-noabers');
      assert.equal(JSON.stringify(twente.body).includes('sha256:'), false);
      assert.equal(one.body.availability.network.state, 'open');
      assert.equal((await s.get('/api/networks/bestaat-niet')).status, 404);
    });

    test('confirms, then waitlists with a position, then refuses a duplicate', async () => {
      const a = await s.post('/api/networks/test/registrations', person(1));
      assert.equal(a.status, 201);
      assert.equal(a.body.status, 'confirmed');
      assert.match(a.body.manageToken, /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{32}$/);
      firstToken = a.body.manageToken;
      const b = await s.post('/api/networks/test/registrations', person(2));
      assert.deepEqual([b.status, b.body.status, b.body.position], [201, 'waitlisted', 1]);
      const dup = await s.post('/api/networks/test/registrations', person(1));
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'duplicate');
      assert.equal(dup.body.error.message, 'Met dit e-mailadres ben je al aangemeld.');
      const view = await s.get(`/api/registrations/${b.body.manageToken}`);
      assert.deepEqual([view.body.status, view.body.position], ['waitlisted', 1]);
      assert.equal(view.headers.get('cache-control'), 'no-store');
    });

    test('cancelling frees the place and the waiting list moves up in the same transaction', async () => {
      const c = await s.post('/api/networks/test/registrations', person(3));
      assert.equal(c.body.position, 2);
      const list = async () =>
        (await s.admin('GET', '/api/admin/networks/test/registrations')).body.registrations.map((r: any) => [r.participant.email, r.status, r.position ?? null]);
      assert.deepEqual(await list(), [
        ['deelnemer1@example.org', 'confirmed', null],
        ['deelnemer2@example.org', 'waitlisted', 1],
        ['deelnemer3@example.org', 'waitlisted', 2],
      ]);
      const cancelled = await s.post(`/api/registrations/${firstToken}/cancel`, {});
      assert.deepEqual([cancelled.status, cancelled.body.status, cancelled.body.canCancel], [200, 'cancelled', false]);
      assert.deepEqual(await list(), [
        ['deelnemer1@example.org', 'cancelled', null],
        ['deelnemer2@example.org', 'confirmed', null],
        ['deelnemer3@example.org', 'waitlisted', 1],
      ]);
      // Cancelling twice changes nothing.
      assert.equal((await s.post(`/api/registrations/${firstToken}/cancel`, {})).body.status, 'cancelled');
    });

    test('explains invalid input per field, in the asked language', async () => {
      const r = await s.post('/api/networks/aardgasvrij-leerkring/registrations', { participant: { name: '', email: 'nope' }, locale: 'en' });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'invalid');
      assert.deepEqual(r.body.error.issues.map((i: any) => i.path), [
        'participant.name', 'participant.email', 'participant.organisation', 'participant.organisationType', 'declarations.werkt-samen-met-initiatief',
      ]);
      assert.equal(r.body.error.issues[1].message, 'Enter an email address like name@example.org');
    });

    test('turns away a province with the rule from the page (422, not eligible)', async () => {
      const r = await s.post('/api/networks/aardgasvrij-leerkring/registrations', {
        ...person('p', { organisation: 'Provincie Utrecht', organisationType: 'province' }),
        declarations: ['werkt-samen-met-initiatief'],
      });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'not-eligible');
      assert.match(r.body.error.message, /uitsluitend voor gemeenten/);
      const ok = await s.post('/api/networks/aardgasvrij-leerkring/registrations', {
        ...person('g', { organisation: 'Gemeente Zeist', organisationType: 'municipality' }),
        declarations: ['werkt-samen-met-initiatief'],
      });
      assert.deepEqual([ok.status, ok.body.status], [201, 'pending']);
    });

    test('refuses registration through the API for a network that registers by e-mail', async () => {
      const r = await s.post('/api/networks/twentse-noabers/registrations', person('t', { organisation: 'Gemeente Almelo', organisationType: 'municipality' }));
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'not-built-in');
    });

    test('caps the request body and answers malformed JSON with the API error shape', async () => {
      const big = await s.post('/api/networks/test/registrations', { ...person('big'), answers: { x: 'a'.repeat(20000) } });
      assert.equal(big.status, 413);
      assert.equal(big.body.error.code, 'too-large');
      const res = await fetch(`${s.url}/api/networks/test/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"participant":' });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, 'bad-request');
    });

    test('rejects the honeypot', async () => {
      const r = await s.post('/api/networks/test/registrations', { ...person('bot'), website: 'https://spam.example' });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'spam');
    });

    test('answers the calendar feed with an ETag and honours If-None-Match', async () => {
      const first = await s.get('/api/networks/aardgasvrij-leerkring/calendar.ics');
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag')!;
      assert.ok(etag);
      const again = await fetch(`${s.url}/api/networks/aardgasvrij-leerkring/calendar.ics`, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      const text = await (await fetch(`${s.url}/api/networks/test/calendar.ics`)).text();
      assert.match(text, /BEGIN:VCALENDAR/);
      assert.equal(text.includes('geheime-link'), false);
    });

    test('a participant can erase their data with the manage token', async () => {
      const r = await s.post('/api/networks/test/registrations', person('erase'));
      const token = r.body.manageToken;
      const erased = await s.post(`/api/registrations/${token}/erase`, {});
      assert.deepEqual(erased.body, { erased: true });
      assert.equal((await s.get(`/api/registrations/${token}`)).status, 404);
      const rows = (await s.admin('GET', '/api/admin/networks/test/registrations')).body.registrations;
      assert.equal(JSON.stringify(rows).includes('deelnemererase'), false);
      assert.equal((await s.get('/api/registrations/not-a-token')).status, 404);
    });
  });
}
