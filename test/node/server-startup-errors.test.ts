import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '../../src/server/index.js';
import { tempDir } from './helpers.js';

const BIN = 'bin/leerkring.js';
const isRoot = process.getuid?.() === 0;
// Root writes through any file mode, so a read-only folder is only read-only for someone else:
// as root the CLI runs as "nobody" for those cases; as any other user a chmod is enough.
const NOBODY = 65534;

function serve(dataDir: string, options: { env?: Record<string, string>; unprivileged?: boolean; addressSpaceKiB?: number } = {}) {
  const args = [BIN, 'serve', '--networks', 'demo/data', '--port', '0', '--data', dataDir];
  let [cmd, argv] = options.unprivileged && isRoot ? ['runuser', ['-u', 'nobody', '--', process.execPath, ...args]] : [process.execPath, args];
  // A process allowed too little address space: WebAssembly cannot reserve PGlite's memory.
  if (options.addressSpaceKiB) [cmd, argv] = ['bash', ['-c', `ulimit -v ${options.addressSpaceKiB}; exec "$0" "$@"`, cmd, ...argv]];
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env, timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Exits non-zero with one line on stderr that matches `sentence`: no stack, no minified source. */
function assertOneSentence(r: ReturnType<typeof serve>, sentence: RegExp) {
  assert.notEqual(r.code, 0, `exited 0: ${r.out}`);
  assert.notEqual(r.code, null, 'did not exit by itself');
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 1, `more than one line on stderr:\n${r.err.slice(0, 2000)}`);
  assert.match(lines[0]!, /^leerkring: cannot start: /);
  assert.match(lines[0]!, sentence);
  assert.ok(lines[0]!.length < 300, `${lines[0]!.length} characters`);
  for (const text of [r.err, r.out]) assert.doesNotMatch(text, /^\s+at |file:\/\/|node_modules|RuntimeError|Aborted\(\)|failed to initialize/m);
}

const made: string[] = [];
after(() => {
  // Read-only folders cannot be removed as they are (unless by root): make them writable first.
  for (const dir of made) {
    chmodTree(dir, (isDir) => (isDir ? 0o755 : 0o644));
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A folder the unprivileged runner can reach (mkdtemp makes it 0700 for its owner); removed afterwards. */
function reachableDir(): string {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** A data folder with a real, migrated embedded database in it. */
async function embeddedDatabase(): Promise<string> {
  const dataDir = join(reachableDir(), 'data');
  const db = await openDatabase({ dataDir });
  await db.close();
  return dataDir;
}

function chmodTree(path: string, mode: (isDir: boolean) => number) {
  const isDir = statSync(path).isDirectory();
  if (isDir) for (const name of readdirSync(path)) chmodTree(join(path, name), mode);
  chmodSync(path, mode(isDir));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('start-up: a data folder or database that cannot be used gives one clear sentence', () => {
  test('a data folder below a regular file (ENOTDIR)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.txt'), 'not a folder');
    const r = serve(join(dir, 'file.txt', 'data'));
    assertOneSentence(r, /The data folder .*file\.txt\/data cannot be created because part of its path is a file \(ENOTDIR\): choose another folder with --data\.$/);
  });

  test('a read-only data folder (EACCES)', () => {
    const dataDir = join(reachableDir(), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    const r = serve(dataDir, { unprivileged: true });
    assertOneSentence(r, /The data folder .*\/data is not writable \(EACCES\): give the server write access or choose another folder with --data\.$/);
  });

  test('a data folder that cannot be created in a read-only parent (EACCES)', () => {
    const parent = reachableDir();
    chmodSync(parent, 0o555);
    const r = serve(join(parent, 'data'), { unprivileged: true });
    assertOneSentence(r, /The data folder .*\/data is not writable \(EACCES\)/);
  });

  test('an embedded database whose files are read-only', async () => {
    const dataDir = await embeddedDatabase();
    if (isRoot) chownSync(dataDir, NOBODY, NOBODY);
    chmodTree(join(dataDir, 'pgdata'), (isDir) => (isDir ? 0o555 : 0o444));
    const r = serve(dataDir, { unprivileged: true });
    assertOneSentence(r, /The embedded database folder .*\/data\/pgdata is not writable: give the server write access to it and everything in it\.$/);
  });

  const damaged = /The embedded database in .*\/data\/pgdata could not be opened: it is damaged or was written by another version; move it aside \(or restore a backup\) and start again\.$/;

  test('a damaged embedded database: pg_control of zeros', async () => {
    const dataDir = await embeddedDatabase();
    writeFileSync(join(dataDir, 'pgdata', 'global', 'pg_control'), Buffer.alloc(8192));
    assertOneSentence(serve(dataDir), damaged);
  });

  test('a damaged embedded database: pg_control missing (PGlite aborts its WASM)', async () => {
    const dataDir = await embeddedDatabase();
    rmSync(join(dataDir, 'pgdata', 'global', 'pg_control'));
    assertOneSentence(serve(dataDir), damaged);
  });

  test('a damaged embedded database: PG_VERSION truncated', async () => {
    const dataDir = await embeddedDatabase();
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), '');
    assertOneSentence(serve(dataDir), damaged);
  });

  // CI once failed with "damaged" for a fresh, empty folder on a machine short of memory.
  const noMemory = /The embedded database in .*\/data\/pgdata could not be created: this process could not get the memory it needs \(PGlite asks for some 200 MiB and a large address space\); free memory or raise the limit \(ulimit -v\), then start again\.$/;

  test('too little memory for a new embedded database: says so, not "damaged"', () => {
    const dataDir = join(reachableDir(), 'data');
    const r = serve(dataDir, { addressSpaceKiB: 12_000_000 });
    assertOneSentence(r, noMemory);
  });

  test('a PostgreSQL that is not there: the address and what to check, never the password', async () => {
    const port = await freePort();
    const r = serve(tempDir(), { env: { DATABASE_URL: `postgres://leerkring:geheim-wachtwoord@127.0.0.1:${port}/leerkring` } });
    assertOneSentence(r, new RegExp(`Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\): check DATABASE_URL and that the database server is running\\.$`));
    assert.doesNotMatch(r.err + r.out, /geheim-wachtwoord/);
  });

  test('a PostgreSQL host that accepts connections but never answers: a sentence after the connect timeout, not a hang', async () => {
    const silent = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => silent.once('listening', r));
    const { port } = silent.address() as { port: number };
    try {
      const started = performance.now();
      // spawnSync would block this process, and with it the silent server's accept loop.
      const r = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'serve', '--networks', 'demo/data', '--port', '0', '--data', tempDir()], {
          env: { ...process.env, DATABASE_URL: `postgres://leerkring@127.0.0.1:${port}/leerkring` },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
      const seconds = (performance.now() - started) / 1000;
      assertOneSentence(r, new RegExp(`Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}: check DATABASE_URL and that the database server is running\\.$`));
      assert.ok(seconds < 20, `took ${seconds} s`);
    } finally {
      silent.close();
    }
  });

  test('a PostgreSQL database that does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/bestaat_niet';
    const r = serve(tempDir(), { env: { DATABASE_URL: url.toString() } });
    assertOneSentence(r, /The database "bestaat_niet" does not exist on PostgreSQL at 127\.0\.0\.1:\d+ \(3D000\): create it or correct DATABASE_URL\.$/);
  });
});
