// Issue 24, paths the console had no test for: the registrations list's bulk action "Geef een
// plaats" (by keyboard: only the people waiting among those chosen get a place, after a yes that
// says for how many), and a list imported from a file that Dutch Excel wrote in Windows-1252
// (not UTF-8), read with its accents. In Chromium against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { asOwner, expectAccessible, waitForFocus } from './browser.js';
import { atPhoneSizes, consoleUnderTest, onePlace, registerByForm } from './console-setup.js';

const full = onePlace('plaatsen', 'Netwerk met wachtlijst');
const served = consoleUnderTest('console-bulk-place-admin', [full], 7);
const register = (name: string, email: string) => registerByForm(served.base, full.id, { name, email });
async function statuses(): Promise<Record<string, string>> {
  const res = await fetch(`${served.base}/api/admin/networks/${full.id}/registrations`, { headers: served.admin });
  const { registrations } = (await res.json()) as { registrations: { status: string; participant: { name: string } }[] };
  return Object.fromEntries(registrations.map((r) => [r.participant.name, r.status]));
}
const list = (page: Page) => page.locator('leerkring-console-registrations');

describe('the console paths issue 24 left untested', () => {
  test('"Geef een plaats" for the chosen people, by keyboard: only those waiting get a place, after a yes for how many', async () => {
    await register('Eerste Plaats', 'eerste@example.org');
    await register('Tweede Wacht', 'tweede@example.org');
    await register('Derde Wacht', 'derde@example.org');
    assert.deepEqual(await statuses(), { 'Eerste Plaats': 'confirmed', 'Tweede Wacht': 'waitlisted', 'Derde Wacht': 'waitlisted' });
    await asOwner(served, full.id, { email: 'bulk@plaatsen.example.org', name: 'Bulk' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${served.base}/beheer/#/netwerk/${full.id}`);
      await list(page).locator('li.card').nth(2).waitFor();
      // Everyone on the page: the one with a place already is left alone.
      await list(page).getByLabel('Kies iedereen op deze pagina').focus();
      await page.keyboard.press('Space');
      await list(page).getByText('3 mensen gekozen.').waitFor();
      await list(page).getByRole('button', { name: 'Geef een plaats' }).focus();
      await page.keyboard.press('Enter');
      await list(page).getByText('Je geeft 2 mensen van de wachtlijst een plaats, ook als het dan te vol wordt.').waitFor();
      await waitForFocus(page, 'bulk-confirm', 'focus on what will happen, not on its yes');
      await expectAccessible(page, 'bulk place, asking');
      await atPhoneSizes(page, 'bulk place, asking');
      // "Nee, terug" first: nothing happens, focus back on the button.
      await list(page).getByRole('button', { name: 'Nee, terug' }).press('Enter');
      await waitForFocus(page, 'bulk-place');
      assert.equal((await statuses())['Tweede Wacht'], 'waitlisted', 'no place without the yes');
      await page.keyboard.press('Enter');
      await list(page).getByRole('button', { name: 'Ja, doe het' }).press('Enter');
      await list(page).getByText('Gedaan voor 2 mensen.').waitFor();
      assert.deepEqual(await statuses(), { 'Eerste Plaats': 'confirmed', 'Tweede Wacht': 'confirmed', 'Derde Wacht': 'confirmed' });
      await expectAccessible(page, 'bulk place, done');
    });
  });

  test('a list from Dutch Excel in Windows-1252 is read with its accents (Š is 0x8A there, ü 0xFC)', async () => {
    await asOwner(served, full.id, { email: 'excel@plaatsen.example.org', name: 'Excel' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${full.id}`);
      await page.getByText('Lijst inlezen (CSV)', { exact: true }).click();
      const imp = page.locator('leerkring-console-import');
      const bytes = Buffer.concat([Buffer.from('Naam;E-mail\r\n', 'latin1'), Buffer.from([0x8a]), Buffer.from('arlota M', 'latin1'), Buffer.from([0xfc]), Buffer.from('ller;sarlota@example.org\r\n', 'latin1')]);
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file is not UTF-8');
      await imp.getByLabel('Kies een CSV-bestand').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
      await imp.getByRole('button', { name: 'Bekijk wat er gebeurt' }).press('Enter');
      const confirm = imp.getByRole('button', { name: 'Bevestig: meld 1 persoon aan' });
      await confirm.waitFor();
      assert.match(await imp.locator('table').innerText(), /Šarlota Müller/);
      await confirm.press('Enter');
      await imp.getByText(/1 persoon is aangemeld/).waitFor();
      assert.equal((await statuses())['Šarlota Müller'], 'waitlisted');
    });
  });
});
