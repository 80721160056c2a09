// Issue 15: an owner creates a network in the console, from scratch and as a copy, in Chromium
// against the real server. The server's 422 problems are shown in an error summary and at their
// fields; after creating, the console opens the new network; axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, asOwner, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';

const served = consoleUnderTest(undefined, 'demo', 5);

describe('creating a network in the console', () => {
  test('an owner sees the problems at their fields, then creates one from scratch and one as a copy, and the console opens each', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-nieuw@aardgasvrij.example.org', name: 'Eigenaar Nieuw' }, async (page) => {
      await page.getByRole('heading', { name: 'Nieuw netwerk maken' }).waitFor();
      await expectAccessible(page, 'the overview with the create form');

      // Nothing filled in: the validator's problems, at the top and at their fields.
      await page.getByLabel('Kenmerk').fill('Niet Goed!');
      await page.getByRole('button', { name: 'Netwerk maken' }).click();
      const summary = page.locator('#create-problems');
      await summary.waitFor();
      await waitForFocus(page, 'create-problems');
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
      await waitForFocus(page, 'new-id');

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
      // Issue 24: a new network starts as a draft: its organisers see it, the public does not.
      await page.getByText('Concept: nog niet openbaar').first().waitFor();
      assert.equal((await fetch(`${served.base}/api/networks/leerkring-zwolle`)).status, 404, 'a draft is not public');
      assert.equal((await fetch(`${served.base}/api/networks/leerkring-zwolle/form-token`)).status, 404);
      assert.equal((await fetch(`${served.base}/api/networks/leerkring-zwolle/calendar.ics`)).status, 404);
      const listed = (await (await fetch(`${served.base}/api/networks`)).json()) as any;
      assert.ok(!listed.networks.some((n: any) => n.id === 'leerkring-zwolle'), 'a draft is not in the public list');
      const registered = await fetch(`${served.base}/api/networks/leerkring-zwolle/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(registered.status, 404, 'nobody registers for a draft');
      await expectAccessible(page, 'the new network');
      // The owner makes it public in the details form, through its check and save.
      await page.getByRole('link', { name: 'Gegevens' }).click();
      const draftBox = page.getByLabel('Concept: nog niet openbaar');
      assert.equal(await draftBox.isChecked(), true);
      await draftBox.uncheck();
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.locator('#notice', { hasText: /Opgeslagen als versie/ }).waitFor();
      const created = (await (await fetch(`${served.base}/api/networks/leerkring-zwolle`)).json()) as any;
      assert.equal(created.network.kind, 'learning-circle');
      assert.equal(created.network.organisers[0].name, 'Gemeente Zwolle');
      assert.equal(created.network.draft, undefined, 'the public document does not carry the flag');

      await page.getByRole('link', { name: 'Terug naar je netwerken' }).click();
      await page.getByRole('heading', { name: 'Nieuw netwerk maken' }).waitFor();
      await page.getByLabel('Met een kopie van een netwerk dat je beheert').check();
      await page.getByLabel('Kopie van', { exact: true }).selectOption(GAS);
      assert.equal(await page.getByLabel('Data opschuiven').inputValue(), '364', 'a copy is for next year by default');
      await expectAccessible(page, 'the copy form with its date shift');
      await page.getByLabel('Kenmerk').fill('aardgasvrij-leerkring-2027');
      // A copy gets its own title: two networks with one title cannot be told apart.
      assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), '');
      await page.getByLabel('Titel', { exact: true }).fill('Leerkring Aardgasvrije Wijken 2027');
      await page.getByRole('button', { name: 'Netwerk maken' }).click();
      await page.getByRole('heading', { name: 'Het hele netwerk als JSON' }).waitFor();
      assert.match(page.url(), /#\/netwerk\/aardgasvrij-leerkring-2027\/document$/);
      // Issue 24: the copy is a draft, not public with last year's page until the owner says so.
      await page.getByText('Concept: nog niet openbaar').first().waitFor();
      assert.equal((await fetch(`${served.base}/api/networks/aardgasvrij-leerkring-2027`)).status, 404, 'a copy starts as a draft');
      const copy = { network: JSON.parse(await page.locator('textarea').first().inputValue()) } as any;
      assert.equal(copy.network.draft, true);
      const source = (await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any;
      assert.equal(copy.network.title, 'Leerkring Aardgasvrije Wijken 2027');
      // Issue 24: a copy for next year has its dates a year (52 weeks) later, no cancelled
      // sessions or old reports, and registration closed until the owner opens it.
      const shifted = (v: string) => new Date(Date.parse(`${v.slice(0, 10)}T00:00:00Z`) + 364 * 86_400_000).toISOString().slice(0, 10) + v.slice(10);
      for (const s of source.network.sessions) {
        const c = copy.network.sessions.find((x: any) => x.id === s.id);
        for (const k of ['start', 'end', 'date']) if (s[k]) assert.equal(c[k], shifted(s[k]), `${s.id}.${k}`);
        assert.equal(c.status, undefined);
        assert.equal(c.resources, undefined);
      }
      assert.ok(source.network.sessions.some((s: any) => s.start || s.date), 'the source has dates to move');
      assert.equal(copy.network.registration.mode, 'closed');
    });
  });
});
