// dist/leerkring.js as a CMS page loads it: a small loader that fetches each element's module
// when its tag (or a data-leerkring placeholder) appears, under the strict CSP, in Chromium.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks, STRICT_CSP } from '../../src/server/index.js';
import { serveInChromium, watchViolations } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';

let browser: Browser;
let base = '';
let close: () => Promise<void>;

before(async () => {
  const served = await serveInChromium(loadNetworks('demo/data'), { secret: Buffer.alloc(32, 9), adminTokenHash: sha256('x'), staticRoot: process.cwd() });
  ({ base, browser, close } = served);
});
after(() => close());

const page = (body: string) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test</title><script type="module" src="/dist/leerkring.js"></script></head><body>${body}</body></html>`;

/** Opens a page of our own on the server's origin, under the strict CSP; records every script it fetches. */
async function open(body: string): Promise<{ page: Page; scripts: string[]; violations: () => Promise<unknown[]> }> {
  const p = await browser.newPage();
  const violations = await watchViolations(p);
  const scripts: string[] = [];
  p.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await p.route(`${base}/demo/loader-test.html`, (route) => route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': STRICT_CSP }, body: page(body) }));
  await p.goto(`${base}/demo/loader-test.html`);
  return { page: p, scripts, violations };
}

const shows = (p: Page, tag: string, selector: string) =>
  p.waitForFunction(([t, s]) => !!document.querySelector(t!)?.shadowRoot?.querySelector(s!), [tag, selector] as const);

describe('dist/leerkring.js loads elements on demand', () => {
  test('a page without elements loads only the loader; an agenda added later loads its own modules, a signup placeholder the form', async () => {
    const { page: p, scripts, violations } = await open('<main></main>');
    await p.waitForFunction(() => document.readyState === 'complete');
    assert.deepEqual(scripts, ['/dist/leerkring.js']);
    assert.equal(await p.evaluate(() => customElements.get('leerkring-agenda') !== undefined), false);

    await p.evaluate(() => {
      const network = document.createElement('leerkring-network');
      network.setAttribute('api', '');
      network.setAttribute('network-id', 'groene-domein');
      const agenda = document.createElement('leerkring-agenda');
      // Before the demo's sessions, so they are upcoming and offer "add to calendar".
      agenda.setAttribute('now', '2010-01-01T00:00:00Z');
      network.append(agenda);
      document.querySelector('main')!.append(network);
    });
    await shows(p, 'leerkring-agenda', '[part="session"]');
    assert.ok(scripts.some((s) => /^\/dist\/leerkring-agenda-[\w-]+\.js$/.test(s)), scripts.join(' '));
    assert.ok(!scripts.some((s) => /leerkring-signup-/.test(s)), `the signup form is not loaded on a page without one: ${scripts.join(' ')}`);
    // The "add to calendar" links' code comes when a disclosure opens, not with the agenda.
    const calendarCode = (s: string) => /^\/dist\/leerkring-add-to-calendar-[\w-]+\.js$/.test(s);
    assert.ok(!scripts.some(calendarCode), scripts.join(' '));
    await p.evaluate(() => document.querySelector('leerkring-agenda')!.shadowRoot!.querySelector<HTMLElement>('details.calendar summary')!.click());
    await shows(p, 'leerkring-agenda', 'details.calendar[open] a[href^="https://calendar.google.com/"]');
    assert.ok(scripts.some(calendarCode), scripts.join(' '));

    await p.evaluate(() => {
      const div = document.createElement('div');
      div.dataset.leerkring = 'signup';
      div.dataset.api = '';
      div.dataset.networkId = 'groene-domein';
      document.querySelector('main')!.append(div);
    });
    await shows(p, 'leerkring-signup', 'form');
    assert.ok(scripts.some((s) => /^\/dist\/leerkring-signup-[\w-]+\.js$/.test(s)), scripts.join(' '));
    // A Dutch page never fetches the form's English.
    assert.ok(!scripts.some((s) => /leerkring-form-en-/.test(s)), scripts.join(' '));
    // The manage page comes only with a manage link; the form shares its sentences, not its code.
    assert.ok(!scripts.some((s) => /^\/dist\/leerkring-manage-(?!shared-)[\w-]+\.js$/.test(s)), `the form does not fetch the manage page: ${scripts.join(' ')}`);
    assert.deepEqual(await violations(), []);
    await p.close();
  });

  test('an agenda page whose network comes from the API fetches two files before its sessions show: the loader and the agenda (with <leerkring-network>)', async () => {
    const { page: p, scripts, violations } = await open('<leerkring-network api="" network-id="groene-domein"><leerkring-agenda now="2010-01-01T00:00:00Z"></leerkring-agenda></leerkring-network>');
    await shows(p, 'leerkring-agenda', '[part="session"]');
    // The JSON-LD code is asked for in the same frame the sessions show (after they render).
    const before = scripts.filter((s) => !/^\/dist\/leerkring-(json-ld|shared-trusted)-/.test(s));
    assert.equal(before.length, 2, before.join(' '));
    assert.equal(before[0], '/dist/leerkring.js');
    assert.match(before[1]!, /^\/dist\/leerkring-agenda-[\w-]+\.js$/);
    // Availability comes from the server: the rules to work it out, and the document check, stay away.
    await p.waitForFunction(() => document.querySelector('script[type="application/ld+json"]') !== null);
    assert.ok(!scripts.some((s) => /leerkring-(availability|network-check|parse-network|signup)-/.test(s)), scripts.join(' '));
    assert.deepEqual(await violations(), []);
    await p.close();

    // A network that registers by e-mail adds its prepared e-mail, and nothing of availability.
    const email = await open('<leerkring-network api="" network-id="twentse-noabers"><leerkring-agenda now="2010-01-01T00:00:00Z"></leerkring-agenda></leerkring-network>');
    await shows(email.page, 'leerkring-agenda', '[part="session"]');
    assert.ok(email.scripts.some((s) => /^\/dist\/leerkring-mailto-[\w-]+\.js$/.test(s)), email.scripts.join(' '));
    assert.ok(!email.scripts.some((s) => /leerkring-(availability|network-check|parse-network|signup)-/.test(s)), email.scripts.join(' '));
    await email.page.close();
  });
});

describe('a page with its own document', () => {
  test('a valid document passes the lean check and shows without the full validator; an invalid one loads it and shows the problems', async () => {
    const doc = JSON.parse(readFileSync('demo/data/twentse-noabers.json', 'utf8')) as { sessions: { start?: string }[] };
    const inline = (d: unknown) => `<leerkring-agenda><script type="application/json">${JSON.stringify(d).replace(/</g, '\\u003c')}</script></leerkring-agenda>`;

    const valid = await open(inline(doc));
    await shows(valid.page, 'leerkring-agenda', '[part="session"]');
    assert.ok(valid.scripts.some((s) => /^\/dist\/leerkring-network-check-[\w-]+\.js$/.test(s)), valid.scripts.join(' '));
    assert.ok(!valid.scripts.some((s) => /leerkring-parse-network-/.test(s)), `the full validator is not loaded for a valid document: ${valid.scripts.join(' ')}`);
    assert.deepEqual(await valid.violations(), []);
    await valid.page.close();

    doc.sessions[0]!.start = '2026-02-30T19:30';
    const invalid = await open(inline(doc));
    await shows(invalid.page, 'leerkring-agenda', '[part~="error"]');
    assert.ok(invalid.scripts.some((s) => /^\/dist\/leerkring-parse-network-[\w-]+\.js$/.test(s)), invalid.scripts.join(' '));
    const text = await invalid.page.evaluate(() => document.querySelector('leerkring-agenda')!.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    assert.match(text, /sessions\[0\]\.start/);
    assert.deepEqual(await invalid.violations(), []);
    await invalid.page.close();
  });
});

describe('npm run size', () => {
  test('the agenda chunk leaves out what an agenda page loads later or never: JSON-LD, calendar links, a long agenda\'s filters, the error and problem views, the form\'s sentences', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const file = readdirSync('dist').find((f) => /^leerkring-agenda-[\w-]+\.js$/.test(f))!;
    const code = readFileSync(`dist/${file}`, 'utf8');
    for (const later of ['application/ld+json', 'calendar.google.com', 'outlook.office.com', 'part="filters"', '(document)', 'Met dit e-mailadres ben je al aangemeld', 'Inloop vanaf'])
      assert.ok(!code.includes(later), `${file} carries ${later}`);
    // What it does say up front stays.
    for (const now of ['Zet in je agenda', 'Alleen deze organisaties kunnen zich aanmelden']) assert.ok(code.includes(now), `${file} lacks ${now}`);
  });

  test('prints every page against its budget; the loader is small and agenda pages never fetch the form', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/size.mjs'], { encoding: 'utf8' });
    const loader = /^dist\/leerkring\.js \(the loader, up front\)\s+[\d.]+ KB\s+([\d.]+) KB/m.exec(r.stdout);
    assert.ok(loader && Number(loader[1]) <= 2, r.stdout);
    // Issue 11's budgets: an agenda page ≤ 20 KB gzip with its network from the API, ≤ 25 KB with its own document.
    for (const page of ['agenda page, network from the API', 'agenda page, own document']) assert.match(r.stdout, new RegExp(`^within budget: ${page}.*\\(budget 2[05]\\.0 KB`, 'm'));
    assert.match(r.stdout, /^within budget: the signup form and its texts load only on pages with a <leerkring-signup>$/m);
  });
});
