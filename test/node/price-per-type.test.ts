// Issue 23: a price per organisation type ("free for municipalities in the province, EUR 95 for
// others"): in the document and validated, what each person pays decided once in core, and said
// in the confirmation e-mail (as a real SMTP peer receives it), on the manage view and in the CSV.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMailer, deliverOutbox } from '../../src/server/mail/delivery.js';
import { feeFor, formatProblem, formMessages, parseNetwork, priceLines, type Network } from '../../src/core/index.js';
import { startServer, smtpPeer, tempDir, ADMIN_TOKEN, type TestServer } from './helpers.js';

const price = { type: 'per-organisation-type', currency: 'EUR', rates: [{ organisationTypes: ['municipality'], amount: 0 }], otherwise: 95, note: 'Gemeenten in Gelderland nemen gratis deel.' };

function doc(extra: Record<string, unknown> = {}, registration: Record<string, unknown> = {}) {
  return {
    id: 'provinciaal',
    kind: 'learning-network',
    title: 'Provinciaal netwerk Omgevingswet',
    summary: 'Overheden in Gelderland leren samen.',
    organisers: [{ name: 'Provincie Gelderland', type: 'province' }],
    contact: { name: 'Femke Jansen', email: 'femke@example.org' },
    price,
    sessions: [{ id: 'start', title: 'Startbijeenkomst', type: 'kick-off', start: '2030-03-12T13:00', end: '2030-03-12T17:00', venue: { type: 'physical', name: 'Huis der Provincie', city: 'Arnhem' } }],
    registration: { mode: 'built-in', capacity: 40, ...registration },
    ...extra,
  };
}

function valid(d: unknown): Network {
  const r = parseNetwork(d);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

test('the document says a price per organisation type, and core decides what each person pays', () => {
  const n = valid(doc());
  assert.equal(feeFor(n, 'municipality'), 0);
  assert.equal(feeFor(n, 'business'), 95);
  assert.equal(feeFor(n, 'province'), 95);
  assert.equal(feeFor(n, undefined), undefined, 'without a type the amount is not known');
  assert.deepEqual(priceLines(n, 'nl', formMessages('nl').price), ['Gemeente: gratis', 'Andere organisaties: €\u00a095']);
  assert.deepEqual(priceLines(n, 'en', formMessages('en').price), ['Municipality: free', 'Other organisations: €95']);
});

test('a type with two prices is warned about (the first counts); a price by type on a form that never asks the type is refused', () => {
  const twice = parseNetwork(doc({ price: { ...price, rates: [{ organisationTypes: ['municipality'], amount: 0 }, { organisationTypes: ['municipality', 'province'], amount: 50 }] } }));
  assert.ok(twice.ok);
  assert.deepEqual(twice.warnings.map((p) => p.path), ['price.rates[1].organisationTypes']);
  assert.match(formatProblem(twice.warnings[0]!, 'nl'), /al een prijs .*alleen die eerste telt/);
  assert.equal(feeFor(twice.value, 'municipality'), 0);
  assert.equal(feeFor(twice.value, 'province'), 50);
  const off = parseNetwork(doc({}, { fields: { organisationType: 'off' } }));
  assert.ok(!off.ok);
  assert.deepEqual(off.problems.map((p) => p.path), ['registration.fields.organisationType']);
  assert.match(formatProblem(off.problems[0]!, 'en'), /price per type/);
});

describe('through the server and a real SMTP peer', () => {
  let s: TestServer;
  let smtp: Awaited<ReturnType<typeof smtpPeer>>;
  const tokens: Record<string, string> = {};
  before(async () => {
    s = await startServer('pglite', [valid(doc())]);
    smtp = await smtpPeer();
    for (const [who, type] of [['gemeente', 'municipality'], ['bedrijf', 'business']] as const) {
      const res = await s.post('/api/networks/provinciaal/registrations', { participant: { name: `Deelnemer ${who}`, email: `${who}@example.org`, organisation: `Organisatie ${who}`, organisationType: type } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      tokens[who] = res.body.manageToken;
    }
  });
  after(async () => {
    await s.close();
    await smtp.close();
  });

  test('the confirmation says what this person pays', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: tempDir(), from: 'leerkring <noreply@example.org>' });
    assert.deepEqual(await deliverOutbox(s.db, mailer), { sent: 2, failed: 0 });
    const to = (who: string) => smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === `${who}@example.org`)!;
    assert.match(to('gemeente').text ?? '', /^Kosten voor je deelname: gratis\.$/m);
    assert.match(to('bedrijf').text ?? '', /^Kosten voor je deelname: €\u00a095\.$/m);
  });

  test('the manage view carries the fee', async () => {
    assert.equal((await s.get(`/api/registrations/${tokens.bedrijf}`)).body.fee, 95);
    assert.equal((await s.get(`/api/registrations/${tokens.gemeente}`)).body.fee, 0);
  });

  test('the admin CSV has a column with what each person pays', async () => {
    const res = await fetch(`${s.url}/api/admin/networks/provinciaal/registrations.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.status, 200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
    const col = lines[0]!.indexOf('Kosten');
    assert.ok(col >= 0, lines[0]!.join(';'));
    const byEmail = Object.fromEntries(lines.slice(1, -1).map((l) => [l[1], l[col]]));
    assert.deepEqual(byEmail, { 'gemeente@example.org': '0,00', 'bedrijf@example.org': '95,00' });
  });
});
