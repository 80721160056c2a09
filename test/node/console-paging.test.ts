// Issue 27 (and issue 24, item 4): the registrations list never draws more than a page. It asks
// the server for 50 at a time (never the whole list), "Meer laden" adds the next 50 by keyboard
// with focus on the first new person, search runs on the server by core's rule, and the
// filters (status, organisation type, answer, attendance) narrow it there. In Chromium against
// the real server.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { bigNetwork, consoleUnderTest, registerByForm } from './console-setup.js';
import { asOwner, expectAccessible, focusedId } from './browser.js';

const big = bigNetwork();

const served = consoleUnderTest('console-paging-admin', [big], 9);
const ADMIN = { ...served.admin, 'content-type': 'application/json' };
const ids: string[] = [];

const list = (page: Page) => page.locator('leerkring-console-registrations');
const cards = (page: Page) => list(page).locator('li.card');
const statusLine = (page: Page) => list(page).locator('p.status-line');

describe('the registrations list, a page at a time (issue 27)', () => {
  // Inside the suite: after the server of consoleUnderTest has started (a root hook).
  before(async () => {
    for (let i = 0; i < 130; i++) {
      const name = i === 77 ? 'Zoë Kok' : `Deelnemer ${String(i).padStart(3, '0')}`;
      const participant = { name, email: `groot${i}@example.org`, organisation: 'Gemeente Zwolle', organisationType: i % 10 ? 'municipality' : 'citizen-initiative' };
      ids.push((await registerByForm(served.base, big.id, participant, { eerder: i % 2 === 0 })).id);
    }
  });

  test('opens with 50 cards from the server, never the whole list; "Meer laden" by keyboard adds 50 and focuses the first new person', async () => {
    await asOwner(served, big.id, { email: 'pagina@groot.example.org', name: 'Pagina' }, async (page) => {
      const wholeList: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.endsWith('/registrations') && !url.searchParams.has('limit')) wholeList.push(r.url());
      });
      await page.goto(`${served.base}/beheer/#/netwerk/${big.id}`);
      await statusLine(page).getByText('130 aanmeldingen').waitFor();
      assert.equal(await cards(page).count(), 50, 'one page drawn');
      const more = list(page).getByRole('button', { name: 'Meer laden' });
      await more.focus();
      await page.keyboard.press('Enter');
      await cards(page).nth(99).waitFor();
      assert.equal(await cards(page).count(), 100);
      assert.equal(await focusedId(page), `who-${ids[50]}`, 'focus on the first new person');
      await expectAccessible(page, 'registrations, two pages');
      assert.deepEqual(wholeList, [], 'the console never asks for every registration');
    });
  });

  test('search on the server: "zoe kok" finds Zoë Kok; filters narrow by type, answer and attendance', async () => {
    await asOwner(served, big.id, { email: 'zoek@groot.example.org', name: 'Zoek' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${big.id}`);
      await statusLine(page).getByText('130 aanmeldingen').waitFor();
      await list(page).getByLabel('Zoek op naam, e-mail of organisatie').fill('kok zoe');
      await statusLine(page).getByText('1 van 130 aanmeldingen').waitFor();
      assert.deepEqual(await cards(page).locator('h3').allInnerTexts(), ['Zoë Kok']);
      await list(page).getByLabel('Zoek op naam, e-mail of organisatie').fill('');
      await list(page).getByLabel('Soort organisatie').selectOption('citizen-initiative');
      await statusLine(page).getByText('13 van 130 aanmeldingen').waitFor();
      await list(page).getByLabel('Antwoord op een vraag').selectOption('eerder=true');
      await statusLine(page).getByText('13 van 130 aanmeldingen').waitFor();
      await list(page).getByLabel('Soort organisatie').selectOption('');
      await statusLine(page).getByText('65 van 130 aanmeldingen').waitFor();
      assert.equal((await fetch(`${served.base}/api/admin/registrations/${ids[0]}/attendance`, { method: 'PUT', headers: ADMIN, body: JSON.stringify({ sessionId: 'een', present: true }) })).status, 200);
      await list(page).getByLabel('Antwoord op een vraag').selectOption('');
      await list(page).getByLabel('Aanwezigheid').selectOption('een:yes');
      await statusLine(page).getByText('1 van 130 aanmeldingen').waitFor();
      await list(page).getByLabel('Aanwezigheid').selectOption('een:no');
      await statusLine(page).getByText('129 van 130 aanmeldingen').waitFor();
      await expectAccessible(page, 'registrations, filtered');
    });
  });

  test('bulk actions on the people chosen, by keyboard: a message to those who came, and cancelling two, each after a yes that says for how many', async () => {
    await asOwner(served, big.id, { email: 'samen@groot.example.org', name: 'Samen' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${big.id}`);
      await statusLine(page).getByText(/130 aanmeldingen|van 130/).first().waitFor();
      // "To those who came": filter, choose everyone on the page, send a message.
      await list(page).getByLabel('Aanwezigheid').selectOption('een:yes');
      await statusLine(page).getByText('1 van 130 aanmeldingen').waitFor();
      await list(page).getByLabel('Kies iedereen op deze pagina').focus();
      await page.keyboard.press('Space');
      await list(page).getByRole('button', { name: 'Bericht sturen' }).focus();
      await page.keyboard.press('Enter');
      await list(page).getByText('Dit bericht gaat naar 1 persoon.').waitFor();
      assert.equal(await focusedId(page), 'bulk-confirm', 'focus on what will happen, not on its yes');
      await expectAccessible(page, 'bulk message, asking');
      await list(page).getByLabel('Onderwerp').fill('Dank voor je komst');
      await list(page).getByLabel('Bericht', { exact: true }).fill('Het verslag volgt.');
      await list(page).getByRole('button', { name: 'Ja, doe het' }).press('Enter');
      await statusLine(page).getByText('Gedaan voor 1 persoon.').waitFor();
      const sent = (await (await fetch(`${served.base}/api/admin/networks/${big.id}/messages`, { headers: ADMIN })).json()) as { messages: { subject: string; recipients: { registrationId: string }[] }[] };
      assert.deepEqual(sent.messages.map((m) => [m.subject, m.recipients.map((r) => r.registrationId)]), [['Dank voor je komst', [ids[0]]]]);
      // Cancel two chosen one by one.
      await list(page).getByLabel('Aanwezigheid').selectOption('');
      await statusLine(page).getByText('130 aanmeldingen').waitFor();
      for (const i of [3, 4]) {
        await list(page).locator(`#sel-${ids[i]}`).focus();
        await page.keyboard.press('Space');
      }
      await list(page).getByText('2 mensen gekozen.').waitFor();
      await list(page).getByRole('button', { name: 'Afmelden' }).click();
      await list(page).getByText('Je meldt 2 mensen af. Zij krijgen daarover een e-mail.').waitFor();
      await list(page).getByRole('button', { name: 'Ja, doe het' }).click();
      await statusLine(page).getByText('Gedaan voor 2 mensen.').waitFor();
      const all = (await (await fetch(`${served.base}/api/admin/networks/${big.id}/registrations`, { headers: ADMIN })).json()) as { registrations: { id: string; status: string }[] };
      assert.deepEqual([3, 4, 5].map((i) => all.registrations.find((r) => r.id === ids[i])!.status), ['cancelled', 'cancelled', 'confirmed']);
    });
  });
});
