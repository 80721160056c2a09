/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) in a local data folder, with the
 * checks that turn a folder it cannot use into one sentence (DatabaseOpenError).
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseOpenError, withRetry, type Db } from './connection.js';

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

/** How often the embedded database gathers the planner's statistics again. */
const ANALYZE_EVERY_MS = 10 * 60000;

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

export async function openPglite(dataDir: string): Promise<Db> {
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
    // WebAssembly could not reserve its memory (a low `ulimit -v`, or a machine out of memory):
    // the folder is not at fault, whether it holds a database yet or not.
    if (/could not allocate|cannot allocate|out of memory/i.test(String((error as Error | undefined)?.message)))
      throw new DatabaseOpenError(
        `The embedded database in ${pgdata} could not be ${existsSync(join(pgdata, 'PG_VERSION')) ? 'opened' : 'created'}: this process could not get the memory it needs (PGlite asks for some 200 MiB and a large address space); free memory or raise the limit (ulimit -v), then start again.`,
      );
    const readOnly = firstReadOnly(pgdata);
    if (readOnly === pgdata) throw new DatabaseOpenError(`The embedded database folder ${pgdata} is not writable: give the server write access to it and everything in it.`);
    if (readOnly)
      throw new DatabaseOpenError(`The embedded database in ${pgdata} is not writable (${readOnly} is read-only): give the server write access to the folder and everything in it.`);
    throw new DatabaseOpenError(
      `The embedded database in ${pgdata} could not be opened: it is damaged or was written by another version; move it aside (or restore a backup) and start again.`,
    );
  }
  // PGlite has no autovacuum: without this the planner keeps the statistics of the start
  // (db.ts gathers them then) while a network fills. Sampling 30,000 rows a table takes some
  // tens of milliseconds, every ten minutes; a failure waits for the next turn.
  const statistics = setInterval(() => void pg.query('ANALYZE').catch(() => {}), ANALYZE_EVERY_MS);
  statistics.unref();
  return {
    kind: 'pglite',
    query: (sql, params) => pg.query(sql, params) as never,
    // PGlite runs one transaction at a time, so a transaction here is already serialised.
    transaction: (fn) => withRetry(() => pg.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params) as never }))),
    close: () => {
      clearInterval(statistics);
      return pg.close();
    },
  };
}
