// A dark site themed with NL Design System tokens only (issue 25, item 19): no `color-scheme:
// dark` and no --leerkring-* properties, just the tokens the README names for a dark page
// (test/embed/dark-tokens.css). axe's color-contrast rule over every element, in every state a
// visitor can reach: agenda and form, the form with its errors, the confirmation, the waiting
// list, and the manage page with its field error. 0 failures.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { serveInChromium } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { network, formToken } from './helpers.js';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const year = new Date().getFullYear() + 1;
/** One place and a waiting list, a year ahead of the real clock. */
const wacht = network({
  id: 'wacht',
  title: 'Workshop met wachtlijst',
  sessions: [{ id: 'dag', title: 'Workshopdag', type: 'other', start: `${year}-05-01T10:00`, end: `${year}-05-01T16:00` }],
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

let browser: Browser;
let base = '';
let close: () => Promise<void>;

before(async () => {
  const networks = loadNetworks('demo/data');
  networks.set(wacht.id, wacht);
  ({ base, browser, close } = await serveInChromium(networks, { secret: Buffer.alloc(32, 3), adminTokenHash: sha256('x'), staticRoot: process.cwd() }));
});
after(() => close());

async function open(file: string, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  for (const f of ['dark-tokens.html', 'dark-tokens-manage.html', 'dark-tokens.css'])
    await page.route(`**/test/embed/${f}`, (r) => r.fulfill({ path: `test/embed/${f}`, contentType: f.endsWith('css') ? 'text/css' : 'text/html' }));
  await page.goto(`${base}/test/embed/${file}${hash}`);
  return page;
}

/** axe's color-contrast over the whole page, shadow roots included: each failure with its colours. */
async function contrastFailures(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] });
    return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${n.target.join(' ')}: ${n.any[0]?.message ?? v.help}`));
  });
}

const inSignup = (page: Page, selector: string) => page.locator(`leerkring-signup ${selector}`);

async function formShown(page: Page) {
  await page.waitForFunction(() => !!document.querySelector('leerkring-signup')?.shadowRoot?.querySelector('form'));
}

async function outcome(page: Page) {
  await page.waitForFunction(() => !!document.querySelector('leerkring-signup')!.shadowRoot!.querySelector('#outcome-heading'));
  return page.evaluate(() => document.querySelector('leerkring-signup')!.shadowRoot!.querySelector('#outcome-heading')!.textContent);
}

async function registerInForm(page: Page, n: number) {
  await page.evaluate(() => document.querySelector('leerkring-network')!.setAttribute('network-id', 'wacht'));
  await page.waitForFunction(() => !!document.querySelector('leerkring-signup')?.shadowRoot?.querySelector('input[name="name"]'));
  await inSignup(page, 'input[name="name"]').fill(`Kim de Wit ${n}`);
  await inSignup(page, 'input[name="email"]').fill(`kim${n}@example.org`);
  await inSignup(page, 'button[type="submit"]').click();
  return outcome(page);
}

describe('on a dark page themed with NL Design System tokens only', () => {
  test('agenda and form, then the form with its errors: no contrast failures', async () => {
    const page = await open('dark-tokens.html');
    try {
      await formShown(page);
      assert.deepEqual(await contrastFailures(page), [], 'agenda and form');
      await inSignup(page, 'button[type="submit"]').click();
      await page.waitForFunction(() => !!document.querySelector('leerkring-signup')!.shadowRoot!.querySelector('[part="error-summary"]'));
      assert.deepEqual(await contrastFailures(page), [], 'the form with its errors');
    } finally {
      await page.close();
    }
  });

  test('the confirmation, then the waiting list: no contrast failures', async () => {
    const page = await open('dark-tokens.html');
    try {
      await formShown(page);
      assert.match((await registerInForm(page, 1))!, /aangemeld/i);
      assert.deepEqual(await contrastFailures(page), [], 'the confirmation');
    } finally {
      await page.close();
    }
    const second = await open('dark-tokens.html');
    try {
      await formShown(second);
      assert.match((await registerInForm(second, 2))!, /wachtlijst/i);
      assert.deepEqual(await contrastFailures(second), [], 'the waiting list');
    } finally {
      await second.close();
    }
  });

  test('the manage page, with a registration and with its field error: no contrast failures', async () => {
    const body = { participant: { name: 'Sam de Vries', email: 'sam@example.org' }, formToken: await formToken(base, 'wacht') };
    const res = await fetch(`${base}/api/networks/wacht/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.clone().text());
    const { manageToken } = (await res.json()) as { manageToken: string };
    const page = await open('dark-tokens-manage.html', `#token=${manageToken}`);
    try {
      await page.waitForFunction(() => !!document.querySelector('leerkring-manage')?.shadowRoot?.querySelector('h1'));
      assert.deepEqual(await contrastFailures(page), [], 'the manage page');
    } finally {
      await page.close();
    }
    const empty = await open('dark-tokens-manage.html');
    try {
      await empty.waitForFunction(() => !!document.querySelector('leerkring-manage')?.shadowRoot?.querySelector('form'));
      await empty.locator('leerkring-manage button[type="submit"]').click();
      await empty.waitForFunction(() => !!document.querySelector('leerkring-manage')!.shadowRoot!.querySelector('#new-link-error'));
      assert.deepEqual(await contrastFailures(empty), [], 'the manage page with its field error');
    } finally {
      await empty.close();
    }
  });
});
