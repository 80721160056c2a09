// A throwaway PostgreSQL cluster on loopback for the server tests: Debian's binaries, a data
// folder in /tmp, trust authentication on 127.0.0.1 only. Installs Debian's postgresql as root
// when it is missing; otherwise stops with one sentence saying what to install.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

function findBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(base, versions[0], 'bin');
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function ensureInstalled() {
  let bin = findBin();
  if (bin) return bin;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    process.stderr.write("No PostgreSQL found: installing Debian's postgresql with apt-get (once)…\n");
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null'], { stdio: 'inherit' });
    bin = findBin();
    if (bin) return bin;
  }
  throw new Error('No PostgreSQL server found: install one (Debian/Ubuntu: sudo apt-get install postgresql) or set TEST_DATABASE_URL.');
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(cmd, args) {
  const full = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * `asPostgres` without blocking the event loop, for tests that keep serving requests meanwhile.
 * With `own`, the command runs in a process group of its own: a Ctrl-C at the terminal reaches
 * this process only, which lets the command finish and then cleans up after it.
 */
function asPostgresAsync(cmd, args, own = false) {
  const full = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(full[0], full[1], { stdio: ['ignore', 'pipe', 'pipe'], detached: own });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} failed: ${out}`))));
  });
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function startPostgres() {
  const bin = ensureInstalled();
  // A signal while the cluster is being made (initdb, start) is kept until the step under way has
  // ended; then whatever it made is stopped and removed, and the process ends by that signal.
  let caught;
  const whileMaking = (signal) => (caught ??= signal);
  for (const s of SIGNALS) process.on(s, whileMaking);
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-pg-'));
  const data = join(dir, 'data');
  let port;
  const ctlArgs = {
    start: () => ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`, 'start'],
    // Fast shutdown: open sessions are ended with 57P01, as when an operator restarts the server.
    stop: ['-D', data, '-m', 'fast', '-w', 'stop'],
  };
  const remove = () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) asPostgres(join(bin, 'pg_ctl'), ctlArgs.stop);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    chmodSync(dir, 0o777);
    port = await freePort();
    if (!caught) await asPostgresAsync(join(bin, 'initdb'), ['-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8'], true);
    if (!caught) await asPostgresAsync(join(bin, 'pg_ctl'), ctlArgs.start(), true);
  } catch (error) {
    if (!caught) {
      for (const s of SIGNALS) process.off(s, whileMaking);
      remove();
      throw error;
    }
  }
  for (const s of SIGNALS) process.off(s, whileMaking);
  if (caught) {
    try {
      remove();
    } finally {
      process.kill(process.pid, caught);
    }
    throw new Error(`Stopped by ${caught} while the test PostgreSQL was being made.`);
  }
  return held(bin, dir, port, ctlArgs.start(), ctlArgs.stop);
}

/** The running cluster: stopped and removed on stop(), or when this process is signalled (Ctrl-C, `timeout`). */
function held(bin, dir, port, startArgs, stopArgs) {
  // Ctrl-C or `timeout` must not leave the cluster running: stop it, then end by the same signal.
  let stopped = false;
  const onSignal = (signal) => {
    cluster.stop();
    process.kill(process.pid, signal);
  };
  const cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    /** Stops the server but keeps the cluster, so `startServer()` brings it back on the same port and data. */
    stopServer: () => asPostgresAsync(join(bin, 'pg_ctl'), stopArgs),
    /** Starts a cluster that `stopServer()` stopped; resolves once it accepts connections. */
    startServer: () => asPostgresAsync(join(bin, 'pg_ctl'), startArgs),
    /** Stops the server and removes the cluster. */
    stop() {
      for (const s of SIGNALS) process.off(s, onSignal);
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(join(bin, 'pg_ctl'), stopArgs);
      } catch (error) {
        // Already stopped with stopServer(): nothing to stop, only the folder to remove.
        if (!/Is server running\?/.test(error.message)) throw error;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  for (const s of SIGNALS) process.once(s, onSignal);
  return cluster;
}

/** CPU seconds a process has used (Linux /proc, 10 ms ticks); with `reaped`, also its ended children's. */
export function processSeconds(pid, reaped = false) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) / 100;
}

const parentOf = (pid) => Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

/**
 * A reader of the CPU seconds used by every process of the PostgreSQL at `url` (the postmaster,
 * its backends, and backends that ended since), for the benches (scripts/bench.mjs,
 * scripts/profile-mail.mjs): the difference of two readings is what a run cost the database.
 */
export async function databaseCpu(url) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const backend = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  // Read while the backend still runs: once the client ends, its process may be gone.
  const postmaster = parentOf(backend);
  await c.end();
  return () => {
    let t = processSeconds(postmaster, true) - processSeconds(postmaster);
    for (const pid of readdirSync('/proc'))
      if (/^\d+$/.test(pid))
        try {
          if (Number(pid) === postmaster || parentOf(pid) === postmaster) t += processSeconds(pid);
        } catch {
          // A process that ended meanwhile.
        }
    return t;
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startPostgres();
  console.log(pg.url);
  pg.stop();
}
