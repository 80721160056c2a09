import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';
import { countsReporter } from './scripts/wtr-counts-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { referenceApi } from './test/server/reference-api.mjs';

export default {
  files: ['test/core/**/*.test.ts', 'test/components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  // a11ySnapshot: tests read the accessibility tree Chromium builds (names, required, invalid).
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), a11ySnapshotPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), args: CHROME_ARGS, headless: true },
    }),
  ],
  middleware: [referenceApi],
  // One browser page at a time: the reference server keeps state, and the machine has two cores.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  // The whole browser half, one page at a time, takes about ten minutes on this two-core machine;
  // the limit is for a hung run, not a slow one.
  testsFinishTimeout: 1800000,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countsReporter()],
};
