// Issue 24, item 5: the questions of the registration form are edited in a form (add, edit,
// reorder, remove; every type the model has), saved through the document's own check and save,
// and a save over someone else's (412) keeps what was typed. Keyboard, axe, 320 px; Chromium
// against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, focusedId, asOwner, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const ADMIN = 'console-questions-installation-admin';
const GAS = 'aardgasvrij-leerkring';

const served = consoleUnderTest(ADMIN, 'demo', 5);

const publicQuestions = async () => (((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network.registration.questions ?? []) as { id: string; label: string; type: string; required?: boolean; options?: { value: string; label: string }[]; min?: number; max?: number }[];

describe('the questions of the form, in a form (issue 24, item 5)', () => {
  test('add, edit, reorder and remove questions by keyboard; problems at the question; saved as the document is', async () => {
    await asOwner(served, GAS, { email: 'vragen@aardgasvrij.example.org', name: 'Vragen' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 900 });
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/gegevens`);
      const editor = page.locator('leerkring-console-questions');
      await editor.getByRole('heading', { name: 'Vragen op het aanmeldformulier' }).waitFor();
      const first = editor.getByRole('group', { name: 'Vraag 1' });
      assert.equal(await first.getByLabel('Tekst van de vraag').inputValue(), 'Met welk bewonersinitiatief werkt je gemeente samen?');

      // A new question: focus lands in its text.
      await editor.getByRole('button', { name: 'Vraag toevoegen' }).press('Enter');
      assert.match((await focusedId(page)) ?? '', /^q-\d+-label$/);
      await page.keyboard.type('Hoeveel jaar werk je al aan de warmtetransitie?');
      const second = editor.getByRole('group', { name: 'Vraag 2' });
      await second.getByLabel('Soort antwoord').selectOption('number');
      await second.getByLabel('Kleinste getal (niet verplicht)').fill('0');
      await second.getByLabel('Grootste getal (niet verplicht)').fill('50');
      await second.getByLabel('Verplicht om te beantwoorden').check();

      await editor.getByRole('button', { name: 'Vraag toevoegen' }).press('Enter');
      const third = editor.getByRole('group', { name: 'Vraag 3' });
      await third.getByLabel('Tekst van de vraag').fill('Welke dag past je het best?');
      await third.getByLabel('Soort antwoord').selectOption('choice');
      await third.getByLabel('Keuzes, één per regel').fill('Dinsdag\nDonderdag');

      // Up: the question moves, focus goes with it.
      const up = third.getByRole('button', { name: 'Vraag 3 omhoog' });
      const upId = await up.getAttribute('id');
      await up.press('Enter');
      await waitForFocus(page, upId, 'focus stays on the moved question');
      assert.equal(await editor.getByRole('group', { name: 'Vraag 2' }).getByLabel('Tekst van de vraag').inputValue(), 'Welke dag past je het best?');
      await expectAccessible(page, 'the questions form');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'no sideways scrolling at 320 px');

      // An empty question text: the validator's sentence at that question.
      await editor.getByRole('group', { name: 'Vraag 1' }).getByLabel('Tekst van de vraag').fill('');
      await editor.getByRole('button', { name: 'Vragen controleren' }).press('Enter');
      await editor.locator('#q-problems').waitFor();
      await waitForFocus(page, 'q-problems');
      assert.match(await editor.locator('#q-problems').innerText(), /Vraag 1:/);
      assert.equal(await editor.getByRole('group', { name: 'Vraag 1' }).getByLabel('Tekst van de vraag').getAttribute('aria-invalid'), 'true');
      await expectAccessible(page, 'a problem at a question');

      // Remove the first question; check; save.
      await editor.getByRole('button', { name: 'Vraag 1 verwijderen' }).press('Enter');
      await waitForFocus(page, 'q-notice');
      await editor.getByRole('button', { name: 'Vragen controleren' }).press('Enter');
      await editor.getByRole('button', { name: 'Vragen opslaan' }).press('Enter');
      await editor.getByText(/Opgeslagen als versie \d+/).waitFor();
      const saved = await publicQuestions();
      assert.deepEqual(
        saved.map((q) => [q.label, q.type, q.required === true]),
        [
          ['Welke dag past je het best?', 'choice', false],
          ['Hoeveel jaar werk je al aan de warmtetransitie?', 'number', true],
        ],
      );
      assert.deepEqual(saved[0]!.options, [{ value: 'dinsdag', label: 'Dinsdag' }, { value: 'donderdag', label: 'Donderdag' }]);
      assert.deepEqual([saved[1]!.min, saved[1]!.max], [0, 50]);
    });
  });

  test('a save over someone else’s (412) keeps the questions typed here', async () => {
    await asOwner(served, GAS, { email: 'vragen2@aardgasvrij.example.org', name: 'Vragen Twee' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/gegevens`);
      const editor = page.locator('leerkring-console-questions');
      await editor.getByRole('group', { name: 'Vraag 1' }).waitFor();
      await editor.getByRole('group', { name: 'Vraag 1' }).getByLabel('Tekst van de vraag').fill('Welke dag past jou het best?');
      await editor.getByRole('button', { name: 'Vragen controleren' }).press('Enter');
      await editor.getByRole('button', { name: 'Vragen opslaan' }).waitFor();

      // Someone else saves in between (the installation admin, through the API).
      const auth = { authorization: `Bearer ${ADMIN}` };
      const got = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: auth });
      const doc = ((await got.json()) as { document: Record<string, unknown> }).document;
      const put = await fetch(`${served.base}/api/admin/networks/${GAS}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json', 'if-match': got.headers.get('etag')! }, body: JSON.stringify({ ...doc, subtitle: 'Tussendoor gewijzigd' }) });
      assert.equal(put.status, 200, await put.text());

      await editor.getByRole('button', { name: 'Vragen opslaan' }).press('Enter');
      await editor.locator('#stale').waitFor();
      assert.equal(await editor.getByRole('group', { name: 'Vraag 1' }).getByLabel('Tekst van de vraag').inputValue(), 'Welke dag past jou het best?', 'what was typed stays');
      await expectAccessible(page, 'after a 412');
      await editor.getByRole('button', { name: 'Vragen controleren' }).press('Enter');
      await editor.getByRole('button', { name: 'Vragen opslaan' }).press('Enter');
      await editor.getByText(/Opgeslagen als versie \d+/).waitFor();
      assert.equal((await publicQuestions())[0]!.label, 'Welke dag past jou het best?');
      const subtitle = (((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network.subtitle);
      assert.equal(subtitle, 'Tussendoor gewijzigd', 'the other save is kept too');
    });
  });
});
