import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, startServer, network, person, freshPostgres, tempDir, formToken, ADMIN_TOKEN } from './helpers.js';

const BURST = 500;
const PLACES = 20;

const sessionNetwork = (waitlist: boolean) =>
  network({
    id: 'drukte',
    sessions: [{ id: 'sessie', title: 'Drukke sessie', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
    registration: { mode: 'built-in', scope: 'session', capacity: PLACES, waitlist: { enabled: waitlist }, fields: { organisation: 'optional', organisationType: 'off' } },
  });

const body = (i: number) => ({ ...person(i), sessionId: 'sessie' });

/** Checks the invariants after a burst: places never given twice, the waiting list contiguous and in arrival order. */
function checkRows(rows: { status: string; position?: number; id: string }[], accepted: Map<string, { status: string; position?: number }>) {
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  const waitlisted = rows.filter((r) => r.status === 'waitlisted');
  assert.ok(confirmed.length <= PLACES, `${confirmed.length} confirmed for ${PLACES} places`);
  // Rows come back in arrival order (seq); the waiting list positions follow it without gaps.
  assert.deepEqual(waitlisted.map((r) => r.position), waitlisted.map((_, i) => i + 1));
  // Everyone who got a 201 is there, with the status and position they were told.
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [id, told] of accepted) {
    const row = byId.get(id);
    assert.ok(row, `registration ${id} answered 201 but is missing`);
    assert.equal(row.status, told.status);
    if (told.position !== undefined) assert.equal(row.position, told.position);
  }
  return { confirmed: confirmed.length, waitlisted: waitlisted.length };
}

for (const backend of BACKENDS) {
  describe(`${BURST} concurrent registrations for ${PLACES} places on ${backend}`, () => {
    test('with a waiting list: exactly 20 confirmed, the rest waitlisted in arrival order, nothing lost', async () => {
      const s = await startServer(backend, [sessionNetwork(true)]);
      try {
        const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => s.post('/api/networks/drukte/registrations', body(i))));
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [201]);
        const accepted = new Map(answers.map((a) => [a.body.id, { status: a.body.status, position: a.body.position }]));
        const rows = (await s.admin('GET', '/api/admin/networks/drukte/registrations')).body.registrations;
        assert.equal(rows.length, BURST);
        assert.deepEqual(checkRows(rows, accepted), { confirmed: PLACES, waitlisted: BURST - PLACES });
      } finally {
        await s.close();
      }
    });

    test('without a waiting list: exactly 20 confirmed, the rest refused as full', async () => {
      const s = await startServer(backend, [sessionNetwork(false)]);
      try {
        const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => s.post('/api/networks/drukte/registrations', body(i))));
        assert.equal(answers.filter((a) => a.status === 201).length, PLACES);
        assert.equal(answers.filter((a) => a.status === 409 && a.body.error.code === 'full').length, BURST - PLACES);
        const rows = (await s.admin('GET', '/api/admin/networks/drukte/registrations')).body.registrations;
        assert.equal(rows.length, PLACES);
      } finally {
        await s.close();
      }
    });
  });
}

/** Starts `leerkring serve` as a separate process and waits until it listens. */
async function serveProcess(folder: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/leerkring.js', 'serve', '--networks', folder, '--port', String(port)], {
    env: { ...process.env, LEERKRING_ADMIN_TOKEN: ADMIN_TOKEN, LEERKRING_SECRET: 'shared-secret-for-all-the-processes', LEERKRING_RATE_LIMIT: '0', LEERKRING_MIN_FILL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60000);
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  child.removeAllListeners('exit');
  return child;
}

function networkFolder(waitlist: boolean): string {
  const dir = tempDir();
  const folder = join(dir, 'networks');
  mkdirSync(folder);
  writeFileSync(join(folder, 'drukte.json'), JSON.stringify(sessionNetwork(waitlist)));
  return folder;
}

const stop = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function adminRows(base: string) {
  const res = await fetch(`${base}/api/admin/networks/drukte/registrations`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return (await res.json()).registrations as { id: string; status: string; position?: number }[];
}

// One form token per server, asked for once, as many open forms would each have one.
const formTokens = new Map<string, Promise<string>>();
const post = async (base: string, i: number) =>
  fetch(`${base}/api/networks/drukte/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body(i), formToken: await (formTokens.get(base) ?? formTokens.set(base, formToken(base, 'drukte')).get(base)) }),
  }).then(
    async (r) => ({ status: r.status, body: await r.json() }),
    () => ({ status: 0, body: undefined }),
  );

describe('several server processes', () => {
  test('two processes sharing one PostgreSQL never give a place twice', async () => {
    const folder = networkFolder(true);
    const url = await freshPostgres();
    const ports = [18101 + Math.floor(Math.random() * 500), 18701 + Math.floor(Math.random() * 500)];
    const servers = await Promise.all(ports.map((p) => serveProcess(folder, p, { DATABASE_URL: url })));
    try {
      const bases = ports.map((p) => `http://127.0.0.1:${p}`);
      const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => post(bases[i % 2]!, i)));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [201]);
      const accepted = new Map(answers.map((a) => [a.body.id, { status: a.body.status, position: a.body.position }]));
      const rows = await adminRows(bases[0]!);
      assert.equal(rows.length, BURST);
      assert.deepEqual(checkRows(rows, accepted), { confirmed: PLACES, waitlisted: BURST - PLACES });
    } finally {
      await Promise.all(servers.map((c) => stop(c)));
    }
  });

  for (const backend of BACKENDS) {
    test(`SIGKILL in the middle of a burst (${backend}): after restart every 201 is there, no place given twice`, async () => {
      const folder = networkFolder(true);
      const dataDir = tempDir();
      const env: Record<string, string> = { LEERKRING_DATA: dataDir };
      if (backend === 'postgres') env.DATABASE_URL = await freshPostgres();
      const port = 19301 + Math.floor(Math.random() * 500);
      const base = `http://127.0.0.1:${port}`;
      let server = await serveProcess(folder, port, env);
      const accepted = new Map<string, { status: string; position?: number }>();
      let answered = 0;
      const killed = new Promise<void>((resolve) => {
        const requests = Array.from({ length: 300 }, (_, i) =>
          post(base, i).then((a) => {
            if (a.status === 201) accepted.set(a.body.id, { status: a.body.status, position: a.body.position });
            if (++answered === 60) {
              server.kill('SIGKILL');
              resolve();
            }
          }),
        );
        void Promise.all(requests);
      });
      await killed;
      await stop(server, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      server = await serveProcess(folder, port, env);
      try {
        const rows = await adminRows(base);
        assert.ok(accepted.size >= 50, `only ${accepted.size} registrations were accepted before the kill`);
        const counts = checkRows(rows, accepted);
        assert.equal(counts.confirmed, Math.min(PLACES, rows.length));
      } finally {
        await stop(server);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
