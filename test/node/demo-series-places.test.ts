// The demo's series with places per session (issue 23): the lunch series on climate adaptation,
// with two parallel workshops (choose one), a hybrid closing with its own 40 places and an
// optional excursion with 20. In Chromium, on the demo page: the agenda shows it, the form asks
// "also coming?" and which workshop (with its time), the registration holds exactly that, and the
// manage page, opened through the link in the e-mail, says it per session and changes it. The
// series also has a price per organisation type: shown before registering, in the e-mail and on the manage page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { serveInChromium, watchViolations } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { deliverAll, recipient } from './helpers.js';
import type { Db } from '../../src/server/storage/db.js';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
let browser: Browser;
let base = '';
let db: Db;
let close: () => Promise<void>;

before(async () => {
  ({ base, browser, close, db } = await serveInChromium(loadNetworks('demo/data'), { secret: Buffer.alloc(32, 5), adminTokenHash: sha256('x'), staticRoot: process.cwd() }));
});
after(() => close());

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((x: any) => x.target.join(' ')).join('; ')})`);
  });
  assert.deepEqual(found, [], `${what}:\n${found.join('\n')}`);
}

const places = async (email: string) =>
  (await db.query<{ status: string; places: unknown }>('SELECT status, places FROM registrations WHERE email_lower = $1', [email])).rows.map((r) => ({
    status: r.status,
    places: typeof r.places === 'string' ? JSON.parse(r.places) : r.places,
  }));

describe('the demo series with an optional excursion and a choice of workshops, in Chromium', () => {
  test('agenda and form show it; the registration holds the choices; the manage page says and changes them', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const violations = await watchViolations(page);
    try {
      await page.goto(`${base}/demo/netwerk.html?id=klimaatadaptatie-reeks`);
      await page.waitForFunction(() => !!document.querySelector('leerkring-signup')?.shadowRoot?.querySelector('form button[type="submit"]'));
      await page.locator('leerkring-agenda').getByText('Excursie: de wadi in de wijk').first().waitFor();
      const form = page.locator('leerkring-signup');
      // The question per optional session, and the choice group with the workshops' times.
      await form.getByRole('group', { name: /^Kom je ook naar Excursie: de wadi in de wijk \(.*2031.*\)\?$/ }).waitFor();
      const group = form.getByRole('group', { name: 'Kies één van deze bijeenkomsten' });
      assert.deepEqual(await group.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels![0]!.textContent!.trim())), [
        'Werkplaats A: groene schoolpleinen (dinsdag 13 mei 2031, 13.30 uur)',
        'Werkplaats B: regenwater in de straat (dinsdag 13 mei 2031, 13.30 uur)',
      ]);
      // Issue 23: the price per organisation type, before anyone registers.
      const price = await form.locator('[part="price"]').innerText();
      assert.match(price, /Gemeente, Provincie, Waterschap: gratis/);
      assert.match(price, /Andere organisaties: €\s95/);
      await expectAccessible(page, 'the form');

      // Sending without a workshop: the error summary names the choice group.
      await form.getByLabel('Naam', { exact: true }).fill('Noor Bakker');
      await form.getByLabel('E-mailadres', { exact: true }).fill('noor.bakker@example.org');
      await form.getByLabel('Organisatie', { exact: true }).fill('Adviesbureau Voorbeeld');
      await form.getByLabel('Soort organisatie').selectOption('business');
      await form.getByRole('button', { name: 'Aanmelden' }).click();
      await form.getByRole('link', { name: 'Kies één van: Werkplaats A: groene schoolpleinen, Werkplaats B: regenwater in de straat' }).waitFor();
      await expectAccessible(page, 'the form with its error');

      await group.getByLabel(/^Werkplaats B/).check();
      await form.getByRole('radio', { name: 'Ja' }).check();
      await form.getByRole('button', { name: 'Aanmelden' }).click();
      await form.getByRole('heading', { name: /aangemeld/i }).waitFor();
      assert.deepEqual(await places('noor.bakker@example.org'), [
        { status: 'confirmed', places: { 'werkplaats-groen': 'declined', 'werkplaats-regen': 'confirmed', slot: 'confirmed', excursie: 'confirmed' } },
      ]);

      // The manage page, through the link in the e-mail.
      const mail = (await deliverAll(db)).find((m) => recipient(m) === 'noor.bakker@example.org');
      assert.ok(mail);
      assert.doesNotMatch(mail.text ?? '', /Werkplaats A/, 'the workshop not chosen is not in the e-mail');
      assert.match(mail.text ?? '', /Kosten voor je deelname: €\s95\./, 'the confirmation says what this person pays');
      const link = /(http\S+#token=\S+)/.exec(mail.text ?? '')?.[1];
      assert.ok(link, mail.text);
      await page.goto(link);
      const manage = page.locator('leerkring-manage');
      await manage.getByRole('button', { name: 'Keuze voor bijeenkomsten wijzigen' }).waitFor();
      const facts = await manage.locator('dl').innerText();
      assert.match(facts, /Excursie: de wadi in de wijk\s+Je hebt een plaats/);
      assert.match(facts, /Werkplaats A: groene schoolpleinen\s+Je komt niet/);
      assert.match(facts, /Kosten\s+€\s95/, 'the manage page says the fee');
      await expectAccessible(page, 'the manage page');
      await manage.getByRole('button', { name: 'Keuze voor bijeenkomsten wijzigen' }).click();
      await manage.getByRole('group', { name: /^Kom je ook naar Excursie: de wadi in de wijk \(.*2031.*\)\?$/ }).getByLabel('Nee').check();
      await expectAccessible(page, 'the manage page, changing the choice');
      await manage.getByRole('button', { name: 'Keuze opslaan' }).click();
      await manage.getByRole('heading', { name: 'Je keuze is opgeslagen' }).waitFor();
      assert.match(await manage.locator('dl').innerText(), /Excursie: de wadi in de wijk\s+Je komt niet/);
      assert.equal((await places('noor.bakker@example.org'))[0]!.places.excursie, 'declined');
      assert.deepEqual(await violations(), []);
    } finally {
      await page.close();
    }
  });
  test("when the form's own parts (price, choices) cannot load, nothing is sent: the form says so and to load the page again", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    // A phone losing its connection just when the form's rarer parts are fetched.
    await page.route(/\/leerkring-extras-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/registrations')) posted.push(r.url());
    });
    try {
      await page.goto(`${base}/demo/netwerk.html?id=klimaatadaptatie-reeks`);
      await page.waitForFunction(() => !!document.querySelector('leerkring-signup')?.shadowRoot?.querySelector('form button[type="submit"]'));
      const form = page.locator('leerkring-signup');
      await form.getByLabel('Naam', { exact: true }).fill('Sem de Wit');
      await form.getByLabel('E-mailadres', { exact: true }).fill('sem.dewit@example.org');
      await form.getByLabel('Organisatie', { exact: true }).fill('Adviesbureau Voorbeeld');
      await form.getByLabel('Soort organisatie').selectOption('business');
      const said = /^Een deel van dit formulier kon niet worden geladen, zoals de prijs of de keuzes\. Je aanmelding is niet verstuurd\. Laad de pagina opnieuw/;
      for (const press of ['first', 'second']) {
        await form.getByRole('button', { name: 'Aanmelden' }).click();
        const message = form.getByRole('alert').filter({ hasText: said });
        await message.waitFor();
        await page.waitForFunction(() => document.querySelector('leerkring-signup')?.shadowRoot?.activeElement?.id === 'parts-message');
        assert.deepEqual(posted, [], `no registration without the price and the choices shown (${press} press)`);
      }
      assert.equal(await form.locator('[part="price"]').count(), 0);
      await expectAccessible(page, 'the form whose parts did not come');
    } finally {
      await page.close();
    }
  });
});
