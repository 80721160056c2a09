// The demo served by the reference server under the strict CSP, in Debian's Chromium.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks, STRICT_CSP } from '../../src/server/index.js';
import { serveInChromium, watchViolations } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { DEMO_NETWORKS } from '../../demo/networks.js';

// Written to test-results/ so a run leaves the tracked copies in test/artefacts/screenshots/ alone.
const SHOTS = 'test-results/screenshots';

let browser: Browser;
let base = '';
let close: () => Promise<void>;

before(async () => {
  const served = await serveInChromium(loadNetworks('demo/data'), { secret: Buffer.alloc(32, 9), adminTokenHash: sha256('x'), staticRoot: process.cwd() });
  ({ base, browser, close } = served);
  mkdirSync(SHOTS, { recursive: true });
});
after(() => close());

async function open(path: string, width: number): Promise<{ page: Page; violations: () => Promise<unknown[]> }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const violations = await watchViolations(page);
  const res = await page.goto(base + path);
  assert.equal(res?.headers()['content-security-policy'], STRICT_CSP);
  return { page, violations };
}

/** Waits until every leerkring element on the page has rendered something other than "loading". */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('leerkring-agenda, leerkring-signup, leerkring-about, leerkring-catalogue')];
    return els.length > 0 && els.every((e) => e.shadowRoot && e.shadowRoot.textContent!.trim() && !/laden…|Loading/.test(e.shadowRoot.textContent!));
  });
}

const PAGES = [
  ['index', '/'],
  ...DEMO_NETWORKS.map((n) => [n.id, `/demo/netwerk.html?id=${n.id}`]),
  ['cms', '/demo/cms.html'],
] as const;

describe('the demo under the strict Content-Security-Policy', () => {
  for (const [name, path] of PAGES) {
    test(`${name}: no violations; reflows at 320 px; screenshots at 1280 and 320 px`, async () => {
      for (const width of [1280, 320]) {
        const { page, violations } = await open(path, width);
        try {
          await settled(page);
          await page.waitForTimeout(100);
          await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
          assert.deepEqual(await violations(), []);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${width}px`);
        } finally {
          await page.close();
        }
      }
    });
  }

  test('a visitor registers and downloads a calendar file, without a single violation', async () => {
    const { page, violations } = await open('/demo/netwerk.html?id=aardgasvrij-leerkring', 390);
    try {
      await settled(page);
      // Playwright's locators reach into open shadow roots.
      await page.getByLabel('Naam', { exact: true }).fill('Sam de Vries');
      await page.getByLabel('E-mailadres').fill('sam@example.org');
      await page.getByLabel('Organisatie', { exact: true }).fill('Gemeente Voorbeeld');
      await page.getByLabel('Soort organisatie').selectOption('municipality');
      await page.getByLabel('Onze gemeente werkt al samen').check();
      await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
      await page.getByRole('heading', { name: 'We hebben je aanmelding ontvangen' }).waitFor();
      await page.getByText('Zet in je agenda').first().click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Agendabestand (.ics)' }).click()]);
      assert.equal(download.suggestedFilename(), 'startbijeenkomst.ics');
      assert.deepEqual(await violations(), []);
    } finally {
      await page.close();
    }
  });

  test('the rich-text fallback becomes a real agenda, in English where the page says so', async () => {
    const { page } = await open('/demo/cms.html', 1280);
    try {
      await settled(page);
      const texts = await page.$$eval('[data-leerkring] > leerkring-agenda', (els) => els.map((e) => e.shadowRoot!.textContent!.replace(/\s+/g, ' ')));
      assert.equal(texts.length, 2);
      assert.match(texts[0]!, /Aftrap/);
      assert.match(texts[1]!, /Upcoming meetings/);
    } finally {
      await page.close();
    }
  });
});

describe('on a page with hostile global CSS', () => {
  test('keeps its layout, target sizes and contrast', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
    try {
      for (const f of ['hostile.html', 'hostile.css'])
        await page.route(`**/test/embed/${f}`, (r) => r.fulfill({ path: `test/embed/${f}`, contentType: f.endsWith('css') ? 'text/css' : 'text/html' }));
      await page.goto(`${base}/test/embed/hostile.html`);
      await settled(page);
      const result = await page.evaluate(() => {
        const agenda = document.querySelector('leerkring-agenda')!;
        const signup = document.querySelector('leerkring-signup')!;
        const submit = signup.shadowRoot!.querySelector('button[type="submit"]')!;
        const input = signup.shadowRoot!.querySelector('input[name="name"]')!;
        const title = agenda.shadowRoot!.querySelector('[part="title"]')!;
        const overflowing: string[] = [];
        for (const host of [agenda, signup]) {
          const box = host.getBoundingClientRect();
          for (const el of host.shadowRoot!.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > box.right + 1) overflowing.push(`${el.localName}.${el.className}`);
          }
        }
        return {
          submitHeight: submit.getBoundingClientRect().height,
          inputBorder: getComputedStyle(input).borderTopWidth,
          titleTransform: getComputedStyle(title).textTransform,
          overflowing,
        };
      });
      assert.ok(result.submitHeight >= 44, `submit button is ${result.submitHeight}px high`);
      assert.equal(result.inputBorder, '2px');
      assert.equal(result.titleTransform, 'none');
      assert.deepEqual(result.overflowing, []);
      await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: any }).axe;
        const r = await axe.run(document.querySelectorAll('leerkring-agenda, leerkring-signup'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
        return r.violations.map((v: any) => `${v.id}: ${v.nodes.length}`);
      });
      assert.deepEqual(violations, []);
    } finally {
      await page.close();
    }
  });
});
