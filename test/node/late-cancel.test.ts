// Issue 23: deadlines relative to each session. "Aanmelden kan tot 14 dagen voor de bijeenkomst"
// is enforced by the server; "kosteloos afmelden tot 7 dagen voor": after that a person may still
// cancel, is told the fee stands (in the e-mail, as a real SMTP peer receives it), and the
// organisers are told too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { closesAt, feeStandsOnCancel, freeCancellationUntil, manageActions, parseNetwork, type Network } from '../../src/core/index.js';
import { startServer, smtpPeer, tempDir, type TestServer } from './helpers.js';

function doc(): Network {
  const r = parseNetwork({
    id: 'eilanden',
    kind: 'learning-network',
    title: 'Eilandendag',
    summary: 'Gemeenten op de eilanden leren samen.',
    organisers: [{ name: 'Provincie Fryslân', type: 'province' }],
    contact: { name: 'Sjoukje de Jong', email: 'sjoukje@example.org' },
    price: { type: 'per-organisation-type', currency: 'EUR', rates: [{ organisationTypes: ['municipality'], amount: 0 }], otherwise: 95 },
    sessions: [{ id: 'skylge', title: 'Dag op Terschelling', type: 'thematic', start: '2030-05-27T08:30', end: '2030-05-28T17:30' }],
    registration: { mode: 'built-in', scope: 'session', capacity: 30, closesDaysBefore: 14, freeCancellationDaysBefore: 7 },
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

test('core: registration closes at the end of the 14th day before; free cancellation ends at the end of the 7th day before', () => {
  const n = doc();
  const s = n.sessions[0]!;
  assert.equal(closesAt(n, s)?.toISOString(), '2030-05-13T22:00:00.000Z');
  assert.equal(freeCancellationUntil(n, s.id)?.toISOString(), '2030-05-20T22:00:00.000Z');
  const business = { status: 'confirmed', sessionId: 'skylge', organisationType: 'business' } as const;
  assert.equal(feeStandsOnCancel(n, business, new Date('2030-05-20T12:00:00Z')), undefined);
  assert.equal(manageActions(n, business, new Date('2030-05-21T08:00:00Z')).cancel, true, 'cancelling stays possible');
  assert.equal(feeStandsOnCancel(n, business, new Date('2030-05-21T08:00:00Z')), 95);
  assert.equal(feeStandsOnCancel(n, { ...business, organisationType: 'municipality' }, new Date('2030-05-21T08:00:00Z')), undefined, 'nothing stands where nothing is paid');
  assert.equal(feeStandsOnCancel(n, { ...business, status: 'waitlisted' }, new Date('2030-05-21T08:00:00Z')), undefined, 'a waiting list holds no place');
});

describe('through the server and a real SMTP peer', () => {
  let s: TestServer;
  let smtp: Awaited<ReturnType<typeof smtpPeer>>;
  let clock = new Date('2030-05-13T20:00:00Z');
  before(async () => {
    s = await startServer('pglite', [doc()], { now: () => clock });
    smtp = await smtpPeer();
  });
  after(async () => {
    await s.close();
    await smtp.close();
  });
  const register = (who: string, type: string) =>
    s.post('/api/networks/eilanden/registrations', { sessionId: 'skylge', participant: { name: `Deelnemer ${who}`, email: `${who}@example.org`, organisation: `Organisatie ${who}`, organisationType: type } });

  test('registering on the 14th day before is possible; the day after, the server refuses', async () => {
    assert.equal((await register('op-tijd', 'business')).status, 201);
    clock = new Date('2030-05-14T08:00:00Z');
    const late = await register('te-laat', 'business');
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.equal(late.body.error.code, 'deadline-passed');
  });

  test('a cancel after the free deadline goes through; the person is told the fee stands, and so are the organisers', async () => {
    clock = new Date('2030-05-13T20:00:00Z');
    const made = await register('laat-af', 'business');
    assert.equal(made.status, 201);
    clock = new Date('2030-05-22T09:00:00Z');
    const view = await s.get(`/api/registrations/${made.body.manageToken}`);
    assert.equal(view.body.actions.feeStands, 95);
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' });
    await deliverOutbox(s.db, mailer);
    smtp.received.length = 0;
    const res = await s.post(`/api/registrations/${made.body.manageToken}/cancel`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await deliverOutbox(s.db, mailer);
    const to = (a: string) => smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === a);
    assert.match(to('laat-af@example.org')?.text ?? '', /Je hebt je afgemeld na maandag 20 mei 2030 \(kosteloos afmelden kon tot 7 dagen voor de bijeenkomst\)\. De kosten blijven staan: €\u00a095\./);
    const organiser = to('sjoukje@example.org');
    assert.ok(organiser, smtp.received.map((m) => m.subject).join(' | '));
    assert.match(organiser.subject ?? '', /Afmelding na de termijn/);
    assert.match(organiser.text ?? '', /Organisatie laat-af/);
    assert.match(organiser.text ?? '', /€\u00a095/);
  });
});
