import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { BACKENDS, openTestDb, network, person, injectedFormToken, ADMIN_TOKEN } from './helpers.js';
import { buildServer, openDatabase, type Db } from '../../src/server/index.js';
import { MIGRATIONS, recomputeOrganisationKeys } from '../../src/server/storage/migrations.js';
import { sha256 } from '../../src/server/tokens.js';

// Rows stored before core's organisationKey kept a plain lower-cased name: "  gemeente   utrecht "
// and the later "gemeente utrecht" were two organisations for maxPerOrganisation.
for (const backend of BACKENDS) {
  describe(`organisation keys of rows stored before organisationKey (${backend})`, () => {
    const closers: (() => Promise<void>)[] = [];
    after(async () => {
      for (const close of closers.reverse()) await close();
    });

    test('the migration recomputes the old key, so the limit sees one organisation', async () => {
      const perOrg = network({
        id: 'per-org',
        registration: { mode: 'built-in', capacity: 20, maxPerOrganisation: 1, fields: { organisation: 'required', organisationType: 'off' } },
      });
      const first = await openTestDb(backend);
      const id = randomUUID();
      // As the server stored it before: the participant as typed, the key plainly lower-cased.
      await first.db.query(
        `INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant, organisation_lower)
           VALUES ($1, 'per-org', 'network', NULL, 'confirmed', 'oud@example.org', $2, $3)`,
        [id, JSON.stringify({ name: 'Oude Rij', email: 'oud@example.org', organisation: '  Gemeente   Utrecht ' }), '  gemeente   utrecht '],
      );
      // A database from before the migration: its mark is not there yet.
      const number = MIGRATIONS.indexOf(recomputeOrganisationKeys) + 1;
      assert.ok(number > 0, 'the migration is in the list');
      await first.db.query('DELETE FROM leerkring_migrations WHERE id = $1', [number]);
      await first.db.close();

      const db: Db = await openDatabase({ ...(first.url && { url: first.url }), dataDir: first.dir });
      closers.push(async () => {
        await db.close();
        rmSync(first.dir, { recursive: true, force: true });
      });
      const { rows } = await db.query<{ organisation_lower: string }>('SELECT organisation_lower FROM registrations WHERE id = $1', [id]);
      assert.equal(rows[0]!.organisation_lower, 'gemeente utrecht');

      const { app } = await buildServer({
        db,
        networks: new Map([[perOrg.id, perOrg]]),
        secret: Buffer.from('test-secret-test-secret-test-sec'),
        adminTokenHash: sha256(ADMIN_TOKEN),
        rateLimitPerMinute: 0,
        minFillMs: 0,
      });
      closers.push(() => app.close());
      const formToken = await injectedFormToken(app, 'per-org');
      const res = await app.inject({
        method: 'POST',
        url: '/api/networks/per-org/registrations',
        payload: { ...person(2, { organisation: 'Gemeente Utrecht' }), formToken },
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().error.code, 'organisation-limit');
    });
  });
}
