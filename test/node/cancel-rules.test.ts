// What the manage page offers is what the server accepts: a registration whose session is over
// cannot be cancelled through the API either (it is attendance history), and a document's
// `registration.cancelUntil` closes cancelling at that moment, on both databases. Leaving a
// waiting list stays possible: it holds nobody's place.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, person, type TestServer } from './helpers.js';

const fields = { organisation: 'optional', organisationType: 'off' };
/** Two meetings; people register per meeting. */
const perSession = network({
  id: 'afmelden-sessie',
  sessions: [
    { id: 'eerste', title: 'Eerste', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
    { id: 'tweede', title: 'Tweede', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T12:00' },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 1, waitlist: { enabled: true }, fields },
});
/** One place, a waiting list, and cancelling only until 1 April 2030 (the end of that day in Amsterdam). */
const withDeadline = network({
  id: 'afmelden-tot',
  sessions: [{ id: 'dag', title: 'Dag', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00' }],
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, cancelUntil: '2030-04-01', fields },
});

for (const backend of BACKENDS) {
  describe(`cancelling follows the manage page's rules on ${backend}`, () => {
    let s: TestServer;
    let clock = new Date('2030-03-01T12:00:00Z');
    before(async () => {
      s = await startServer(backend, [perSession, withDeadline], { now: () => clock, clock: () => new Date(), rateLimitPerMinute: 1000 });
    });
    after(() => s.close());

    test('a registration for a session that is over is not cancelled through the API: 409, and it stays as it was', async () => {
      clock = new Date('2030-03-01T12:00:00Z');
      const r = await s.post('/api/networks/afmelden-sessie/registrations', { ...person('voorbij'), sessionId: 'eerste' });
      assert.equal(r.status, 201);
      clock = new Date('2030-05-02T12:00:00Z');
      const view = await s.get(`/api/registrations/${r.body.manageToken}`);
      assert.deepEqual(view.body.actions, { cancel: false, leaveWaitlist: false, switchTo: [] });
      const cancel = await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {});
      assert.equal(cancel.status, 409);
      assert.equal(cancel.body.error.code, 'not-cancellable');
      assert.equal(cancel.body.error.message, 'Deze bijeenkomst is voorbij. Je kunt je aanmelding niet meer wijzigen.');
      assert.equal((await s.get(`/api/registrations/${r.body.manageToken}`)).body.status, 'confirmed');
    });

    test('after cancelUntil a place can no longer be given up (409, with the sentence and the deadline), but the waiting list can still be left', async () => {
      clock = new Date('2030-03-01T12:00:00Z');
      const placed = await s.post('/api/networks/afmelden-tot/registrations', person('tot-1'));
      const waiting = await s.post('/api/networks/afmelden-tot/registrations', person('tot-2'));
      assert.equal(placed.body.status, 'confirmed');
      assert.equal(waiting.body.status, 'waitlisted');

      // The last moment: 1 April, 23:59 in Amsterdam (21:59 UTC in summer time).
      clock = new Date('2030-04-01T21:59:00Z');
      assert.deepEqual((await s.get(`/api/registrations/${placed.body.manageToken}`)).body.actions, { cancel: true, leaveWaitlist: false, switchTo: [] });

      clock = new Date('2030-04-01T22:00:00Z');
      assert.deepEqual((await s.get(`/api/registrations/${placed.body.manageToken}`)).body.actions, { cancel: false, leaveWaitlist: false, switchTo: [], cancelClosed: true });
      const cancel = await s.post(`/api/registrations/${placed.body.manageToken}/cancel`, {});
      assert.equal(cancel.status, 409);
      assert.equal(cancel.body.error.code, 'not-cancellable');
      assert.match(cancel.body.error.message, /^Afmelden via deze pagina kon tot maandag 1 april 2030\. /);
      assert.equal((await s.get(`/api/registrations/${placed.body.manageToken}`)).body.status, 'confirmed');

      assert.deepEqual((await s.get(`/api/registrations/${waiting.body.manageToken}`)).body.actions, { cancel: false, leaveWaitlist: true, switchTo: [] });
      const left = await s.post(`/api/registrations/${waiting.body.manageToken}/cancel`, {});
      assert.equal(left.status, 200);
      assert.equal(left.body.status, 'cancelled');
    });

    test('cancelling an already cancelled registration still answers with its view (the API stays idempotent)', async () => {
      clock = new Date('2030-03-01T12:00:00Z');
      const r = await s.post('/api/networks/afmelden-sessie/registrations', { ...person('twee-keer'), sessionId: 'tweede' });
      assert.equal((await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {})).status, 200);
      const again = await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {});
      assert.equal(again.status, 200);
      assert.equal(again.body.status, 'cancelled');
    });
  });
}
