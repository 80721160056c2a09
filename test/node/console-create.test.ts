// Issue 15: an owner creates a network in the console, from scratch and as a copy, in Chromium
// against the real server. The server's 422 problems are shown in an error summary and at their
// fields; after creating, the console opens the new network; axe-core on each state.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks, type Db } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/organisers.js';
import { signInLinkFor } from './helpers.js';
import { serveInChromium, watchViolations } from './browser.js';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const GAS = 'aardgasvrij-leerkring';

let browser: Browser;
let base = '';
let db: Db;
let close: () => Promise<void>;

before(async () => {
  ({ base, db, browser, close } = await serveInChromium(loadNetworks('demo/data'), { secret: Buffer.alloc(32, 5) }));
});
after(() => close());

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join('; ')})`);
  });
  assert.deepEqual(violations, [], `${what}:\n${violations.join('\n')}`);
}

function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id;
  });
}

describe('creating a network in the console', () => {
  test('an owner sees the problems at their fields, then creates one from scratch and one as a copy, and the console opens each', async () => {
    const email = 'eigenaar-nieuw@aardgasvrij.example.org';
    await new OrganiserService(db).setRole(GAS, email, 'owner', { name: 'Eigenaar Nieuw' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    try {
      await page.goto(`${base}/beheer/`);
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
      await page.getByRole('heading', { name: 'Kijk in je e-mail' }).waitFor();
      await page.goto((await signInLinkFor(db, email))!);
      await page.getByRole('heading', { name: 'Nieuw netwerk maken' }).waitFor();
      await expectAccessible(page, 'the overview with the create form');

      // Nothing filled in: the validator's problems, at the top and at their fields.
      await page.getByLabel('Kenmerk').fill('Niet Goed!');
      await page.getByRole('button', { name: 'Netwerk maken' }).click();
      const summary = page.locator('#create-problems');
      await summary.waitFor();
      assert.equal(await focusedId(page), 'create-problems');
      const items = await summary.locator('li').allInnerTexts();
      assert.ok(items.some((i) => i.startsWith('id: ')), items.join('\n'));
      assert.ok(items.some((i) => i.startsWith('title: ')), items.join('\n'));
      const idField = page.getByLabel('Kenmerk');
      assert.equal(await idField.getAttribute('aria-invalid'), 'true');
      assert.equal(await idField.getAttribute('aria-describedby'), 'new-id-hint new-id-error');
      assert.equal(await page.getByLabel('Titel').getAttribute('aria-describedby'), 'new-title-error');
      await expectAccessible(page, 'with problems');
      await summary.getByRole('link').first().focus();
      await page.keyboard.press('Enter');
      assert.equal(await focusedId(page), 'new-id');

      await idField.fill('leerkring-zwolle');
      await page.getByLabel('Titel').fill('Leerkring Zwolle');
      await page.getByLabel('Soort netwerk').selectOption('learning-circle');
      await page.getByLabel('Korte samenvatting').fill('Een nieuwe leerkring in Zwolle.');
      await page.getByLabel('Organisatie die het netwerk organiseert').fill('Gemeente Zwolle');
      await page.getByRole('button', { name: 'Netwerk maken' }).click();
      await page.getByRole('heading', { name: 'Leerkring Zwolle', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Het hele netwerk als JSON' }).waitFor();
      assert.match(page.url(), /#\/netwerk\/leerkring-zwolle\/document$/);
      // The creator owns it: the owner-only tabs are there without signing in again.
      await page.getByRole('link', { name: 'Organisatoren' }).waitFor();
      const created = (await (await fetch(`${base}/api/networks/leerkring-zwolle`)).json()) as any;
      assert.equal(created.network.kind, 'learning-circle');
      assert.equal(created.network.organisers[0].name, 'Gemeente Zwolle');
      await expectAccessible(page, 'the new network');

      await page.getByRole('link', { name: 'Terug naar je netwerken' }).click();
      await page.getByRole('heading', { name: 'Nieuw netwerk maken' }).waitFor();
      await page.getByLabel('Met een kopie van een netwerk dat je beheert').check();
      await page.getByLabel('Kopie van', { exact: true }).selectOption(GAS);
      await page.getByLabel('Kenmerk').fill('aardgasvrij-leerkring-2027');
      await page.getByRole('button', { name: 'Netwerk maken' }).click();
      await page.getByRole('heading', { name: 'Het hele netwerk als JSON' }).waitFor();
      assert.match(page.url(), /#\/netwerk\/aardgasvrij-leerkring-2027\/document$/);
      const copy = (await (await fetch(`${base}/api/networks/aardgasvrij-leerkring-2027`)).json()) as any;
      const source = (await (await fetch(`${base}/api/networks/${GAS}`)).json()) as any;
      assert.equal(copy.network.title, source.network.title);
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });
});
