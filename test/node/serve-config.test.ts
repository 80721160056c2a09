// Start-up settings of `leerkring serve`, through the real command.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers.js';

const BIN = 'bin/leerkring.js';

function serveWith(env: Record<string, string>, ...args: string[]) {
  const data = tempDir();
  const r = spawnSync(process.execPath, [BIN, 'serve', '--networks', 'demo/data', '--port', '0', '--data', data, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30000,
  });
  const opened = existsSync(join(data, 'pgdata'));
  rmSync(data, { recursive: true, force: true });
  return { code: r.status, out: r.stdout, err: r.stderr, opened };
}

describe('leerkring serve: settings', () => {
  for (const [name, min, value] of [
    ['LEERKRING_SECRET', 32, 'kort-geheim-0123456789abcdefghi'],
    ['LEERKRING_ADMIN_TOKEN', 24, 'kort-token-0123456789ab'],
    ['LEERKRING_SECRET', 32, ''],
  ] as const) {
    test(`${name} shorter than ${min} characters (${value.length}) stops start-up with one sentence that names it`, () => {
      const r = serveWith({ [name]: value });
      assert.equal(r.code, 1, r.out + r.err);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, new RegExp(`${name} must be at least ${min} characters`));
      if (value) assert.equal(r.err.includes(value), false, 'the value is not repeated');
      assert.equal(r.opened, false, 'no database was opened');
    });
  }

  test('--trust-proxy with a number of hops is refused: the proxy cannot be checked that way', () => {
    const r = serveWith({}, '--trust-proxy', '1');
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /--trust-proxy/);
    assert.equal(r.opened, false);
  });
});
