// Issue 23 in the console, in Chromium against the real server: a recording (or any other resource
// the announce route accepts) gets its own "send to those who came" button, worded by its type,
// beside the report's. Keyboard only, focus checked, axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { networkDocumentApi } from './helpers.js';
import { expectAccessible, asOwner, registerAtGasvrij, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';
const ADMIN = 'console-resource-notice-installation-admin';
const admin = { authorization: `Bearer ${ADMIN}` };

const served = consoleUnderTest(ADMIN, 'demo', 7);

describe('a recording and a newsletter for those who came, in the console', () => {
  test('the owner announces the recording of the kick-off by keyboard, worded as a recording, once', async () => {
    const id = await registerAtGasvrij(served.base, 1);
    assert.equal((await fetch(`${served.base}/api/admin/registrations/${id}/accept`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: '{}' })).status, 200);
    const present = await fetch(`${served.base}/api/admin/registrations/${id}/attendance`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'startbijeenkomst', present: true }) });
    assert.equal(present.status, 200);
    await networkDocumentApi(served.base, GAS, admin).save(
      (doc) =>
        (doc.sessions[0].resources = [
          { type: 'video', title: 'Opname van de start', url: 'https://example.org/opname-start' },
          { type: 'newsletter', title: 'Nieuwsbrief december', url: 'https://example.org/nieuwsbrief-december' },
        ]),
    );

    await asOwner(served, GAS, { email: 'eigenaar@aardgasvrij.example.org', name: 'Eigenaar Gasvrij' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();

      const card = page.locator('li.card', { hasText: 'Startbijeenkomst' });
      await card.getByRole('button', { name: 'Nieuwsbrief sturen aan wie er was (Nieuwsbrief december)' }).waitFor();
      const ask = card.getByRole('button', { name: 'Opname sturen aan wie er was (Opname van de start)' });
      await ask.focus();
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'report-who', 'who will get it, after asking');
      await card.getByText('1 persoon is als aanwezig genoteerd.').waitFor();
      await card.getByText('Opname van Startbijeenkomst').first().waitFor();
      await expectAccessible(page, 'who will get the recording, and the e-mail');
      await card.getByRole('button', { name: 'Stuur 1 e-mail' }).focus();
      await page.keyboard.press('Enter');
      await card.getByText('1 e-mail gaat zo de deur uit.').waitFor();
      const sent = (await served.db.query<any>("SELECT registration_id FROM mail_outbox WHERE kind = 'report'")).rows.map((r) => String(r.registration_id));
      assert.deepEqual(sent, [String(id)], 'the one who came');
      await ask.click();
      await card.getByText('1 van hen heeft deze opname al gekregen', { exact: false }).waitFor();
      assert.equal(await card.getByRole('button', { name: /^Stuur/ }).count(), 0, 'nothing left to send');
      await expectAccessible(page, 'the recording already told');
    });
  });
});
