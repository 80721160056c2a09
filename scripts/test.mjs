// `npm test`: builds, then runs every test — Node tests (CLI, server, core under Node) with
// node's own runner, browser tests (components and core) in Chromium with web-test-runner —
// and ends with one line of real totals: "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';

// Ctrl-C or `timeout` ends the run: the signal goes on to the command running, and the run ends
// by it once that command has ended (scripts/postgres.mjs stops the test cluster on it), with the
// conventional status 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). While the test
// PostgreSQL is being made, the run waits until scripts/postgres.mjs has removed what it made.
let running;
let interrupted;
let makingPostgres = false;
const endBy = (signal) => {
  console.error(`Stopped by ${signal}.`);
  process.exit(128 + constants.signals[signal]);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    interrupted ??= signal;
    running?.kill(signal);
    if (!running && !makingPostgres) endBy(interrupted);
  });
const run = (cmd, args) =>
  new Promise((resolve) => {
    running = spawn(cmd, args, { stdio: 'inherit' });
    running.once('error', () => resolve(1));
    running.once('exit', (code) => {
      running = undefined;
      if (interrupted) endBy(interrupted);
      resolve(code ?? 1);
    });
  });
const only = process.argv[2]; // "node" or "browser" to run one half
// After "node": test files to run instead of all of them (`node scripts/test.mjs node test/node/x.test.ts`).
const chosen = only === 'node' ? process.argv.slice(3) : [];

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

let passed = 0;
let failed = 0;

if ((await run('npm', ['run', '--silent', 'build'])) !== 0) {
  console.error('The build failed; no tests were run.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, String(f)))
    .sort();
}

if (only !== 'browser') {
  const files = chosen.length ? chosen : listTests('test/node');
  // The server tests run against both the embedded database and a real PostgreSQL.
  let pg;
  if (files.length && !process.env.TEST_DATABASE_URL) {
    const { startPostgres } = await import('./postgres.mjs');
    makingPostgres = true;
    try {
      pg = await startPostgres();
      process.env.TEST_DATABASE_URL = pg.url;
    } catch (error) {
      if (!interrupted) console.error(error.message);
      failed++;
    } finally {
      makingPostgres = false;
    }
    if (interrupted) endBy(interrupted);
  }
  if (files.length) {
    await run(process.execPath, [
      '--import', 'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', '--test-reporter-destination=test-results/node.tap',
      ...files,
    ]);
    const tap = existsSync('test-results/node.tap') ? readFileSync('test-results/node.tap', 'utf8') : '';
    const pass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
    const fail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(tap)?.[1] ?? 0);
    if (!tap) failed++;
    passed += pass;
    failed += fail;
    console.log(`node: ${pass} passed, ${fail} failed`);
  }
  pg?.stop();
}

if (only !== 'node') {
  const status = await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']);
  if (existsSync('test-results/browser.json')) {
    const b = JSON.parse(readFileSync('test-results/browser.json', 'utf8'));
    passed += b.passed;
    failed += b.failed + b.sessionErrors;
    console.log(`browser: ${b.passed} passed, ${b.failed + b.sessionErrors} failed`);
  } else {
    failed++;
    console.error(`web-test-runner ended (status ${status}) without reporting any results.`);
  }
  if (status !== 0 && failed === 0) failed++;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
