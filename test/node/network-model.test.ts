import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, person, type TestServer } from './helpers.js';
import { organisationKey } from '../../src/core/index.js';

describe('organisation names as people write them (core)', () => {
  test('spacing, case, diacritics and apostrophes do not make another organisation', () => {
    const same = ['Gemeente Utrecht', '  Gemeente   Utrecht ', 'gemeente utrecht', 'GEMEENTE\u00A0UTRECHT', 'Gemeente\tUtrecht'];
    for (const name of same) assert.equal(organisationKey(name), organisationKey('Gemeente Utrecht'), name);
    assert.equal(organisationKey("Gemeente 's-Hertogenbosch"), organisationKey('gemeente \u2019s-Hertogenbosch'));
    assert.equal(organisationKey('Súdwest-Fryslân'), organisationKey('Sudwest-Fryslan'));
    assert.notEqual(organisationKey('Gemeente Utrecht'), organisationKey('Provincie Utrecht'));
  });
});

for (const backend of BACKENDS) {
  describe(`the network model on the server (${backend})`, () => {
    let s: TestServer;
    const perOrg = network({
      id: 'per-org',
      registration: { mode: 'built-in', capacity: 20, maxPerOrganisation: 1, fields: { organisation: 'required', organisationType: 'off' } },
    });
    const fixedList = network({
      id: 'vaste-lijst',
      registration: {
        mode: 'built-in',
        capacity: 20,
        fields: { organisation: 'required', organisationType: 'off' },
        organisations: [{ name: 'Gemeente Enschede' }, { name: 'Gemeente Hengelo' }],
      },
    });
    before(async () => {
      s = await startServer(backend, [perOrg, fixedList]);
    });
    after(() => s.close());

    test('maxPerOrganisation counts "Gemeente Utrecht", "  Gemeente   Utrecht " and "gemeente utrecht" as one organisation', async () => {
      const first = await s.post('/api/networks/per-org/registrations', person(1, { organisation: 'Gemeente Utrecht' }));
      assert.equal(first.status, 201);
      for (const [i, name] of ['  Gemeente   Utrecht ', 'gemeente utrecht', 'GEMEENTE\u00A0UTRECHT'].entries()) {
        const again = await s.post('/api/networks/per-org/registrations', person(i + 2, { organisation: name }));
        assert.equal(again.status, 422, `${JSON.stringify(name)} got ${again.status}`);
        assert.equal(again.body.error.code, 'organisation-limit');
      }
      const other = await s.post('/api/networks/per-org/registrations', person(9, { organisation: "Gemeente 's-Hertogenbosch" }));
      assert.equal(other.status, 201);
      const curly = await s.post('/api/networks/per-org/registrations', person(10, { organisation: 'gemeente \u2019s-Hertogenbosch' }));
      assert.equal(curly.body.error?.code, 'organisation-limit');
    });

    test('a fixed list of organisations: a name from the list is kept as the list writes it, another is refused at the field', async () => {
      const ok = await s.post('/api/networks/vaste-lijst/registrations', person(1, { organisation: 'gemeente  enschede' }));
      assert.equal(ok.status, 201);
      const stored = await s.db.query<{ participant: any }>(`SELECT participant FROM registrations WHERE network_id = 'vaste-lijst'`);
      const participant = typeof stored.rows[0]!.participant === 'string' ? JSON.parse(stored.rows[0]!.participant) : stored.rows[0]!.participant;
      assert.equal(participant.organisation, 'Gemeente Enschede');
      const refused = await s.post('/api/networks/vaste-lijst/registrations', person(2, { organisation: 'Gemeente Almelo' }));
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.issues[0].path, 'participant.organisation');
      assert.match(refused.body.error.issues[0].message, /Gemeente Enschede/);
      const list = await s.get('/api/networks/vaste-lijst');
      assert.deepEqual(list.body.network.registration.organisations.map((o: any) => o.name), ['Gemeente Enschede', 'Gemeente Hengelo']);
    });
  });
}
