import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildServer, openDatabase, type Db, type ServerOptions } from '../../src/server/index.js';
import { parseNetwork, type Network } from '../../src/core/index.js';
import { sha256 } from '../../src/server/tokens.js';

export const ADMIN_TOKEN = 'test-organiser-token-0123456789';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'leerkring-test-'));
}

/** A new, empty database on the test PostgreSQL (a cluster scripts/test.mjs started). */
export async function freshPostgres(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts a PostgreSQL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

export async function openTestDb(backend: Backend): Promise<{ db: Db; url?: string; dir: string }> {
  const dir = tempDir();
  if (backend === 'postgres') {
    const url = await freshPostgres();
    return { db: await openDatabase({ url, dataDir: dir }), url, dir };
  }
  return { db: await openDatabase({ dataDir: dir }), dir };
}

export function seedNetwork(id: string): Network {
  const r = parseNetwork(readFileSync(`demo/data/${id}.json`, 'utf8'));
  if (!r.ok) throw new Error(`invalid seed ${id}`);
  return r.value;
}

export function network(doc: Record<string, unknown>): Network {
  const r = parseNetwork({
    id: 'test',
    kind: 'workshop',
    title: 'Testworkshop',
    summary: 'Voor tests.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    contact: { name: 'Organisator (demo)', email: 'organisator@example.org' },
    sessions: [{ id: 'dag', title: 'Workshopdag', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheime-link' } }],
    registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } },
    ...doc,
  });
  if (!r.ok) throw new Error(`invalid test network: ${JSON.stringify(r.problems)}`);
  return r.value;
}

export interface TestServer {
  url: string;
  db: Db;
  /** The Fastify instance, for `inject()` of requests `fetch` cannot send (raw bytes, odd headers). */
  app: FastifyInstance;
  close(): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
}

/** Starts the real server on a free port over the given backend. */
export async function startServer(backend: Backend, networks: Network[], extra: Partial<ServerOptions> = {}): Promise<TestServer> {
  const { db, dir } = await openTestDb(backend);
  const { app } = await buildServer({
    db,
    networks: new Map(networks.map((n) => [n.id, n])),
    secret: Buffer.from('test-secret-test-secret-test-sec'),
    adminTokenHash: sha256(ADMIN_TOKEN),
    rateLimitPerMinute: 0,
    minFillMs: 0,
    ...extra,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const json = async (res: Response) => {
    const text = await res.text();
    try {
      return { body: JSON.parse(text), text };
    } catch {
      return { body: undefined, text };
    }
  };
  return {
    url,
    db,
    app,
    async close() {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async post(path, body, headers = {}) {
      // A registration gets the server's form token, as the form does, unless the test gives its own.
      const registration = /^\/api\/networks\/([^/]+)\/registrations$/.exec(path);
      if (registration && body && typeof body === 'object' && !('formToken' in body)) body = { ...body, formToken: await formToken(url, registration[1]!) };
      const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: (await json(res)).body };
    },
    async get(path, headers = {}) {
      const res = await fetch(url + path, { headers });
      return { status: res.status, headers: res.headers, body: (await json(res)).body };
    },
    async admin(method, path, body) {
      const res = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const r = await json(res);
      return { status: res.status, body: r.body, text: r.text };
    },
  };
}

export const person = (n: number | string, extra: Record<string, unknown> = {}) => ({
  participant: { name: `Deelnemer ${n}`, email: `deelnemer${n}@example.org`, ...extra },
});

/** The server's form token for a network, as the form asks for it when it is shown. */
export async function formToken(base: string, networkId: string): Promise<string> {
  const res = await fetch(`${base}/api/networks/${networkId}/form-token`);
  return ((await res.json()) as { formToken: string }).formToken;
}

/** The same for a server that tests call with `app.inject`. */
export async function injectedFormToken(app: { inject(o: { method: 'GET'; url: string }): Promise<{ json(): any }> }, networkId: string): Promise<string> {
  return (await app.inject({ method: 'GET', url: `/api/networks/${networkId}/form-token` })).json().formToken;
}
