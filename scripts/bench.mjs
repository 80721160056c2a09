// `npm run bench`: medians of repeated runs on this (shared, noisy) machine; ratios matter more
// than absolute numbers. Needs a built dist/ (the npm script builds first).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';
import { networkCalendar, calendarEvents, parseNetwork } from '../dist/core/index.js';

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

/**
 * The floor for the feed: a minimal RFC 5545 writer over the same events (escaping, UTC times,
 * all-day dates, folding at 74 octets of content a line, CRLF), about 50 lines.
 */
function minimalCalendar(network, events) {
  const esc = (s) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
  const utc = (d) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = (s) => s.replace(/-/g, '');
  const next = (s) => {
    const d = new Date(`${s}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10).replace(/-/g, '');
  };
  const out = [];
  const line = (l) => {
    if (Buffer.byteLength(l) <= 74) return out.push(l);
    const b = Buffer.from(l);
    let start = 0;
    let first = true;
    while (start < b.length) {
      let end = Math.min(b.length, start + 74);
      while (end < b.length && (b[end] & 0xc0) === 0x80) end--;
      out.push((first ? '' : ' ') + b.toString('utf8', start, end));
      start = end;
      first = false;
    }
  };
  line('BEGIN:VCALENDAR');
  line('VERSION:2.0');
  line('PRODID:-//leerkring//leerkring//NL');
  if (network.url) line(`URL:${network.url}`);
  line(`NAME:${esc(network.title)}`);
  line(`X-WR-CALNAME:${esc(network.title)}`);
  for (const e of events) {
    line('BEGIN:VEVENT');
    line(`UID:${esc(e.uid)}`);
    line(`SEQUENCE:${e.sequence}`);
    line('DTSTAMP:20000101T000000Z');
    if (e.allDay) {
      line(`DTSTART;VALUE=DATE:${day(e.date)}`);
      line(`DTEND;VALUE=DATE:${next(e.date)}`);
      line('X-MICROSOFT-CDO-ALLDAYEVENT:TRUE');
      line('X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE');
    } else {
      line(`DTSTART:${utc(e.start)}`);
      if (e.end) line(`DTEND:${utc(e.end)}`);
    }
    line(`SUMMARY:${esc(e.title)}`);
    if (e.location) line(`LOCATION:${esc(e.location)}`);
    line(`DESCRIPTION:${esc(e.description)}`);
    if (e.url) line(`URL;VALUE=URI:${e.url}`);
    line(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`);
    line('END:VEVENT');
  }
  line('END:VCALENDAR');
  return `${out.join('\r\n')}\r\n`;
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
  const floor = [];
  let text = '';
  let plain = '';
  // Warm up both (JIT), then alternate so that both see the same machine.
  networkCalendar(r.value);
  minimalCalendar(r.value, calendarEvents(r.value));
  for (let i = 0; i < 7; i++) {
    let t0 = performance.now();
    text = networkCalendar(r.value);
    times.push(performance.now() - t0);
    t0 = performance.now();
    plain = minimalCalendar(r.value, calendarEvents(r.value));
    floor.push(performance.now() - t0);
  }
  const mt = median(times);
  const mf = median(floor);
  console.log(`.ics feed, ${N} sessions (networkCalendar): median ${fmt(mt)} over ${times.length} runs, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`minimal RFC 5545 writer, same events (floor):  median ${fmt(mf)}, output ${text === plain ? 'byte-identical' : 'differs'}`);
  console.log(`ratio feed / minimal writer: ${(mt / mf).toFixed(2)}x`);
}

if (!only || only === 'feed') feedBench();
if (!only || only === 'render') await renderBench();


// ---------------------------------------------------------------------------------------------
// The reference server, each figure beside its floor measured in the same run. The server runs
// as its own process (`leerkring serve`), the load comes from here over loopback only, and every
// run is bounded in time and in requests.

const MAX_REQUESTS = 400000;

/** Drives `concurrency` keep-alive clients against 127.0.0.1:port for `seconds` (or MAX_REQUESTS). */
async function load({ port, concurrency = 50, seconds, request, expect = (s) => s < 300 }) {
  const { Agent, request: send } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const one = ({ method = 'GET', path, body }) =>
    new Promise((resolve, reject) => {
      const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
      const req = send({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode));
        res.once('error', reject);
      });
      req.once('error', reject);
      req.end(body);
    });
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  let bad = 0;
  const client = async () => {
    while (performance.now() < end && i < MAX_REQUESTS) {
      const t0 = performance.now();
      const status = await one(request(i++));
      if (!expect(status)) bad++;
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  if (bad) throw new Error(`${bad} of ${latencies.length} requests failed`);
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

/** Median figures of `runs` runs after a warm-up. */
async function measure(run, { runs = 3, warmup = true } = {}) {
  if (warmup) await run(1);
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await run());
  return { perSecond: median(rs.map((r) => r.perSecond)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), runs };
}

const rate = (r) => `${r.perSecond.toFixed(0)}/s, p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}`;
const show = (what, r, floorWhat, f) => {
  console.log(`${what}: median ${rate(r)} (${r.runs} runs)`);
  if (f) {
    console.log(`  floor, ${floorWhat}: median ${rate(f)}`);
    console.log(`  ratio server / floor: ${(r.perSecond / f.perSecond).toFixed(2)}x throughput`);
  }
};

/** Starts `leerkring serve` on port 0 over these network documents; resolves when it listens. */
async function startServer({ docs, pgUrl, env: extra = {} }) {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-'));
  mkdirSync(join(dir, 'networks'));
  for (const doc of docs) writeFileSync(join(dir, 'networks', `${doc.id}.json`), JSON.stringify(doc));
  const env = {
    ...process.env,
    LEERKRING_DATA: join(dir, 'data'),
    LEERKRING_RATE_LIMIT: '0',
    LEERKRING_MIN_FILL_MS: '0',
    LEERKRING_ADMIN_TOKEN: 'bench-organiser-token-0123456789',
    LEERKRING_LOG_LEVEL: 'warn',
    ...extra,
  };
  if (pgUrl) env.DATABASE_URL = pgUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/leerkring.js', 'serve', '--networks', join(dir, 'networks'), '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(out)));
  });
  return {
    port,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in MiB (Linux). */
async function rssMiB(pid) {
  const { readFileSync } = await import('node:fs');
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const benchDoc = (id, sessions, scope) => ({
  id, kind: 'learning-network', title: `Bench ${id}`, summary: 'Bench', organisers: [{ name: 'Gemeente' }],
  sessions: Array.from({ length: sessions }, (_, i) => ({ id: `s${i}`, title: `S ${i}`, type: 'plenary', start: `2030-05-01T10:00` })),
  registration: { mode: 'built-in', capacity: 1000000, ...(scope && { scope }), fields: { organisation: 'optional', organisationType: 'off' } },
});

/** Registrations through the API: 50 clients, each sending one after another. */
async function registrationRun(server, networkId, sessions, seconds = 4) {
  const { formToken } = await (await fetch(`http://127.0.0.1:${server.port}/api/networks/${networkId}/form-token`)).json();
  const tag = Math.random().toString(36).slice(2, 8);
  return load({
    port: server.port,
    seconds,
    expect: (s) => s === 201,
    request: (i) => ({
      method: 'POST',
      path: `/api/networks/${networkId}/registrations`,
      body: JSON.stringify({ participant: { name: `B ${i}`, email: `b${tag}${i}@example.org` }, ...(sessions > 1 && { sessionId: `s${i % sessions}` }), formToken }),
    }),
  });
}

/**
 * The floor for registrations: a plain `pg` script with the per-person transaction of the old
 * design (lock the target, count, check for a duplicate, insert the registration and its
 * e-mail), 50 clients over a pool as large as the server's.
 */
async function pgFloor(url, networkId, targets, seconds = 4) {
  const { default: pg } = await import('pg');
  const { randomUUID } = await import('node:crypto');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The old design's lock table, which the server's schema no longer has.
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor_locks (network_id text NOT NULL, target text NOT NULL, PRIMARY KEY (network_id, target))');
  const tag = Math.random().toString(36).slice(2, 8);
  let i = 0;
  const one = async () => {
    const n = i++;
    const target = targets > 1 ? `s${n % targets}` : 'network';
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('INSERT INTO bench_floor_locks (network_id, target) VALUES ($1, $2) ON CONFLICT DO NOTHING', [networkId, target]);
      await c.query('SELECT 1 FROM bench_floor_locks WHERE network_id = $1 AND target = $2 FOR UPDATE', [networkId, target]);
      await c.query(`SELECT status, count(*)::int AS n FROM registrations WHERE network_id = $1 AND target = $2 AND status IN ('confirmed', 'waitlisted', 'pending') GROUP BY status`, [networkId, target]);
      const email = `f${tag}${n}@example.org`;
      await c.query(`SELECT 1 FROM registrations WHERE network_id = $1 AND target = $2 AND email_lower = $3 AND status IN ('confirmed', 'waitlisted', 'pending') LIMIT 1`, [networkId, target, email]);
      const id = randomUUID();
      await c.query(`INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant, locale) VALUES ($1, $2, $3, $4, 'confirmed', $5, $6, 'nl')`, [
        id, networkId, target, targets > 1 ? target : null, email, JSON.stringify({ name: `F ${n}`, email }),
      ]);
      await c.query('INSERT INTO mail_outbox (registration_id, kind, message) VALUES ($1, $2, $3)', [id, 'confirmed', JSON.stringify({ to: email, subject: 'x', text: 'x' })]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  const run = async (s = seconds) => {
    const latencies = [];
    const end = performance.now() + s * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() < end && i < MAX_REQUESTS) {
          const t = performance.now();
          await one();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
  };
  try {
    return await measure(run);
  } finally {
    await pool.end();
  }
}

/** Plain Fastify answering constant JSON bodies: the floor for the read path. */
async function fastifyFloor(bodies) {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-floor-'));
  writeFileSync(join(dir, 'bodies.json'), JSON.stringify(bodies));
  const code = `
    const bodies = JSON.parse(require('fs').readFileSync(process.env.BODIES, 'utf8'));
    const app = require('fastify')();
    for (const [path, body] of Object.entries(bodies)) app.get(path, (req, reply) => reply.type('application/json; charset=utf-8').send(body));
    app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log('port ' + app.server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, BODIES: join(dir, 'bodies.json') }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(out)));
  });
  return { port, stop: () => new Promise((r) => (child.kill('SIGTERM'), child.once('exit', r))).then(() => rmSync(dir, { recursive: true, force: true })) };
}

const getRun = (port, path, seconds = 3) => load({ port, seconds, request: () => ({ path }) });

/** Stores `n` registrations for a network straight in the database (the API would take minutes). */
async function seed(url, networkId, n) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO registrations (id, network_id, target, status, email_lower, participant, locale)
         SELECT gen_random_uuid(), $1, 'network', CASE WHEN g % 10 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'seed' || g || '@example.org',
           jsonb_build_object('name', 'Seed ' || g, 'email', 'seed' || g || '@example.org'), 'nl'
         FROM generate_series(1, $2) g`,
      [networkId, n],
    );
    // Kept counts, where the schema has them, are what the server reads: make them true again.
    const { rows } = await c.query(`SELECT to_regclass('target_counts') IS NOT NULL AS kept`);
    if (rows[0].kept)
      await c.query(
        `INSERT INTO target_counts (network_id, target, confirmed, pending, waitlisted)
           SELECT network_id, target, count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'waitlisted')
           FROM registrations WHERE network_id = $1 GROUP BY network_id, target
         ON CONFLICT (network_id, target) DO UPDATE SET confirmed = EXCLUDED.confirmed, pending = EXCLUDED.pending, waitlisted = EXCLUDED.waitlisted`,
        [networkId],
      );
    await c.query('ANALYZE registrations');
  } finally {
    await c.end();
  }
}

/**
 * The same registrations without HTTP: `register` called straight on the service over PGlite in
 * this process, by 50 callers one after another each (no mail delivery runs here).
 */
async function inProcessRun(seconds = 4) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openDatabase } = await import('../dist/server/storage/db.js');
  const { RegistrationService } = await import('../dist/server/services/registration-service.js');
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-inproc-'));
  const db = await openDatabase({ dataDir: dir });
  const r = parseNetwork(benchDoc('bench', 1));
  if (!r.ok) throw new Error('bench document invalid');
  const service = new RegistrationService(db, new Map([['bench', r.value]]), { secret: Buffer.alloc(32, 7) });
  let i = 0;
  const run = async (s = seconds) => {
    const latencies = [];
    const end = performance.now() + s * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (performance.now() < end && i < MAX_REQUESTS) {
          const t = performance.now();
          const n = i++;
          const out = await service.register(r.value, { participant: { name: `B ${n}`, email: `b${n}@example.org` } });
          if (out.kind !== 'created') throw new Error(`in-process registration: ${out.kind}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
  };
  try {
    return await measure(run);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serverBench(which) {
  const { startPostgres } = await import('./postgres.mjs');
  const all = !which || which === 'server';
  if (all || which === 'pglite') {
    const server = await startServer({ docs: [benchDoc('bench', 1)] });
    try {
      const idle = await rssMiB(server.pid);
      const r = await measure((s) => registrationRun(server, 'bench', 1, s));
      const inProcess = await inProcessRun();
      show('registrations, one session, 50 clients, PGlite (embedded)', r, 'the same register calls in-process, no HTTP, no mail delivery', inProcess);
      console.log(`PGlite server memory: ${idle.toFixed(0)} MiB RSS after start, ${(await rssMiB(server.pid)).toFixed(0)} MiB after the runs`);
    } finally {
      await server.stop();
    }
  }
  if (all || which === 'postgres' || which === 'read') {
    const pg = await startPostgres();
    try {
      const docs = [benchDoc('bench', 1), benchDoc('bench50', 50, 'session'), benchDoc('empty', 1), benchDoc('full', 1), benchDoc('big', 1000, 'session')];
      const server = await startServer({ docs, pgUrl: pg.url });
      try {
        if (all || which === 'postgres') {
          const one = await measure((s) => registrationRun(server, 'bench', 1, s));
          const oneFloor = await pgFloor(pg.url, 'floor', 1);
          show('registrations, one session, 50 clients, PostgreSQL', one, 'plain pg, same per-person transaction', oneFloor);
          const fifty = await measure((s) => registrationRun(server, 'bench50', 50, s));
          const fiftyFloor = await pgFloor(pg.url, 'floor50', 50);
          show('registrations, 50 sessions in parallel, 50 clients, PostgreSQL', fifty, 'plain pg, same shape', fiftyFloor);
          console.log(`PostgreSQL server memory: ${(await rssMiB(server.pid)).toFixed(0)} MiB RSS after the runs`);
        }
        await seed(pg.url, 'full', 50000);
        const bodyOf = async (id) => (await fetch(`http://127.0.0.1:${server.port}/api/networks/${id}`)).text();
        const floor = await fastifyFloor({ '/empty': await bodyOf('empty'), '/big': await bodyOf('big') });
        try {
          const empty = await measure((s) => getRun(server.port, '/api/networks/empty', s));
          const full = await measure((s) => getRun(server.port, '/api/networks/full', s));
          const plain = await measure((s) => getRun(floor.port, '/empty', s));
          show('GET /api/networks/{id}, empty network, PostgreSQL', empty, 'plain Fastify, the same body as constant JSON', plain);
          show('GET /api/networks/{id}, 50,000 registrations stored', full);
          console.log(`  ratio empty / 50,000 stored: ${(empty.perSecond / full.perSecond).toFixed(2)}x`);
          const big = await measure((s) => getRun(server.port, '/api/networks/big', s));
          const bigPlain = await measure((s) => getRun(floor.port, '/big', s));
          show('GET /api/networks/{id}, 1,000 sessions', big, 'plain Fastify, the same body as constant JSON', bigPlain);
        } finally {
          await floor.stop();
        }
      } finally {
        await server.stop();
      }
    } finally {
      pg.stop();
    }
  }
}

if (!only || ['server', 'pglite', 'postgres', 'read'].includes(only)) await serverBench(only);
