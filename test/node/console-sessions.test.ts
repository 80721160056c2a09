// Issue 15 in the console, in Chromium against the real server: the gas-free leerkring's owner
// dates its second meeting and gives it a venue, sees who will be told and the e-mail, meets a
// 412 because another owner saved in between (the edit is kept), and saves; axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { expectAccessible, asOwner, registerAtGasvrij, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';
const ADMIN = 'console-sessions-installation-admin';

const served = consoleUnderTest(ADMIN, 'demo', 9);

describe('editing sessions in the console', () => {
  test('the gas-free owner dates the second meeting with a venue, sees who is told, survives a 412 with the edit kept, and saves', async () => {
    const ids = [await registerAtGasvrij(served.base, 1), await registerAtGasvrij(served.base, 2)];
    // One accepted, one still waiting for the intake: both are told.
    const accepted = await fetch(`${served.base}/api/admin/registrations/${ids[0]}/accept`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(accepted.status, 200);
    await new OrganiserService(served.db).setRole(GAS, 'collega@aardgasvrij.example.org', 'owner', { name: 'Collega Gasvrij' });

    await asOwner(served, GAS, { email: 'eigenaar@aardgasvrij.example.org', name: 'Eigenaar Gasvrij' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();

      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Bijeenkomsten' }).getAttribute('aria-current'), 'page');
      await expectAccessible(page, 'sessions tab');

      await page.getByRole('button', { name: 'Wijzigen (Tweede bijeenkomst)' }).click();
      // A time without a date is refused at the field.
      await page.getByLabel('Begintijd').fill('13:30');
      await page.getByRole('button', { name: 'Wijziging klaarzetten' }).click();
      await page.getByText('Vul een datum in.').waitFor();
      assert.equal(await page.getByLabel('Datum').getAttribute('aria-invalid'), 'true');
      await expectAccessible(page, 'the form with an error');
      await page.getByLabel('Datum').fill('2021-12-14');
      await page.getByLabel('Eindtijd').fill('16:00');
      await page.getByLabel('Naam van de plek').fill('Provinciehuis');
      await page.getByLabel('Plaats').fill('Zwolle');
      await page.getByRole('button', { name: 'Wijziging klaarzetten' }).click();
      await page.getByText('1 wijziging klaargezet, nog niet opgeslagen.').waitFor();

      await page.getByRole('button', { name: 'Bekijk wie bericht krijgt' }).click();
      await page.getByText('Tweede bijeenkomst: datum bekend, andere plek. 2 mensen krijgen een e-mail.').waitFor();
      await page.getByText('Datum bekend: Tweede bijeenkomst (Samenwerking gemeente en bewonersinitiatieven voor aardgasvrije wijken)').waitFor();
      await expectAccessible(page, 'who will be told, and the e-mail');
      assert.equal((await served.db.query<any>("SELECT count(*)::int AS n FROM mail_outbox WHERE kind LIKE 'session-%'")).rows[0].n, 0, 'the preview sends nothing');

      // Meanwhile a colleague saves another change.
      const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const doc = ((await current.json()) as { document: any }).document;
      const theirs = await fetch(`${served.base}/api/admin/networks/${GAS}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'if-match': current.headers.get('etag')! },
        body: JSON.stringify({ ...doc, summary: 'Een samenvatting die een collega net aanpaste.' }),
      });
      assert.equal(theirs.status, 200);

      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      const alert = page.locator('#stale');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Iemand anders heeft dit netwerk opgeslagen/);
      assert.match(await alert.innerText(), /Versie 2, door installatiebeheerder: summary/);
      // The organiser's edit is still there, on top of the colleague's version.
      await page.getByText('1 wijziging klaargezet, nog niet opgeslagen.').waitFor();
      assert.match(await page.locator('li.card', { hasText: 'Tweede bijeenkomst' }).innerText(), /Provinciehuis, Zwolle/);
      await expectAccessible(page, 'after a 412');

      await page.getByRole('button', { name: 'Bekijk wie bericht krijgt' }).click();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie 3. De e-mails gaan zo de deur uit.').waitFor();
      await page.getByText('Versie 3', { exact: false }).first().waitFor();
      await expectAccessible(page, 'saved, with the history');

      const pub = (await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any;
      const second = pub.network.sessions.find((s: any) => s.id === 'bijeenkomst-2');
      assert.equal(second.start, '2021-12-14T13:30');
      assert.equal(pub.network.summary, 'Een samenvatting die een collega net aanpaste.', 'the colleague’s change is kept');
      const mails = (await served.db.query<any>("SELECT registration_id FROM mail_outbox WHERE kind = 'session-dated'")).rows.map((r) => r.registration_id).sort();
      assert.deepEqual(mails, [...ids].sort(), 'one e-mail each: the accepted one and the pending intake');
      const feed = await (await fetch(`${served.base}/api/networks/${GAS}/calendar.ics`)).text();
      assert.match(feed, /DTSTART:20211214T123000Z/);
    });
  });

  test('editing a venue starts from its current fields and saving a room changes only the room (issue 24)', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-plek@aardgasvrij.example.org', name: 'Eigenaar Plek' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      await page.getByRole('button', { name: 'Wijzigen (Startbijeenkomst)' }).click();
      assert.equal(await page.getByLabel('Naam van de plek').inputValue(), 'Zalen van zeven');
      assert.equal(await page.getByLabel('Adres').inputValue(), 'Boothstraat 7');
      assert.equal(await page.getByLabel('Plaats').inputValue(), 'Utrecht');
      await expectAccessible(page, 'the venue form with its current fields');
      await page.getByLabel('Zaal').fill('Zaal 2');
      await page.getByRole('button', { name: 'Wijziging klaarzetten' }).click();
      await page.getByText('1 wijziging klaargezet, nog niet opgeslagen.').waitFor();
      await page.getByRole('button', { name: 'Bekijk wie bericht krijgt' }).click();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie', { exact: false }).waitFor();
      const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const doc = ((await current.json()) as { document: any }).document;
      assert.deepEqual(doc.sessions.find((s: any) => s.title === 'Startbijeenkomst').venue, { type: 'physical', name: 'Zalen van zeven', room: 'Zaal 2', address: 'Boothstraat 7', city: 'Utrecht' });
    });
  });

  test('a session card says the venue as the agenda does: none known is "Locatie volgt" only while the session is to come (issue 23)', async () => {
    await asOwner(served, 'groene-domein', { email: 'eigenaar-plek@groene-domein.example.org', name: 'Eigenaar Groen' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/groene-domein/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      // Seven meetings of 2014 and 2015, none with a venue in the document.
      const lines = page.locator('li.card > p:first-of-type');
      await lines.nth(6).waitFor();
      const texts = await lines.allInnerTexts();
      assert.equal(texts.length, 7, texts.join('\n'));
      assert.deepEqual(texts.filter((l) => l.includes('Locatie volgt')), [], texts.join('\n'));
    });
  });

  test('a restore confirmed after someone else saved restores nothing and says so (If-Match, issue 24)', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-tussendoor@aardgasvrij.example.org', name: 'Eigenaar Tussendoor' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      const revisions = async () => (await served.db.query<any>('SELECT count(*)::int AS n FROM network_revisions WHERE network_id = $1', [GAS])).rows[0].n as number;
      await page.getByRole('button', { name: 'Deze versie terugzetten (versie 1)' }).click();
      await page.getByRole('heading', { name: 'Versie 1 terugzetten: wie krijgt bericht' }).waitFor();
      // Another owner saves while this one reads the preview.
      const now = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const { revision, document } = (await now.json()) as { revision: number; document: any };
      const put = await fetch(`${served.base}/api/admin/networks/${GAS}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'if-match': `"${revision}"` },
        body: JSON.stringify({ ...document, subtitle: 'Tussendoor opgeslagen' }),
      });
      assert.equal(put.status, 200, await put.text());
      const before = await revisions();
      await page.getByRole('button', { name: 'Terugzetten en versturen' }).click();
      await page.getByText('Iemand anders heeft dit netwerk opgeslagen', { exact: false }).first().waitFor();
      assert.equal(await revisions(), before, 'nothing was restored over the other save');
      const kept = (await (await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as any;
      assert.equal(kept.document.subtitle, 'Tussendoor opgeslagen');
      await expectAccessible(page, 'a restore that met a save in between');
    });
  });

  test('restoring an old version first shows who gets an e-mail and that e-mail, and restores only when confirmed (issue 24)', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-terug@aardgasvrij.example.org', name: 'Eigenaar Terug' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      const count = async () => ({
        mails: (await served.db.query<any>('SELECT count(*)::int AS n FROM mail_outbox')).rows[0].n,
        revisions: (await served.db.query<any>('SELECT count(*)::int AS n FROM network_revisions WHERE network_id = $1', [GAS])).rows[0].n,
      });
      const before = await count();
      await page.getByRole('button', { name: 'Deze versie terugzetten (versie 1)' }).click();
      await page.getByRole('heading', { name: 'Versie 1 terugzetten: wie krijgt bericht' }).waitFor();
      await waitForFocus(page, 'preview-heading');
      await page.getByText(/Tweede bijeenkomst: datum staat niet meer vast/).waitFor();
      await page.getByRole('heading', { name: 'Zo ziet de e-mail eruit' }).waitFor();
      assert.deepEqual(await count(), before, 'the preview saves and sends nothing');
      await expectAccessible(page, 'the restore preview');
      await page.getByRole('button', { name: 'Terugzetten en versturen' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('De oude versie is teruggezet als versie', { exact: false }).waitFor();
      const after = await count();
      assert.equal(after.revisions, before.revisions + 1);
      assert.ok(after.mails > before.mails, 'the confirmed restore tells people');
    });
  });
  test('the problems of a check name the session and the field in words, not document paths (issue 24)', async () => {
    const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const doc = ((await current.json()) as { document: any }).document;
    const start = doc.sessions.find((x: any) => x.id === 'startbijeenkomst');
    start.programme = [{ time: '10:00', title: 'Welkom' }, { time: '12:00', title: 'Lunch' }];
    const put = await fetch(`${served.base}/api/admin/networks/${GAS}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'if-match': current.headers.get('etag')! },
      body: JSON.stringify(doc),
    });
    assert.equal(put.status, 200, await put.text());
    await asOwner(served, GAS, { email: 'eigenaar-paden@aardgasvrij.example.org', name: 'Eigenaar Paden' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/bijeenkomsten`);
      await page.getByRole('heading', { name: 'Bijeenkomsten bewerken' }).waitFor();
      await page.getByRole('button', { name: 'Wijzigen (Startbijeenkomst)' }).click();
      // Later in the day: the programme (10:00, 12:00) no longer fits in the session.
      await page.getByLabel('Begintijd').fill('14:00');
      await page.getByLabel('Eindtijd').fill('16:00');
      await page.getByRole('button', { name: 'Wijziging klaarzetten' }).click();
      await page.getByRole('button', { name: 'Bekijk wie bericht krijgt' }).click();
      const problems = page.locator('#problems');
      await problems.waitFor();
      const items = await problems.locator('li').allInnerTexts();
      assert.ok(items.length > 0);
      for (const item of items) {
        assert.doesNotMatch(item, /sessions\[|programme\[|\]\./, `a problem in words: ${item}`);
        assert.match(item, /^Startbijeenkomst/, `names the session: ${item}`);
      }
      assert.ok(items.some((i) => /Programma/i.test(i)), items.join('\n'));
      await expectAccessible(page, 'problems in words');
    });
  });
});
