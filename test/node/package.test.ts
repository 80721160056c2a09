import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { packed } from './packed.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const REPOSITORY = 'https://github.com/leerkring/leerkring';

describe('the published package', () => {
  test('leerkring --version prints the version in package.json', () => {
    const r = spawnSync(process.execPath, ['bin/leerkring.js', '--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test('package.json says where the project lives, which Node versions it supports, and builds when packed rather than on every install', () => {
    assert.equal(pkg.repository?.url, `git+${REPOSITORY}.git`);
    assert.equal(pkg.homepage, `${REPOSITORY}#readme`);
    assert.equal(pkg.bugs?.url, `${REPOSITORY}/issues`);
    assert.equal(pkg.engines?.node, '>=22');
    assert.equal(pkg.scripts.prepare, undefined, 'prepare runs on every install from git or a tarball');
    assert.match(pkg.scripts.prepack, /npm run build/);
  });

  test('the schema has a stable $id in the repository', () => {
    const schema = JSON.parse(readFileSync('schema/network.schema.json', 'utf8'));
    assert.ok(schema.$id.startsWith('https://raw.githubusercontent.com/leerkring/leerkring/'), schema.$id);
  });

  test('the tarball holds LICENSE, CHANGELOG.md, the demo and every file the exports and custom-elements.json name', () => {
    const { files } = packed();
    for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'custom-elements.json', 'demo/networks.js', 'demo/index.html', 'demo/data/groene-domein.json']) assert.ok(files.includes(f), f);
    const targets = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object).flatMap(targets));
    for (const [entry, value] of Object.entries(pkg.exports)) for (const t of targets(value)) assert.ok(files.includes(t.replace(/^\.\//, '')), `${entry}: ${t} is not in the package`);
    assert.equal(pkg.exports['./custom-elements.json'], './custom-elements.json');
    assert.ok(pkg.exports['./bundle'].types, 'leerkring/bundle has types');

    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    for (const mod of manifest.modules) {
      assert.ok(files.includes(mod.path), `custom-elements.json names ${mod.path}, which is not shipped`);
      for (const e of mod.exports ?? []) if (e.declaration?.module) assert.ok(files.includes(e.declaration.module), e.declaration.module);
      for (const d of mod.declarations ?? []) for (const ev of d.events ?? []) assert.match(ev.type?.text ?? '', /^Leerkring\w+Event$/, `${d.tagName} ${ev.name} has no type`);
    }
  });

  test('every source map in the tarball carries its sources', () => {
    const { files } = packed();
    const maps = files.filter((f) => f.endsWith('.js.map'));
    assert.ok(maps.length > 50, `${maps.length} maps`);
    for (const f of maps) {
      const map = JSON.parse(readFileSync(f, 'utf8'));
      const shipped = map.sources.every((s: string) => files.includes(new URL(s, `file:///${f}`).pathname.slice(1)));
      assert.ok(shipped || (map.sourcesContent?.length === map.sources.length && map.sourcesContent.every((c: unknown) => typeof c === 'string')), `${f}: sources neither shipped nor inlined`);
    }
  });
});

// Pinned, so a new rule in a later release does not turn a run red overnight; fetched by npx.
const PUBLINT = 'publint@0.3.25';
const ATTW = '@arethetypeswrong/cli@0.18.5';

describe('package linters on the tarball', () => {
  test('publint --strict: all good', () => {
    const r = spawnSync('npx', ['-y', PUBLINT, '--strict', packed().tarball], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /All good!/);
  });

  test('attw --pack: no problems for the ESM entry points (node16 from ESM, bundler)', () => {
    const r = spawnSync('npx', ['-y', ATTW, packed().tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout.slice(0, 2000) + r.stderr);
    const report = JSON.parse(r.stdout) as { analysis: { problems: { resolutionKind?: string }[]; entrypoints: Record<string, unknown> } };
    const problems = report.analysis.problems.filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), Object.keys(pkg.exports).sort());
  });
});
