// `npm start` / `npm run demo`: build only when a source is newer than the build, and say what
// happens while a newcomer waits. `--check` only says "current" or "stale" (exit 0 or 1).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: the sources and the configuration that shapes the output. */
const INPUTS = ['src', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.core.json', 'package.json', 'custom-elements.json', 'scripts/framework-types.mjs', 'scripts/template-whitespace.mjs'];
/** What the demo needs from the build; the oldest of them must be newer than every input. */
const OUTPUTS = ['dist/leerkring.js', 'dist/leerkring-console.js', 'dist/cli/main.js', 'dist/server/index.js', 'dist/integrity.json', 'dist/frameworks/react.d.ts'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = info.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export function buildIsStale() {
  if (OUTPUTS.some((f) => !existsSync(f))) return true;
  const built = Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs));
  return Math.max(...INPUTS.map(newest)) > built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stale = buildIsStale();
  if (process.argv.includes('--check')) {
    console.log(stale ? 'stale' : 'current');
    process.exit(stale ? 1 : 0);
  }
  if (!stale) {
    console.log('leerkring: the build is current (nothing to build).');
  } else {
    console.log('leerkring: building the elements, the console and the server (after a fresh clone or a change; about half a minute)…');
    const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      console.error('leerkring: the build failed; see the messages above.');
      process.exit(r.status ?? 1);
    }
    console.log('leerkring: built.');
  }
}
