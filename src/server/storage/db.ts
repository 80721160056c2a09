/**
 * One interface over the embedded database (PGlite: PostgreSQL compiled to WASM, in a local
 * folder) and a real PostgreSQL (`DATABASE_URL`). The same SQL and migrations run on both.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientConfig, PoolClient } from 'pg';
import { MIGRATIONS } from './migrations.js';

/**
 * The database cannot be reached right now (stopped, restarting, unreachable, out of
 * connections). Nothing in it is wrong, so the caller may try again in a moment: the API
 * answers 503 with Retry-After. `cause` is the driver's error.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('The database cannot be reached right now.', { cause });
  }
}

/** The database could not be opened at start-up; the message says in one sentence what is wrong and what to do. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

// Errors about the connection, not about the statement: the server went away (57P01 admin
// shutdown, 57P02 crash shutdown), is starting or stopping (57P03), has no connections left
// (53300), or the network failed (class 08 and the socket errors).
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg and pg-pool say the same in messages without a code.
const CONNECTION_MESSAGES = /^(Connection terminated|timeout expired$|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end)/;

/** True when `error` says the database cannot be reached, rather than that a statement failed. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  // Node reports a refused connection to every address of a host name as one AggregateError.
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure)) return true;
  return CONNECTION_MESSAGES.test(error.message);
}

const unavailable = (error: unknown) => (isConnectionFailure(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(error) : error);

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  /** Runs `fn` in a transaction; rolls back if it throws. Retries on serialization failures and deadlocks. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  /**
   * PostgreSQL only: calls `onMessage` for every NOTIFY on `channel`, over a connection of its
   * own that is made again when it drops (then `onReconnect` runs: messages may have been
   * missed). Resolves to the function that stops listening.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
}

const RETRYABLE = new Set(['40001', '40P01']);

async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 10));
    }
  }
}

const fsCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** One sentence for a data folder that cannot be created or written. */
function folderProblem(dataDir: string, error: unknown): DatabaseOpenError {
  const code = fsCode(error) ?? 'unknown error';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new DatabaseOpenError(`The data folder ${dataDir} is not writable (${code}): give the server write access or choose another folder with --data.`);
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new DatabaseOpenError(`The data folder ${dataDir} cannot be created because part of its path is a file (${code}): choose another folder with --data.`);
  if (code === 'ENOSPC') return new DatabaseOpenError(`The disk of the data folder ${dataDir} is full (ENOSPC): make room and start again.`);
  return new DatabaseOpenError(`The data folder ${dataDir} cannot be used (${code}): check it or choose another folder with --data.`);
}

/** The first file or folder under `dir` (itself included) that this process may not write, if any. */
function firstReadOnly(dir: string): string | undefined {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return dir;
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const found = firstReadOnly(path);
      if (found) return found;
    } else {
      try {
        accessSync(path, constants.W_OK);
      } catch {
        return path;
      }
    }
  }
  return undefined;
}

/**
 * Creates the data folder when it is not there and checks that this process may write it; one
 * sentence (DatabaseOpenError) when it cannot. The folder holds personal data (the database,
 * the outbox): only this user may read it.
 */
export function ensureDataFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw folderProblem(dataDir, error);
  }
}

/**
 * PGlite's own memory settings. Its WebAssembly memory starts at 128 MiB and cannot start lower
 * (`initialMemory` below that is refused); PostgreSQL's shared buffers default to 128 MB, far
 * more than the embedded database of a registration server reads again and again: 16 MB
 * lowers the resident memory by some 115 MiB. `relaxedDurability` would save time, not memory,
 * and could lose a registration that was answered: not taken.
 */
const PGLITE_OPTIONS = { postgresqlconf: ['shared_buffers = 16MB'] };

/**
 * Creating a new embedded database (initdb) makes PGlite's memory grow to some 700 MiB, which
 * a process never gives back. A new database is therefore made by a short-lived child process;
 * this process then opens it as an existing one (about 170 MiB). When the child cannot do it,
 * the database is made here, as before, and any failure is reported from here.
 */
async function initialiseApart(pgdata: string): Promise<void> {
  if (existsSync(join(pgdata, 'PG_VERSION'))) return;
  const { spawn } = await import('node:child_process');
  const module = import.meta.resolve('@electric-sql/pglite');
  const script = 'const { PGlite } = await import(process.argv[1]); const pg = await PGlite.create(process.argv[2], JSON.parse(process.argv[3])); await pg.close();';
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, module, pgdata, JSON.stringify(PGLITE_OPTIONS)], { stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pgdata = join(dataDir, 'pgdata');
  ensureDataFolder(dataDir);
  let pg: InstanceType<typeof PGlite>;
  try {
    // The settings are written into the new database's postgresql.conf, which later starts read:
    // an existing database is opened without writing anything (its files may be read-only).
    await initialiseApart(pgdata);
    pg = await PGlite.create(pgdata, existsSync(join(pgdata, 'PG_VERSION')) ? {} : PGLITE_OPTIONS);
  } catch (error) {
    // PGlite says only "failed to initialize properly" or aborts its WASM: find the cause here.
    const code = fsCode(error);
    if (code && code !== 'ENOENT') throw folderProblem(dataDir, error);
    const readOnly = firstReadOnly(pgdata);
    if (readOnly === pgdata) throw new DatabaseOpenError(`The embedded database folder ${pgdata} is not writable: give the server write access to it and everything in it.`);
    if (readOnly)
      throw new DatabaseOpenError(`The embedded database in ${pgdata} is not writable (${readOnly} is read-only): give the server write access to the folder and everything in it.`);
    throw new DatabaseOpenError(
      `The embedded database in ${pgdata} could not be opened: it is damaged or was written by another version; move it aside (or restore a backup) and start again.`,
    );
  }
  return {
    kind: 'pglite',
    query: (sql, params) => pg.query(sql, params) as never,
    // PGlite runs one transaction at a time, so a transaction here is already serialised.
    transaction: (fn) => withRetry(() => pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) as never }))),
    close: () => pg.close(),
  };
}

/** Where a PostgreSQL URL points, without the user's password. */
function describePostgres(url: string): string {
  const u = new URL(url);
  return `PostgreSQL at ${u.hostname || 'localhost'}:${u.port || 5432}`;
}

/** One sentence for a PostgreSQL that cannot be used at start-up. */
function postgresProblem(url: string, error: unknown): DatabaseOpenError | undefined {
  const where = describePostgres(url);
  const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (cause instanceof AggregateError ? (cause.errors[0] as { code?: unknown })?.code : undefined);
  const tag = typeof code === 'string' ? ` (${code})` : '';
  if (isConnectionFailure(error)) return new DatabaseOpenError(`Cannot reach ${where}${tag}: check DATABASE_URL and that the database server is running.`);
  if (code === '28P01' || code === '28000') return new DatabaseOpenError(`${where} refused the login${tag}: check the user and password in DATABASE_URL.`);
  if (code === '3D000') {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return new DatabaseOpenError(`The database "${name}" does not exist on ${where}${tag}: create it or correct DATABASE_URL.`);
  }
  return undefined;
}

/**
 * Making a connection takes milliseconds; one that takes longer than this will not come (a
 * host that does not answer), and the request answers 503 instead of hanging.
 */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * How long a request may wait for a free connection. Far longer than a connection takes: in a
 * healthy burst, requests queue for the pool (each transaction waits its turn on the target's
 * lock anyway), and that is no reason to turn them away.
 */
const POOL_WAIT_MS = 30000;

async function openPostgres(url: string): Promise<Db> {
  try {
    new URL(url);
  } catch {
    // Not the URL itself in the message: it may hold a password.
    throw new DatabaseOpenError('DATABASE_URL is not a valid URL: write it as postgres://user:password@host:5432/database.');
  }
  const { default: pg } = await import('pg');
  // pg-pool uses one setting for both waits; the client's own overrides it for making a connection.
  class Client extends pg.Client {
    constructor(config?: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.LEERKRING_DB_POOL ?? 10),
    connectionTimeoutMillis: POOL_WAIT_MS,
    keepAlive: true,
    Client,
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  /**
   * A connection with BEGIN done. Connection failures are never retried here: while the
   * database is away a retry only delays the 503, and once the transaction has run its
   * statements it may have committed (a COMMIT whose answer was lost) or done things outside
   * the database (sent mail). The caller retries, safely with an Idempotency-Key.
   */
  const begin = async (): Promise<{ client: PoolClient; failed: () => Error | undefined; done: () => void }> => {
    let client: PoolClient;
    let failure: Error | undefined;
    // pg emits 'error' on a checked-out client when its connection drops (57P01 when
    // PostgreSQL stops, a closed socket); unheard, that event ends the process. The statement
    // that was running rejects with it as well, so here it is only noted.
    const onError = (error: Error) => (failure ??= error);
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
    try {
      client.on('error', onError);
      await client.query('BEGIN');
      return { client, failed: () => failure, done: () => client.off('error', onError) };
    } catch (error) {
      client.off('error', onError);
      client.release(failure ?? (error as Error));
      throw unavailable(error);
    }
  };

  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params as unknown[]).catch((error: unknown) => Promise.reject(unavailable(error))) as never,
    transaction: (fn) =>
      withRetry(async () => {
        const { client, failed, done } = await begin();
        let broken: unknown;
        try {
          const result = await fn({ query: (sql, params) => client.query(sql, params as unknown[]) as never });
          // A connection lost during COMMIT leaves the outcome unknown: answered as unavailable, like any other loss.
          await client.query('COMMIT');
          return result;
        } catch (error) {
          if (failed() || isConnectionFailure(error)) {
            broken = failed() ?? error;
            throw unavailable(error);
          }
          await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
          throw error;
        } finally {
          done();
          // A broken connection is destroyed, not handed to the next request.
          client.release(broken ? (broken as Error) : undefined);
        }
      }),
    close: () => pool.end(),
    async listen(channel, onMessage, onReconnect) {
      let client: InstanceType<typeof pg.Client> | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async (again: boolean): Promise<void> => {
        const c = new Client({ connectionString: url });
        c.on('error', () => {});
        c.on('notification', (m) => m.channel === channel && onMessage(m.payload ?? ''));
        c.on('end', () => {
          if (stopped || client !== c) return;
          client = undefined;
          retry = setTimeout(() => void connect(true).catch(() => {}), 1000);
          retry.unref();
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${channel}`);
        } catch (error) {
          await c.end().catch(() => {});
          if (!again) throw unavailable(error);
          if (!stopped) {
            retry = setTimeout(() => void connect(true).catch(() => {}), 1000);
            retry.unref();
          }
          return;
        }
        if (stopped) return void (await c.end().catch(() => {}));
        client = c;
        if (again) onReconnect();
      };
      await connect(false);
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const c = client;
        client = undefined;
        await c?.end().catch(() => {});
      };
    },
  };
}

/** Opens the database: PostgreSQL when `url` is given, otherwise PGlite in `dataDir`; runs pending migrations. */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Db> {
  const db = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw (options.url && postgresProblem(options.url, error)) || error;
  }
  return db;
}

async function migrate(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // Several processes may start at once against one PostgreSQL: one migrates, the others wait.
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7412001)');
    await tx.query('CREATE TABLE IF NOT EXISTS leerkring_migrations (id integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM leerkring_migrations');
    const done = new Set(rows.map((r) => r.id));
    for (const [i, sql] of MIGRATIONS.entries()) {
      if (done.has(i + 1)) continue;
      if (typeof sql === 'function') await sql(tx);
      else for (const statement of sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO leerkring_migrations (id) VALUES ($1)', [i + 1]);
    }
  });
}
