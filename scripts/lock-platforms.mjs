// `node scripts/lock-platforms.mjs` after `npm install` changed package-lock.json: puts back the
// lock entries of rollup's platform packages (one per OS and CPU) that npm leaves out when the
// registry it talks to does not serve the other platforms' packages. Without them `npm ci`
// refuses the lock on every machine ("Missing: @rollup/rollup-darwin-arm64 from lock file").
// The entries carry what npm needs to skip them on other platforms (os, cpu, libc); npm adds
// the integrity on a machine that installs one.
import { readFileSync, writeFileSync } from 'node:fs';

const file = 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
if (!rollup) throw new Error('package-lock.json has no rollup');
const dev = rollup.dev === true;
let added = 0;
for (const [name, version] of Object.entries(rollup.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  // @rollup/rollup-<os>-<cpu>[-<abi>], e.g. rollup-linux-arm-musleabihf, rollup-win32-ia32-msvc
  const [os, cpu, abi = ''] = name.replace('@rollup/rollup-', '').split('-');
  const entry = { version, cpu: [cpu] };
  if (dev) entry.dev = true;
  if (os === 'linux') entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
  Object.assign(entry, { license: 'MIT', optional: true, os: [os] });
  lock.packages[key] = entry;
  added++;
}
// npm keeps the entries sorted by path, the root ("") first.
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform entries added`);
