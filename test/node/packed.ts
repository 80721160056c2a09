// The package as npm publishes it: packed once per build (the key follows the build's files),
// and installed into empty folders the way a web developer would. Several test files share it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

// Outside the repository: Node looks for packages in every parent folder, and the repository's
// own node_modules would hide a package the install left out.
const ROOT = join(tmpdir(), 'leerkring-packed');

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the package, as published. */
  files: string[];
}

/** What the pack depends on: the build and the files package.json lists. */
function buildKey(): string {
  const hash = createHash('sha256');
  for (const f of ['package.json', 'README.md', 'custom-elements.json', 'dist/leerkring.js', 'dist/integrity.json', 'dist/cli/main.js'])
    hash.update(`${f}:${existsSync(f) ? statSync(f).mtimeMs : 0}\n`);
  return hash.digest('hex').slice(0, 12);
}

function npm(cwd: string, args: string[]) {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${r.stderr}`);
  return r.stdout;
}

/** Packs the package (without building again: the test run has just built it). */
export function packed(): Packed {
  const dir = join(ROOT, buildKey());
  const cache = join(dir, 'pack.json');
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Packed;
  mkdirSync(dir, { recursive: true });
  const [info] = JSON.parse(npm('.', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir])) as [{ filename: string; files: { path: string }[] }];
  const result: Packed = { tarball: join(dir, info.filename), files: info.files.map((f) => f.path).sort() };
  writeFileSync(cache, JSON.stringify(result));
  return result;
}

/**
 * An empty project with the packed package installed by `npm install <tarball> …extra`
 * (the npm registry for everything else), once per test run and kind.
 */
export function installed(kind: string, extra: string[] = []): string {
  const { tarball } = packed();
  const dir = join(ROOT, buildKey(), kind);
  if (existsSync(join(dir, 'node_modules', 'leerkring', 'package.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `try-${kind}`, version: '1.0.0', private: true, type: 'module' }, null, 2));
  npm(dir, ['install', tarball, ...extra]);
  return dir;
}

/** Packages installed under node_modules (scoped ones counted one by one), and their bytes on disk. */
export function measure(dir: string): { packages: string[]; bytes: number } {
  const packages: string[] = [];
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) bytes += statSync(p).size;
    }
  };
  const nm = join(dir, 'node_modules');
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  for (const key of Object.keys(lock.packages)) if (key.startsWith('node_modules/') && existsSync(join(dir, key, 'package.json'))) packages.push(key.slice('node_modules/'.length));
  walk(nm);
  return { packages: packages.sort(), bytes };
}
