// The README's reference for web developers against the code: names that exist, lists that are
// complete. A renamed export or a new custom property fails here until the README says so.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import * as core from '../../src/core/index.js';
import { installed } from './packed.js';
import { tempDir } from './helpers.js';

const README = readFileSync('README.md', 'utf8');
const section = (heading: string) => {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start !== -1, `the README has "${heading}"`);
  const end = README.indexOf('\n### ', start + heading.length + 2);
  return README.slice(start, end === -1 ? undefined : end);
};
const sources = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));

describe('the README reference', () => {
  test('the core table names only real exports', () => {
    const table = section('### The core (`leerkring`)');
    const types = sources('src/core').join('\n');
    const names = [...table.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1]!).filter((n) => n !== 'leerkring');
    assert.ok(names.length > 40, `${names.length} names`);
    for (const name of names) assert.ok(name in core || new RegExp(`export (type|interface) ${name}\\b`).test(types), `${name} is not exported by leerkring`);
  });

  test('every --leerkring-* custom property the elements read is in the theming table', () => {
    const used = new Set(sources('src/components').flatMap((s) => [...s.matchAll(/var\((--leerkring-[a-z0-9-]+)/g)].map((m) => m[1]!)));
    const documented = new Set([...section('### Theming').matchAll(/^\| `(--leerkring-[a-z0-9-]+)`/gm)].map((m) => m[1]!));
    assert.deepEqual([...used].sort(), [...documented].sort());
  });

  test('every event is in the events table with its class', () => {
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    const events = manifest.modules.flatMap((m: { declarations?: { events?: { name: string; type: { text: string } }[] }[] }) => (m.declarations ?? []).flatMap((d) => d.events ?? []));
    const table = section('### Events');
    assert.ok(events.length >= 4);
    for (const e of events) assert.match(table, new RegExp(`\\| \`${e.name}\` \\| \`${e.type.text}\` \\|`), e.name);
  });

  test('the server-from-code example runs from the installed package', async () => {
    const dir = installed('server', /^npm install leerkring( [@a-z0-9/.-]+)+$/m.exec(README)![0].split(' ').slice(3));
    const example = /### The server from code[\s\S]*?```js\n([\s\S]*?)```/.exec(README)?.[1];
    assert.ok(example, 'the README has the example');
    const cwd = join(dir, `example-${process.pid}`);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(cwd, 'netwerken'), { recursive: true });
    writeFileSync(join(cwd, 'netwerken', 'groene-domein.json'), readFileSync('demo/data/groene-domein.json'));
    writeFileSync(join(cwd, 'example.mjs'), example.replace("dataDir: './.leerkring-data'", `dataDir: ${JSON.stringify(join(tempDir(), 'data'))}`));
    const child = spawn(process.execPath, ['example.mjs'], { cwd, env: { ...process.env, LEERKRING_ADMIN_TOKEN: 'readme-example-token-0123456789', LEERKRING_SECRET: 'readme-example-secret-0123456789-abcdef' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, out);
    assert.match(out, /^http:\/\/localhost:\d+$/m);
  });
});
