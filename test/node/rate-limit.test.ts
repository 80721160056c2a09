// Rate limits count in the database, so every process sharing it spends one budget; the
// client address comes from X-Forwarded-For only when the proxy is trusted.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { BACKENDS, openTestDb, startServer, network, person, freshPostgres, tempDir, signInAs, ADMIN_TOKEN, type TestServer } from './helpers.js';
import { buildServer, openDatabase, type Db } from '../../src/server/index.js';
import { consume, sweepRateLimits, SIGN_IN_LIMITS } from '../../src/server/storage/rate-limit.js';
import { sha256 } from '../../src/server/tokens.js';

const MINUTE = 60000;

for (const backend of BACKENDS) {
  describe(`consume() on ${backend}`, () => {
    let db: Db;
    let dir: string;
    before(async () => {
      ({ db, dir } = await openTestDb(backend));
    });
    after(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('counts within a window, refuses past the maximum, says when to come back, starts again in the next window', async () => {
      const t0 = Date.parse('2030-01-01T10:00:10Z');
      const seen = [];
      for (let i = 0; i < 4; i++) seen.push(await consume(db, 'test:a', 3, MINUTE, t0 + i));
      assert.deepEqual(seen.map((r) => [r.allowed, r.count]), [[true, 1], [true, 2], [true, 3], [false, 4]]);
      assert.equal(seen[3]!.retryAfterMs, 50000 - 3);
      assert.equal((await consume(db, 'test:b', 3, MINUTE, t0)).count, 1, 'another key has its own budget');
      assert.deepEqual(await consume(db, 'test:a', 3, MINUTE, t0 + 50000), { allowed: true, count: 1, retryAfterMs: MINUTE });
    });

    test('concurrent calls never lose a count', async () => {
      const t0 = Date.parse('2030-01-01T11:00:00Z');
      const results = await Promise.all(Array.from({ length: 40 }, () => consume(db, 'test:burst', 25, MINUTE, t0)));
      assert.deepEqual(results.map((r) => r.count).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
      assert.equal(results.filter((r) => r.allowed).length, 25);
    });

    test('keeps no address or e-mail address in the table, and sweeps windows that are over', async () => {
      const t0 = Date.parse('2030-01-01T12:00:00Z');
      await sweepRateLimits(db, t0); // the windows of the tests before
      await consume(db, 'test:203.0.113.9', 5, MINUTE, t0);
      await consume(db, 'sign-in:organisator@example.org', 5, MINUTE, t0);
      const { rows } = await db.query<{ key: string }>('SELECT key FROM rate_limits');
      assert.equal(rows.some((r) => r.key.includes('203.0.113') || r.key.includes('example.org')), false);
      assert.equal(rows.length, 2);
      assert.equal(await sweepRateLimits(db, t0 + MINUTE - 1), 0, 'a window still running stays');
      assert.equal(await sweepRateLimits(db, t0 + MINUTE), 2);
      assert.equal((await db.query('SELECT 1 FROM rate_limits')).rows.length, 0);
    });
  });
}

/** GET or POST on a real socket with the headers given (X-Forwarded-For as a proxy would set it). */
function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  const { hostname, port } = new URL(base);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers: { ...headers, ...(data && { 'content-type': 'application/json' }) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('rate limits on the API', () => {
  const n = network({ registration: { mode: 'built-in', capacity: 1000, fields: { organisation: 'optional', organisationType: 'off' } } });
  const manage = (base: string, headers: Record<string, string> = {}) => call(base, 'GET', '/api/registrations/bestaat-niet', headers);

  /** Two server processes' worth of servers on one fresh PostgreSQL, 5 requests a minute each. */
  async function twoServers() {
    const url = await freshPostgres();
    const dbs = [await openDatabase({ url, dataDir: tempDir() }), await openDatabase({ url, dataDir: tempDir() })];
    const apps = [];
    for (const db of dbs) {
      const { app } = await buildServer({ db, networks: new Map([[n.id, n]]), secret: Buffer.alloc(32, 1), adminTokenHash: sha256(ADMIN_TOKEN), rateLimitPerMinute: 5, minFillMs: 0 });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
    const bases = apps.map((a) => `http://127.0.0.1:${(a.server.address() as { port: number }).port}`);
    return {
      bases,
      dbs,
      close: async () => {
        for (const a of apps) await a.close();
        for (const db of dbs) await db.close();
      },
    };
  }

  test('two server processes on one PostgreSQL share one budget', async () => {
    const { bases, dbs, close } = await twoServers();
    try {
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await manage(bases[i % 2]!)).status);
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429, 429]);
      const refused = await manage(bases[0]!);
      assert.equal(refused.body.error.code, 'rate-limited');
      assert.match(refused.body.error.message, /Te veel verzoeken/);
      const retry = Number(refused.headers['retry-after']);
      assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    } finally {
      await close();
    }
  });

  test('organiser sign-in requests: one budget per address and per account, shared by two processes', async () => {
    const { bases, dbs, close } = await twoServers();
    try {
      const { perAddress, perAccount } = SIGN_IN_LIMITS;
      // One account asked for from both processes: past its budget no more sign-in e-mails are
      // queued, and the answer stays 202 so nobody learns whether the address is an organiser's.
      await dbs[0]!.query(`INSERT INTO organisers (id, email_lower, name) VALUES ('00000000-0000-4000-8000-000000000001', 'organisator@example.org', 'O')`);
      for (let i = 0; i < perAccount.max + 2; i++) assert.equal((await call(bases[i % 2]!, 'POST', '/api/admin/login', {}, { email: 'Organisator@example.org' })).status, 202);
      const { rows } = await dbs[0]!.query(`SELECT 1 FROM mail_outbox WHERE kind = 'sign-in'`);
      assert.equal(rows.length, perAccount.max);
      // One address trying many accounts: the address's budget runs out, in both processes.
      const statuses = [];
      const left = perAddress.max - (perAccount.max + 2);
      for (let i = 0; i < left; i++) statuses.push((await call(bases[i % 2]!, 'POST', '/api/admin/login', {}, { email: `persoon${i}@example.org` })).status);
      assert.deepEqual(statuses, Array(left).fill(202));
      const refused = await call(bases[0]!, 'POST', '/api/admin/login', {}, { email: 'nog-een@example.org' });
      assert.equal(refused.status, 429);
    } finally {
      await close();
    }
  });

  describe('without --trust-proxy', () => {
    let s: TestServer;
    before(async () => {
      s = await startServer('postgres', [n], { rateLimitPerMinute: 3 });
    });
    after(() => s.close());

    test('X-Forwarded-For does not buy a fresh budget', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await manage(s.url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
      assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
    });

    test('registrations are limited too, per route', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await s.post('/api/networks/test/registrations', person(`limiet${i}`))).status);
      assert.deepEqual(statuses, [201, 201, 201, 429]);
    });

    test('wrong organiser tokens from one address are limited, while a right personal token and sign-in still work', async () => {
      const registrations = (authorization: string) => call(s.url, 'GET', '/api/admin/networks/test/registrations', { authorization });
      const me = await signInAs(s, 'achter-nat@example.org', { test: 'organiser' });
      const personal = (await s.request('POST', '/api/admin/tokens', { headers: me.headers, body: { name: 'script' } })).body.secret as string;
      const statuses = [];
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress.max + 1; i++) statuses.push((await registrations(`Bearer gok-${i}`)).status);
      assert.deepEqual(statuses, [...Array(SIGN_IN_LIMITS.perAddress.max).fill(401), 429]);
      const wrong = await registrations(`Bearer lkp_${'A'.repeat(43)}`);
      assert.equal(wrong.status, 429, 'a wrong token stays refused');
      assert.ok(Number(wrong.headers['retry-after']) > 0);
      // Behind one NAT or proxy, a colleague's right personal token still works, and so do the sign-in routes.
      assert.equal((await registrations(`Bearer ${personal}`)).status, 200);
      assert.equal((await call(s.url, 'GET', '/api/admin/session', { cookie: me.cookie })).status, 200);
      assert.equal((await call(s.url, 'POST', '/api/admin/login', {}, { email: 'achter-nat@example.org' })).status, 202);
      // The installation admin's token may be one a person chose: it is not tried while the address is limited.
      const admin = await registrations(`Bearer ${ADMIN_TOKEN}`);
      assert.equal(admin.status, 429);
      assert.ok(Number(admin.headers['retry-after']) > 0);
    });
  });

  describe('with --trust-proxy set to the proxy\'s address', () => {
    let s: TestServer;
    before(async () => {
      s = await startServer('postgres', [n], { rateLimitPerMinute: 3, trustProxy: '127.0.0.1' });
    });
    after(() => s.close());

    test('two forwarded addresses get a budget each', async () => {
      const a = [];
      const b = [];
      for (let i = 0; i < 4; i++) {
        a.push((await manage(s.url, { 'x-forwarded-for': '203.0.113.1' })).status);
        b.push((await manage(s.url, { 'x-forwarded-for': '203.0.113.2' })).status);
      }
      assert.deepEqual(a, [404, 404, 404, 429]);
      assert.deepEqual(b, [404, 404, 404, 429]);
    });
  });
});
