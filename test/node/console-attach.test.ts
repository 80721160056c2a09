// Issue 15: after a session took place, its owner attaches a report in the sessions tab, in
// Chromium against the real server. The address is checked with core's isSafeUrl at the field;
// the change is saved like every other session change; axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, asOwner, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';

const served = consoleUnderTest(undefined, 'demo', 3);

describe('attaching a report to a past session in the console', () => {
  test('the owner adds a report to the first meeting; the address is checked by the same rule as the document (http and https kept, anything else refused at its field)', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-verslag@aardgasvrij.example.org', name: 'Eigenaar Verslag' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      const before = ((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network.sessions[0];

      await page.getByRole('button', { name: `Verslag of materiaal toevoegen (${before.title})` }).click();
      await page.getByLabel('Soort').selectOption('report');
      await page.getByLabel('Titel').fill('Verslag van de eerste bijeenkomst');
      for (const bad of ['javascript:alert(1)', 'verslag.pdf', 'www.example.org/verslag.pdf']) {
        await page.getByLabel('Webadres').fill(bad);
        await page.getByRole('button', { name: 'Toevoegen aan de wijzigingen' }).click();
        await page.getByText('Vul een volledig webadres in, dat begint met https:// of http://').waitFor();
        await waitForFocus(page, 'res-url', bad);
        assert.equal(await page.getByLabel('Webadres').getAttribute('aria-describedby'), 'res-url-hint res-url-error');
      }
      await expectAccessible(page, 'the report form with an error');
      await page.getByLabel('Webadres').fill('http://www.example.org/verslag-1.pdf');
      await page.getByRole('button', { name: 'Toevoegen aan de wijzigingen' }).click();
      await page.getByText('1 wijziging klaargezet, nog niet opgeslagen.').waitFor();
      await page.getByRole('button', { name: 'Bekijk wie bericht krijgt' }).click();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie 2.', { exact: false }).waitFor();
      await expectAccessible(page, 'saved');

      const after = ((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network.sessions[0];
      assert.deepEqual(after.resources.at(-1), { type: 'report', title: 'Verslag van de eerste bijeenkomst', url: 'http://www.example.org/verslag-1.pdf' });
      assert.equal(after.resources.length, (before.resources ?? []).length + 1);
    });
  });
});
