// Issue 15, "everything else": the owner edits the whole network document as JSON in the
// console, in Chromium against the real server. The validator's own problems come back as an
// error summary linked to the field; a 412 keeps the owner's text; axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAccessible, asOwner, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';
const ADMIN = 'console-document-installation-admin';

const served = consoleUnderTest(ADMIN, 'demo', 7);

async function editDocument(page: Page, change: (doc: any) => void): Promise<void> {
  const box = page.getByLabel(/Document van het netwerk/);
  const doc = JSON.parse(await box.inputValue());
  change(doc);
  await box.fill(JSON.stringify(doc, null, 2));
}

describe('the network document as JSON in the console', () => {
  test('the owner sees the validator’s problems at the top, keeps the text through a 412, and saves a change no form offers', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-json@aardgasvrij.example.org', name: 'Eigenaar JSON' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();

      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/document`);
      await page.getByRole('heading', { name: 'Het hele netwerk als JSON' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Document (JSON)' }).getAttribute('aria-current'), 'page');
      const box = page.getByLabel('Document van het netwerk (versie 1)');
      assert.equal(JSON.parse(await box.inputValue()).id, GAS);
      await expectAccessible(page, 'the document tab');

      // Not JSON at all: said in one sentence, nothing sent.
      await box.fill('{ "id": "aardgasvrij-leerkring", ');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByText('Dit is geen geldige JSON.', { exact: false }).waitFor();
      await waitForFocus(page, 'problems');

      // Two problems the validator finds: both listed with their paths and its own sentences.
      const original = ((await (await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as any).document;
      await box.fill(JSON.stringify(original, null, 2));
      await editDocument(page, (d) => {
        d.title = '';
        d.registration.capacity = -3;
      });
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      const summary = page.locator('#problems');
      await summary.waitFor();
      await waitForFocus(page, 'problems', 'focus goes to the error summary');
      const items = await summary.locator('li').allInnerTexts();
      assert.deepEqual(items, ['title: dit mag niet leeg zijn', 'registration.capacity: moet minstens 1 zijn']);
      assert.equal(await box.getAttribute('aria-invalid'), 'true');
      assert.match((await box.getAttribute('aria-describedby'))!, /problems-list/);
      await expectAccessible(page, 'with the validator’s problems');
      // The summary's link takes the keyboard to the field.
      await summary.getByRole('link', { name: 'title: dit mag niet leeg zijn' }).focus();
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'document');

      // A change no form in the console offers: the reminder days, and the summary.
      await editDocument(page, (d) => {
        d.title = original.title;
        d.registration.capacity = original.registration.capacity;
        d.registration.reminderDaysBefore = 5;
        d.summary = 'Samenvatting uit het JSON-tabblad.';
      });
      const mine = JSON.parse(await box.inputValue());
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'Het document klopt' }).waitFor();
      await waitForFocus(page, 'preview-heading');
      await page.getByText('Niemand krijgt een e-mail over deze wijzigingen.').waitFor();
      await expectAccessible(page, 'checked');

      // Meanwhile a colleague saves.
      const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const theirs = ((await current.json()) as { document: any }).document;
      const put = await fetch(`${served.base}/api/admin/networks/${GAS}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'if-match': current.headers.get('etag')! },
        body: JSON.stringify({ ...theirs, description: 'Een beschrijving van een collega.' }),
      });
      assert.equal(put.status, 200);

      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      const stale = page.locator('#stale');
      await stale.waitFor();
      await waitForFocus(page, 'stale');
      assert.match(await stale.innerText(), /Versie 2, door installatiebeheerder: description/);
      assert.deepEqual(JSON.parse(await page.getByLabel('Document van het netwerk (versie 2)').inputValue()), mine, 'the owner’s text is kept');
      await expectAccessible(page, 'after a 412');

      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie 3.', { exact: false }).waitFor();
      await waitForFocus(page, 'notice');
      await page.getByLabel('Document van het netwerk (versie 3)').waitFor();
      await expectAccessible(page, 'saved');

      const saved = (await (await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as any;
      assert.equal(saved.document.registration.reminderDaysBefore, 5);
      assert.equal(saved.document.summary, 'Samenvatting uit het JSON-tabblad.');
    });
  });
});
