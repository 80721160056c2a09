// Issue 23 in the console, in Chromium against the real server: a session an organiser moves to
// another day is saved as moved (`status: "moved"`, its earlier starts in `movedFrom`, oldest
// first), so the agenda marks it "verplaatst"; a new time on the same day is no move. axe-core.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAccessible, asOwner } from './browser.js';
import { consoleUnderTest } from './console-setup.js';
import { networkDocumentApi } from './helpers.js';
import { parseDateTime } from '../../src/core/time.js';

const GAS = 'aardgasvrij-leerkring';
const ADMIN = 'console-moved-installation-admin';

const served = consoleUnderTest(ADMIN, 'demo', 5);

async function kickOff(): Promise<{ start?: string; status?: string; movedFrom?: string[] }> {
  const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await current.json()) as { document: any }).document.sessions.find((s: any) => s.id === 'startbijeenkomst');
}

/** Opens the kick-off's form, fills what is given, keeps the edit and saves it. */
async function edit(page: Page, fields: Record<string, string | boolean>): Promise<void> {
  await page.getByRole('button', { name: 'Wijzigen (Startbijeenkomst)' }).click();
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label, { exact: true });
    await (typeof value === 'boolean' ? field.setChecked(value) : field.fill(value));
  }
  await keepAndSave(page);
}

/** Keeps the open session form's edit and saves it, sending what it sends. */
async function keepAndSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Wijziging klaarzetten' }).click();
  await page.getByText('1 wijziging klaargezet, nog niet opgeslagen.').waitFor();
  await page.getByRole('button', { name: 'Bekijk wie bericht krijgt' }).click();
  await page.getByRole('button', { name: 'Opslaan en versturen' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Opgeslagen als versie', { exact: false }).waitFor();
}

describe('moving a session in the console', () => {
  test('another day marks it moved and keeps the first date; a new time on the same day does not', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-verplaatst@aardgasvrij.example.org', name: 'Eigenaar Verplaatst' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();

      await edit(page, { Begintijd: '10:30' });
      let s = await kickOff();
      assert.equal(s.start, '2021-11-23T10:30');
      assert.equal(s.status, undefined, 'a new time on the same day is no move');
      assert.equal(s.movedFrom, undefined);

      await edit(page, { Datum: '2021-11-30' });
      s = await kickOff();
      assert.equal(s.start, '2021-11-30T10:30');
      assert.equal(s.status, 'moved');
      assert.deepEqual(s.movedFrom, ['2021-11-23T10:30']);
      await expectAccessible(page, 'saved as moved');

      await edit(page, { Datum: '2021-12-07' });
      s = await kickOff();
      assert.equal(s.status, 'moved');
      assert.deepEqual(s.movedFrom, ['2021-11-23T10:30', '2021-11-30T10:30'], 'oldest first, the first date kept');

      const pub = await (await fetch(`${served.base}/api/networks/${GAS}`)).json();
      assert.equal(JSON.stringify(pub).includes('"movedFrom":["2021-11-23T10:30","2021-11-30T10:30"]'), true, 'the public document says so too');
    });
  });

  test('all day to another date is a move too; taking a cancellation back leaves it moved', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-verplaatst-2@aardgasvrij.example.org', name: 'Eigenaar Verplaatst Twee' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      const before = (await kickOff()).movedFrom ?? [];

      await edit(page, { Begintijd: '', Eindtijd: '' });
      let s = (await kickOff()) as { date?: string; start?: string; status?: string; movedFrom?: string[] };
      assert.equal(s.start, undefined);
      const day = s.date!;
      assert.equal(typeof day, 'string', 'now an all-day session');
      assert.deepEqual(s.movedFrom ?? [], before, 'the same day, all day: no move');

      await edit(page, { Datum: '2022-01-11' });
      s = await kickOff();
      assert.equal(s.status, 'moved', 'an all-day session on another date is moved');
      assert.deepEqual(s.movedFrom, [...before, `${day}T00:00`]);

      await edit(page, { 'Deze bijeenkomst gaat niet door': true });
      assert.equal((await kickOff()).status, 'cancelled');
      await edit(page, { 'Deze bijeenkomst gaat niet door': false });
      s = await kickOff();
      assert.equal(s.status, 'moved', 'the cancellation taken back: moved again, as movedFrom says');
      assert.deepEqual(s.movedFrom, [...before, `${day}T00:00`]);
    });
  });

  test('a start saved as a UTC instant is shown on its Amsterdam day and clock, and kept unchanged is no move', async () => {
    // 23:30 UTC on 18 January 2022 is 00:30 on 19 January in Amsterdam.
    await networkDocumentApi(served.base, GAS, { authorization: `Bearer ${ADMIN}` }).save((d) => {
      const s = d.sessions.find((x: { id: string }) => x.id === 'bijeenkomst-2');
      Object.assign(s, { start: '2022-01-18T23:30:00Z', end: '2022-01-19T01:00:00Z' });
      delete s.period;
    });
    await asOwner(served, GAS, { email: 'eigenaar-utc@aardgasvrij.example.org', name: 'Eigenaar Utc' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      await page.getByRole('button', { name: 'Wijzigen (Tweede bijeenkomst)' }).click();
      assert.equal(await page.getByLabel('Datum', { exact: true }).inputValue(), '2022-01-19');
      assert.equal(await page.getByLabel('Begintijd', { exact: true }).inputValue(), '00:30');
      assert.equal(await page.getByLabel('Eindtijd', { exact: true }).inputValue(), '02:00');
      await keepAndSave(page);
      const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const s = ((await current.json()) as { document: any }).document.sessions.find((x: any) => x.id === 'bijeenkomst-2');
      // Written back as Amsterdam wall time or not, the same moments (read as core reads them).
      assert.equal(parseDateTime(s.start)?.toISOString(), '2022-01-18T23:30:00.000Z', s.start);
      assert.equal(parseDateTime(s.end)?.toISOString(), '2022-01-19T01:00:00.000Z', s.end);
      assert.equal(s.status, undefined, 'the same moment is no move');
    });
  });
});
