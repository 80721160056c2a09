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
    let last;
    let lastPlain;
    for (let i = 0; i < RUNS; i++) {
      const a = await page.evaluate((n) => window.benchAgenda(n), N);
      const p = await page.evaluate((n) => window.benchPlain(n), N);
      // The agenda draws a first page (the next month or so) and offers "toon meer" for the rest;
      // the plain list draws all N: that difference is the point of the agenda's paging.
      if (a.count < 1 || p.count !== N) throw new Error(`rendered ${a.count} / ${p.count} of ${N}`);
      agenda.push(a);
      plain.push(p.ms);
      last = a;
      lastPlain = p;
    }
    const ma = median(agenda.map((a) => a.ms));
    const mpage = median(agenda.map((a) => a.pageMs));
    const mp = median(plain);
    console.log(`agenda first render, ${N} sessions (parse + rules + render + layout, ${last.count} drawn at once): median ${fmt(ma)} over ${RUNS} runs`);
    console.log(`agenda first page complete (${last.page} sessions, the rest in later frames):          median ${fmt(mpage)}`);
    console.log(`plain Lit list, same ${N} items (render + layout):                   median ${fmt(mp)}`);
    console.log(`ratio agenda / plain list: ${(ma / mp).toFixed(2)}x first render, ${(mpage / mp).toFixed(2)}x first page complete`);
    console.log(`DOM nodes per session (elements, text, markers): agenda ${last.nodesPerSession.toFixed(1)}, plain list ${lastPlain.nodesPerSession.toFixed(1)}`);
    // Not the first render: every session drawn, after "toon meer" until the end (fewer runs: slow).
    const all = [];
    const allPlain = [];
    for (let i = 0; i < 3; i++) {
      const a = await page.evaluate((n) => window.benchAgendaAll(n), N);
      if (a.count !== N) throw new Error(`drew ${a.count} of ${N}`);
      all.push(a.ms);
      allPlain.push((await page.evaluate((n) => window.benchPlain(n), N)).ms);
    }
    console.log(`agenda with all ${N} sessions opened by "toon meer": median ${fmt(median(all))} over 3 runs, ${(median(all) / median(allPlain)).toFixed(2)}x the plain list (${fmt(median(allPlain))})`);
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

// Registration throughput of the reference server, as a separate process (`leerkring serve`),
// with 50 clients each sending one registration after another for a few seconds.
async function serverBench(backend) {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-'));
  mkdirSync(join(dir, 'networks'));
  const doc = {
    id: 'bench', kind: 'learning-network', title: 'Bench', summary: 'Bench', organisers: [{ name: 'Gemeente' }],
    sessions: [{ id: 's', title: 'S', type: 'plenary', start: '2030-05-01T10:00' }],
    registration: { mode: 'built-in', capacity: 1000000, fields: { organisation: 'optional', organisationType: 'off' } },
  };
  writeFileSync(join(dir, 'networks', 'bench.json'), JSON.stringify(doc));
  let pg;
  const env = { ...process.env, LEERKRING_DATA: join(dir, 'data'), LEERKRING_RATE_LIMIT: '0', LEERKRING_MIN_FILL_MS: '0', LEERKRING_ADMIN_TOKEN: 'bench-organiser-token-0123456789' };
  if (backend === 'postgres') {
    const { startPostgres } = await import('./postgres.mjs');
    pg = await startPostgres();
    env.DATABASE_URL = pg.url;
  }
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, ['bin/leerkring.js', 'serve', '--networks', join(dir, 'networks'), '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => (out += d) && out.includes('listening on') && resolve());
    child.once('exit', () => reject(new Error(out)));
  });
  const url = `http://127.0.0.1:${port}/api/networks/bench/registrations`;
  // One form token serves every registration of the run (the minimum fill time is 0 here).
  const { formToken } = await (await fetch(`http://127.0.0.1:${port}/api/networks/bench/form-token`)).json();
  let n = 0;
  const run = async (seconds) => {
    const latencies = [];
    const end = performance.now() + seconds * 1000;
    const client = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ participant: { name: `B ${n}`, email: `b${n++}@example.org` }, formToken }) });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`status ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 50 }, client));
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
  };
  try {
    await run(1); // warm-up
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await run(4));
    console.log(
      `server on ${backend === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL'}, one session, 50 concurrent clients: ` +
        `median ${median(runs.map((r) => r.perSecond)).toFixed(0)} registrations/s, p50 ${fmt(median(runs.map((r) => r.p50)))}, p99 ${fmt(median(runs.map((r) => r.p99)))} (3 runs of 4 s)`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!only || only === 'server') {
  await serverBench('pglite');
  await serverBench('postgres');
}
