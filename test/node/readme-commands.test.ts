// Every command the README gives a developer runs here, from the packed package installed as
// the README says (`npx leerkring …` becomes that install's bin; --port 8000 becomes port 0).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installed } from './packed.js';
import { tempDir } from './helpers.js';

const README = readFileSync('README.md', 'utf8');

/** Lines of the ```sh blocks (comments dropped) and inline `npx leerkring …` spans. */
function readmeCommands(): string[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const inline = [...README.matchAll(/`(npx leerkring [^`]+)`/g)].map((m) => m[1]!);
  return [...new Set([...blocks, ...inline].map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean))];
}

// Commands run elsewhere: the repository's own (CI runs `npm ci && npm test`, .ci/run) and the
// installs (install.test.ts installs the packed package exactly as these lines say).
const ELSEWHERE: [RegExp, string][] = [
  [/^npm install && npm (start|test)$/, 'the repository: .ci/run runs npm test; npm start is `leerkring demo`, run from the package by install.test.ts'],
  [/^npm install leerkring( [@a-z0-9/.-]+)*$/, 'install.test.ts'],
];

describe('the README commands, from the installed package', () => {
  test('each runs and succeeds', async () => {
    const dir = installed('server', /^npm install leerkring( [@a-z0-9/.-]+)+$/m.exec(README)![0].split(' ').slice(3));
    const bin = join(dir, 'node_modules/.bin/leerkring');
    // A working folder of the reader's own: their document, their folder of documents, their data.
    const cwd = join(tempDir(), 'site');
    mkdirSync(join(cwd, 'netwerken'), { recursive: true });
    writeFileSync(join(cwd, 'netwerk.json'), readFileSync('demo/data/groene-domein.json'));
    writeFileSync(join(cwd, 'netwerken', 'groene-domein.json'), readFileSync('demo/data/groene-domein.json'));
    const env = { ...process.env, LEERKRING_ADMIN_TOKEN: 'readme-commands-token-0123456789', LEERKRING_SECRET: 'readme-commands-secret-0123456789-abcdef' };
    assert.match(readFileSync('.ci/run', 'utf8'), /^npm test/m);

    const ran: string[] = [];
    for (const line of readmeCommands()) {
      if (ELSEWHERE.some(([pattern]) => pattern.test(line))) continue;
      assert.match(line, /^npx leerkring /, `a README command no test runs: ${line}`);
      const args = line.replace(/^npx leerkring /, '').replace(/\[([^\]]+)\]/g, '$1').replace('--port 8000', '--port 0').split(/\s+/);
      if (args[0] === 'serve') {
        const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout!.on('data', (d: Buffer) => {
            output += d;
            const m = /listening on (http:\/\/[^/\s]+)/.exec(output);
            if (m) resolve(m[1]!);
          });
          child.stderr!.on('data', (d: Buffer) => (output += d));
          child.once('exit', (code) => reject(new Error(`${line} exited (${code}): ${output}`)));
        });
        assert.equal((await fetch(`${url}/api/networks/groene-domein`, { headers: { origin: 'https://www.gemeente.nl' } })).status, 200, line);
        await new Promise<void>((resolve) => {
          child.removeAllListeners('exit');
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      } else {
        const r = spawnSync(bin, args, { cwd, env, encoding: 'utf8', timeout: 120000 });
        assert.equal(r.status, 0, `${line}: ${r.stderr}`);
        if (args[0] === 'snippet') assert.match(r.stdout, /^<script type="module" src="[^"]+\/leerkring\.js" integrity="sha384-/, line);
      }
      ran.push(line);
    }
    assert.ok(ran.some((l) => l.startsWith('npx leerkring serve')) && ran.some((l) => l.startsWith('npx leerkring organiser list')), ran.join('\n'));
  });
});
