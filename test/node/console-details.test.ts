// Issue 15: the owner edits the network's details (texts, kind, registration rules) in the
// "Gegevens" tab, in Chromium against the real server. The validator's own sentences are shown
// at the field their path names and in a summary; axe-core on each state.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { loadNetworks, type Db } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/organisers.js';
import { parseNetwork } from '../../src/core/index.js';
import { serveInChromium, watchViolations, expectAccessible, focusedId, signInToConsole } from './browser.js';

const GAS = 'aardgasvrij-leerkring';

let browser: Browser;
let base = '';
let db: Db;
let close: () => Promise<void>;

before(async () => {
  ({ base, db, browser, close } = await serveInChromium(loadNetworks('demo/data'), { secret: Buffer.alloc(32, 4) }));
});
after(() => close());

describe('the network details form in the console', () => {
  test('the owner sees the validator’s problems at their fields, then saves new registration rules', async () => {
    const email = 'eigenaar-gegevens@aardgasvrij.example.org';
    await new OrganiserService(db).setRole(GAS, email, 'owner', { name: 'Eigenaar Gegevens' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    try {
      await signInToConsole(page, base, db, email);
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${base}/beheer/#/netwerk/${GAS}/gegevens`);
      await page.getByRole('heading', { name: 'Gegevens van het netwerk' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Gegevens' }).getAttribute('aria-current'), 'page');
      const before = ((await (await fetch(`${base}/api/networks/${GAS}`)).json()) as any).network;
      assert.equal(await page.getByLabel('Titel').inputValue(), before.title);
      await expectAccessible(page, 'the details tab');

      // The sentences the validator itself gives for these mistakes (an emptied field is left out).
      const { title: _title, ...untitled } = before;
      const expected = parseNetwork({ ...untitled, registration: { ...before.registration, capacity: 0 } });
      assert.ok(!expected.ok);
      const sentence = (path: string) => expected.problems.find((p) => p.path === path)!.message.nl;

      await page.getByLabel('Titel').fill('');
      await page.getByLabel('Aantal plaatsen').fill('0');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.locator('#problems').waitFor();
      assert.equal(await focusedId(page), 'problems');
      assert.equal(await page.locator('#f-title-error').innerText(), sentence('title'));
      assert.equal(await page.locator('#f-registration-capacity-error').innerText(), sentence('registration.capacity'));
      assert.equal(await page.getByLabel('Titel').getAttribute('aria-describedby'), 'f-title-error');
      assert.equal(await page.getByLabel('Aantal plaatsen').getAttribute('aria-describedby'), 'f-registration-capacity-hint f-registration-capacity-error');
      assert.equal(await page.getByLabel('Aantal plaatsen').getAttribute('aria-invalid'), 'true');
      await expectAccessible(page, 'with problems at the fields');
      await page.locator('#problems').getByRole('link', { name: `registration.capacity: ${sentence('registration.capacity')}` }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await focusedId(page), 'f-registration-capacity');

      await page.getByLabel('Titel').fill(before.title);
      await page.getByLabel('Aantal plaatsen').fill('20');
      await page.getByLabel('Herinnering zoveel dagen voor elke bijeenkomst').fill('3');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'De gegevens kloppen' }).waitFor();
      assert.equal(await focusedId(page), 'preview-heading');
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie 2.', { exact: false }).waitFor();
      assert.equal(await focusedId(page), 'notice');
      await expectAccessible(page, 'saved');

      const after = ((await (await fetch(`${base}/api/networks/${GAS}`)).json()) as any).network;
      assert.equal(after.registration.capacity, 20);
      assert.equal(after.registration.reminderDaysBefore, 3);
      assert.equal(after.title, before.title);
      assert.deepEqual(after.sessions, before.sessions, 'what the form does not show is kept');
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });
});
