/**
 * The storage folder: everything the server keeps in its database, in SQL, and nothing else.
 * This file opens the database (PGlite in a local folder, ./pglite.ts, or a real PostgreSQL,
 * `DATABASE_URL`, ./postgres.ts: the same SQL and migrations run on both) and runs the
 * migrations (./migrations.ts); beside it the repositories and query functions (registrations,
 * organisers, networks, the mail outbox, rate limits, settings). Files here import only core
 * types, each other and node, pg or PGlite: never mail, services or http. The services and
 * serve.ts import them; the http routes never directly, except for types.
 */
import { MIGRATIONS } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres, postgresProblem } from './postgres.js';
import type { Db } from './connection.js';

export { DatabaseUnavailableError, DatabaseOpenError, isConnectionFailure, type Queryable, type Db } from './connection.js';
export { ensureDataFolder } from './pglite.js';

/** Opens the database: PostgreSQL when `url` is given, otherwise PGlite in `dataDir`; runs pending migrations. */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Db> {
  const db = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
  try {
    const applied = await migrate(db);
    // Statistics for the planner. PGlite has no autovacuum, so it never gathers them on its own:
    // at every start, and periodically (pglite.ts). PostgreSQL's autovacuum does; here only
    // after a migration, which may have added an index.
    if (db.kind === 'pglite' || applied > 0) await analyze(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw (options.url && postgresProblem(options.url, error)) || error;
  }
  return db;
}

/** Gathers the planner's statistics of every table (ANALYZE samples at most 30,000 rows a table). */
export async function analyze(db: Db): Promise<void> {
  await db.query('ANALYZE');
}

/** Runs the pending migrations; returns how many ran. */
async function migrate(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
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
    return MIGRATIONS.length - done.size;
  });
}
