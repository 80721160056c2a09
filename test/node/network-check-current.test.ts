// The lean check in src/core/network-check.generated.ts is compiled from the zod schema: a change
// to the schema without writing it again would let pages pass documents zod refuses (or refuse
// documents it accepts). test/core/network-check.test.ts compares the two answers in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('src/core/network-check.generated.ts is what scripts/network-check.ts writes from the schema today', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/network-check.ts', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr || r.stdout);
});
