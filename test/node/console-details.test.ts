// Issue 15: the owner edits the network's details (texts, kind, registration rules) in the
// "Gegevens" tab, in Chromium against the real server. The validator's own sentences are shown
// at the field their path names and in a summary; axe-core on each state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetwork } from '../../src/core/index.js';
import { expectAccessible, waitForFocus, asOwner } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const ADMIN = 'console-details-installation-admin';
const GAS = 'aardgasvrij-leerkring';

const served = consoleUnderTest(ADMIN, 'demo', 4);

describe('the network details form in the console', () => {
  test('the owner sees the validator’s problems at their fields, then saves new registration rules', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-gegevens@aardgasvrij.example.org', name: 'Eigenaar Gegevens' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/gegevens`);
      await page.getByRole('heading', { name: 'Gegevens van het netwerk' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Gegevens' }).getAttribute('aria-current'), 'page');
      const before = ((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network;
      assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), before.title);
      await expectAccessible(page, 'the details tab');

      // The sentences the validator itself gives for these mistakes (an emptied field is left out).
      const { title: _title, ...untitled } = before;
      const expected = parseNetwork({ ...untitled, registration: { ...before.registration, capacity: 0 } });
      assert.ok(!expected.ok);
      const sentence = (path: string) => expected.problems.find((p) => p.path === path)!.message.nl;

      await page.getByLabel('Titel', { exact: true }).fill('');
      await page.getByLabel('Aantal plaatsen').fill('0');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.locator('#problems').waitFor();
      await waitForFocus(page, 'problems');
      assert.equal(await page.locator('#f-title-error').innerText(), sentence('title'));
      assert.equal(await page.locator('#f-registration-capacity-error').innerText(), sentence('registration.capacity'));
      assert.equal(await page.getByLabel('Titel', { exact: true }).getAttribute('aria-describedby'), 'f-title-error');
      assert.equal(await page.getByLabel('Aantal plaatsen').getAttribute('aria-describedby'), 'f-registration-capacity-hint f-registration-capacity-error');
      assert.equal(await page.getByLabel('Aantal plaatsen').getAttribute('aria-invalid'), 'true');
      await expectAccessible(page, 'with problems at the fields');
      await page.locator('#problems').getByRole('link', { name: `Aantal plaatsen: ${sentence('registration.capacity')}` }).focus();
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'f-registration-capacity');

      await page.getByLabel('Titel', { exact: true }).fill(before.title);
      await page.getByLabel('Aantal plaatsen').fill('20');
      await page.getByLabel('Herinnering zoveel dagen voor elke bijeenkomst').fill('3');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'De gegevens kloppen' }).waitFor();
      await waitForFocus(page, 'preview-heading');
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie 2.', { exact: false }).waitFor();
      await waitForFocus(page, 'notice');
      await expectAccessible(page, 'saved');

      const after = ((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network;
      assert.equal(after.registration.capacity, 20);
      assert.equal(after.registration.reminderDaysBefore, 3);
      assert.equal(after.title, before.title);
      assert.deepEqual(after.sessions, before.sessions, 'what the form does not show is kept');
    });
  });

  test('contact, waiting list, intake and privacy are fields too: the validator’s sentence at the field, then saved in the document', async () => {
    const email = 'eigenaar-contact@aardgasvrij.example.org';
    await asOwner(served, GAS, { email: email, name: 'Eigenaar Contact' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/gegevens`);
      await page.getByRole('heading', { name: 'Gegevens van het netwerk' }).waitFor();
      const stored = async () => {
        const { rows } = await served.db.query<{ document: string }>('SELECT document FROM network_revisions WHERE network_id = $1 ORDER BY revision DESC LIMIT 1', [GAS]);
        return JSON.parse(rows[0]!.document);
      };
      const before = await stored();
      assert.equal(await page.getByLabel('E-mailadres voor vragen').inputValue(), before.contact.email);
      assert.equal(await page.getByLabel('We nemen binnen zoveel dagen contact op').inputValue(), String(before.registration.approval.contactWithinDays));

      // A limit on a waiting list that is off, and an address that is not one: the validator's own sentences.
      const expected = parseNetwork({ ...before, contact: { ...before.contact, email: 'geen-adres' }, registration: { ...before.registration, waitlist: { enabled: false, limit: 5 } } });
      assert.ok(!expected.ok);
      const sentence = (path: string) => expected.problems.find((p) => p.path === path)!.message.nl;
      await page.getByLabel('E-mailadres voor vragen').fill('geen-adres');
      await page.getByLabel('Hoogstens zoveel mensen op de wachtlijst').fill('5');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.locator('#problems').waitFor();
      assert.equal(await page.locator('#f-contact-email-error').innerText(), sentence('contact.email'));
      assert.equal(await page.locator('#f-registration-waitlist-limit-error').innerText(), sentence('registration.waitlist.limit'));
      await expectAccessible(page, 'contact and waiting-list problems at their fields');

      await page.getByLabel('E-mailadres voor vragen').fill('vragen@example.org');
      await page.getByLabel('Wachtlijst als het vol is').check();
      await page.getByLabel('Naam van wie de gegevens beheert (verwerkingsverantwoordelijke)').fill('Gemeente Voorbeeld');
      await page.getByLabel('Gegevens bewaren tot zoveel dagen na de laatste bijeenkomst').fill('90');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'De gegevens kloppen' }).waitFor();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie', { exact: false }).waitFor();

      const after = await stored();
      assert.equal(after.contact.email, 'vragen@example.org');
      assert.equal(after.contact.name, before.contact.name);
      assert.deepEqual(after.registration.waitlist, { enabled: true, limit: 5 });
      assert.deepEqual(after.registration.privacy, { ...before.registration.privacy, controller: 'Gemeente Voorbeeld', retentionDays: 90 });
      assert.deepEqual(after.registration.approval, before.registration.approval, 'what was not touched is kept');
    });
  });

  test('a 412 keeps what the owner typed in the field and says who saved in between (issue 24)', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-412@aardgasvrij.example.org', name: 'Eigenaar 412' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/gegevens`);
      await page.getByRole('heading', { name: 'Gegevens van het netwerk' }).waitFor();
      await page.getByLabel('Korte samenvatting').fill('Mijn eigen samenvatting.');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'De gegevens kloppen' }).waitFor();

      // Meanwhile a colleague saves the same field and another one.
      const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const doc = ((await current.json()) as { document: any }).document;
      const theirs = await fetch(`${served.base}/api/admin/networks/${GAS}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'if-match': current.headers.get('etag')! },
        body: JSON.stringify({ ...doc, summary: 'De samenvatting van een collega.', subtitle: 'Ondertitel van een collega' }),
      });
      assert.equal(theirs.status, 200);

      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      const alert = page.locator('#stale');
      await alert.waitFor();
      await waitForFocus(page, 'stale');
      assert.match(await alert.innerText(), /door installatiebeheerder: .*summary/);
      assert.equal(await page.getByLabel('Korte samenvatting').inputValue(), 'Mijn eigen samenvatting.', 'what the owner typed is kept');
      assert.equal(await page.getByLabel('Ondertitel').inputValue(), 'Ondertitel van een collega', 'a field the owner did not touch shows the newer text');
      await expectAccessible(page, 'details after a 412');

      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'De gegevens kloppen' }).waitFor();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie', { exact: false }).waitFor();
      const after = ((await (await fetch(`${served.base}/api/networks/${GAS}`)).json()) as any).network;
      assert.equal(after.summary, 'Mijn eigen samenvatting.');
      assert.equal(after.subtitle, 'Ondertitel van een collega');
    });
  });

  test('registration opens and closes are date and time fields, with sentences at the field instead of document paths (issue 24)', async () => {
    await asOwner(served, GAS, { email: 'eigenaar-datum@aardgasvrij.example.org', name: 'Eigenaar Datum' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/gegevens`);
      await page.getByRole('heading', { name: 'Gegevens van het netwerk' }).waitFor();
      assert.equal(await page.getByLabel('Aanmelden kan vanaf', { exact: true }).getAttribute('type'), 'date');
      assert.equal(await page.getByLabel('Tijd waarop aanmelden kan vanaf').getAttribute('type'), 'time');
      // A time without a date: a sentence at the field, and the summary names the field, not its path.
      await page.getByLabel('Tijd waarop aanmelden kan vanaf').fill('09:00');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.locator('#problems').waitFor();
      assert.equal(await page.locator('#f-registration-opens-error').innerText(), 'Vul ook een datum in.');
      const summary = await page.locator('#problems').innerText();
      assert.match(summary, /Aanmelden kan vanaf: Vul ook een datum in\./);
      assert.doesNotMatch(summary, /registration\./);
      await expectAccessible(page, 'a time without a date');
      await page.getByLabel('Aanmelden kan vanaf', { exact: true }).fill('2021-09-01');
      await page.getByLabel('Aanmelden kan tot', { exact: true }).fill('2021-10-15');
      await page.getByRole('button', { name: 'Controleren en bekijken wie bericht krijgt' }).click();
      await page.getByRole('heading', { name: 'De gegevens kloppen' }).waitFor();
      await page.getByRole('button', { name: 'Opslaan en versturen' }).click();
      await page.getByText('Opgeslagen als versie', { exact: false }).waitFor();
      const current = await fetch(`${served.base}/api/admin/networks/${GAS}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const doc = ((await current.json()) as { document: any }).document;
      assert.equal(doc.registration.opens, '2021-09-01T09:00');
      assert.equal(doc.registration.closes, '2021-10-15');
    });
  });
});
