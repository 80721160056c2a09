// Issue 24, "what organisers miss most" 3, in Chromium against the real server: the organiser
// edits the feedback questions in the Feedback tab, asks those who came with "Vraag om feedback",
// a participant answers on the evaluation page (keyboard, 320 px, 200% text, axe), and the
// answers show per session: averages and texts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asOwner, expectAccessible, waitForFocus } from './browser.js';
import { atPhoneSizes, consoleUnderTest, markPresent, noSidewaysScroll, onlineSeries, registerByForm } from './console-setup.js';

const reeks = onlineSeries('terugblik', 'Leerkring Terugblik', [
  ['een', 'Aftrap', '2030-05-01T10:00', '2030-05-01T12:00'],
  ['twee', 'Vervolg', '2030-06-05T10:00', '2030-06-05T12:00'],
]);

const served = consoleUnderTest('console-feedback-admin', [reeks], 7);
const ADMIN = served.admin;

let n = 0;
const register = async (name: string) => (await registerByForm(served.base, reeks.id, { name, email: `terugblik${++n}@example.org` })).id;

describe('feedback after a session in the console (issue 24)', () => {
  test('questions edited by keyboard, "Vraag om feedback", an answer on the evaluation page, and the result per session', async () => {
    const anna = await register('Anna Terug');
    const bert = await register('Bert Terug');
    await register('Cor Weg');
    for (const id of [anna, bert]) await markPresent(served, id, 'een');
    await asOwner(served, reeks.id, { email: 'eigenaar@terugblik.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${reeks.id}/feedback`);
      const fb = page.locator('leerkring-console-feedback');
      await fb.getByRole('heading', { name: 'De vragen' }).waitFor();
      assert.match(await fb.locator('#fb-questions-hint').innerText(), /Je gebruikt nu de standaardvragen\./);
      assert.equal(await fb.getByLabel('Vraag 5', { exact: true }).inputValue(), 'Wat kan er de volgende keer beter?');
      await expectAccessible(page, 'Feedback tab with the default questions');

      // Take question 5 away by keyboard: focus goes to the question now last.
      await fb.getByRole('button', { name: 'Vraag 5 weghalen' }).focus();
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'fb-label-3');
      // A question left empty is said at its field, with focus there.
      await fb.getByLabel('Vraag 2', { exact: true }).fill('');
      await fb.getByRole('button', { name: 'Vragen opslaan' }).focus();
      await page.keyboard.press('Enter');
      await fb.getByText('Vul de tekst van vraag 2 in.').waitFor();
      await waitForFocus(page, 'fb-label-1');
      await page.keyboard.type('Was het tempo goed?');
      await fb.getByLabel('Soort vraag 3').selectOption('text');
      await fb.getByLabel('Vraag 3', { exact: true }).fill('Wat zou je anders doen?');
      await fb.getByRole('button', { name: 'Vragen opslaan' }).focus();
      await page.keyboard.press('Enter');
      await fb.getByRole('status').getByText('De vragen zijn opgeslagen.').waitFor();
      const saved = (await (await fetch(`${served.base}/api/admin/networks/${reeks.id}/feedback`, { headers: ADMIN })).json()) as { custom: boolean; questions: { type: string; label: string }[] };
      assert.equal(saved.custom, true);
      assert.deepEqual(saved.questions.map((q) => [q.type, q.label]), [
        ['scale', 'Hoe waardeer je deze bijeenkomst in het geheel?'],
        ['scale', 'Was het tempo goed?'],
        ['text', 'Wat zou je anders doen?'],
        ['text', 'Wat neem je mee uit deze bijeenkomst?'],
      ]);

      const card = fb.locator('section.feedback-session[data-session="een"]');
      assert.match(await card.innerText(), /2 mensen waren er · 0 gevraagd · 0 antwoorden/);
      assert.equal(await fb.locator('section.feedback-session[data-session="twee"]').count(), 0, 'no attendance there yet');
      await card.getByRole('button', { name: 'Vraag om feedback over Aftrap' }).focus();
      await page.keyboard.press('Enter');
      await card.getByRole('status').getByText('2 e-mails gaan de deur uit.').waitFor();
      await card.getByText('2 gevraagd').waitFor();
      await expectAccessible(page, 'Feedback tab after asking');
      await atPhoneSizes(page, 'Feedback tab');
    });

    // Anna's e-mail as queued, and the evaluation page it links to, as she uses it on a phone.
    const { rows } = await served.db.query<{ message: any }>(`SELECT message FROM mail_outbox WHERE kind = 'feedback' AND registration_id = $1`, [anna]);
    const text = (typeof rows[0]!.message === 'string' ? JSON.parse(rows[0]!.message) : rows[0]!.message).text as string;
    const link = /http:\/\/127\.0\.0\.1:\d+\/feedback\/\S+/.exec(text)![0];
    const context = await served.browser.newContext({ viewport: { width: 320, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: 'Hoe was de bijeenkomst?' }).waitFor();
      await expectAccessible(page, 'evaluation page');
      assert.ok(await noSidewaysScroll(page), 'evaluation page: no sideways scrolling at 320 px');
      // Keyboard only: Tab to the first scale, arrows to 4, then the open question, then send.
      await page.keyboard.press('Tab');
      await waitForFocus(page, 'q-overall-1');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('#q-overall-4').isChecked(), true);
      await page.getByLabel(/Wat zou je anders doen\?/).focus();
      await page.keyboard.type('Meer tijd voor vragen.');
      await page.getByRole('button', { name: 'Verstuur' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Bedankt voor je antwoorden' }).waitFor();
      await waitForFocus(page, 'thanks', 'the thanks take focus');
      await expectAccessible(page, 'evaluation page after sending');
      await atPhoneSizes(page, 'evaluation page');
    } finally {
      await context.close();
    }

    await asOwner(served, reeks.id, { email: 'eigenaar@terugblik.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${reeks.id}/feedback`);
      const card = page.locator('leerkring-console-feedback').locator('section.feedback-session[data-session="een"]');
      await card.getByText('1 antwoord', { exact: false }).first().waitFor();
      const shown = await card.innerText();
      assert.match(shown, /2 gevraagd · 1 antwoord/);
      assert.match(shown, /Hoe waardeer je deze bijeenkomst in het geheel\?\s*gemiddeld 4,0 \(1 antwoord\)/);
      assert.match(shown, /Was het tempo goed\?\s*nog geen antwoorden/);
      assert.match(shown, /Wat zou je anders doen\?\s*Meer tijd voor vragen\./);
      assert.doesNotMatch(shown, /Anna/, 'answers are shown without names');
      await expectAccessible(page, 'Feedback tab with an answer');
    });
  });
});
