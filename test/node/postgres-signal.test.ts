// A test run stopped by Ctrl-C or `timeout` (SIGINT, SIGTERM) must not leave its PostgreSQL
// running: scripts/postgres.mjs stops the cluster and removes its folder when its process is
// signalled, and then ends with that signal as before. That holds too while the cluster is still
// being made (initdb, start), and scripts/test.mjs then ends with 128 + the signal's number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { once } from 'node:events';

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`a ${signal} to a process holding a test cluster stops the cluster and removes its folder`, async () => {
    const child = spawn(process.execPath, ['test/helpers/hold-postgres.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const started = new Promise<{ url: string; dir: string }>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        out += d;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`the holder ended (${code}) before printing its cluster: ${out}`)));
    });
    const { url, dir } = await started;
    const port = Number(new URL(url).port);
    assert.equal(await refused(port), false, 'the cluster accepts connections while held');
    assert.ok(dir && existsSync(dir), `the cluster's folder exists: ${dir}`);
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code, by] = await exited;
    assert.equal(by, signal, `ended by ${signal}, not with code ${code}`);
    assert.equal(await refused(port), true, `nothing listens on ${port} any more`);
    assert.equal(existsSync(dir), false, `the folder ${dir} is removed`);
  });
}

/** A folder for a child's TMPDIR, which PostgreSQL's own user may enter (the tests may run as root). */
function childTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-signal-'));
  chmodSync(dir, 0o755);
  return dir;
}

const clusters = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith('leerkring-pg-'));

/** Resolves with the first entry of `folder` that `wanted` accepts, once it is there (watched, not polled). */
function appears(folder: string, wanted: (name: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const watcher = watch(folder, () => seen());
    const seen = () => {
      const name = readdirSync(folder).find(wanted);
      if (name) watcher.close(), resolve(join(folder, name));
    };
    seen();
  });
}

/** Resolves with the test cluster's folder once scripts/postgres.mjs has made it in `tmp`: creation is under way. */
const clusterFolder = (tmp: string) => appears(tmp, (f) => f.startsWith('leerkring-pg-'));

/** The processes whose command line names `dir` (a postmaster started on a cluster in it). */
function runningFrom(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc'))
    if (/^\d+$/.test(pid))
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        if (cmd.includes(dir)) found.push(`${pid}: ${cmd}`);
      } catch {
        // A process that ended meanwhile.
      }
  return found;
}

/** Fast shutdown (SIGINT) of a postmaster left running from `tmp`, so that a failing test leaves none behind. */
function stopLeftBehind(tmp: string): void {
  for (const line of runningFrom(tmp))
    if (/ -D /.test(line))
      try {
        process.kill(Number(line.split(':')[0]), 'SIGINT');
      } catch {
        // Ended meanwhile.
      }
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  // initdb runs once the folder is there; pg_ctl start once its log file is.
  for (const step of ['initdb', 'start'] as const)
    test(`a ${signal} while the test cluster is being made (${step}): the holder ends by it, and neither cluster nor folder is left`, async () => {
      const tmp = childTmp();
      try {
        const child = spawn(process.execPath, ['test/helpers/hold-postgres.mjs'], { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } });
        const dir = await clusterFolder(tmp);
        if (step === 'start') await appears(dir, (f) => f === 'log');
        const exited = once(child, 'exit');
        child.kill(signal);
        const [code, by] = await exited;
        assert.equal(by, signal, `ended by ${signal}, not with code ${code}`);
        assert.deepEqual(runningFrom(dir), [], 'no PostgreSQL runs from the folder');
        assert.deepEqual(clusters(tmp), [], 'the folder is removed');
      } finally {
        stopLeftBehind(tmp);
        rmSync(tmp, { recursive: true, force: true });
      }
    });

  test(`a ${signal} to scripts/test.mjs while it makes the test PostgreSQL: it ends with ${128 + constants.signals[signal]}, leaving neither cluster nor folder`, async () => {
    // scripts/test.mjs clears test-results/ in its working folder and builds there first: it runs in
    // a folder of its own (its two scripts, a package whose build does nothing), not in this checkout.
    const tmp = childTmp();
    const project = join(tmp, 'project');
    try {
      mkdirSync(join(project, 'scripts'), { recursive: true });
      for (const f of ['test.mjs', 'postgres.mjs']) copyFileSync(join('scripts', f), join(project, 'scripts', f));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true, scripts: { build: 'node -e ""' } }));
      const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
      delete env.TEST_DATABASE_URL;
      const child = spawn(process.execPath, ['scripts/test.mjs', 'node', 'test/node/none.test.ts'], { cwd: project, stdio: 'ignore', env });
      const dir = await clusterFolder(tmp);
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code, by] = await exited;
      assert.equal(code, 128 + constants.signals[signal], `exit code after ${signal} (ended by ${by})`);
      assert.deepEqual(runningFrom(dir), [], 'no PostgreSQL runs from the folder');
      assert.deepEqual(clusters(tmp), [], 'the folder is removed');
    } finally {
      stopLeftBehind(tmp);
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}
