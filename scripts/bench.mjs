// `npm run bench`: medians of repeated runs on this (shared, noisy) machine; ratios matter more
// than absolute numbers. Needs a built dist/ (the npm script builds first).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';
import { networkCalendar, parseNetwork } from '../dist/core/index.js';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const only = process.argv[2];

async function renderBench() {
  const build = await rollup({ input: 'bench/render-entry.js', onwarn() {}, plugins: [nodeResolve({ exportConditions: ['browser', 'production'] })] });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  const js = output[0].code;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="nl"><body><script type="module" src="/bench.js"></script></body></html>');
  });
  await new Promise((r) => server.listen(0, r));
  const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')) });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.benchAgenda === 'function');
    const N = 1000;
    const RUNS = 9;
    // Warm up both paths once (JIT, style recalculation caches).
    await page.evaluate((n) => window.benchAgenda(n), N);
    await page.evaluate((n) => window.benchPlain(n), N);
    const agenda = [];
    const plain = [];
    for (let i = 0; i < RUNS; i++) {
      const a = await page.evaluate((n) => window.benchAgenda(n), N);
      const p = await page.evaluate((n) => window.benchPlain(n), N);
      if (a.count !== N || p.count !== N) throw new Error(`rendered ${a.count} / ${p.count} of ${N}`);
      agenda.push(a.ms);
      plain.push(p.ms);
    }
    const ma = median(agenda);
    const mp = median(plain);
    console.log(`agenda first render, ${N} sessions (parse + rules + render + layout): median ${fmt(ma)} over ${RUNS} runs`);
    console.log(`plain Lit list, same ${N} items (render + layout):                   median ${fmt(mp)}`);
    console.log(`ratio agenda / plain list: ${(ma / mp).toFixed(2)}x`);
  } finally {
    await browser.close();
    server.close();
  }
}

function feedBench() {
  const N = 10000;
  const sessions = Array.from({ length: N }, (_, i) => {
    const d = new Date(Date.UTC(2030, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    return { id: `s${i}`, title: `Bijeenkomst ${i + 1}`, type: 'thematic', start: `${d}T19:30`, end: `${d}T21:00`, venue: { type: 'physical', name: 'Stadhuis', address: 'Markt 1', city: 'Utrecht' } };
  });
  const r = parseNetwork({ id: 'feed', kind: 'learning-network', title: 'Feed', summary: 'Feed', organisers: [{ name: 'Gemeente' }], sessions, registration: { mode: 'closed' } });
  if (!r.ok) throw new Error('bench document invalid');
  const times = [];
  let size = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    size = networkCalendar(r.value).length;
    times.push(performance.now() - t0);
  }
  console.log(`.ics feed, ${N} sessions (ical-generator): median ${fmt(median(times))} over ${times.length} runs, ${(size / 1024 / 1024).toFixed(1)} MB`);
}

if (!only || only === 'feed') feedBench();
if (!only || only === 'render') await renderBench();
