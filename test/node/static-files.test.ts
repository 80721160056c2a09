// The demo and bundle the server serves with `--demo`: only what the demo pages need, never a
// file next to them. Real sockets and raw paths: fetch and inject would normalise `..` away.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, network, type TestServer } from './helpers.js';

/** GET with the path exactly as written, on a real socket. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string; type: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files (--demo)', () => {
  let s: TestServer;
  // A stand-in for what a running server keeps next to the package: the database folder.
  const secretDir = join(process.cwd(), '.leerkring-data', 'pgdata', 'pg_wal');
  const secretFile = join(secretDir, 'static-test-wal');
  let madeDataDir = false;
  before(async () => {
    madeDataDir = !existsSync(join(process.cwd(), '.leerkring-data'));
    mkdirSync(secretDir, { recursive: true });
    writeFileSync(secretFile, 'manage-secret deelnemer@example.org');
    s = await startServer('pglite', [network({})], { staticRoot: process.cwd() });
  });
  after(async () => {
    await s.close();
    rmSync(madeDataDir ? join(process.cwd(), '.leerkring-data') : secretFile, { recursive: true, force: true });
  });

  const escapes = [
    '/demo/..%2fpackage.json',
    '/demo/%2e%2e/package.json',
    '/demo/%2e%2e%2fpackage.json',
    '/demo/..%252fpackage.json',
    '/demo/%252e%252e%252fpackage.json',
    '/demo/..%5cpackage.json',
    '/demo/..\\package.json',
    '/demo/%2e%2e%2f.leerkring-data%2fpgdata%2fpg_wal%2fstatic-test-wal',
    '/demo/..%2f.leerkring-data/pgdata/pg_wal/static-test-wal',
    '/dist/../package.json',
    '/dist/%2e%2e/package.json',
    '/demo/data/..%2f..%2fpackage.json',
    '/demo/index.html%00.json',
    '/demo/%00',
    '/schema/..%2f..%2fpackage.json',
    '/demo/%zz',
    '/.leerkring-data/pgdata/pg_wal/static-test-wal',
    '/package.json',
    '/src/server/app.ts',
    '/dist/server/app.js',
    '/dist/cli/main.js',
    '/demo/.hidden',
    '/demo/data/',
  ];
  for (const path of escapes) {
    test(`refuses ${path}`, async () => {
      const r = await rawGet(s.url, path);
      // A path that cannot be decoded at all is a bad request; everything else is simply not there.
      const expected = path === '/demo/%zz' ? [400, 'bad-request'] : [404, 'not-found'];
      assert.deepEqual([r.status, JSON.parse(r.body).error.code], expected, `${path} answered ${r.status}: ${r.body.slice(0, 80)}`);
      assert.equal(r.body.includes('"name": "leerkring"'), false);
      assert.equal(r.body.includes('manage-secret'), false);
    });
  }

  test('serves what the demo pages need', async () => {
    const index = await rawGet(s.url, '/');
    assert.equal(index.status, 200);
    assert.match(index.type, /^text\/html/);
    for (const [path, type] of [
      ['/demo/netwerk.html', /^text\/html/],
      ['/demo/', /^text\/html/],
      ['/demo/demo.css', /^text\/css/],
      ['/demo/netwerk.js', /^text\/javascript/],
      ['/demo/networks.js', /^text\/javascript/],
      ['/demo/favicon.svg', /^image\/svg\+xml/],
      ['/demo/data/twentse-noabers.json', /^application\/json/],
      ['/dist/leerkring.js', /^text\/javascript/],
      ['/dist/integrity.json', /^application\/json/],
      ['/schema/network.schema.json', /^application\/json/],
      ['/demo/netwerk.html?id=twentse-noabers', /^text\/html/],
    ] as const) {
      const r = await rawGet(s.url, path);
      assert.equal(r.status, 200, path);
      assert.match(r.type, type, path);
    }
    // The bundle's on-demand chunks, whatever their content hash.
    const chunks = readdirSync('dist').filter((f) => /^leerkring-.+\.js$/.test(f));
    assert.ok(chunks.length > 0);
    for (const chunk of chunks) assert.equal((await rawGet(s.url, `/dist/${chunk}`)).status, 200, chunk);
  });
});
