// Issue 23 (m23c), item 3 in the console: a closed group takes no registrations from the form,
// so its organisers add the participants themselves: "Iemand aanmelden" is there for it, by
// keyboard, axe-clean, in Chromium against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { network } from './helpers.js';
import { asOwner, expectAccessible } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const kring = network({
  id: 'wethouderskring',
  title: 'Kring van wethouders',
  kind: 'intervision',
  sessions: [{ id: 'een', title: 'Eerste kring', type: 'intervision', start: '2030-05-14T19:30', end: '2030-05-14T21:30', venue: { type: 'physical', participantsOnly: true, address: 'Achterom 7', city: 'Zwolle' } }],
  registration: { mode: 'closed', fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('closed-admin', [kring], 3);
describe('a closed group in the console', () => {
  test('the organiser adds a participant with "Iemand aanmelden"', async () => {
    await asOwner(served, kring.id, { email: 'griffier@kring.example.org', name: 'Griffier' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${kring.id}`);
      await page.getByText('Iemand aanmelden', { exact: true }).first().focus();
      await page.keyboard.press('Enter');
      const form = page.locator('leerkring-console-registration-entry').first();
      await form.getByLabel('Naam').fill('Wethouder Jansen');
      await form.getByLabel('E-mailadres').fill('wethouder.jansen@example.org');
      await form.getByRole('button', { name: 'Aanmelden' }).press('Enter');
      await page.getByText('Wethouder Jansen is aangemeld. Status: Aangemeld.').waitFor();
      const res = await fetch(`${served.base}/api/admin/networks/${kring.id}/registrations`, { headers: { authorization: 'Bearer closed-admin' } });
      const rows = ((await res.json()) as { registrations: { status: string; participant: { email: string } }[] }).registrations;
      assert.deepEqual(rows.map((r) => [r.participant.email, r.status]), [['wethouder.jansen@example.org', 'confirmed']]);
      await expectAccessible(page, 'closed group with a participant added');
    });
  });
});
