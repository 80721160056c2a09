// Issue 24, defect 6: sessions with the same title are told apart in the console by their date,
// wherever a session is chosen or named (the session filter, the check-in links, the message's
// session choice, the edit buttons, the revision list and the audit log); the audit log says to
// whom a role was given. And defect 3 in the browser: "zoe kok" finds "Zoë Kok". In Chromium
// against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { formatDate } from '../../src/core/i18n/format.js';
import { network, networkDocumentApi } from './helpers.js';
import { asOwner, expectAccessible } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const twice = network({
  id: 'tweemaal',
  title: 'Twee keer dezelfde dag',
  kind: 'learning-network',
  sessions: [
    { id: 'dag-mei', title: 'Praktijkdag', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } },
    { id: 'dag-juni', title: 'Praktijkdag', type: 'other', start: '2030-06-05T10:00', venue: { type: 'online' } },
    { id: 'slot', title: 'Slotbijeenkomst', type: 'other', start: '2030-07-01T10:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

const MAY = `Praktijkdag (${formatDate('nl', new Date('2030-05-01T10:00'))})`;
const JUNE = `Praktijkdag (${formatDate('nl', new Date('2030-06-05T10:00'))})`;

const served = consoleUnderTest('console-names-admin', [twice], 8);
const ADMIN = { authorization: 'Bearer console-names-admin' };

let n = 0;
async function register(name: string, sessionId: string): Promise<string> {
  const token = ((await (await fetch(`${served.base}/api/networks/${twice.id}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${twice.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name, email: `tweemaal${++n}@example.org` }, sessionId, formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

const options = (page: Page, selector: string) => page.locator(`${selector} option`).allInnerTexts();
const tab = (page: Page, name: string) => page.locator('leerkring-console-network nav.tabs').getByRole('link', { name, exact: true }).click();

describe('sessions with the same title (issue 24, defect 6)', () => {
  test('the date beside the title wherever a session is chosen or named; the audit log says whom and which session', async () => {
    await register('Hanna Mei', 'dag-mei');
    await register('Ivo Juni', 'dag-juni');
    // Another owner changes the June session: the revision list names it.
    await networkDocumentApi(served.base, twice.id, ADMIN).save((doc) => {
      doc.sessions[1].venue = { type: 'online', platform: 'Teams' };
    });
    await asOwner(served, twice.id, { email: 'eigenaar@tweemaal.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${twice.id}`);
      await page.getByRole('heading', { name: 'Aanmeldingen' }).waitFor();
      // The session filter.
      assert.deepEqual(await options(page, 'leerkring-console-network #session'), ['Alle', MAY, JUNE, 'Slotbijeenkomst']);
      await page.getByLabel('Bijeenkomst').selectOption({ label: JUNE });
      await page.getByText('1 van 2 aanmeldingen', { exact: false }).waitFor();
      const card = page.locator('leerkring-console-network li.card').filter({ hasText: 'Ivo Juni' });
      assert.match(await card.innerText(), new RegExp(`Bijeenkomst\\s+${JUNE.replace(/[()]/g, '\\$&')}`));

      // The check-in links, and the check-in itself.
      await tab(page, 'Aanwezigheid');
      await page.getByRole('link', { name: MAY, exact: true }).waitFor();
      await page.getByRole('link', { name: 'Slotbijeenkomst', exact: true }).waitFor();
      await page.getByRole('link', { name: JUNE, exact: true }).click();
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.getByRole('heading', { name: `Aanwezigheid: ${JUNE}` }).waitFor();
      await checkIn.getByRole('button', { name: 'Ivo Juni' }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();

      // The message's session choice.
      await tab(page, 'Berichten');
      await page.getByLabel('Over welke bijeenkomst?').waitFor();
      assert.deepEqual(await options(page, 'leerkring-console-messages #session'), ['Het hele netwerk', MAY, JUNE, 'Slotbijeenkomst']);

      // The edit buttons and the revision list on the sessions tab.
      await tab(page, 'Bijeenkomsten');
      await page.getByRole('button', { name: `Wijzigen (${JUNE})`, exact: true }).waitFor();
      await page.getByRole('button', { name: `Wijzigen (${MAY})`, exact: true }).waitFor();
      const history = page.locator('leerkring-console-sessions').getByRole('listitem').filter({ hasText: 'Versie 2' });
      assert.match(await history.innerText(), new RegExp(`gewijzigd: ${JUNE.replace(/[()]/g, '\\$&')}`));
      assert.doesNotMatch(await history.innerText(), /dag-juni/);
      await expectAccessible(page, 'sessions tab with repeated titles');

      // The audit log: to whom a role was given, and which session was meant.
      await tab(page, 'Organisatoren');
      const organisers = page.locator('leerkring-console-organisers');
      await organisers.getByLabel('E-mailadres').fill('collega@tweemaal.example.org');
      await organisers.getByLabel('Naam (optioneel)').fill('Collega Tweemaal');
      await organisers.getByRole('button', { name: 'Toevoegen' }).click();
      await organisers.getByText('collega@tweemaal.example.org kan nu inloggen', { exact: false }).waitFor();
      const log = organisers.locator('ul').last();
      await log.getByText('rol gegeven aan Collega Tweemaal (organisator)', { exact: false }).waitFor();
      const attendance = log.getByRole('listitem').filter({ hasText: 'aanwezigheid bijgehouden' });
      assert.match(await attendance.innerText(), new RegExp(`bijeenkomst: ${JUNE.replace(/[()]/g, '\\$&')}`));
      const saved = log.getByRole('listitem').filter({ hasText: 'netwerk bewerkt' });
      assert.match(await saved.innerText(), new RegExp(`bijeenkomst: ${JUNE.replace(/[()]/g, '\\$&')}`));
      assert.doesNotMatch(await log.innerText(), /dag-juni/);
      await expectAccessible(page, 'audit log');
    });
  });

  test('the registrations search: "zoe kok" (no accent, other order) finds Zoë Kok (defect 3)', async () => {
    await register('Zoë Kok', 'slot');
    await register('Zoë Bakker', 'slot');
    await asOwner(served, twice.id, { email: 'zoeken@tweemaal.example.org', name: 'Zoeker' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${twice.id}`);
      await page.getByRole('heading', { name: 'Aanmeldingen' }).waitFor();
      await page.getByLabel('Zoek op naam, e-mail of organisatie').fill('kok zoe');
      const cards = page.locator('leerkring-console-network li.card h3');
      await page.getByText('1 van ', { exact: false }).waitFor();
      assert.deepEqual(await cards.allInnerTexts(), ['Zoë Kok']);
      await page.getByLabel('Zoek op naam, e-mail of organisatie').fill('zoe kok');
      await page.getByText('1 van ', { exact: false }).waitFor();
      assert.deepEqual(await cards.allInnerTexts(), ['Zoë Kok']);
    });
  });
});
