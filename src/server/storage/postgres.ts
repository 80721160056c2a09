/**
 * A real PostgreSQL (`DATABASE_URL`): a pool for queries and transactions, a connection of its
 * own for LISTEN, and the sentences for a PostgreSQL that cannot be used at start-up.
 */
import type { ClientConfig, PoolClient } from 'pg';
import { DatabaseOpenError, DatabaseUnavailableError, isConnectionFailure, pgQuery, unavailable, withRetry, type Db, type Queryable } from './connection.js';

/** Where a PostgreSQL URL points, without the user's password. */
function describePostgres(url: string): string {
  const u = new URL(url);
  return `PostgreSQL at ${u.hostname || 'localhost'}:${u.port || 5432}`;
}

/** One sentence for a PostgreSQL that cannot be used at start-up. */
export function postgresProblem(url: string, error: unknown): DatabaseOpenError | undefined {
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

type Pg = (typeof import('pg'))['default'];
type Pool = InstanceType<Pg['Pool']>;
type Client = InstanceType<Pg['Client']>;

export async function openPostgres(url: string): Promise<Db> {
  try {
    new URL(url);
  } catch {
    // Not the URL itself in the message: it may hold a password.
    throw new DatabaseOpenError('DATABASE_URL is not a valid URL: write it as postgres://user:password@host:5432/database.');
  }
  const { default: pg } = await import('pg');
  const Client = clientClass(pg);
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.LEERKRING_DB_POOL ?? 10),
    connectionTimeoutMillis: POOL_WAIT_MS,
    keepAlive: true,
    Client,
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(pgQuery(sql, params)).catch((error: unknown) => Promise.reject(unavailable(error))) as never,
    transaction: (fn) => withRetry(() => transaction(pool, fn)),
    close: () => pool.end(),
    listen: (channel, onMessage, onReconnect) => listen(Client, url, channel, onMessage, onReconnect),
  };
}

/** pg-pool uses one setting for both waits; the client's own overrides it for making a connection. */
function clientClass(pg: Pg): Pg['Client'] {
  return class Client extends pg.Client {
    constructor(config?: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  };
}

/**
 * A connection with BEGIN done. Connection failures are never retried here: while the
 * database is away a retry only delays the 503, and once the transaction has run its
 * statements it may have committed (a COMMIT whose answer was lost) or done things outside
 * the database (sent mail). The caller retries, safely with an Idempotency-Key.
 */
async function begin(pool: Pool): Promise<{ client: PoolClient; failed: () => Error | undefined; done: () => void }> {
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
}

/** One attempt at a transaction: BEGIN, `fn`, COMMIT, or ROLLBACK when it throws. */
async function transaction<T>(pool: Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const { client, failed, done } = await begin(pool);
  let broken: unknown;
  try {
    const result = await fn({ query: (sql, params) => client.query(pgQuery(sql, params)) as never });
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
}

/** Db.listen on PostgreSQL: LISTEN over a connection of its own, made again when it drops. */
async function listen(Client: Pg['Client'], url: string, channel: string, onMessage: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>> {
  let client: Client | undefined;
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
}
