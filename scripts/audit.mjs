// `npm run audit`: Lighthouse accessibility and best-practices scores of every demo page, served
// by the reference server (under the strict CSP) and audited in Debian's Chromium.
// Exits 1 when a page scores below 100 on either.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';
import { serve } from '../dist/server/index.js';
import { DEMO_NETWORKS, demoClock } from '../demo/networks.js';

const server = await serve({
  networks: 'demo/data',
  port: 0,
  dataDir: mkdtempSync(join(tmpdir(), 'leerkring-audit-')),
  demo: true,
  rateLimitPerMinute: 0,
  now: demoClock(),
  log: () => {},
});
const chrome = await chromeLauncher.launch({ chromePath: findChrome(), chromeFlags: CHROME_ARGS });
const pages = ['/', ...DEMO_NETWORKS.map((n) => `/demo/netwerk.html?id=${n.id}`), '/demo/cms.html', '/demo/aanmelding.html'];
let failed = 0;
try {
  console.log(`${'page'.padEnd(52)} accessibility  best-practices`);
  for (const path of pages) {
    const result = await lighthouse(server.url + path, {
      port: chrome.port,
      onlyCategories: ['accessibility', 'best-practices'],
      formFactor: 'mobile',
      logLevel: 'error',
    });
    const { categories, audits } = result.lhr;
    const a = Math.round(categories.accessibility.score * 100);
    const b = Math.round(categories['best-practices'].score * 100);
    console.log(`${path.padEnd(52)} ${String(a).padStart(13)}  ${String(b).padStart(14)}`);
    if (a < 100 || b < 100) {
      failed++;
      for (const cat of ['accessibility', 'best-practices'])
        for (const ref of categories[cat].auditRefs) {
          const audit = audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`    ${cat}: ${audit.id}: ${audit.title}`);
        }
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
process.exit(failed ? 1 : 0);
