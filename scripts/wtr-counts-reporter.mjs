// Writes the real pass/fail totals of a web-test-runner run to test-results/browser.json,
// so scripts/test.mjs can add them to the Node totals.
import { mkdirSync, writeFileSync } from 'node:fs';

function walk(suite, acc) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else acc.failed++;
  }
  for (const s of suite?.suites ?? []) walk(s, acc);
}

export function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, sessionErrors: 0 };
      for (const session of sessions) {
        walk(session.testResults, acc);
        // A file that failed to load or threw outside a test has no test results but errors.
        if (!session.passed && (session.errors?.length ?? 0) > 0) acc.sessionErrors++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browser.json', JSON.stringify(acc));
    },
  };
}
