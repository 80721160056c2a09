// `npm run bench -- admin console` (issue 27): the organiser list API, its CSV and the console's
// registrations page at 50 and 50,000 registrations on PostgreSQL, each beside its floor from the
// same run. Helpers (server start, seeding, RSS) come from bench.mjs. BENCH_ADMIN_N sets how many
// registrations the admin part stores (50,000 unless told; a smaller number for a quick look).
import { createHash, randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';

const ADMIN = { authorization: 'Bearer bench-organiser-token-0123456789' };
const mib = (x) => `${x.toFixed(1)} MiB`;
const ms = (x) => `${x.toFixed(1)} ms`;

/** CPU time (user + system) a process has used so far, in ms (from /proc; 100 ticks a second). */
async function cpuMs(pid) {
  const { readFileSync } = await import('node:fs');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** Reads a response whole while sampling the server's RSS every 20 ms; time, bytes, the peak RSS growth and the CPU the process used for it. */
async function timed(url, pid, rssMiB) {
  const before = await rssMiB(pid);
  const cpu0 = await cpuMs(pid);
  let peak = before;
  const timer = setInterval(() => rssMiB(pid).then((r) => (peak = Math.max(peak, r))), 20);
  const t0 = performance.now();
  const res = await fetch(url, { headers: ADMIN });
  const body = await res.arrayBuffer();
  const t = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, await rssMiB(pid));
  const cpu = (await cpuMs(pid)) - cpu0;
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: t, bytes: body.byteLength, grew: peak - before, cpu };
}

/** The JSON floor: the same rows by a plain query in this process, serialised by JSON.stringify. */
async function jsonFloor(pgUrl, networkId) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const { rows } = await c.query('SELECT * FROM registrations WHERE network_id = $1 ORDER BY target, seq', [networkId]);
    const text = JSON.stringify({ registrations: rows });
    const t = performance.now() - t0;
    return { ms: t, bytes: Buffer.byteLength(text), grew: (process.memoryUsage().rss - rss0) / 2 ** 20 };
  } finally {
    await c.end();
  }
}

/**
 * The CSV floor, like for like: a plain node:http server in its own process answering with one
 * plain pg query of the columns the CSV shows, every cell the server writes for the bench
 * network (one session, organisation and role asked, notes, attendance), escaped the same way
 * (formula prefix, quotes doubled), dates by core's exportDateTime and statuses in core's words,
 * all rows in memory and sent in one write. Timed and its RSS sampled as the server is; the
 * bench checks it sends the same bytes.
 */
async function csvFloor(spawnFloor, pgUrl, networkId, header) {
  const code = String.raw`
    const http = require('node:http');
    const pg = require('pg');
    (async () => {
      const { exportDateTime } = await import(process.env.CORE);
      const words = (await import(process.env.WORDS)).consoleMessages('nl');
      const pool = new pg.Pool({ connectionString: process.env.URL, max: 1 });
      const cell = (v) => {
        let t = v ?? '';
        if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;
        return '"' + t.replace(/"/g, '""') + '"';
      };
      const yesNo = (v) => (v === true ? words.registrations.yes : v === false ? words.registrations.no : '');
      http.createServer(async (req, res) => {
        const { rows } = await pool.query(
          'SELECT id, target, status, participant, created_at, reason, organiser_note, attendance FROM registrations WHERE network_id = $1 ORDER BY target, seq',
          [process.env.NETWORK],
        );
        const waiting = new Map();
        let text = '\uFEFF' + process.env.HEADER + '\r\n';
        for (const r of rows) {
          const position = r.status === 'waitlisted' ? String(waiting.set(r.target, (waiting.get(r.target) ?? 0) + 1).get(r.target)) : '';
          const p = r.participant;
          const session = r.target === 'network' ? words.registrations.wholeSeries : 'S 0';
          const date = r.target === 'network' ? '' : '01-05-2030';
          text += [p.name, p.email, p.organisation, p.role, session, date, words.status[r.status], position, exportDateTime(r.created_at), r.reason, r.organiser_note, yesNo(r.attendance.s0), r.id].map(cell).join(';') + '\r\n';
        }
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
        res.end(text);
      }).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });
    })();`;
  const dist = new URL('../dist/', import.meta.url);
  return spawnFloor(code, { URL: pgUrl, NETWORK: networkId, HEADER: header, CORE: new URL('core/index.js', dist).href, WORDS: new URL('core/i18n/console.js', dist).href });
}

/** The code paths warm (compiled, modules loaded) on the small network, the heap still cold. */
async function warm(server, small) {
  for (const path of ['registrations.csv', 'registrations', 'registrations?limit=50']) await (await fetch(`http://127.0.0.1:${server.port}/api/admin/networks/${small}/${path}`, { headers: ADMIN })).arrayBuffer();
}

/**
 * Memory flat in the number of rows: the first whole CSV (and, apart, the first whole JSON list)
 * of a fresh server, warmed on the small network only, at `few` and at `n` rows. Whatever read
 * comes first in a process also grows its young generation (a one-off of some 15-20 MiB that a
 * burst of registrations pays as well); flat means the growth at n is about the growth at few.
 */
async function coldMemory({ startServer, docs, pgUrl, rssMiB, median, small, sizes }) {
  const runs = 3;
  for (const path of ['registrations.csv', 'registrations']) {
    const line = [];
    for (const [networkId, count] of sizes) {
      const grew = [];
      for (let i = 0; i < runs; i++) {
        const fresh = await startServer({ docs, pgUrl });
        try {
          await warm(fresh, small);
          grew.push((await timed(`http://127.0.0.1:${fresh.port}/api/admin/networks/${networkId}/${path}`, fresh.pid, rssMiB)).grew);
        } finally {
          await fresh.stop();
        }
      }
      line.push(`${count.toLocaleString('en')} rows +${mib(median(grew))} (runs ${grew.map((g) => g.toFixed(0)).join(', ')})`);
    }
    console.log(`  first whole ${path.endsWith('.csv') ? 'CSV' : 'JSON list'} in a fresh server, RSS growth, median of ${runs}: ${line.join('; ')}${path.endsWith('.csv') ? ' (target <= +30 MiB at 50,000)' : ''}`);
  }
}

export async function adminBench({ server, pgUrl, seed, rssMiB, median, spawnFloor, startServer, docs, networkId = 'admin50k', n = Number(process.env.BENCH_ADMIN_N ?? 50000), small = 'console50', few = 'admin5k' }) {
  await seed(pgUrl, networkId, n);
  await seed(pgUrl, small, 50);
  await seed(pgUrl, few, Math.round(n / 10));
  const base = `http://127.0.0.1:${server.port}/api/admin/networks/${networkId}`;
  await warm(server, small);
  // Memory first, before anything else raised the server's heap: one full JSON list, then one CSV
  // (whichever comes first also pays for the heap's first growth; the order is said in the line).
  const listCold = await timed(`${base}/registrations`, server.pid, rssMiB);
  const csvCold = await timed(`${base}/registrations.csv`, server.pid, rssMiB);
  // The floor writes the header the server wrote (one line) and checks it wrote the same bytes.
  const ours = Buffer.from(await (await fetch(`${base}/registrations.csv`, { headers: ADMIN })).arrayBuffer()).toString('utf8');
  const header = ours.slice(1, ours.indexOf('\r\n'));
  const plain = await csvFloor(spawnFloor, pgUrl, networkId, header);
  const plainUrl = `http://127.0.0.1:${plain.port}/`;
  const sameBytes = Buffer.from(await (await fetch(plainUrl)).arrayBuffer()).toString('utf8') === ours;
  const runs = { list: [], csv: [], listFloor: [], csvFloor: [], listGrew: [], csvGrew: [], csvCpu: [], csvFloorCpu: [] };
  for (let i = 0; i < 5; i++) {
    const l = await timed(`${base}/registrations`, server.pid, rssMiB);
    const lf = await jsonFloor(pgUrl, networkId);
    const c = await timed(`${base}/registrations.csv`, server.pid, rssMiB);
    const cf = await timed(plainUrl, plain.pid, rssMiB);
    runs.list.push(l.ms), runs.listFloor.push(lf.ms), runs.csv.push(c.ms), runs.csvFloor.push(cf.ms), runs.listGrew.push(lf.grew), runs.csvGrew.push(cf.grew);
    runs.csvCpu.push(c.cpu), runs.csvFloorCpu.push(cf.cpu);
  }
  await plain.stop();
  const [l, lf, c, cf] = [median(runs.list), median(runs.listFloor), median(runs.csv), median(runs.csvFloor)];
  console.log(`admin list API, ${n.toLocaleString('en')} registrations, whole (streamed JSON, ${(listCold.bytes / 2 ** 20).toFixed(1)} MiB): median ${ms(l)} over 5 runs`);
  console.log(`  floor: plain pg query + JSON.stringify in the bench process: median ${ms(lf)}; ratio ${(l / lf).toFixed(2)}x (target <= 1.3x)`);
  console.log(`admin CSV, ${n.toLocaleString('en')} registrations (streamed, ${(csvCold.bytes / 2 ** 20).toFixed(1)} MiB): median ${ms(c)} over 5 runs`);
  console.log(
    `  floor: plain node:http + one plain pg query + the same ${header.split(';').length} cells per row, same escaping, sent in one write, ${sameBytes ? 'the same bytes as the server' : 'NOT the same bytes as the server'}: median ${ms(cf)}; ratio ${(c / cf).toFixed(2)}x (target <= 1.3x)`,
  );
  console.log(`  CPU in process per CSV (user + system, 10 ms ticks): server median ${ms(median(runs.csvCpu))}, floor ${ms(median(runs.csvFloorCpu))}; ratio ${(median(runs.csvCpu) / median(runs.csvFloorCpu)).toFixed(2)}x`);
  console.log(`  server RSS growth in this server, first whole list ${mib(listCold.grew)}, then first CSV ${mib(csvCold.grew)}; floor (all rows in memory) +${mib(median(runs.csvGrew))} CSV (its process), +${mib(median(runs.listGrew))} JSON (the bench process)`);
  await coldMemory({ startServer, docs, pgUrl, rssMiB, median, small, sizes: [[few, Math.round(n / 10)], [networkId, n]] });
  // A page and a search, as the console asks for them. The seed stored the search text as every
  // write path does, so the first search only searches.
  const first = performance.now();
  await (await fetch(`${base}/registrations?limit=50&q=seed%204711`, { headers: ADMIN })).arrayBuffer();
  console.log(`first search at ${n.toLocaleString('en')} (search text stored with the rows): ${ms(performance.now() - first)}`);
  const page = [];
  const search = [];
  const searchFloor = [];
  const { default: pg } = await import('pg');
  const pc = new pg.Client({ connectionString: pgUrl });
  await pc.connect();
  try {
    for (let i = 0; i < 9; i++) {
      let t0 = performance.now();
      await (await fetch(`${base}/registrations?limit=50`, { headers: ADMIN })).arrayBuffer();
      page.push(performance.now() - t0);
      t0 = performance.now();
      await (await fetch(`${base}/registrations?limit=50&q=${encodeURIComponent(`seed ${4711 + i}`)}`, { headers: ADMIN })).arrayBuffer();
      search.push(performance.now() - t0);
      t0 = performance.now();
      await pc.query(`SELECT * FROM registrations WHERE network_id = $1 AND participant->>'name' ILIKE $2 ORDER BY seq LIMIT 50`, [networkId, `%seed ${4711 + i}%`]);
      searchFloor.push(performance.now() - t0);
    }
  } finally {
    await pc.end();
  }
  console.log(`admin list page of 50 (with total), ${n.toLocaleString('en')} stored: median ${ms(median(page))} over 9 runs`);
  console.log(`search "seed 47xx" (a page of 50 and how many match), ${n.toLocaleString('en')} stored: median ${ms(median(search))} (target <= 150 ms); floor: plain ILIKE query on the name ${ms(median(searchFloor))}, ratio ${(median(search) / median(searchFloor)).toFixed(2)}x`);
}

/** An installation admin with a console session straight in the database; the cookie to send. */
async function consoleSession(pgUrl) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  const token = randomUUID() + randomUUID();
  const id = randomUUID();
  try {
    await c.query(`INSERT INTO organisers (id, email_lower, name, is_admin) VALUES ($1, $2, 'Bench', true)`, [id, `bench-${id}@example.org`]);
    await c.query('INSERT INTO organiser_sessions (hash, organiser_id, created_at, last_seen_at) VALUES ($1, $2, now(), now())', [createHash('sha256').update(token).digest('hex'), id]);
  } finally {
    await c.end();
  }
  return token;
}

/**
 * In the page: records when the search box got its input (`__typed`) and when the status line
 * last changed (`__drawn`), in the page's clock; the search box and the status line are in the
 * shadow root of `host` (inside the console's own roots, found through them).
 */
function watchSearch(host) {
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === host) return el;
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return undefined;
  };
  const el = find(document);
  const root = el.shadowRoot ?? el;
  window.__root = root;
  root.addEventListener('input', () => (window.__typed = performance.now()), true);
  const status = () => root.querySelector('p.status-line')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
  const waiting = new Set();
  const check = () => {
    for (const w of waiting) if (w.exact ? status() === w.text : status().includes(w.text)) waiting.delete(w), w.done();
  };
  new MutationObserver(() => ((window.__drawn = performance.now()), check())).observe(root, { subtree: true, childList: true, characterData: true });
  /** Resolves once the status line says `text` (all of it, with `exact`) and two frames later, when that is painted. */
  window.__until = (text, exact = false) =>
    new Promise((resolve) => {
      waiting.add({ text, exact, done: () => requestAnimationFrame(() => requestAnimationFrame(() => resolve())) });
      check();
    });
}

/**
 * The floor of the console's search: a plain Lit element, same origin and same session, that
 * asks the same API for a page of 50 and draws each as a card of name, e-mail and status, with
 * the same status line. Lit comes from node_modules through an import map; nothing is added to
 * the server.
 */
async function serveFloor(page, base) {
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
  const imports = { lit: '/bench-nm/lit/index.js', 'lit/': '/bench-nm/lit/', 'lit-html': '/bench-nm/lit-html/lit-html.js', 'lit-html/': '/bench-nm/lit-html/', 'lit-element/': '/bench-nm/lit-element/', '@lit/reactive-element': '/bench-nm/@lit/reactive-element/reactive-element.js', '@lit/reactive-element/': '/bench-nm/@lit/reactive-element/' };
  const list = `import { LitElement, html } from 'lit';
    import { repeat } from 'lit/directives/repeat.js';
    class Floor extends LitElement {
      static properties = { items: { state: true }, total: { state: true }, all: { state: true } };
      constructor() { super(); this.items = []; this.total = 0; this.all = 0; this.n = 0; }
      connectedCallback() { super.connectedCallback(); this.load(''); }
      async load(q) {
        const n = ++this.n;
        const id = location.hash.slice(1);
        const r = await (await fetch('/api/admin/networks/' + id + '/registrations?limit=50' + (q ? '&q=' + encodeURIComponent(q) : ''))).json();
        if (n !== this.n) return;
        this.items = r.registrations; this.total = r.total; if (!q) this.all = r.total;
      }
      render() {
        return html\`<label for="q">Zoek op naam, e-mail of organisatie</label>
          <input id="q" type="search" @input=\${(e) => this.load(e.target.value.trim())} />
          <p role="status" class="status-line">\${this.total === this.all ? this.all + ' aanmeldingen' : this.total + ' van ' + this.all + ' aanmeldingen'}</p>
          <ul>\${repeat(this.items, (x) => x.id, (x) => html\`<li><h3>\${x.participant.name}</h3><p>\${x.participant.email}</p><p>\${x.status}</p></li>\`)}</ul>\`;
      }
    }
    customElements.define('bench-floor-list', Floor);`;
  await page.route(`${base}/bench-floor/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="nl"><title>floor</title><script type="importmap">${JSON.stringify({ imports })}</script><script type="module">${list}</script><bench-floor-list></bench-floor-list></html>`,
    }),
  );
  await page.route(`${base}/bench-nm/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice('/bench-nm/'.length);
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: await readFile(modules + path, 'utf8') });
  });
}

/** The pause the console's searches wait for after the last key (the registrations list and check-in: src/console/paged-list.ts). */
const SEARCH_PAUSE = 250;

/**
 * Check-in at the door and the attendance overview (issue 27) at 50 and 50,000: navigation to
 * the door list drawn with its counts (one request), the overview's counts drawn, and a door
 * search from the input event to the answer painted, less the typing pause, beside the floor's.
 */
async function doorBench(page, base, median, small, large, floorSearch) {
  const placedOf = async (id) => (await (await fetch(`${base}/api/admin/networks/${id}/registrations?limit=1&placeAt=s0`, { headers: ADMIN })).json()).counts.placed;
  const painted = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
  const door = async (id, placed) => {
    await page.goto('about:blank');
    await page.goto(`${base}/beheer/#/netwerk/${id}/aanwezigheid/s0`);
    await page.locator('leerkring-console-check-in p.status-line').getByText(`0 van ${placed} aanwezig`).waitFor({ timeout: 60000 });
    return painted();
  };
  const overview = async (id, placed) => {
    await page.goto('about:blank');
    await page.goto(`${base}/beheer/#/netwerk/${id}/aanwezigheid`);
    await page.locator('leerkring-console-attendance-overview tr[data-session="s0"] td').first().getByText(String(placed), { exact: true }).waitFor({ timeout: 60000 });
    return painted();
  };
  const [p50, pBig] = [await placedOf(small), await placedOf(large)];
  const runs = { door50: [], doorBig: [], over50: [], overBig: [] };
  await door(small, p50);
  await door(large, pBig);
  for (let i = 0; i < 5; i++) {
    runs.door50.push(await door(small, p50));
    runs.doorBig.push(await door(large, pBig));
    runs.over50.push(await overview(small, p50));
    runs.overBig.push(await overview(large, pBig));
  }
  const line = (what, a, b) =>
    console.log(`  ${what}: ${p50} with a place: median ${ms(median(a))}; ${pBig.toLocaleString('en')}: median ${ms(median(b))} over 5 interleaved runs; ratio ${(median(b) / median(a)).toFixed(2)}x (target <= 1.2x and <= 1.5 s)`);
  console.log('console check-in at the door and attendance overview, time to interactive (navigation to counts drawn + a frame):');
  line('check-in', runs.door50, runs.doorBig);
  line('attendance overview', runs.over50, runs.overBig);
  await door(large, pBig);
  await page.evaluate(watchSearch, 'leerkring-console-check-in');
  const box = page.locator('leerkring-console-check-in').getByLabel('Zoek op naam');
  const times = [];
  for (let i = 0; i < 7; i++) {
    const q = `seed ${4321 + i}`;
    await box.fill(q);
    // Drawn when the first person shown is the one searched for (arrival order puts "Seed 4321" before "Seed 14321").
    await page.waitForFunction((q) => window.__root.querySelector('ul.people bdi')?.textContent.toLowerCase() === q, q, { polling: 'raf' });
    times.push(await page.evaluate(() => window.__drawn - window.__typed));
    await box.fill('');
    await page.waitForFunction(() => window.__root.querySelector('ul.people bdi')?.textContent === 'Seed 1', undefined, { polling: 'raf' });
  }
  console.log(
    `  door search at ${pBig.toLocaleString('en')}, typed to drawn less the ${SEARCH_PAUSE} ms typing pause: median ${ms(median(times) - SEARCH_PAUSE)} over 7 (target <= 150 ms); floor (the plain Lit list above) ${ms(floorSearch)}; ratio ${((median(times) - SEARCH_PAUSE) / floorSearch).toFixed(2)}x`,
  );
}

export async function consoleBench({ server, pgUrl, median, small = 'console50', large = 'admin50k' }) {
  const token = await consoleSession(pgUrl);
  const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')) });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'leerkring_session', value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const base = `http://127.0.0.1:${server.port}`;
    await serveFloor(page, base);
    /** Navigation start to the list drawn and the next frame painted, in the page's own clock. */
    const tti = async (id, count) => {
      await page.goto('about:blank');
      await page.goto(`${base}/beheer/#/netwerk/${id}`);
      await page.locator('leerkring-console-registrations p.status-line').getByText(`${count} aanmeldingen`, { exact: true }).waitFor({ timeout: 60000 });
      return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));
    };
    const counted = async (id) => (await (await fetch(`${base}/api/admin/networks/${id}/registrations?limit=1`, { headers: ADMIN })).json()).total;
    const [n50, nBig] = [await counted(small), await counted(large)];
    await tti(small, n50);
    await tti(large, nBig);
    const a = [];
    const b = [];
    for (let i = 0; i < 5; i++) {
      a.push(await tti(small, n50));
      b.push(await tti(large, nBig));
    }
    const nodes = await page.evaluate(() => {
      const count = (root) => [...root.querySelectorAll('*')].reduce((n, el) => n + 1 + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
      return count(document);
    });
    console.log(`console registrations page, time to interactive (navigation to list drawn + a frame), Chromium, PostgreSQL:`);
    console.log(`  ${n50} registrations: median ${ms(median(a))}; ${nBig.toLocaleString('en')}: median ${ms(median(b))} over 5 interleaved runs; ratio ${(median(b) / median(a)).toFixed(2)}x (target <= 1.2x and <= 1.5 s); ${nodes} elements in the page`);
    // Search as the organiser types it, at 50,000: from the input event to the answer drawn and
    // painted, in the page's own clock, beside the floor (a plain Lit list asking the same API).
    let answered = [];
    const searchTimes = async (root, total) => {
      const times = [];
      answered = [];
      const box = page.locator(root).getByLabel('Zoek op naam, e-mail of organisatie');
      for (let i = 0; i < 7; i++) {
        await box.fill(`seed ${1234 + i}`);
        // Waited for inside the page, without Playwright's polling (its locator queries walk every
        // shadow root of the page, on the page's main thread, while the answer is drawn).
        await page.evaluate(() => window.__until(' van '));
        times.push(await page.evaluate(() => window.__drawn - window.__typed));
        // Where the time went: until the search's answer had arrived, and from there to drawn.
        answered.push(
          await page.evaluate(() => {
            const r = performance.getEntriesByType('resource').filter((e) => /\/registrations\?.*q=/.test(e.name)).pop();
            return r ? r.responseEnd - window.__typed : NaN;
          }),
        );
        await box.fill('');
        await page.evaluate((text) => window.__until(text, true), `${total} aanmeldingen`);
      }
      return times;
    };
    await page.evaluate(watchSearch, 'leerkring-console-registrations');
    // The list asks once typing pauses: the pause is the organiser's, not the search's.
    const own = (await searchTimes('leerkring-console-registrations', nBig)).map((t) => t - SEARCH_PAUSE);
    const ownAnswered = answered.map((t) => t - SEARCH_PAUSE);
    await page.goto(`${base}/bench-floor/#${large}`);
    await page.evaluate(watchSearch, 'bench-floor-list');
    const plain = await searchTimes('bench-floor-list', nBig);
    const plainAnswered = answered;
    console.log(
      `  console search at ${nBig.toLocaleString('en')}, typed to drawn (input event to the answer painted) less the ${SEARCH_PAUSE} ms typing pause: median ${ms(median(own))} over 7 (target <= 150 ms); floor, a plain Lit list asking the same API: median ${ms(median(plain))}; ratio ${(median(own) / median(plain)).toFixed(2)}x`,
    );
    console.log(`    of which until the answer arrived (less the pause): console ${ms(median(ownAnswered))}, floor ${ms(median(plainAnswered))}; from the answer to painted: console ${ms(median(own) - median(ownAnswered))}, floor ${ms(median(plain) - median(plainAnswered))}`);
    await doorBench(page, base, median, small, large, median(plain));
  } finally {
    await browser.close();
  }
}
