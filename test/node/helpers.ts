import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { FastifyInstance } from 'fastify';
import { buildServer, createMailer, deliverOutbox, openDatabase, type Db, type RegistrationService, type ServerOptions } from '../../src/server/index.js';
import { parseNetwork, type Network, type OrganiserRole } from '../../src/core/index.js';
import { sha256 } from '../../src/server/tokens.js';
import { OrganiserService } from '../../src/server/services/organisers.js';

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

/** Runs `body` on a new test database of `backend`, then closes it and removes its folder, whatever happens. */
export async function inTestDb<T>(backend: Backend, body: (db: Db, dir: string) => Promise<T>): Promise<T> {
  const { db, dir } = await openTestDb(backend);
  try {
    return await body(db, dir);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
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
  /** The server's registration service, for the jobs a timer runs in production (reminders). */
  store: RegistrationService;
  /** Any request, with the caller's own headers (no credentials added). */
  request(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
}

/** Starts the real server on a free port over the given backend. */
export async function startServer(
  backend: Backend,
  networks: Network[],
  extra: Partial<ServerOptions> = {},
  hooks: { beforeListen?: (app: FastifyInstance) => void } = {},
): Promise<TestServer> {
  const { db, dir } = await openTestDb(backend);
  const { app, store } = await buildServer({
    db,
    networks: new Map(networks.map((n) => [n.id, n])),
    secret: Buffer.from('test-secret-test-secret-test-sec'),
    adminTokenHash: sha256(ADMIN_TOKEN),
    rateLimitPerMinute: 0,
    minFillMs: 0,
    ...extra,
  });
  hooks.beforeListen?.(app);
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
    store,
    async request(method, path, options = {}) {
      const res = await fetch(url + path, {
        method,
        headers: { ...(options.body !== undefined && { 'content-type': 'application/json' }), ...options.headers },
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      });
      const r = await json(res);
      return { status: res.status, body: r.body, text: r.text, headers: res.headers };
    },
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

/** The newest sign-in link waiting in the outbox for `email` (the test reads it where the mailer would). */
export async function signInLinkFor(db: Db, email: string): Promise<string | undefined> {
  const { rows } = await db.query<{ message: any }>(`SELECT message FROM mail_outbox WHERE kind = 'sign-in' AND message IS NOT NULL ORDER BY id DESC`);
  const message = rows.map((r) => (typeof r.message === 'string' ? JSON.parse(r.message) : r.message)).find((m) => m.to === email);
  return message && /https?:\/\/\S+#login=[A-Za-z0-9_-]+/.exec(message.text)?.[0];
}

export const tokenOf = (link: string) => link.slice(link.indexOf('#login=') + '#login='.length);

export interface SignedIn {
  organiserId: string;
  /** The session cookie, as a browser would send it back. */
  cookie: string;
  /** Headers of a request from the console: the cookie, the console's own origin, JSON. */
  headers: Record<string, string>;
}

/**
 * Gives `email` these roles and signs them in the way a person does: asks for a link, takes it
 * from the outbox, exchanges it for a session cookie.
 */
export async function signInAs(s: TestServer, email: string, roles: Record<string, OrganiserRole> = {}, options: { admin?: boolean } = {}): Promise<SignedIn> {
  const organisers = new OrganiserService(s.db);
  const organiser = await organisers.ensure(email, { isAdmin: options.admin === true });
  for (const [networkId, role] of Object.entries(roles)) await organisers.setRole(networkId, email, role);
  const login = await s.post('/api/admin/login', { email });
  if (login.status !== 202) throw new Error(`login answered ${login.status}`);
  const link = await signInLinkFor(s.db, email);
  if (!link) throw new Error(`no sign-in link for ${email} in the outbox`);
  const res = await fetch(`${s.url}/api/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: tokenOf(link) }) });
  if (res.status !== 200) throw new Error(`session answered ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { organiserId: organiser.id, cookie, headers: { cookie, origin: s.url } };
}

/**
 * Delivers what the outbox holds as .eml files and reads them back. A new registration's e-mail
 * is composed only when it is sent (issue 11), so the outbox never holds its text.
 */
export async function deliverAll(db: Db): Promise<ParsedMail[]> {
  const dir = tempDir();
  try {
    await deliverOutbox(db, createMailer({ outboxDir: dir, from: 'noreply@example.org' }));
    return existsSync(dir) ? await Promise.all(readdirSync(dir).sort().map((f) => simpleParser(readFileSync(join(dir, f))))) : [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first address a parsed e-mail is to. */
export const recipient = (m: ParsedMail): string | undefined => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : undefined);

/** A real SMTP server on loopback that keeps what arrives. */
export async function smtpPeer() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream).then((m) => {
        received.push(m);
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * The island day of issue 23: one two-day session, paid (€ 95) by all but municipalities, free
 * cancellation until 7 days before. The late-cancel tests share it; `registration` adds rules.
 */
export function eilandenNetwork(registration: Record<string, unknown> = {}): Network {
  return network({
    id: 'eilanden',
    kind: 'learning-network',
    title: 'Eilandendag',
    summary: 'Gemeenten op de eilanden leren samen.',
    organisers: [{ name: 'Provincie Fryslân', type: 'province' }],
    contact: { name: 'Sjoukje de Jong', email: 'sjoukje@example.org' },
    price: { type: 'per-organisation-type', currency: 'EUR', rates: [{ organisationTypes: ['municipality'], amount: 0 }], otherwise: 95 },
    sessions: [{ id: 'skylge', title: 'Dag op Terschelling', type: 'thematic', start: '2030-05-27T08:30', end: '2030-05-28T17:30' }],
    registration: { mode: 'built-in', scope: 'session', capacity: 30, freeCancellationDaysBefore: 7, ...registration },
  });
}

/**
 * The gas-free leerkring of issue 15: a dated kick-off and a second meeting still to be dated.
 * The network tests (admin, changes, live) share it; `registration` replaces the default rules.
 */
export function gasvrijNetwork(registration?: Record<string, unknown>): Network {
  return network({
    id: 'gasvrij',
    title: 'Leerkring aardgasvrij',
    sessions: [
      { id: 'kickoff', title: 'Aftrap', type: 'other', start: '2030-03-01T10:00', end: '2030-03-01T12:00', venue: { type: 'physical', name: 'Provinciehuis', city: 'Zwolle' } },
      { id: 'tweede', title: 'Tweede bijeenkomst', type: 'other' },
    ],
    ...(registration && { registration }),
  });
}

/** A network's document through the organiser API on a server at `base`, as `headers` (a session cookie or a bearer token). */
export function networkDocumentApi(base: string, networkId: string, headers: Record<string, string>) {
  const call = async (method: string, path: string, extra: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${base}/api/admin/networks/${networkId}${path}`, {
      method,
      headers: { ...headers, ...extra, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers, etag: res.headers.get('etag') };
  };
  const api = {
    /** The current document with its revision and ETag. */
    get: () => call('GET', '', {}),
    /** A whole document, with `ifMatch` when given. */
    put: (document: unknown, ifMatch?: string) => call('PUT', '', ifMatch === undefined ? {} : { 'if-match': ifMatch }, document),
    /** What saving `document` would send (the dry run). */
    changes: (document: unknown) => call('POST', '/changes', {}, document),
    /** Reads the current document, lets `change` edit a copy, and returns it with the ETag it is based on. */
    async edited(change: (doc: any) => void): Promise<{ document: any; etag: string; revision: number }> {
      const current = await api.get();
      if (current.status !== 200) throw new Error(`GET the document answered ${current.status}`);
      const document = structuredClone(current.body.document);
      change(document);
      return { document, etag: current.etag!, revision: current.body.revision };
    },
    /** Edits and saves the current document with If-Match; throws unless the save answered 200. */
    async save(change: (doc: any) => void) {
      const { document, etag } = await api.edited(change);
      const res = await api.put(document, etag);
      if (res.status !== 200) throw new Error(`the save answered ${res.status}: ${res.text}`);
      return res;
    },
  };
  return api;
}

export type NetworkDocumentApi = ReturnType<typeof networkDocumentApi>;

/**
 * The set-up of the network tests: a server over `backend` with `networks`, and an owner of the
 * first of them signed in as a person does, with that network's document API in their name.
 */
export async function startNetworkServer(
  backend: Backend,
  networks: Network[],
  options: { owner?: string; extra?: Partial<ServerOptions> } = {},
): Promise<{ s: TestServer; owner: SignedIn; docs: NetworkDocumentApi }> {
  const id = networks[0]!.id;
  const s = await startServer(backend, networks, options.extra);
  const owner = await signInAs(s, options.owner ?? `eigenaar@${id}.example.org`, { [id]: 'owner' });
  return { s, owner, docs: networkDocumentApi(s.url, id, owner.headers) };
}
