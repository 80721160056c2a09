// Issue 24, item 1 in the console: an organiser adds someone (a phone call), corrects their
// details, moves them to another session, and imports a list (CSV, pasted or as a file) with a
// preview first. Keyboard only, axe clean, at 320 px without sideways scrolling, in Chromium
// against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { network } from './helpers.js';
import { asOwner, expectAccessible, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const kring = network({
  id: 'belkring',
  title: 'Belkring',
  kind: 'learning-network',
  sessions: [
    { id: 'een', title: 'Dag een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' } },
    { id: 'twee', title: 'Dag twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T12:00', venue: { type: 'online' } },
  ],
  registration: {
    mode: 'built-in',
    scope: 'session',
    capacity: 1,
    waitlist: { enabled: true },
    fields: { organisation: 'optional', organisationType: 'off' },
    questions: [
      { id: 'lunch', label: 'Blijf je lunchen?', type: 'yes-no', required: true },
      { id: 'dieet', label: 'Dieetwens', type: 'text' },
    ],
  },
});

const served = consoleUnderTest('console-entry-admin', [kring], 9);
const ADMIN = { authorization: 'Bearer console-entry-admin' };

type Row = { id: string; status: string; sessionId?: string; participant: { name: string; email: string }; answers: Record<string, unknown> };
async function registrations(): Promise<Row[]> {
  const res = await fetch(`${served.base}/api/admin/networks/${kring.id}/registrations`, { headers: ADMIN });
  return ((await res.json()) as { registrations: Row[] }).registrations;
}
async function outboxFor(id: string): Promise<number> {
  const { rows } = await served.db.query('SELECT 1 FROM mail_outbox WHERE registration_id = $1', [id]);
  return rows.length;
}
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
/**
 * 200% text on the same 320 px screen: nothing in these forms (`tag`, looked for through shadow
 * roots) reaches past the screen's edge (WCAG 1.4.4, 1.4.10). Only these: the page's own tab bar
 * and search toolbar are another part of the console. Returns what sticks out.
 */
async function sticksOutAt200(page: Page, tag: string): Promise<string[]> {
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  const wide = (await page.evaluate(`(() => {
    const out = [];
    let seen = 0;
    const width = document.documentElement.clientWidth + 1;
    const check = (root) => root.querySelectorAll('*').forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.width) seen++;
      if (r.width && r.right > width) out.push(el.localName + '#' + el.id + ' ' + Math.round(r.right));
      if (el.shadowRoot) check(el.shadowRoot);
    });
    const find = (root) => root.querySelectorAll('*').forEach((el) => {
      if (el.localName === ${JSON.stringify(tag)} && el.shadowRoot) check(el.shadowRoot);
      else if (el.shadowRoot) find(el.shadowRoot);
    });
    find(document);
    return seen ? out : ['no visible ' + ${JSON.stringify(tag)} + ' was found'];
  })()`)) as string[];
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
  return wide;
}

describe('registrations an organiser enters themselves, in the console (issue 24, item 1)', () => {
  test('adding someone by keyboard: errors at their fields, no e-mail when asked, a place past capacity only knowingly', async () => {
    await asOwner(served, kring.id, { email: 'bel@belkring.example.org', name: 'Bel' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${served.base}/beheer/#/netwerk/${kring.id}`);
      const form = page.locator('leerkring-console-registration-entry').first();
      await page.getByText('Iemand aanmelden', { exact: true }).first().focus();
      await page.keyboard.press('Enter');
      await form.getByLabel('Naam').fill('Fatima El Amrani');
      await form.getByLabel('E-mailadres').fill('fatima@example.org');
      await form.getByLabel('Bijeenkomst').selectOption('een');
      await form.getByRole('button', { name: 'Aanmelden' }).press('Enter');
      // The required question: the summary takes focus and links to the field, which says it too.
      const summary = form.getByRole('alert');
      await summary.waitFor();
      assert.match(await summary.innerText(), /Blijf je lunchen/);
      await waitForFocus(page, 'entry-errors');
      await expectAccessible(page, 'add form with an error');
      assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 320 px');
      assert.deepEqual(await sticksOutAt200(page, 'leerkring-console-registration-entry'), [], 'nor with 200% text');
      await form.getByRole('link', { name: /Blijf je lunchen/ }).press('Enter');
      await waitForFocus(page, 'entry-q-lunch-yes');
      await page.keyboard.press('Space');
      await form.getByLabel('Stuur de deelnemer een bevestiging', { exact: false }).uncheck();
      await form.getByRole('button', { name: 'Aanmelden' }).press('Enter');
      await page.getByText('Fatima El Amrani is aangemeld. Status: Aangemeld.').waitFor();
      const fatima = (await registrations()).find((r) => r.participant.email === 'fatima@example.org')!;
      assert.equal(fatima.status, 'confirmed');
      assert.equal(fatima.answers.lunch, true);
      assert.equal(await outboxFor(fatima.id), 0, '"geen e-mail sturen": nothing queued');
      await page.locator('h3', { hasText: 'Fatima El Amrani' }).waitFor();

      // Dag een is full: the waiting list, unless the organiser knowingly gives a place.
      await page.getByText('Iemand aanmelden', { exact: true }).first().focus();
      await form.getByLabel('Naam').fill('Joost Bakker');
      await form.getByLabel('E-mailadres').fill('joost@example.org');
      await form.getByLabel('Bijeenkomst').selectOption('een');
      await form.locator('#entry-q-lunch-no').check();
      await form.getByLabel('Toch een plaats geven', { exact: false }).check();
      await form.getByRole('button', { name: 'Aanmelden' }).press('Enter');
      await page.getByText('Joost Bakker heeft een plaats gekregen. Let op: er zijn nu meer aanmeldingen dan plaatsen.').waitFor();
      const joost = (await registrations()).find((r) => r.participant.email === 'joost@example.org')!;
      assert.equal(joost.status, 'confirmed');
      assert.equal(await outboxFor(joost.id), 1, 'the e-mail the form would have sent');
      await expectAccessible(page, 'after adding past capacity');
    });
  });

  test('correcting details and moving to another session from the card', async () => {
    await asOwner(served, kring.id, { email: 'wijzig@belkring.example.org', name: 'Wijzig' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${served.base}/beheer/#/netwerk/${kring.id}`);
      const fatima = (await registrations()).find((r) => r.participant.email === 'fatima@example.org')!;
      const card = page.locator('li.card', { has: page.locator('h3', { hasText: 'Fatima El Amrani' }) });
      await card.getByText('Gegevens wijzigen').click();
      const edit = card.locator('leerkring-console-registration-entry');
      assert.equal(await edit.getByLabel('Naam').inputValue(), 'Fatima El Amrani', 'the form starts with what is stored');
      await edit.getByLabel('Naam').fill('Fatima el Amrani-Jansen');
      await edit.getByLabel('Dieetwens').fill('halal');
      await edit.getByRole('button', { name: 'Wijzigingen opslaan' }).press('Enter');
      await page.getByText('De gegevens zijn opgeslagen.', { exact: false }).waitFor();
      const after = (await registrations()).find((r) => r.id === fatima.id)!;
      assert.deepEqual([after.participant.name, after.answers.dieet], ['Fatima el Amrani-Jansen', 'halal']);

      const moved = page.locator('li.card', { has: page.locator('h3', { hasText: 'Fatima el Amrani-Jansen' }) });
      await moved.getByText('Naar andere bijeenkomst').click();
      const move = moved.locator('leerkring-console-move');
      await move.getByLabel('Nieuwe bijeenkomst').selectOption('twee');
      await expectAccessible(page, 'the move form');
      assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 320 px');
      assert.deepEqual(await sticksOutAt200(page, 'leerkring-console-move'), [], 'nor with 200% text');
      await move.getByRole('button', { name: 'Verplaatsen' }).press('Enter');
      await page.getByText('staat nu bij Dag twee', { exact: false }).waitFor();
      assert.equal((await registrations()).find((r) => r.id === fatima.id)!.sessionId, 'twee');
    });
  });

  test('importing a list: a preview with each problem at its line and column, then all at once', async () => {
    await asOwner(served, kring.id, { email: 'lijst@belkring.example.org', name: 'Lijst' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${served.base}/beheer/#/netwerk/${kring.id}`);
      await page.getByText('Lijst inlezen (CSV)', { exact: true }).click();
      const imp = page.locator('leerkring-console-import');
      await imp.getByLabel('Of plak de lijst hier').fill('Naam;E-mail;Bijeenkomst;Blijf je lunchen?\nAnne Post;anne@example.org;Dag twee;ja\nBen Kok;ben@example;Dag twee;nee\n');
      await imp.getByRole('button', { name: 'Bekijk wat er gebeurt' }).press('Enter');
      await imp.getByText('Regel 3, kolom „E-mail”:', { exact: false }).waitFor();
      await imp.getByText('Er is 1 probleem.', { exact: false }).waitFor();
      assert.equal(await imp.getByRole('button', { name: /Bevestig/ }).count(), 0, 'no confirm while there are problems');
      await expectAccessible(page, 'import preview with a problem');
      assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 320 px');
      assert.deepEqual(await sticksOutAt200(page, 'leerkring-console-import'), [], 'nor with 200% text');

      // The same list, fixed, as a file that Dutch Excel writes: a BOM and semicolons.
      await imp.getByLabel('Kies een CSV-bestand').setInputFiles({ name: 'lijst.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFFNaam;E-mail;Bijeenkomst;Blijf je lunchen?\r\nAnne Post;anne@example.org;Dag twee;ja\r\nBen Kok;ben@example.org;Dag twee;nee\r\n') });
      await imp.getByRole('button', { name: 'Bekijk wat er gebeurt' }).press('Enter');
      const confirm = imp.getByRole('button', { name: 'Bevestig: meld 2 mensen aan' });
      await confirm.waitFor();
      assert.match(await imp.locator('table').innerText(), /Anne Post[\s\S]*op de wachtlijst/, 'Dag twee is full: the preview says so per row');
      await confirm.press('Enter');
      await imp.getByText('2 mensen zijn aangemeld.').waitFor();
      const rows = await registrations();
      assert.deepEqual(rows.filter((r) => ['anne@example.org', 'ben@example.org'].includes(r.participant.email)).map((r) => r.status).sort(), ['waitlisted', 'waitlisted']);
      await expectAccessible(page, 'after the import');
    });
  });
});
