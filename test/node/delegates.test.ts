// Issue 13: "a way to limit a network to delegates of political parties and their local
// branches". The model says it with what it has: eligibility by organisation type
// (political-party, party-branch) and a required declaration that the person is a delegate.
// This proves it end to end; the README's network-document section shows the pattern.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetwork, type Network } from '../../src/core/index.js';
import { startServer, person, type TestServer } from './helpers.js';

const document = {
  id: 'afgevaardigden',
  kind: 'learning-circle',
  title: 'Leerkring raadsleden en partijen',
  summary: 'Voor afgevaardigden van politieke partijen en hun lokale afdelingen.',
  organisers: [{ name: 'Provincie Voorbeeld' }],
  contact: { name: 'Organisator', email: 'organisator@example.org' },
  sessions: [{ id: 'start', title: 'Startbijeenkomst', type: 'kick-off', start: '2030-05-01T19:30', end: '2030-05-01T21:30', venue: { type: 'online' } }],
  registration: {
    mode: 'built-in',
    capacity: 30,
    fields: { organisation: 'required', organisationType: 'required' },
    eligibility: {
      organisationTypes: ['political-party', 'party-branch'],
      explanation: 'Deze leerkring is alleen voor afgevaardigden van politieke partijen en hun lokale afdelingen.',
    },
    declarations: [{ id: 'afgevaardigd', text: 'Ik ben afgevaardigd door mijn partij of afdeling.', required: true }],
  },
};

describe('a network for delegates of political parties', () => {
  let s: TestServer;
  let network: Network;
  before(async () => {
    const r = parseNetwork(document);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.deepEqual(r.warnings ?? [], []);
    network = r.value;
    s = await startServer('pglite', [network]);
  });
  after(() => s.close());

  test('a person of another organisation type gets the explanation', async () => {
    const r = await s.post('/api/networks/afgevaardigden/registrations', {
      ...person('g', { organisation: 'Gemeente Zeist', organisationType: 'municipality' }),
      declarations: ['afgevaardigd'],
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'not-eligible');
    assert.match(r.body.error.message, /alleen voor afgevaardigden van politieke partijen/);
  });

  test('without the declaration the form refuses, at the declaration, saying which', async () => {
    const r = await s.post('/api/networks/afgevaardigden/registrations', person('a', { organisation: 'GroenLinks Zeist', organisationType: 'party-branch' }));
    assert.equal(r.status, 422);
    const issue = r.body.error.issues.find((i: { path: string }) => i.path === 'declarations.afgevaardigd');
    assert.ok(issue, JSON.stringify(r.body));
    assert.match(issue.message, /afgevaardigd door mijn partij of afdeling/);
  });

  test('with it, a branch delegate and a party delegate are registered; console and export see the declaration', async () => {
    const a = await s.post('/api/networks/afgevaardigden/registrations', { ...person('b', { organisation: 'CDA Utrecht', organisationType: 'party-branch' }), declarations: ['afgevaardigd'] });
    assert.deepEqual([a.status, a.body.status], [201, 'confirmed']);
    const b = await s.post('/api/networks/afgevaardigden/registrations', { ...person('c', { organisation: 'D66', organisationType: 'political-party' }), declarations: ['afgevaardigd'] });
    assert.deepEqual([b.status, b.body.status], [201, 'confirmed']);
    const list = await s.admin('GET', '/api/admin/networks/afgevaardigden/registrations');
    assert.equal(list.status, 200, list.text);
    const rows = (list.body.registrations ?? list.body) as { declarations: string[] }[];
    assert.equal(rows.length, 2);
    for (const row of rows) assert.deepEqual(row.declarations, ['afgevaardigd']);
    const csv = await s.admin('GET', '/api/admin/networks/afgevaardigden/registrations.csv');
    assert.equal(csv.status, 200);
    // No cell here holds a separator or a quote, so a plain split reads it.
    const [header, ...lines] = csv.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '')));
    const column = header!.indexOf('Ik ben afgevaardigd door mijn partij of afdeling.');
    assert.ok(column >= 0, header!.join(';'));
    assert.deepEqual(lines.map((l) => l[column]), ['ja', 'ja']);
  });
});
