// Issue 24: what the console shows is current — after every action, on every tab switch, and
// with changes made by others (polled every 30 s while the page is visible, and when it becomes
// visible again) — without losing what an organiser is typing or where focus is. In Chromium
// against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { network } from './helpers.js';
import { asOwner, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const live = network({
  id: 'actueel',
  title: 'Netwerk dat leeft',
  kind: 'learning-network',
  sessions: [
    { id: 'start', title: 'Start', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } },
    { id: 'vervolg', title: 'Vervolg', type: 'other', start: '2030-06-01T10:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('console-current-admin', [live], 5);
const ADMIN = { authorization: 'Bearer console-current-admin', 'content-type': 'application/json' };

let n = 0;
async function register(name = `Persoon ${++n}`): Promise<{ id: string; name: string }> {
  const token = ((await (await fetch(`${served.base}/api/networks/${live.id}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${live.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name, email: `actueel${++n}@example.org` }, formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { id: ((await res.json()) as { id: string }).id, name };
}

const statusLine = (page: Page) => page.locator('leerkring-console-network p.status-line').first();

describe('the console keeps its data current (issue 24)', () => {
  test('check-in: a tap, another tab and back shows the person present; a second tap records them absent', async () => {
    const guest = await register('Anouk Aanwezig');
    await asOwner(served, live.id, { email: 'deur@actueel.example.org', name: 'Deur' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${live.id}/aanwezigheid/start`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.getByRole('button', { name: guest.name }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      // To the attendance overview, and back to the session.
      await page.locator('leerkring-console-network nav.tabs').getByRole('link', { name: 'Aanwezigheid' }).click();
      await page.locator('leerkring-console-network').getByRole('link', { name: 'Start', exact: true }).click();
      await checkIn.getByRole('heading', { name: 'Aanwezigheid: Start' }).waitFor();
      assert.equal(await checkIn.getByRole('button', { name: guest.name }).getAttribute('aria-pressed'), 'true', 'still present after a tab switch');
      await checkIn.getByRole('button', { name: guest.name }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      const list = (await (await fetch(`${served.base}/api/admin/networks/${live.id}/registrations`, { headers: ADMIN })).json()) as { registrations: { id: string; attendance: Record<string, boolean> }[] };
      assert.equal(list.registrations.find((r) => r.id === guest.id)?.attendance.start, false);
    });
  });

  test('registrations: a new registration shows when the page becomes visible again and every 30 s, keeping what is typed and where focus is', async () => {
    await asOwner(served, live.id, { email: 'lijst@actueel.example.org', name: 'Lijst' }, async (page) => {
      await page.clock.install();
      await page.goto(`${served.base}/beheer/#/netwerk/${live.id}`);
      await page.getByRole('heading', { name: 'Aanmeldingen' }).waitFor();
      // The list loads after its heading shows: read the count once it is there.
      await page.locator('leerkring-console-network p.status-line', { hasText: /\d+ aanmelding/ }).first().waitFor();
      const before = Number(/(\d+) aanmelding/.exec(await statusLine(page).innerText())![1]);
      // Someone else's registration arrives; the organiser comes back to the tab.
      await register();
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await statusLine(page).getByText(`${before + 1} aanmeldingen`).waitFor();
      // While typing in the search, the 30-second poll brings the next one and keeps the typing.
      const search = page.getByLabel('Zoek op naam, e-mail of organisatie');
      await search.focus();
      await page.keyboard.type('Pers');
      await register();
      await page.clock.runFor(31_000);
      await statusLine(page).getByText(`van ${before + 2} aanmeldingen`).waitFor();
      assert.equal(await search.inputValue(), 'Pers');
      await waitForFocus(page, 'q');
    });
  });

  test('the tab counts follow a tab switch: registered elsewhere, seen on the next tab', async () => {
    await asOwner(served, live.id, { email: 'tabs@actueel.example.org', name: 'Tabs' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${live.id}`);
      await page.getByRole('heading', { name: 'Aanmeldingen' }).waitFor();
      // The list loads after its heading shows: read the count once it is there.
      await page.locator('leerkring-console-network p.status-line', { hasText: /\d+ aanmelding/ }).first().waitFor();
      const before = Number(/(\d+) aanmelding/.exec(await statusLine(page).innerText())![1]);
      await register();
      await page.locator('leerkring-console-network nav.tabs').getByRole('link', { name: 'Exporteren' }).click();
      await page.getByRole('heading', { name: 'Exporteren' }).waitFor();
      await page.locator('leerkring-console-network nav.tabs').getByRole('link', { name: 'Aanmeldingen' }).click();
      await statusLine(page).getByText(`${before + 1} aanmeldingen`).waitFor({ timeout: 5000 });
    });
  });
});
