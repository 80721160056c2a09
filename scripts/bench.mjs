// `npm run bench`: medians of repeated runs on this (shared, noisy) machine; ratios matter more
// than absolute numbers. Needs a built dist/ (the npm script builds first).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';
import { networkCalendar, calendarEvents, parseNetwork } from '../dist/core/index.js';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;
// `node scripts/bench.mjs [feed] [render] [server|pglite|postgres|post|read] [admin] [console] [fanout] [smtp] [growth]`:
// the parts named (server = every server line, post = the POST lines on both databases, pglite or
// postgres = one database, read = the GET lines; admin = the organiser list and CSV, console = the
// console's registrations page; fanout = a message to 5,000 and 50,000 people, smtp = delivery
// beside pooled nodemailer, growth = POST as registrations accumulate; issue 27); nothing: all of them.
const parts = process.argv.slice(2);
const want = (...names) => !parts.length || names.some((n) => parts.includes(n));
/** The machine's load average beside the figures: they are only comparable at a similar load. */
const loadLine = (when) => console.log(`load average ${when}: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min), ${availableParallelism()} cores`);
loadLine('before');

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

/**
 * What the feed and the minimal writer have in common: their events, compared block by block
 * (BEGIN:VEVENT to END:VEVENT), and the calendar's own lines that only the feed writes.
 */
function compareFeeds(text, plain) {
  const events = (t) => t.split('BEGIN:VEVENT\r\n').slice(1).map((e) => e.slice(0, e.indexOf('END:VEVENT\r\n')));
  const header = (t) => t.slice(0, t.indexOf('BEGIN:VEVENT')).split('\r\n').filter(Boolean);
  const a = events(text);
  const b = events(plain);
  const differing = a.filter((e, i) => e !== b[i]).length + Math.abs(a.length - b.length);
  const extra = header(text).filter((l) => !header(plain).includes(l)).map((l) => l.split(/[:;]/)[0]);
  const events_ = differing ? `${differing} of ${a.length} events differ` : `the same ${a.length} events, byte for byte`;
  return `${events_}; the feed adds ${extra.length} calendar header lines (${extra.join(', ')})`;
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
  console.log(`.ics feed, ${N} sessions (networkCalendar): median ${fmt(mt)} over ${times.length} runs, alternating with its floor, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  floor, a minimal RFC 5545 writer (~50 lines) over the same events: median ${fmt(mf)}; ${compareFeeds(text, plain)}`);
  console.log(`  ratio feed / minimal writer: ${(mt / mf).toFixed(2)}x`);
}

if (want('feed')) feedBench();
if (want('render')) await renderBench();


// ---------------------------------------------------------------------------------------------
// The reference server, each figure beside its floor measured in the same run. The server runs
// as its own process (`leerkring serve`), the load comes from here over loopback only, and every
// run is bounded in time and in requests.

const MAX_REQUESTS = 400000;
/** Clients (or callers) at once, seconds a measured run, the server's pool on PostgreSQL. */
const CLIENTS = 50;
const SECONDS = 3;
const POOL = Number(process.env.LEERKRING_DB_POOL ?? 10);

function summary(latencies, elapsed) {
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

/**
 * The load generator for every HTTP figure and its HTTP floor: `concurrency` keep-alive node:http
 * clients in this process against 127.0.0.1:port, for `seconds` or `requests` requests.
 */
async function load({ port, concurrency = CLIENTS, seconds, requests = MAX_REQUESTS, request, expect = (s) => s < 300 }) {
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
    while (performance.now() < end && i < requests) {
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
  return summary(latencies, elapsed);
}

/** The load for floors without HTTP: CLIENTS callers in this process, each calling `one()` one after another. */
async function callers(one, seconds) {
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end && latencies.length < MAX_REQUESTS) {
        const t = performance.now();
        await one();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return summary(latencies, (performance.now() - t0) / 1000);
}

/**
 * Each runner once for a second to warm up, then `runs` rounds in which every runner runs in
 * turn, so that a figure and its floors see the same (shared, noisy) machine; medians per runner.
 */
async function alternate(runners, { runs = 3, seconds = SECONDS } = {}) {
  const names = Object.keys(runners);
  for (const n of names) await runners[n](1);
  const all = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const n of names) all[n].push(await runners[n](seconds));
  const pick = (rs, k) => median(rs.map((r) => r[k]));
  return Object.fromEntries(names.map((n) => [n, { perSecond: pick(all[n], 'perSecond'), p50: pick(all[n], 'p50'), p99: pick(all[n], 'p99'), runs }]));
}

const rate = (r) => `${r.perSecond.toFixed(0)}/s, p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}`;
const headline = (what, r) => console.log(`${what}: median ${rate(r)} (${r.runs} runs of ${SECONDS} s, alternating with the lines below)`);
const ratio = (x, target) => `${x.toFixed(2)}x${target ? ` (target ≥ ${target}x: ${x >= target ? 'met' : 'not met'})` : ''}`;
/** One floor under its figure: what it is, its rate, and the figure over it (against `target`, when it is the one to meet). */
const beside = (what, r, f, target) => console.log(`  ${what}: median ${rate(f)}; server / floor ${ratio(r.perSecond / f.perSecond, target)}`);
/** A second figure under the first: what it is, its rate, and it over the first. */
const versus = (what, second, first, target) => console.log(`  ${what}: median ${rate(second)}; ratio ${ratio(second.perSecond / first.perSecond, target)}`);

/** Waits (at most `seconds`) until a server without SMTP has written `n` e-mails to its outbox folder; returns how long it took. */
async function drained(server, n, seconds = 300) {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const t0 = performance.now();
  const count = () => {
    try {
      return readdirSync(join(server.dataDir, 'outbox')).filter((f) => f.endsWith('.eml')).length;
    } catch {
      return 0;
    }
  };
  while (count() < n && performance.now() - t0 < seconds * 1000) await new Promise((r) => setTimeout(r, 500));
  if (count() < n) throw new Error(`${count()} of ${n} e-mails written after ${seconds} s`);
  return (performance.now() - t0) / 1000;
}

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
    dataDir: env.LEERKRING_DATA,
    async stop() {
      // A stopping server finishes its delivery turn, which empties the outbox: after the runs,
      // tens of thousands of e-mails. The bench does not need them: 15 s, then SIGKILL.
      const exited = new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(late);
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

/** Starts a child process running `code` (CommonJS, from this folder) that prints "port N"; resolves with that port. */
async function spawnFloor(code, env) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(out)));
  });
  return { port, pid: child.pid, formToken: false, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.kill('SIGTERM'), child.once('exit', r)))) };
}

/**
 * Registrations through the API (the server's, or a floor's speaking the same route): CLIENTS
 * clients, each sending one after another, for `seconds` or `requests` registrations.
 */
async function registrationRun(target, networkId, sessions, seconds, requests) {
  const formToken = target.formToken === false ? undefined : (await (await fetch(`http://127.0.0.1:${target.port}/api/networks/${networkId}/form-token`)).json()).formToken;
  const tag = Math.random().toString(36).slice(2, 8);
  return load({
    port: target.port,
    seconds,
    requests,
    expect: (s) => s === 201,
    request: (i) => ({
      method: 'POST',
      path: `/api/networks/${networkId}/registrations`,
      body: JSON.stringify({ participant: { name: `B ${i}`, email: `b${tag}${i}@example.org` }, ...(sessions > 1 && { sessionId: `s${i % sessions}` }), formToken }),
    }),
  });
}

/**
 * The one INSERT a registration needs at least, into a table: the partial unique index refuses a
 * second active registration per address. `bench_plain_registrations` is a copy of the
 * registrations table with the same columns, defaults and indexes but no triggers: no kept counts.
 */
const insertInto = (table) => `INSERT INTO ${table} (id, network_id, target, session_id, status, email_lower, participant, locale) VALUES ($1, $2, $3, $4, 'confirmed', $5, $6, 'nl')`;
const INSERT_ONE = insertInto('registrations');
const INSERT_PLAIN = insertInto('bench_plain_registrations');

/**
 * The simplest correct floor for registrations, the target: one INSERT per person into a copy of
 * the registrations table without its count triggers (or, with `sql`, another INSERT), plain pg
 * over a pool as large as the server's, CLIENTS callers, no HTTP.
 */
async function insertFloor(url, networkId, targets, sql = INSERT_PLAIN) {
  const { default: pg } = await import('pg');
  const { randomUUID } = await import('node:crypto');
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_plain_registrations (LIKE registrations INCLUDING ALL)');
  const tag = Math.random().toString(36).slice(2, 8);
  let i = 0;
  const one = async () => {
    const n = i++;
    const target = targets > 1 ? `s${n % targets}` : 'network';
    const email = `i${tag}${n}@example.org`;
    await pool.query(sql, [randomUUID(), networkId, target, targets > 1 ? target : null, email, JSON.stringify({ name: `I ${n}`, email })]);
  };
  return { run: (s) => callers(one, s), close: () => pool.end() };
}

/** The same INSERT (into the copy without triggers) behind a plain Fastify route with the server's path and body, over a pool as large as the server's. */
async function fastifyInsertFloor(url) {
  const code = `
    const pool = new (require('pg').Pool)({ connectionString: process.env.URL, max: Number(process.env.POOL) });
    const { randomUUID } = require('crypto');
    const app = require('fastify')();
    app.post('/api/networks/:id/registrations', async (req, reply) => {
      const { participant, sessionId } = req.body;
      const id = randomUUID();
      await pool.query(process.env.SQL, [id, req.params.id, sessionId ?? 'network', sessionId ?? null, participant.email.toLowerCase(), JSON.stringify(participant)]);
      return reply.code(201).send({ id, status: 'confirmed' });
    });
    app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log('port ' + app.server.address().port));`;
  return spawnFloor(code, { URL: url, POOL: String(POOL), SQL: INSERT_PLAIN });
}

/**
 * The old design's per-person transaction, kept for comparison (not a target): lock one shared
 * row per target, count, check for a duplicate, insert the registration and its e-mail; plain
 * pg, CLIENTS callers over a pool as large as the server's.
 */
async function lockingFloor(url, networkId, targets) {
  const { default: pg } = await import('pg');
  const { randomUUID } = await import('node:crypto');
  const pool = new pg.Pool({ connectionString: url, max: POOL });
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
      await c.query(INSERT_ONE, [id, networkId, target, targets > 1 ? target : null, email, JSON.stringify({ name: `F ${n}`, email })]);
      await c.query('INSERT INTO mail_outbox (registration_id, kind, message) VALUES ($1, $2, $3)', [id, 'confirmed', JSON.stringify({ to: email, subject: 'x', text: 'x' })]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  return { run: (s) => callers(one, s), close: () => pool.end() };
}

/** Plain Fastify answering constant JSON bodies: the floor for the read path. */
async function fastifyFloor(bodies) {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-floor-'));
  writeFileSync(join(dir, 'bodies.json'), JSON.stringify(bodies));
  const code = `
    const bodies = JSON.parse(require('fs').readFileSync(process.env.BODIES, 'utf8'));
    const app = require('fastify')();
    // Encoded once, as the server keeps its bodies: the floor does not encode the text per request.
    for (const [path, body] of Object.entries(bodies)) {
      const bytes = Buffer.from(body);
      app.get(path, (req, reply) => reply.type('application/json; charset=utf-8').send(bytes));
    }
    app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log('port ' + app.server.address().port));`;
  const floor = await spawnFloor(code, { BODIES: join(dir, 'bodies.json') });
  return { port: floor.port, stop: () => floor.stop().then(() => rmSync(dir, { recursive: true, force: true })) };
}

const getRun = (port, path, seconds) => load({ port, seconds, request: () => ({ path }) });

/**
 * Stores `n` registrations for a network straight in PostgreSQL (10% cancelled), with their
 * search text as the server writes it (unless `fill` is false: then the first search fills it);
 * ANALYZE after, unless told not to.
 */
async function seed(url, networkId, n, { analyze = true, fill = true } = {}) {
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
    // The search text, as every write path of the server stores it (core's fold, by the server's own fill).
    if (fill) {
      const { fillSearchTexts } = await import('../dist/server/storage/registration-list.js');
      await fillSearchTexts(c, networkId);
    }
    if (analyze) await c.query('ANALYZE registrations');
  } finally {
    await c.end();
  }
}

/**
 * The same registrations without HTTP: `register` called straight on the service in this
 * process, by CLIENTS callers one after another each (no mail delivery runs here), over PGlite,
 * or over PostgreSQL at `url` (its pool as large as the server's). With `fresh`, each run uses a
 * new network of one session (as the server's figure does), else one network throughout. With
 * `mail`, the server's delivery job runs beside it as in the server (.eml files, no SMTP).
 */
async function inProcessFloor(url, { fresh = false, mail = false } = {}) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openDatabase } = await import('../dist/server/storage/db.js');
  const { RegistrationService } = await import('../dist/server/services/registration-service.js');
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-inproc-'));
  const tag = Math.random().toString(36).slice(2, 8);
  // A database of its own on the same PostgreSQL: the server's delivery job (and another
  // floor's) must not take its outbox rows, nor it theirs.
  let own;
  if (url) {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE DATABASE bench_inproc_${tag}`);
    await c.end();
    own = new URL(url);
    own.pathname = `/bench_inproc_${tag}`;
  }
  const db = await openDatabase({ dataDir: dir, ...(own && { url: own.href }) });
  const ids = fresh ? Array.from({ length: 16 }, (_, k) => `inproc${tag}${k}`) : ['bench'];
  const networks = new Map(
    ids.map((id) => {
      const r = parseNetwork(benchDoc(id, 1));
      if (!r.ok) throw new Error('bench document invalid');
      return [id, r.value];
    }),
  );
  const service = new RegistrationService(db, networks, { secret: Buffer.alloc(32, 7) });
  let delivery;
  if (mail) {
    const { createMailer, deliveryLoop } = await import('../dist/server/mail/delivery.js');
    const mailer = createMailer({ outboxDir: join(dir, 'outbox'), from: 'leerkring <noreply@example.org>' });
    delivery = deliveryLoop(db, mailer, (error) => console.error('in-process delivery failed', error));
    delivery.useComposer(service.composeOutbox);
  }
  let i = 0;
  let network = networks.get(ids[0]);
  let runs = 0;
  const one = async () => {
    const n = i++;
    const out = await service.register(network, { participant: { name: `B ${n}`, email: `b${tag}${n}@example.org` } });
    if (out.kind !== 'created') throw new Error(`in-process registration: ${out.kind}`);
    delivery?.deliver();
  };
  return {
    run: (s) => {
      if (fresh) network = networks.get(ids[runs++ % ids.length]);
      return callers(one, s);
    },
    /** Until the delivery job has sent everything queued so far. */
    delivered: async () => {
      for (let turn; (turn = delivery?.delivering()); ) await turn;
    },
    close: async () => {
      delivery?.stop();
      await delivery?.delivering();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      // The database made for this floor goes too, so runs leave nothing on the shared server.
      if (own) {
        const { default: pg } = await import('pg');
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS bench_inproc_${tag}`);
        await c.end();
      }
    },
  };
}

/**
 * HTTP alone: a plain Fastify route with the server's path that parses the same JSON body and
 * answers 201 with a constant JSON body, no database; the rate these 2 cores give the load
 * generator and Fastify with nothing else to do.
 */
async function fastifyEmptyFloor() {
  const code = `
    const app = require('fastify')();
    const answer = Buffer.from(JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', status: 'confirmed', manageToken: 'x'.repeat(64) }));
    app.post('/api/networks/:id/registrations', (req, reply) => {
      if (typeof req.body?.participant?.email !== 'string') return reply.code(422).send({ error: 'invalid' });
      reply.code(201).type('application/json; charset=utf-8').send(answer);
    });
    app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log('port ' + app.server.address().port));`;
  return spawnFloor(code, {});
}

const STORED = 30000;
const thousands = (n) => n.toLocaleString('en');
/** Networks of one session, each measured run on a new one: "at 0 stored" for every run. */
const freshDocs = (prefix) => Array.from({ length: 4 }, (_, k) => benchDoc(`${prefix}${k}`, 1));

/**
 * POST on PGlite: an empty database against one with STORED registrations in the session, stored
 * through the API after the server started (so with the statistics of an empty table, as a
 * network that fills), beside the same calls in-process.
 */
async function pgliteBench() {
  const empty = await startServer({ docs: freshDocs('zero') });
  const filled = await startServer({ docs: [benchDoc('filled', 1)] });
  const inProcess = await inProcessFloor();
  try {
    const idle = await rssMiB(empty.pid);
    const t0 = performance.now();
    const fill = await registrationRun(filled, 'filled', 1, 600, STORED);
    if (fill.count !== STORED) throw new Error(`stored ${fill.count} of ${STORED}`);
    const filling = (performance.now() - t0) / 1000;
    // Their confirmations are sent before the runs, as a network's would have been long before.
    const mailing = await drained(filled, STORED);
    console.log(`(PGlite: ${thousands(STORED)} registrations stored through the API in ${filling.toFixed(0)} s, ${fill.perSecond.toFixed(0)}/s; their e-mails written ${mailing.toFixed(0)} s later)`);
    let k = 0;
    const r = await alternate({
      at0: (s) => registrationRun(empty, `zero${k++}`, 1, s),
      stored: (s) => registrationRun(filled, 'filled', 1, s),
      inProcess: inProcess.run,
    });
    headline('POST registrations, one session, 50 clients, PGlite (embedded), empty database', r.at0);
    versus(`the same with ${thousands(STORED)} registrations stored in the session (no statistics gathered since), over the empty database`, r.stored, r.at0, 0.9);
    beside('floor, the same register calls in-process over PGlite, no HTTP, no mail delivery', r.at0, r.inProcess);
    console.log(`PGlite server memory: ${idle.toFixed(0)} MiB RSS after start, ${(await rssMiB(empty.pid)).toFixed(0)} MiB after the runs`);
  } finally {
    await inProcess.close();
    await empty.stop();
    await filled.stop();
  }
}

/**
 * What part of the gap to the INSERT floor is HTTP and what part is ours (issue 28): the
 * server's own register path in-process over PostgreSQL (no HTTP), and HTTP alone (Fastify
 * answering the same POST without a database), from the same alternating runs. Time per
 * registration is 1 / rate at 50 in flight: the difference between two lines is what the one
 * adds to the other on these shared cores, not a time on its own.
 */
function decompose(one) {
  const us = (r) => (1e6 / r.perSecond).toFixed(0);
  console.log('  decomposition, the same runs (time per registration = 1 / rate with 50 in flight, on the same 2 cores):');
  beside('  the server\'s register path in-process over PostgreSQL, pool of 10, 50 callers, no HTTP, no mail delivery', one.at0, one.inProcess);
  console.log(`    in-process / INSERT floor ${ratio(one.inProcess.perSecond / one.insert.perSecond)}: ${us(one.insert)} µs per registration for the INSERT, ${us(one.inProcess)} µs for our path without HTTP`);
  beside('  the same with the server\'s mail delivery job beside it (.eml files, as the server in this bench)', one.at0, one.inProcessMail);
  console.log(`    in-process with mail / INSERT floor ${ratio(one.inProcessMail.perSecond / one.insert.perSecond)}: ${us(one.inProcessMail)} µs per registration`);
  beside('  HTTP alone: plain Fastify parsing the same POST and answering 201 with constant JSON, no database, same load generator', one.at0, one.empty);
  console.log(`    HTTP alone: ${us(one.empty)} µs per registration; through the server ${us(one.at0)} µs, of which our path with its mail ${us(one.inProcessMail)} µs`);
}

/**
 * CPU time per registration, which the machine's load changes far less than a rate: wraps a
 * runner so that each run notes the CPU seconds used by this process (the load generator, and
 * an in-process floor), by the processes `pids` (the server or a floor's), and by every process
 * of the PostgreSQL at `url` (its backends, WAL writer and the rest, and those that ended: the
 * postmaster's reaped children; Linux /proc, 10 ms ticks). `settle`, when given, runs inside the
 * metered time after the run but outside its rate: the e-mails the run queued, delivered.
 * `cpuOf(name)` is then the median per registration of the runs of that name, in µs.
 */
async function cpuMeter(url) {
  const { databaseCpu, processSeconds } = await import('./postgres.mjs');
  const database = await databaseCpu(url);
  const now = (pids) => {
    const u = process.cpuUsage();
    return { client: (u.user + u.system) / 1e6, server: pids.reduce((t, pid) => t + processSeconds(pid), 0), database: database() };
  };
  const runs = new Map();
  return {
    meter: (name, pids, run, settle) => async (s) => {
      const a = now(pids);
      const r = await run(s);
      await settle?.(r);
      const b = now(pids);
      if (s >= SECONDS) (runs.get(name) ?? runs.set(name, []).get(name)).push(Object.fromEntries(Object.keys(a).map((k) => [k, ((b[k] - a[k]) / r.count) * 1e6])));
      return r;
    },
    cpuOf: (name) => {
      const rs = runs.get(name) ?? [];
      const m = Object.fromEntries(['client', 'server', 'database'].map((k) => [k, median(rs.map((r) => r[k]))]));
      return { ...m, total: m.client + m.server + m.database };
    },
  };
}

/** One line of CPU per registration: load generator (this process), server (or floor process), PostgreSQL. */
const cpuLine = (what, c) =>
  console.log(`    ${what}: ${c.total.toFixed(0)} µs CPU per registration (load generator and in-process code ${c.client.toFixed(0)}, server or floor process ${c.server.toFixed(0)}, PostgreSQL ${c.database.toFixed(0)}); 2 cores allow at most ${(2e6 / c.total).toFixed(0)}/s`);

/** POST on PostgreSQL, one session (empty, and STORED stored) and 50 sessions, each beside its floors. */
async function postgresPostBench(server, url) {
  await seed(url, 'filled', STORED, { analyze: false });
  const floors = [await insertFloor(url, 'floor', 1), await lockingFloor(url, 'floorlock', 1), await insertFloor(url, 'floor50', 50), await lockingFloor(url, 'floorlock50', 50)];
  const counted = await insertFloor(url, 'floorcounted', 1, INSERT_ONE);
  floors.push(counted);
  const http = await fastifyInsertFloor(url);
  const empty = await fastifyEmptyFloor();
  const inProcess = await inProcessFloor(url, { fresh: true });
  const inProcessMail = await inProcessFloor(url, { fresh: true, mail: true });
  const { meter, cpuOf } = await cpuMeter(url);
  try {
    let k = 0;
    // Each run through the server waits (outside its rate) until the server has written the
    // e-mails it queued, so that no run's delivery takes CPU from the next runner's run.
    let queued = 0;
    const delivered = (r) => drained(server, (queued += r.count));
    const one = await alternate({
      at0: meter('at0', [server.pid], (s) => registrationRun(server, `zero${k++}`, 1, s), delivered),
      stored: async (s) => {
        const r = await registrationRun(server, 'filled', 1, s);
        await delivered(r);
        return r;
      },
      insert: meter('insert', [], floors[0].run),
      http: meter('http', [http.pid], (s) => registrationRun(http, 'floorhttp', 1, s)),
      counted: counted.run,
      locking: floors[1].run,
      inProcess: meter('inProcess', [], inProcess.run),
      inProcessMail: meter('inProcessMail', [], inProcessMail.run, inProcessMail.delivered),
      empty: meter('empty', [empty.pid], (s) => registrationRun(empty, 'floorempty', 1, s)),
    });
    headline('POST registrations, one session, 50 clients, PostgreSQL, a new network each run', one.at0);
    beside('floor (the target): one INSERT per person into a copy of the table without its count triggers, plain pg, pool of 10, 50 callers, no HTTP', one.at0, one.insert, 0.8);
    beside('floor: plain Fastify route + the same INSERT, same pool, same load generator', one.at0, one.http);
    beside('floor: the same INSERT into the registrations table itself, whose trigger updates one kept-count row per session', one.at0, one.counted);
    beside('not a floor, the old design: a per-person transaction that locks and counts one shared row', one.at0, one.locking);
    versus(`the same with ${thousands(STORED)} registrations stored in the session (not analysed since), over a new network`, one.stored, one.at0, 0.9);
    versus(`the same with ${thousands(STORED)} stored, over the INSERT floor (the target)`, one.stored, one.insert, 0.8);
    decompose(one);
    console.log('  CPU time per registration, the same runs (medians; what the load average changes least):');
    cpuLine('the server', cpuOf('at0'));
    cpuLine('floor (the target), the plain INSERT', cpuOf('insert'));
    cpuLine('floor, plain Fastify + the INSERT', cpuOf('http'));
    cpuLine('our register path in-process, no HTTP, no mail', cpuOf('inProcess'));
    cpuLine('the same with the mail delivery job', cpuOf('inProcessMail'));
    cpuLine('HTTP alone (Fastify answering 201, no database)', cpuOf('empty'));
    const fifty = await alternate({
      server: async (s) => {
        const r = await registrationRun(server, 'bench50', 50, s);
        await delivered(r);
        return r;
      },
      insert: floors[2].run,
      http: (s) => registrationRun(http, 'floorhttp50', 50, s),
      locking: floors[3].run,
    });
    headline('POST registrations, 50 sessions in parallel, 50 clients, PostgreSQL', fifty.server);
    beside('floor (the target): one INSERT per person over 50 sessions into the copy without triggers, plain pg, pool of 10, 50 callers, no HTTP', fifty.server, fifty.insert, 0.8);
    beside('floor: plain Fastify route + the same INSERT, same pool, same load generator', fifty.server, fifty.http);
    beside('not a floor, the old design: a per-person transaction that locks and counts one shared row per session', fifty.server, fifty.locking);
    console.log(`PostgreSQL server memory: ${(await rssMiB(server.pid)).toFixed(0)} MiB RSS after the runs`);
  } finally {
    for (const f of floors) await f.close();
    await inProcess.close();
    await inProcessMail.close();
    await http.stop();
    await empty.stop();
  }
}

/** GET /api/networks/{id} beside plain Fastify returning the same body, the same load generator for both, alternating. */
async function readBench(server, url) {
  await seed(url, 'full', 50000);
  const bodyOf = async (id) => (await fetch(`http://127.0.0.1:${server.port}/api/networks/${id}`)).text();
  const floor = await fastifyFloor({ '/empty': await bodyOf('empty'), '/big': await bodyOf('big') });
  try {
    const r = await alternate({
      empty: (s) => getRun(server.port, '/api/networks/empty', s),
      plain: (s) => getRun(floor.port, '/empty', s),
      full: (s) => getRun(server.port, '/api/networks/full', s),
      big: (s) => getRun(server.port, '/api/networks/big', s),
      bigPlain: (s) => getRun(floor.port, '/big', s),
    });
    const gen = '50 keep-alive node:http clients in this process for both';
    headline(`GET /api/networks/{id}, empty network, PostgreSQL (${gen})`, r.empty);
    beside('floor: plain Fastify returning the same body as constant JSON bytes', r.empty, r.plain);
    versus('the same route with 50,000 registrations stored, over the empty network', r.full, r.empty);
    headline(`GET /api/networks/{id}, 1,000 sessions (${gen})`, r.big);
    beside('floor: plain Fastify returning the same body as constant JSON bytes', r.big, r.bigPlain);
  } finally {
    await floor.stop();
  }
}

async function serverBench() {
  const { startPostgres } = await import('./postgres.mjs');
  if (want('server', 'pglite', 'post')) await pgliteBench();
  const post = want('server', 'postgres', 'post');
  const read = want('server', 'postgres', 'read');
  if (!post && !read) return;
  const pg = await startPostgres();
  try {
    const docs = [...freshDocs('zero'), benchDoc('filled', 1), benchDoc('bench50', 50, 'session'), benchDoc('empty', 1), benchDoc('full', 1), benchDoc('big', 1000, 'session')];
    const server = await startServer({ docs, pgUrl: pg.url });
    try {
      if (post) await postgresPostBench(server, pg.url);
      if (read) await readBench(server, pg.url);
    } finally {
      await server.stop();
    }
  } finally {
    pg.stop();
  }
}

/**
 * Issue 27, fan-out: POST /api/admin/networks/{id}/messages to everyone of a network of 5,000 and
 * of 50,000 registrations on PostgreSQL: how long until it answers (the target: ≤ 200 ms whatever
 * the number), beside its floor, the one INSERT … SELECT of as many outbox rows in plain pg.
 */
async function fanoutBench(server, url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    for (const n of [5000, 50000]) {
      await seed(url, `fan${n}`, n);
      const times = [];
      const floors = [];
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        const res = await fetch(`http://127.0.0.1:${server.port}/api/admin/networks/fan${n}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench-organiser-token-0123456789' },
          body: JSON.stringify({ statuses: ['confirmed'], subject: `Bericht ${run}`, body: 'De zaal is veranderd.' }),
        });
        times.push(performance.now() - t0);
        const answer = await res.json();
        if (res.status !== 202 && res.status !== 200 && res.status !== 201) throw new Error(`message: ${res.status} ${JSON.stringify(answer)}`);
        const f0 = performance.now();
        await pool.query(
          `CREATE TEMP TABLE IF NOT EXISTS bench_outbox (LIKE mail_outbox INCLUDING DEFAULTS);
           INSERT INTO bench_outbox (registration_id, kind, facts) SELECT id, 'message', '{}'::jsonb FROM registrations WHERE network_id = 'fan${n}' AND status = 'confirmed' ORDER BY seq`,
        );
        floors.push(performance.now() - f0);
      }
      // A save that moves the session: every one of them is told (a job past 200 people).
      const saves = [];
      const queuedAll = [];
      for (let run = 0; run < 3; run++) {
        const url = `http://127.0.0.1:${server.port}/api/admin/networks/fan${n}`;
        const headers = { authorization: 'Bearer bench-organiser-token-0123456789' };
        const current = await (await fetch(url, { headers })).json();
        const doc = structuredClone(current.document);
        doc.sessions[0].start = `2030-05-0${2 + run}T10:00`;
        const t0 = performance.now();
        const res = await fetch(url, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${current.revision}"` }, body: JSON.stringify(doc) });
        saves.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`save: ${res.status} ${await res.text()}`);
        // Until every e-mail of the save is in the outbox (the delivery job expands the fan-out).
        for (;;) {
          const { rows } = await pool.query('SELECT count(*)::int AS n FROM fanout_jobs WHERE done_at IS NULL');
          if (!rows[0].n) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        queuedAll.push(performance.now() - t0);
      }
      const rss = await rssMiB(server.pid);
      console.log(`save that moves a session of ${thousands(n)} people, PostgreSQL: PUT answers in median ${fmt(median(saves))} (runs ${saves.map((t) => t.toFixed(0)).join(', ')} ms; target ≤ 200 ms: ${median(saves) <= 200 ? 'met' : 'not met'}); all e-mails queued after median ${fmt(median(queuedAll))}`);
      console.log(`message to ${thousands(Math.round(n * 0.9))} people (of ${thousands(n)} stored), PostgreSQL: answers in median ${fmt(median(times))} (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; target ≤ 200 ms: ${median(times) <= 200 ? 'met' : 'not met'}), server RSS ${rss.toFixed(0)} MiB`);
      console.log(`  floor: one INSERT … SELECT of as many outbox rows, plain pg: median ${fmt(median(floors))}; ratio ${(median(times) / median(floors)).toFixed(2)}x`);
    }
  } finally {
    await pool.end();
  }
}

/** A child process running a real SMTP server on loopback that accepts and discards every message; resolves with its port. */
async function smtpSink() {
  const code = `
    const { SMTPServer } = require('smtp-server');
    const s = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData(stream, _s, done) { stream.on('end', () => done()); stream.resume(); } });
    s.listen(0, '127.0.0.1', () => console.log('port ' + s.server.address().port));`;
  return spawnFloor(code, {});
}

/**
 * Issue 27, delivery: a message to N people queued in the outbox and delivered by deliverOutbox
 * (claim, compose, send over its SMTP pool, mark), beside pooled nodemailer (5 connections)
 * sending the same texts to the same SMTP peer, alternating; the target is ≥ 0.7x.
 */
async function smtpBench(url) {
  const N = 2000;
  const { default: nodemailer } = await import('nodemailer');
  const { openDatabase } = await import('../dist/server/storage/db.js');
  const { RegistrationService } = await import('../dist/server/services/registration-service.js');
  const { createMailer, deliverOutbox, DELIVERY_BATCH } = await import('../dist/server/mail/delivery.js');
  const { composeMail } = await import('../dist/server/mail/compose.js');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const sink = await smtpSink();
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  const dir = mkdtempSync(join(tmpdir(), 'leerkring-bench-smtp-'));
  const db = await openDatabase({ url, dataDir: dir });
  const r = parseNetwork(benchDoc('smtp', 1));
  const service = new RegistrationService(db, new Map([['smtp', r.value]]), { secret: Buffer.alloc(32, 7), manageUrl: (t) => `https://example.org/beheer#${t}` });
  await seed(url, 'smtp', N);
  const { rows } = await db.query(`SELECT id, participant, locale FROM registrations WHERE network_id = 'smtp' AND status = 'confirmed' ORDER BY seq`);
  const m = { subject: 'Bericht', body: 'De zaal is veranderd.' };
  const texts = rows.map((row) => composeMail('message', { network: r.value, sessionId: null, participant: typeof row.participant === 'string' ? JSON.parse(row.participant) : row.participant, locale: row.locale, manageUrl: `https://example.org/beheer#${row.id}`, message: m }));
  const mailer = createMailer({ smtpUrl, outboxDir: dir, from: 'noreply@example.org' });
  const ours = async () => {
    await service.sendMessage(r.value, { statuses: ['confirmed'], ...m }, null);
    const t0 = performance.now();
    let sent = 0;
    for (;;) {
      // As the server's delivery job does: its batch size.
      const out = await deliverOutbox(db, mailer, DELIVERY_BATCH);
      sent += out.sent;
      if (!out.sent && !out.failed) break;
    }
    return sent / ((performance.now() - t0) / 1000);
  };
  const floor = async () => {
    const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 5 });
    const t0 = performance.now();
    await Promise.all(texts.map((t) => transport.sendMail({ from: 'noreply@example.org', to: t.to, subject: t.subject, text: t.text })));
    const perSecond = texts.length / ((performance.now() - t0) / 1000);
    transport.close();
    return perSecond;
  };
  try {
    const a = [];
    const b = [];
    for (let run = 0; run < 3; run++) {
      a.push(await ours());
      b.push(await floor());
    }
    const x = median(a);
    const y = median(b);
    console.log(`delivery of a message to ${thousands(texts.length)} people over SMTP (compose + send + mark, PostgreSQL): median ${x.toFixed(0)}/s (runs ${a.map((v) => v.toFixed(0)).join(', ')})`);
    console.log(`  floor: pooled nodemailer, 5 connections, the same texts to the same SMTP peer: median ${y.toFixed(0)}/s (runs ${b.map((v) => v.toFixed(0)).join(', ')}); ratio ${ratio(x / y, 0.7)}`);
  } finally {
    await db.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 27, growth: POST registrations on PostgreSQL into a new network, with nothing stored and
 * after 77,000 registrations were stored through the API (statistics as autovacuum left them),
 * beside the plain-pg INSERT floor at the same moments.
 */
async function growthBench(server, url) {
  const GROWN = 77000;
  const floor = await insertFloor(url, 'growthfloor', 1);
  try {
    let k = 0;
    const before = await alternate({ at0: (s) => registrationRun(server, `grow${k++}`, 1, s), insert: floor.run });
    const t0 = performance.now();
    const fill = await registrationRun(server, 'growfill', 1, 900, GROWN);
    console.log(`(${thousands(fill.count)} registrations stored through the API in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${fill.perSecond.toFixed(0)}/s)`);
    const after = await alternate({ grown: (s) => registrationRun(server, `grow${k++}`, 1, s), insert: floor.run });
    headline('POST registrations, a new network, PostgreSQL, nothing stored', before.at0);
    beside('floor: one INSERT per person, plain pg, at the same moment', before.at0, before.insert);
    versus(`the same with ${thousands(GROWN)} more stored, over nothing stored`, after.grown, before.at0, 0.9);
    beside(`floor: one INSERT per person, plain pg, with ${thousands(GROWN)} more stored`, after.grown, after.insert);
  } finally {
    await floor.close();
  }
}

async function issue27Bench() {
  const { startPostgres } = await import('./postgres.mjs');
  const pg = await startPostgres();
  try {
    const docs = [benchDoc('fan5000', 1), benchDoc('fan50000', 1), benchDoc('growfill', 1), ...Array.from({ length: 12 }, (_, k) => benchDoc(`grow${k}`, 1))];
    const server = await startServer({ docs, pgUrl: pg.url });
    try {
      if (want('fanout')) await fanoutBench(server, pg.url);
      if (want('growth')) await growthBench(server, pg.url);
    } finally {
      await server.stop();
    }
    if (want('smtp')) await smtpBench(pg.url);
  } finally {
    pg.stop();
  }
}

if (want('server', 'pglite', 'postgres', 'post', 'read')) await serverBench();
if (want('fanout', 'smtp', 'growth')) await issue27Bench();
if (want('admin', 'console')) await organiserBench();

/** Issue 27: the organiser list, its CSV and the console at 50 and 50,000 registrations (scripts/bench-console.mjs). */
async function organiserBench() {
  const { startPostgres } = await import('./postgres.mjs');
  const { adminBench, consoleBench } = await import('./bench-console.mjs');
  const pg = await startPostgres();
  try {
    const docs = [benchDoc('admin50k', 1), benchDoc('admin5k', 1), benchDoc('console50', 1)];
    const server = await startServer({ docs, pgUrl: pg.url });
    try {
      // The console's figures need the 50,000 stored: the admin part seeds them.
      await adminBench({ server, pgUrl: pg.url, seed, rssMiB, median, spawnFloor, startServer, docs, quiet: !want('admin') });
      if (want('console')) await consoleBench({ server, pgUrl: pg.url, seed, median });
    } finally {
      await server.stop();
    }
  } finally {
    pg.stop();
  }
}
loadLine('after');
