/**
 * One interface over the embedded database (PGlite: PostgreSQL compiled to WASM, in a local
 * folder) and a real PostgreSQL (`DATABASE_URL`). The same SQL and migrations run on both.
 */
import { mkdirSync } from 'node:fs';
import { MIGRATIONS } from './migrations.js';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  /** Runs `fn` in a transaction; rolls back if it throws. Retries on serialization failures and deadlocks. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
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

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(`${dataDir}/pgdata`);
  return {
    kind: 'pglite',
    query: (sql, params) => pg.query(sql, params) as never,
    // PGlite runs one transaction at a time, so a transaction here is already serialised.
    transaction: (fn) => withRetry(() => pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) as never }))),
    close: () => pg.close(),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.LEERKRING_DB_POOL ?? 10) });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params as unknown[]) as never,
    transaction: (fn) =>
      withRetry(async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn({ query: (sql, params) => client.query(sql, params as unknown[]) as never });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      }),
    close: () => pool.end(),
  };
}

/** Opens the database: PostgreSQL when `url` is given, otherwise PGlite in `dataDir`; runs pending migrations. */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Db> {
  const db = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
  await migrate(db);
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
      for (const statement of sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO leerkring_migrations (id) VALUES ($1)', [i + 1]);
    }
  });
}
