// The packed package installed into empty folders, as a web developer would: once for the
// elements only (`npm install leerkring`), once with the server's packages as the README says.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installed, measure } from './packed.js';
import { tempDir } from './helpers.js';

const README = readFileSync('README.md', 'utf8');

/** The README's command that installs the server: `npm install leerkring …`, with the packages it names. */
function readmeServerInstall(): string[] {
  const line = /^npm install leerkring( [@a-z0-9/.-]+)+$/m.exec(README)?.[0];
  assert.ok(line, 'the README says how to install the server with one npm install');
  return line.split(' ').slice(2);
}

const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

/** Runs the installed `leerkring` bin until it says where it listens. */
function start(dir: string, args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(join(dir, 'node_modules/.bin/leerkring'), args, {
    cwd: dir,
    env: { ...process.env, LEERKRING_ADMIN_TOKEN: 'installed-package-token-0123456789', LEERKRING_SECRET: 'installed-package-secret-0123456789-abcdef' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = /listening on (http:\/\/[^/\s]+)/.exec(output) ?? /(http:\/\/(?:localhost|127\.0\.0\.1):\d+)\//.exec(output);
      if (m) resolve({ url: m[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('exit', (code) => reject(new Error(`leerkring ${args.join(' ')} exited (${code}): ${output}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('npm install leerkring, for the elements', () => {
  test('installs at most 12 packages and 20 MB', () => {
    const { packages, bytes } = measure(installed('elements'));
    console.log(`elements install: ${packages.length} packages, ${(bytes / 1e6).toFixed(1)} MB: ${packages.join(' ')}`);
    assert.ok(packages.length <= 12, `${packages.length} packages: ${packages.join(' ')}`);
    assert.ok(bytes <= 20e6, `${(bytes / 1e6).toFixed(1)} MB`);
  });

  test('the core and the CLI tools work; serve says which packages it needs', () => {
    const dir = installed('elements');
    const core = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('leerkring'); console.log(typeof m.parseNetwork, typeof m.availability)"], { cwd: dir, encoding: 'utf8' });
    assert.equal(core.stdout.trim(), 'function function', core.stderr);
    const doc = join(dir, 'groene-domein.json');
    writeFileSync(doc, readFileSync('demo/data/groene-domein.json'));
    const validate = spawnSync(join(dir, 'node_modules/.bin/leerkring'), ['validate', doc], { cwd: dir, encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stderr);
    const serve = spawnSync(join(dir, 'node_modules/.bin/leerkring'), ['serve', '--networks', dir, '--port', '0'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(serve.status, 2, serve.stderr);
    assert.match(serve.stderr, /^leerkring serve needs the server's packages/);
    assert.ok(serve.stderr.includes(`npm install ${readmeServerInstall().join(' ')}`), serve.stderr);
    // Every command that needs the server says so the same way, not with ERR_MODULE_NOT_FOUND (issue 25, item 14).
    for (const args of [['export', join(dir, 'uit')], ['import', dir], ['purge'], ['organiser', 'list']]) {
      const r = spawnSync(join(dir, 'node_modules/.bin/leerkring'), args, { cwd: dir, encoding: 'utf8', timeout: 30000 });
      assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^leerkring ${args[0]} needs the server's packages`), r.stderr);
    }
  });
});

describe('the server, installed as the README says', () => {
  test('serve starts on port 0 and answers the API', async () => {
    const dir = installed('server', readmeServerInstall().slice(1));
    const networks = join(tempDir(), 'netwerken');
    mkdirSync(networks);
    writeFileSync(join(networks, 'groene-domein.json'), readFileSync('demo/data/groene-domein.json'));
    const { url, child } = await start(dir, ['serve', '--networks', networks, '--port', '0', '--data', join(tempDir(), 'data')]);
    const res = await fetch(`${url}/api/networks`);
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { networks: { id: string }[] }).networks.map((n) => n.id), ['groene-domein']);
    await stop(child);
  });

  test('npx leerkring demo serves the demo pages and the bundle from the installed package', async () => {
    const dir = installed('server', readmeServerInstall().slice(1));
    const { url, child } = await start(dir, ['demo', '--port', '0', '--data', join(tempDir(), 'data')]);
    for (const path of ['/', '/dist/leerkring.js', '/demo/netwerk.html', '/api/networks/groene-domein']) assert.equal((await fetch(url + path)).status, 200, path);
    await stop(child);
  });
});
