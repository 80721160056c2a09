// What the Playwright suites share: the reference server on the demo's clock with Debian's
// Chromium beside it, and a watch for Content-Security-Policy violations on a page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';
import { buildServer, openDatabase, type Db, type ServerOptions } from '../../src/server/index.js';
import { signInLinkFor, tempDir } from './helpers.js';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { demoClock } from '../../demo/networks.js';
import type { Network } from '../../src/core/index.js';

export interface ServedInChromium {
  base: string;
  db: Db;
  browser: Browser;
  /** The server itself: a test counts what reaches it (`app.server.on('request')`). */
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real server (embedded database, port 0, no rate limits, the demo's clock) and a browser. */
export async function serveInChromium(networks: Map<string, Network>, extra: Partial<ServerOptions> & Pick<ServerOptions, 'secret'>): Promise<ServedInChromium> {
  const db = await openDatabase({ dataDir: tempDir() });
  let base = '';
  const { app } = await buildServer({ db, networks, rateLimitPerMinute: 0, minFillMs: 0, now: demoClock(), publicUrl: () => base, ...extra });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')) });
  return {
    base,
    db,
    browser,
    app,
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** Records every CSP violation on the page from before its own scripts run; call before `goto`. */
export async function watchViolations(page: Page): Promise<() => Promise<unknown[]>> {
  await page.addInitScript(() => {
    (window as unknown as { __v: unknown[] }).__v = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __v: unknown[] }).__v.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __v: unknown[] }).__v);
}

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** axe-core on the whole page against WCAG 2.2 A and AA; `what` names the state in the failure. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join('; ')})`);
  });
  assert.deepEqual(violations, [], `${what}:\n${violations.join('\n')}`);
}

/** The id of the element that has focus, looking through open shadow roots. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id;
  });
}

/**
 * Waits until the element with this id has focus (looking through open shadow roots): focus moves
 * after a render, not with it. If it never comes, fails saying where focus is instead.
 */
export async function waitForFocus(page: Page, id: string, why?: string): Promise<void> {
  const came = await page
    .waitForFunction(
      (want) => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.id === want;
      },
      id,
      { timeout: 15_000 },
    )
    .then(() => true, () => false);
  if (!came) assert.equal(await focusedId(page), id, why);
}

/** Signs in to the console as a person would: asks for a link, then follows the one e-mailed. */
export async function signInToConsole(page: Page, base: string, db: Db, email: string): Promise<void> {
  await page.goto(`${base}/beheer/`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await page.getByRole('heading', { name: 'Kijk in je e-mail' }).waitFor();
  await page.goto((await signInLinkFor(db, email))!);
}

/**
 * One console test as a new owner of `network`: a fresh browser context at a desktop size, signed
 * in. After `run` the page must have had no Content-Security-Policy violation; the context is
 * closed either way.
 */
export async function asOwner(
  served: Pick<ServedInChromium, 'base' | 'db' | 'browser'>,
  network: string,
  owner: { email: string; name: string },
  run: (page: Page) => Promise<void>,
): Promise<void> {
  await new OrganiserService(served.db).setRole(network, owner.email, 'owner', { name: owner.name });
  const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const violations = await watchViolations(page);
  try {
    await signInToConsole(page, served.base, served.db, owner.email);
    await run(page);
    assert.deepEqual(await violations(), [], 'Content-Security-Policy violations');
  } finally {
    await context.close();
  }
}

/**
 * Registers fictional participant `n` for the demo's aardgasvrij leerkring through the public API
 * (a municipality, with the declaration and the answer that network asks for). Returns its id.
 */
export async function registerAtGasvrij(base: string, n: number): Promise<string> {
  const network = 'aardgasvrij-leerkring';
  const token = ((await (await fetch(`${base}/api/networks/${network}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${base}/api/networks/${network}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      participant: { name: `Deelnemer ${n}`, email: `deelnemer${n}@example.org`, organisation: `Gemeente Voorbeeld ${n}`, organisationType: 'municipality' },
      declarations: ['werkt-samen-met-initiatief'],
      answers: { initiatief: `Energiecoöperatie Wijk ${n}` },
      formToken: token,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}
