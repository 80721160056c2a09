import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Network } from '../../src/core/index.js';
import { ADMIN_TOKEN, tempDir } from './helpers.js';

export interface ServeProcess {
  child: ChildProcess;
  /** The base URL it listens on (port 0: the system chose it). */
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A folder with these network documents, for `--networks`. */
export function networkFolder(networks: Network[]): string {
  const folder = join(tempDir(), 'networks');
  mkdirSync(folder);
  for (const n of networks) writeFileSync(join(folder, `${n.id}.json`), JSON.stringify(n));
  return folder;
}

/**
 * Starts `leerkring serve` as a real process on port 0 and resolves once it listens. Its output
 * is read all the time (a full pipe would block the process) and kept for the test.
 */
export async function serveProcess(folder: string, env: Record<string, string | undefined>): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['bin/leerkring.js', 'serve', '--networks', folder, '--port', '0'], {
    env: { ...process.env, LEERKRING_DATA: join(tempDir(), 'data'), LEERKRING_ADMIN_TOKEN: ADMIN_TOKEN, LEERKRING_SECRET: 'shared-secret-for-all-processes-of-this-test', LEERKRING_RATE_LIMIT: '0', LEERKRING_MIN_FILL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /listening on (http:\/\/[^/\s]+)/.exec(output);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve(m[1]!);
    };
    const onExit = (code: number | null) => reject(new Error(`server exited (${code}) before it listened: ${output}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    url,
    output: () => output,
    alive,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (!alive()) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
