// A test run stopped by Ctrl-C or `timeout` (SIGINT, SIGTERM) must not leave its PostgreSQL
// running: scripts/postgres.mjs stops the cluster and removes its folder when its process is
// signalled, and then ends with that signal as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
