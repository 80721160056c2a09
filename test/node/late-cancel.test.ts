// Issue 23: deadlines relative to each session. "Aanmelden kan tot 14 dagen voor de bijeenkomst"
// is enforced by the server; "kosteloos afmelden tot 7 dagen voor": after that a person may still
// cancel, is told the fee stands (in the e-mail, as a real SMTP peer receives it), and the
// organisers are told too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { closesAt, feeStandsOnCancel, freeCancellationUntil, manageActions, type Network } from '../../src/core/index.js';
import { eilandenNetwork, startServer, smtpPeer, tempDir, type TestServer } from './helpers.js';

const doc = (): Network => eilandenNetwork({ closesDaysBefore: 14 });

/** For one describe: the server on the island day at a clock the tests move, a real SMTP peer, and registering someone of a type. */
function islandDay() {
  const at = { clock: new Date('2030-05-13T20:00:00Z') } as { s: TestServer; smtp: Awaited<ReturnType<typeof smtpPeer>>; clock: Date };
  before(async () => {
    at.s = await startServer('pglite', [doc()], { now: () => at.clock });
    at.smtp = await smtpPeer();
  });
  after(async () => {
    await at.s.close();
    await at.smtp.close();
  });
  const register = (who: string, type: string) =>
    at.s.post('/api/networks/eilanden/registrations', { sessionId: 'skylge', participant: { name: `Deelnemer ${who}`, email: `${who}@example.org`, organisation: `Organisatie ${who}`, organisationType: type } });
  return { at, register };
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
  const { at, register } = islandDay();

  test('registering on the 14th day before is possible; the day after, the server refuses', async () => {
    assert.equal((await register('op-tijd', 'business')).status, 201);
    at.clock = new Date('2030-05-14T08:00:00Z');
    const late = await register('te-laat', 'business');
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.equal(late.body.error.code, 'deadline-passed');
  });

  test('a cancel after the free deadline goes through; the person is told the fee stands, and so are the organisers', async () => {
    at.clock = new Date('2030-05-13T20:00:00Z');
    const made = await register('laat-af', 'business');
    assert.equal(made.status, 201);
    at.clock = new Date('2030-05-22T09:00:00Z');
    const view = await at.s.get(`/api/registrations/${made.body.manageToken}`);
    assert.equal(view.body.actions.feeStands, 95);
    const mailer = createMailer({ smtpUrl: at.smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' });
    await deliverOutbox(at.s.db, mailer);
    at.smtp.received.length = 0;
    const res = await at.s.post(`/api/registrations/${made.body.manageToken}/cancel`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await deliverOutbox(at.s.db, mailer);
    const to = (a: string) => at.smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === a);
    assert.match(to('laat-af@example.org')?.text ?? '', /Je hebt je afgemeld na maandag 20 mei 2030 \(kosteloos afmelden kon tot 7 dagen voor de bijeenkomst\)\. De kosten blijven staan: €\u00a095\./);
    const organiser = to('sjoukje@example.org');
    assert.ok(organiser, at.smtp.received.map((m) => m.subject).join(' | '));
    assert.match(organiser.subject ?? '', /Afmelding na de termijn/);
    assert.match(organiser.text ?? '', /Organisatie laat-af/);
    assert.match(organiser.text ?? '', /€\u00a095/);
  });
});

describe('the fee that stands is kept per registration (issue 23, item 4)', () => {
  const { at, register } = islandDay();
  let lateToken = '';
  const listed = async (who: string) =>
    ((await at.s.admin('GET', '/api/admin/networks/eilanden/registrations')).body.registrations as any[]).find((r) => r.participant.email === `${who}@example.org`);

  test('a late cancel stores the fee: the organisers see it in their list and in the CSV; a free cancel stores none', async () => {
    at.clock = new Date('2030-05-13T20:00:00Z');
    const late = await register('factuur', 'business');
    lateToken = late.body.manageToken;
    const early = await register('vroeg', 'business');
    at.clock = new Date('2030-05-19T09:00:00Z');
    assert.equal((await at.s.post(`/api/registrations/${early.body.manageToken}/cancel`, {})).status, 200);
    at.clock = new Date('2030-05-22T09:00:00Z');
    assert.equal((await at.s.post(`/api/registrations/${late.body.manageToken}/cancel`, {})).status, 200);
    // The network's price may change later: what stands is what was decided at the cancel.
    await at.s.db.query(`UPDATE registrations SET participant = jsonb_set(participant, '{organisationType}', '"municipality"') WHERE email_lower = 'factuur@example.org'`);
    assert.equal((await listed('factuur'))?.cancellationFee, 95);
    assert.equal((await listed('vroeg'))?.cancellationFee, undefined);
    const csv = await at.s.admin('GET', '/api/admin/networks/eilanden/registrations.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    const cells = (line: string) => line.split(';').map((c) => c.replace(/^"|"$/g, ''));
    const header = cells(lines[0]!);
    const col = header.indexOf('Kosten na afmelding');
    assert.ok(col >= 0, lines[0]);
    assert.equal(cells(lines.find((l) => l.includes('factuur@example.org'))!)[col], '95,00');
    assert.equal(cells(lines.find((l) => l.includes('vroeg@example.org'))!)[col], '');
  });

  test('erasing after a late cancel keeps only what the invoice needs, until retention; then that goes too', async () => {
    const id = (await at.s.db.query<{ id: string }>(`SELECT id FROM registrations WHERE email_lower = 'factuur@example.org'`)).rows[0]!.id;
    const manage = lateToken;
    const view = await at.s.get(`/api/registrations/${manage}`);
    assert.equal(view.body.cancellationFee, 95, 'the manage page knows, to say it before the erase is confirmed');
    assert.equal((await at.s.post(`/api/registrations/${manage}/erase`, {})).status, 200);
    assert.equal((await at.s.get(`/api/registrations/${manage}`)).status, 404, 'the link no longer works');
    const kept = await listed('factuur');
    assert.ok(kept, 'the invoice still finds name and address');
    assert.equal(kept.participant.name, 'Deelnemer factuur');
    assert.equal(kept.participant.organisation, 'Organisatie factuur');
    assert.equal(kept.cancellationFee, 95);
    // Retention: once it is over, the rest goes as well.
    at.clock = new Date('2032-01-01T00:00:00Z');
    await at.s.db.query(`UPDATE registrations SET updated_at = '2030-05-22T09:00:00Z'`);
    const { RegistrationService } = await import('../../src/server/services/registration-service.js');
    const store = new RegistrationService(at.s.db, new Map([['eilanden', doc()]]), { secret: Buffer.alloc(32, 5), now: () => at.clock });
    assert.ok((await store.purgeExpired(365)) >= 1);
    const { rows } = await at.s.db.query<{ participant: unknown }>(`SELECT participant FROM registrations WHERE id = $1`, [id]);
    assert.deepEqual(typeof rows[0]!.participant === 'string' ? JSON.parse(rows[0]!.participant) : rows[0]!.participant, {});
  });

  test('erasing a place after the free term does not bypass the fee: it is stored and the organisers are told', async () => {
    at.clock = new Date('2030-05-13T20:00:00Z');
    const made = await register('wis-laat', 'business');
    at.clock = new Date('2030-05-22T09:00:00Z');
    const mailer = createMailer({ smtpUrl: at.smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' });
    await deliverOutbox(at.s.db, mailer);
    at.smtp.received.length = 0;
    assert.equal((await at.s.get(`/api/registrations/${made.body.manageToken}`)).body.actions.feeStands, 95);
    assert.equal((await at.s.post(`/api/registrations/${made.body.manageToken}/erase`, {})).status, 200);
    await deliverOutbox(at.s.db, mailer);
    const organiser = at.smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === 'sjoukje@example.org');
    assert.ok(organiser, at.smtp.received.map((m) => m.subject).join(' | '));
    assert.match(organiser.text ?? '', /Organisatie wis-laat/);
    const kept = await listed('wis-laat');
    assert.equal(kept?.status, 'cancelled');
    assert.equal(kept?.cancellationFee, 95);
    assert.equal(kept?.participant.email, 'wis-laat@example.org');
  });
});
