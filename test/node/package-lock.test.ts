import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';

// A fresh machine runs `npm ci` (CI) or `npm install` (the README). Both are tried in a folder
// that holds only package.json and the committed lock, so the installed node_modules here do
// not hide a lock that is out of step.
function copyManifests(): string {
  const dir = tempDir();
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(f, join(dir, f));
  return dir;
}

const npm = (cwd: string, ...args: string[]) => spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd, encoding: 'utf8' });

describe('the committed package-lock.json', () => {
  test('npm ci accepts it (every optional platform package and no moving "latest" tag)', () => {
    const r = npm(copyManifests(), 'ci', '--dry-run');
    assert.equal(r.status, 0, r.stderr.split('\n').filter((l) => /Missing|Invalid|EUSAGE/.test(l)).join('\n'));
  });

  test('npm install leaves it as it is', () => {
    const dir = copyManifests();
    const r = npm(dir, 'install', '--package-lock-only');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'package-lock.json'), 'utf8'), readFileSync('package-lock.json', 'utf8'));
  });
});
