// Erase and purge remove every copy the server made: the row's personal data, unsent and sent
// messages, the .eml files; purge never runs behind the back of a server on the same folder.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, openTestDb, startServer, network, person, tempDir, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox, openDatabase, purgeData, RegistrationService, serve, StartupError, type Db } from '../../src/server/index.js';
import type { Network } from '../../src/core/index.js';

const DAY = 86400000;
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : []);
const mentions = (dir: string, text: string) => files(dir).filter((f) => readFileSync(join(dir, f), 'utf8').includes(text));

for (const backend of BACKENDS) {
  describe(`erase on ${backend}`, () => {
    let s: TestServer;
    let outbox: string;
    before(async () => {
      outbox = join(tempDir(), 'outbox');
      s = await startServer(backend, [network({})], { outboxDir: outbox });
    });
    after(() => s.close());

    test('removes the participant\'s .eml files, unsent messages and stored answers; leaves the others\'', async () => {
      const mailer = createMailer({ outboxDir: outbox, from: 'noreply@example.org' });
      const a = await s.post('/api/networks/test/registrations', person('weg'), { 'idempotency-key': 'weg' });
      const b = await s.post('/api/networks/test/registrations', person('blijft'));
      await deliverOutbox(s.db, mailer);
      // A message still waiting when the person erases must not go out afterwards.
      await s.post(`/api/registrations/${a.body.manageToken}/cancel`, {});
      assert.equal(mentions(outbox, 'deelnemerweg@example.org').length, 1);
      assert.equal(mentions(outbox, 'deelnemerblijft@example.org').length, 1);

      assert.equal((await s.post(`/api/registrations/${a.body.manageToken}/erase`, {})).status, 200);
      assert.deepEqual(mentions(outbox, 'deelnemerweg@example.org'), []);
      assert.equal(mentions(outbox, 'deelnemerblijft@example.org').length, 1);
      const { rows } = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE registration_id = $1', [a.body.id]);
      assert.equal(rows[0]!.n, 0, 'no message of the erased registration is left, sent or not');
      assert.equal((await deliverOutbox(s.db, mailer)).sent, 0);
      assert.deepEqual(mentions(outbox, 'deelnemerweg@example.org'), []);
      const kept = await s.db.query('SELECT 1 FROM idempotency WHERE response::text LIKE $1', [`%${a.body.manageToken}%`]);
      assert.equal(kept.rows.length, 0, 'the stored answer with the manage token is gone');
      assert.equal(b.status, 201);
    });
  });
}

describe('purge', () => {
  let db: Db;
  let dir: string;
  let outbox: string;
  // Networks with dates follow `now`; the others count from when their registrations were made
  // (the database's real time), so they follow `undatedNow`.
  let now = new Date('2030-01-01T00:00:00Z');
  let undatedNow = new Date();
  const clock = (id: string) => (id === 'zonder-data' || id === 'verdwenen' ? undatedNow : now);
  const mailer = () => createMailer({ outboxDir: outbox, from: 'noreply@example.org' });
  const retention = { mode: 'built-in', privacy: { retentionDays: 30 }, fields: { organisation: 'optional', organisationType: 'off' } };
  const past = network({ id: 'voorbij', registration: retention });
  const undated = network({
    id: 'open-einde',
    sessions: [
      { id: 'start', title: 'Start', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
      { id: 'later', title: 'Later', type: 'other' },
    ],
    registration: retention,
  });
  const noDates = network({ id: 'zonder-data', sessions: [{ id: 'ooit', title: 'Ooit', type: 'other' }], registration: retention });
  const gone = network({ id: 'verdwenen', registration: retention });
  const all = [past, undated, noDates, gone];

  before(async () => {
    ({ db, dir } = await openTestDb('pglite'));
    outbox = join(dir, 'outbox');
    const store = new RegistrationService(db, new Map(all.map((n) => [n.id, n])), { secret: Buffer.alloc(32, 3), now: clock });
    for (const n of all) await store.register(n, person(n.id));
    await deliverOutbox(db, mailer());
    assert.equal(files(outbox).length, 4);
  });
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storeWith = (networks: Network[]) => new RegistrationService(db, new Map(networks.map((n) => [n.id, n])), { secret: Buffer.alloc(32, 3), now: clock, outboxDir: outbox });
  const erased = async () =>
    (await db.query<{ network_id: string }>('SELECT network_id FROM registrations WHERE erased_at IS NOT NULL ORDER BY network_id')).rows.map((r) => r.network_id);

  test('nothing before the retention period is over', async () => {
    now = new Date('2030-05-20T00:00:00Z');
    assert.equal(await storeWith(all.filter((n) => n !== gone)).purgeExpired(), 0);
    assert.equal(files(outbox).length, 4);
  });

  test('a network with a dated session long past and one still undated is purged, .eml files included', async () => {
    now = new Date('2030-06-01T00:00:00Z');
    const removed = await storeWith(all.filter((n) => n !== gone)).purgeExpired();
    assert.deepEqual(await erased(), ['open-einde', 'voorbij']);
    assert.equal(removed, 2);
    for (const id of ['open-einde', 'voorbij']) assert.deepEqual(mentions(outbox, `deelnemer${id}@example.org`), [], id);
    assert.equal(mentions(outbox, 'deelnemerzonder-data@example.org').length, 1, 'a network without dates waits for the registration\'s own age');
  });

  test('a network without any date: retention days after the registration last changed', async () => {
    const { rows } = await db.query<{ updated_at: Date }>(`SELECT updated_at FROM registrations WHERE network_id = 'zonder-data'`);
    undatedNow = new Date(new Date(rows[0]!.updated_at).getTime() + 30 * DAY - 1000);
    assert.equal(await storeWith(all.filter((n) => n !== gone)).purgeExpired(), 0);
    undatedNow = new Date(new Date(rows[0]!.updated_at).getTime() + 30 * DAY + 1000);
    assert.equal(await storeWith(all.filter((n) => n !== gone)).purgeExpired(), 1);
    assert.deepEqual(mentions(outbox, 'deelnemerzonder-data@example.org'), []);
  });

  test('registrations of a network whose document is gone are purged after the default retention', async () => {
    const { rows } = await db.query<{ updated_at: Date }>(`SELECT updated_at FROM registrations WHERE network_id = 'verdwenen'`);
    undatedNow = new Date(new Date(rows[0]!.updated_at).getTime() + 364 * DAY);
    assert.equal(await storeWith([past, undated, noDates]).purgeExpired(), 0);
    undatedNow = new Date(new Date(rows[0]!.updated_at).getTime() + 366 * DAY);
    assert.equal(await storeWith([past, undated, noDates]).purgeExpired(), 1);
    assert.deepEqual(await erased(), ['open-einde', 'verdwenen', 'voorbij', 'zonder-data']);
    assert.deepEqual(files(outbox), []);
    const { rows: left } = await db.query(`SELECT participant FROM registrations WHERE participant::text LIKE '%@%'`);
    assert.deepEqual(left, []);
  });
});

test('a recent registration is kept while the network still has a session to be dated', async () => {
  const { db, dir } = await openTestDb('postgres');
  const n = network({
    id: 'lopend',
    sessions: [
      { id: 'begin', title: 'Begin', type: 'other', start: '2020-03-01T10:00', end: '2020-03-01T12:00' },
      { id: 'vervolg', title: 'Vervolg', type: 'other' },
    ],
    registration: { mode: 'built-in', privacy: { retentionDays: 30 }, fields: { organisation: 'optional', organisationType: 'off' } },
  });
  let now = new Date();
  const store = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 3), now: () => now });
  try {
    assert.equal((await store.register(n, person('nieuw'))).kind, 'created');
    now = new Date(Date.now() + 10 * DAY);
    assert.equal(await store.purgeExpired(), 0, 'the first session is long past, but the registration is ten days old');
    now = new Date(Date.now() + 31 * DAY);
    assert.equal(await store.purgeExpired(), 1);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('purge and a running server on the same embedded database', () => {
  const doc = {
    id: 'afgelopen', kind: 'workshop', title: 'Afgelopen workshop', summary: 'Voorbij.', organisers: [{ name: 'Gemeente Voorbeeld' }],
    sessions: [{ id: 'dag', title: 'Dag', type: 'other', start: '2020-03-01T10:00', end: '2020-03-01T16:00' }],
    registration: { mode: 'built-in', privacy: { retentionDays: 30 }, fields: { organisation: 'optional', organisationType: 'off' } },
  };
  /** A fresh folder `root` with the network in `networks/`, and where its data goes (made already `withData`). */
  const networkFolder = (withData = false) => {
    const root = tempDir();
    const folder = join(root, 'networks');
    const data = join(root, 'data');
    mkdirSync(folder);
    if (withData) mkdirSync(data);
    writeFileSync(join(folder, 'afgelopen.json'), JSON.stringify(doc));
    return { root, folder, data };
  };
  const purge = (folder: string, data: string) => spawnSync(process.execPath, ['bin/leerkring.js', 'purge', '--networks', folder, '--data', data], { encoding: 'utf8', timeout: 60000 });

  test('purge refuses while the server holds the folder and changes nothing; afterwards it removes everything', async () => {
    const { root, folder, data } = networkFolder();
    // Three registrations made back then, their confirmations written as .eml files.
    const outbox = join(data, 'outbox');
    const earlier = await openDatabase({ dataDir: data });
    const store = new RegistrationService(earlier, new Map([[doc.id, network(doc)]]), { secret: Buffer.alloc(32, 4), now: () => new Date('2020-02-01T00:00:00Z') });
    for (let i = 0; i < 3; i++) assert.equal((await store.register(network(doc), person(`p${i}`))).kind, 'created');
    await deliverOutbox(earlier, createMailer({ outboxDir: outbox, from: 'noreply@example.org' }));
    await earlier.query(`UPDATE registrations SET created_at = '2020-02-01', updated_at = '2020-02-01'`);
    await earlier.close();
    assert.equal(files(outbox).length, 3);

    // The server's clock stands before the session, so its own purge at start has nothing to do.
    const server = await serve({ networks: folder, port: 0, dataDir: data, rateLimitPerMinute: 0, now: () => new Date('2020-02-01T00:00:00Z'), log: () => {} });
    let stopped = false;
    try {
      await assert.rejects(
        serve({ networks: folder, port: 0, dataDir: data, log: () => {} }),
        (e: Error) => e instanceof StartupError && /in use by a running leerkring server/.test(e.message),
        'a second server on the same folder is refused too',
      );
      const refused = purge(folder, data);
      assert.equal(refused.status, 1, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /nothing purged: .* is in use by a running leerkring server \(process \d+\)/);
      assert.doesNotMatch(refused.stdout, /removed/);
      await server.close();
      stopped = true;
      assert.equal(files(outbox).length, 3, 'the files are still there');
      const db = await openDatabase({ dataDir: data });
      try {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE erased_at IS NULL AND participant->>'email' LIKE '%@example.org'`);
        assert.equal(rows[0]!.n, 3, 'every registration still has its data: the refused purge did nothing, not half');
      } finally {
        await db.close();
      }

      const done = purge(folder, data);
      assert.equal(done.status, 0, done.stdout + done.stderr);
      assert.match(done.stdout, /personal data of 3 registrations removed/);
      assert.deepEqual(files(outbox), []);
      const reopened = await openDatabase({ dataDir: data });
      try {
        const { rows } = await reopened.query(`SELECT participant FROM registrations WHERE participant::text LIKE '%@%'`);
        assert.deepEqual(rows, [], 'after a restart nothing came back');
      } finally {
        await reopened.close();
      }
    } finally {
      if (!stopped) await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a server that could not listen lets go of the folder', async () => {
    const { root, folder, data } = networkFolder();
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const port = (taken.address() as { port: number }).port;
      await assert.rejects(serve({ networks: folder, port, dataDir: data, log: () => {} }), /EADDRINUSE/);
      const server = await serve({ networks: folder, port: 0, dataDir: data, log: () => {} });
      await server.close();
    } finally {
      taken.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a lock with this very process id that this process does not hold is from an earlier life', async () => {
    const { root, folder, data } = networkFolder(true);
    // A container restarted: its server was process 1 before and is process 1 again.
    writeFileSync(join(data, 'leerkring.pid'), String(process.pid));
    try {
      assert.equal(await purgeData({ networks: folder, dataDir: data }), 0);
      assert.equal(existsSync(join(data, 'leerkring.pid')), false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a lock left by a server that died does not block purge', () => {
    const { root, folder, data } = networkFolder(true);
    // The id of a process that has ended.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(data, 'leerkring.pid'), dead);
    try {
      const r = purge(folder, data);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(existsSync(join(data, 'leerkring.pid')), false, 'purge lets go of the folder when done');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
