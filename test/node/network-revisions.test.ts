/**
 * Issue 15: network documents live in the database with every revision; a `--networks` folder
 * is imported (only what is new or changed), and a restart keeps edits made since.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, freshPostgres, network, tempDir, openTestDb } from './helpers.js';
import { networkFolder } from './serve-process.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { serve, moveDocuments } from '../../src/server/serve.js';
import { openDatabase } from '../../src/server/storage/db.js';

const twente = network({
  id: 'twente',
  title: 'Twentse leerkring',
  sessions: [
    { id: 'start', title: 'Aftrap', type: 'other', start: '2030-03-01T10:00', end: '2030-03-01T12:00', venue: { type: 'physical', name: 'Stadhuis', city: 'Enschede' } },
    { id: 'tweede', title: 'Tweede bijeenkomst', type: 'other' },
  ],
});

/** The document as a person writes it (no defaults filled in). */
const raw = (over: Record<string, unknown> = {}) => ({ ...JSON.parse(JSON.stringify(twente)), ...over });

const revisionCount = async (db: { query: (sql: string, p?: unknown[]) => Promise<{ rows: any[] }> }, id: string) =>
  Number((await db.query('SELECT count(*)::int AS n FROM network_revisions WHERE network_id = $1', [id])).rows[0].n);

for (const backend of BACKENDS) {
  describe(`network revisions on ${backend}`, () => {
    test('an import adds a revision only for what is new or changed; edits survive a re-import', async () => {
      const { db } = await openTestDb(backend);
      try {
        const first = await NetworkRegistry.open(db, [{ network: twente, raw: raw() }]);
        assert.deepEqual(first.imported, ['twente']);
        assert.equal(first.revision('twente'), 1);
        assert.equal(first.get('twente')!.title, 'Twentse leerkring');

        const again = await NetworkRegistry.open(db, [{ network: twente, raw: raw() }]);
        assert.deepEqual(again.imported, [], 'unchanged: no new revision');
        assert.equal(await revisionCount(db, 'twente'), 1);

        const before = again.get('twente')!;
        const saved = await again.save(raw({ title: 'Twentse leerkring (bewerkt)' }), { author: 'installation-admin', basedOn: 1 });
        assert.equal(saved.kind, 'saved');
        assert.equal(again.revision('twente'), 2);
        assert.notEqual(again.get('twente'), before, 'a new revision is a new Network object');
        assert.equal(before.title, 'Twentse leerkring', 'the old object is not changed in place');

        // A restart with the same folder keeps the edit: the folder's document was imported before.
        const restarted = await NetworkRegistry.open(db, [{ network: twente, raw: raw() }]);
        assert.equal(restarted.get('twente')!.title, 'Twentse leerkring (bewerkt)');
        assert.equal(await revisionCount(db, 'twente'), 2);

        // A changed folder document is a new revision by "import".
        const changed = await NetworkRegistry.open(db, [{ network: twente, raw: raw({ title: 'Twentse leerkring 2030' }) }]);
        assert.deepEqual(changed.imported, ['twente']);
        assert.equal(changed.get('twente')!.title, 'Twentse leerkring 2030');
        const history = await changed.revisions('twente');
        assert.deepEqual(history.map((r) => [r.revision, r.author]), [[3, 'import'], [2, 'installation-admin'], [1, 'import']]);
        assert.deepEqual(history[0]!.paths, ['title']);

        // Without documents, the registry serves what the database holds.
        const bare = await NetworkRegistry.open(db);
        assert.equal(bare.get('twente')!.title, 'Twentse leerkring 2030');
        assert.deepEqual([...bare.keys()], ['twente']);
        assert.equal(bare.size, 1);
        assert.deepEqual([...bare].map(([id]) => id), ['twente']);
      } finally {
        await db.close();
      }
    });

    test('a save based on an older revision is stale and says what came in between', async () => {
      const { db } = await openTestDb(backend);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: twente, raw: raw() }]);
        const sessions = raw().sessions;
        sessions[1] = { ...sessions[1], start: '2030-04-01T10:00', end: '2030-04-01T12:00' };
        assert.equal((await registry.save(raw({ sessions }), { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        const stale = await registry.save(raw({ title: 'Andere titel' }), { author: 'installation-admin', basedOn: 1 });
        assert.equal(stale.kind, 'stale');
        if (stale.kind !== 'stale') return;
        assert.equal(stale.revision, 2);
        assert.deepEqual(stale.between.map((c) => ({ revision: c.revision, author: c.author, paths: c.paths, sessions: c.sessions })), [
          { revision: 2, author: 'installation-admin', paths: ['sessions'], sessions: ['tweede'] },
        ]);
        assert.equal(registry.get('twente')!.title, 'Twentse leerkring', 'nothing overwritten');
      } finally {
        await db.close();
      }
    });
  });
}

describe('the server keeps networks in its database', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  for (const backend of BACKENDS) {
    test(`a restart keeps edits, and serves without a folder (${backend})`, async () => {
      const dataDir = tempDir();
      dirs.push(dataDir);
      const databaseUrl = backend === 'postgres' ? await freshPostgres() : undefined;
      const folder = networkFolder([twente]);
      const common = { port: 0, dataDir, log: () => {}, logger: false as const, ...(databaseUrl && { databaseUrl }) };
      const first = await serve({ ...common, networks: folder });
      try {
        const saved = await first.networks.save(raw({ title: 'Bewerkt in de console' }), { author: 'installation-admin', basedOn: 1 });
        assert.equal(saved.kind, 'saved');
        assert.equal(((await (await fetch(`${first.url}/api/networks/twente`)).json()) as any).network.title, 'Bewerkt in de console');
      } finally {
        await first.close();
      }
      const second = await serve({ ...common, networks: folder });
      try {
        assert.equal(((await (await fetch(`${second.url}/api/networks/twente`)).json()) as any).network.title, 'Bewerkt in de console', 'the edit survives a restart with the same folder');
        assert.equal(second.networks.revision('twente'), 2);
      } finally {
        await second.close();
      }
      const third = await serve(common);
      try {
        assert.equal(((await (await fetch(`${third.url}/api/networks/twente`)).json()) as any).network.title, 'Bewerkt in de console', 'no folder: what the database holds');
      } finally {
        await third.close();
      }
    });
  }

  test('export writes the current documents; import adds a revision only for changed ones', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const folder = networkFolder([twente]);
    assert.deepEqual(await moveDocuments('import', { folder, dataDir }), ['twente']);
    assert.deepEqual(await moveDocuments('import', { folder, dataDir }), [], 'unchanged: nothing imported');
    const out = join(tempDir(), 'export');
    dirs.push(out);
    assert.deepEqual(await moveDocuments('export', { folder: out, dataDir }), ['twente']);
    assert.deepEqual(readdirSync(out), ['twente.json']);
    const exported = JSON.parse(readFileSync(join(out, 'twente.json'), 'utf8'));
    assert.equal(exported.title, 'Twentse leerkring');
    writeFileSync(join(out, 'twente.json'), JSON.stringify({ ...exported, title: 'Uit git' }, null, 2));
    assert.deepEqual(await moveDocuments('import', { folder: out, dataDir }), ['twente']);
    const db = await openDatabase({ dataDir });
    try {
      assert.equal((await NetworkRegistry.open(db)).get('twente')!.title, 'Uit git');
      assert.equal(await revisionCount(db, 'twente'), 2);
    } finally {
      await db.close();
    }
  });
});
