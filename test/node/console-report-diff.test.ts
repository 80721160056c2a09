// Issue 15 in the console, in Chromium against the real server: beside a report attached to a
// session, an organiser sees who came and the e-mail, and sends it once; the history compares
// two versions in sentences. axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { networkDocumentApi } from './helpers.js';
import { expectAccessible, asOwner, registerAtGasvrij } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';
const ADMIN = 'console-report-diff-installation-admin';
const admin = { authorization: `Bearer ${ADMIN}` };

const served = consoleUnderTest(ADMIN, 'demo', 7);

describe('a report for those who came, and two versions compared, in the console', () => {
  test('the owner sends the report of the kick-off to the one person who came, once, and reads what changed between versions', async () => {
    const ids = [await registerAtGasvrij(served.base, 1), await registerAtGasvrij(served.base, 2)];
    for (const id of ids) assert.equal((await fetch(`${served.base}/api/admin/registrations/${id}/accept`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: '{}' })).status, 200);
    for (const [id, present] of [[ids[0], true], [ids[1], false]] as const) {
      const r = await fetch(`${served.base}/api/admin/registrations/${id}/attendance`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'startbijeenkomst', present }) });
      assert.equal(r.status, 200);
    }
    const docs = networkDocumentApi(served.base, GAS, admin);
    await docs.save((doc) => (doc.sessions[0].resources = [{ type: 'report', title: 'Verslag van de start', url: 'https://example.org/verslag-start.pdf' }]));
    await docs.save((doc) => {
      doc.sessions[1].start = '2021-12-14T13:30';
      doc.sessions[1].end = '2021-12-14T16:00';
    });

    await asOwner(served, GAS, { email: 'eigenaar@aardgasvrij.example.org', name: 'Eigenaar Gasvrij' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();

      const card = page.locator('li.card', { hasText: 'Startbijeenkomst' });
      await card.getByRole('button', { name: 'Verslag sturen aan wie er was (Verslag van de start)' }).click();
      await card.getByText('1 persoon is als aanwezig genoteerd.').waitFor();
      await card.getByText('Verslag van Startbijeenkomst').first().waitFor();
      assert.equal(await page.locator('li.card', { hasText: 'Tweede bijeenkomst' }).getByRole('button', { name: /Verslag sturen/ }).count(), 0, 'only beside a report');
      await expectAccessible(page, 'who will get the report, and the e-mail');
      assert.equal((await served.db.query<any>("SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'report'")).rows[0].n, 0, 'asking sends nothing');
      await card.getByRole('button', { name: 'Stuur 1 e-mail' }).click();
      await card.getByText('1 e-mail gaat zo de deur uit.').waitFor();
      const sent = (await served.db.query<any>("SELECT registration_id FROM mail_outbox WHERE kind = 'report'")).rows.map((r) => r.registration_id);
      assert.deepEqual(sent, [ids[0]], 'only the one who came');
      await card.getByRole('button', { name: 'Verslag sturen aan wie er was (Verslag van de start)' }).click();
      await card.getByText('1 van hen heeft dit verslag al gekregen', { exact: false }).waitFor();
      assert.equal(await card.getByRole('button', { name: /^Stuur/ }).count(), 0, 'nothing left to send');

      await page.getByRole('heading', { name: 'Versies vergelijken' }).waitFor();
      await page.getByRole('button', { name: 'Vergelijk met de versie ervoor (versie 3)' }).click();
      const result = page.locator('#diff-result');
      await result.getByText('Van versie 2 naar versie 3:').waitFor();
      assert.match(await result.innerText(), /Tweede bijeenkomst: datum bekend, .*14 december 2021/);
      await page.getByLabel('Oudere versie').selectOption('1');
      await page.getByRole('button', { name: 'Vergelijken', exact: true }).click();
      await result.getByText('Van versie 1 naar versie 3:').waitFor();
      assert.match(await result.innerText(), /Startbijeenkomst: verslagen en documenten gewijzigd/);
      await expectAccessible(page, 'two versions compared');
    });
  });
});
