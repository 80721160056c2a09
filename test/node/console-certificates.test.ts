// Issue 24, "what organisers miss most" 2, in Chromium against the real server: the organiser
// finds who gets a certificate of attendance in the Export tab, downloads one or everyone's, and
// mails one, by keyboard; the participant downloads their own from the manage page. The PDFs
// that arrive are read back by pdf.js. axe, 320 px and 200% text on each.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { asOwner, expectAccessible } from './browser.js';
import { atPhoneSizes, consoleUnderTest, markPresent, onlineSeries, registerByForm } from './console-setup.js';
import { pdfPages } from './pdf-text.js';

const reeks = onlineSeries('bewijs', 'Leerkring Bodem en water', [
  ['een', 'Aftrap', '2030-05-01T10:00', '2030-05-01T12:00'],
  ['twee', 'Veldbezoek', '2030-06-05T13:00', '2030-06-05T16:30'],
]);

const served = consoleUnderTest('console-certificates-admin', [reeks], 7);

let n = 0;
const register = (name: string, organisation?: string) => registerByForm(served.base, reeks.id, { name, email: `bewijs${++n}@example.org`, ...(organisation && { organisation }) });
const present = (id: string, sessionId: string) => markPresent(served, id, sessionId);
const pagesOf = async (d: Download) => pdfPages(new Uint8Array(await readFile((await d.path())!)));

/** At phone sizes, then back at the desktop size the test goes on at. */
async function atPhoneSizesAndBack(page: Page, what: string): Promise<void> {
  await atPhoneSizes(page, what);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('certificates of attendance in the console (issue 24)', () => {
  test('the Export tab lists who came, downloads one PDF or all, and mails one, by keyboard', async () => {
    const anna = await register('Anna Bewijs', 'Waterschap Vechtstromen met een heel lange naamzonderspatiesdieniethoeftteworden');
    await register('Bert Afwezig');
    const cor = await register('Cor Bewijs');
    await present(anna.id, 'een');
    await present(anna.id, 'twee');
    await present(cor.id, 'twee');
    await asOwner(served, reeks.id, { email: 'eigenaar@bewijs.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${reeks.id}/exporteren`);
      const section = page.locator('leerkring-console-certificates');
      await section.getByRole('heading', { name: 'Deelnamebewijzen' }).waitFor();
      const cards = section.locator('li.card');
      assert.equal(await cards.count(), 2, 'Anna and Cor; Bert was at none');
      assert.match(await cards.nth(0).innerText(), /Anna Bewijs[\s\S]*2 bijeenkomsten, 5,5 uur/);
      assert.match(await cards.nth(1).innerText(), /Cor Bewijs[\s\S]*1 bijeenkomst, 3,5 uur/);
      await expectAccessible(page, 'certificates in the Export tab');

      const one = section.getByRole('link', { name: 'Download het deelnamebewijs van Anna Bewijs (PDF)' });
      await one.focus();
      const [single] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(single.suggestedFilename(), 'deelnamebewijs-bewijs.pdf');
      const [annaPage] = await pagesOf(single);
      assert.match(annaPage!, /Anna Bewijs/);
      assert.match(annaPage!, /Leerkring Bodem en water/);
      assert.match(annaPage!, /Veldbezoek/);
      assert.match(annaPage!, /In totaal: 2 bijeenkomsten, 5,5 uur\./);

      await section.getByLabel('Taal van het deelnamebewijs').selectOption('en');
      const all = section.getByRole('link', { name: /Download alle deelnamebewijzen \(PDF, 2 personen/ });
      await all.focus();
      const [both] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const pages = await pagesOf(both);
      assert.equal(pages.length, 2);
      assert.match(pages[0]!, /Certificate of attendance[\s\S]*Anna Bewijs/);
      assert.match(pages[1]!, /Cor Bewijs[\s\S]*In total: 1 session, 3\.5 hours\./);

      const mail = section.getByRole('button', { name: 'Mail het deelnamebewijs naar Cor Bewijs' });
      await mail.focus();
      await page.keyboard.press('Enter');
      await section.getByRole('status').getByText('Het deelnamebewijs van Cor Bewijs gaat per e-mail de deur uit.').waitFor();
      const { rows } = await served.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'certificate' AND registration_id = $1`, [cor.id]);
      assert.equal(rows[0]!.n, 1);
      await expectAccessible(page, 'certificates after mailing one');
      await atPhoneSizesAndBack(page, 'certificates in the Export tab');
    });
  });

  test('the participant downloads their own certificate from the manage page', async () => {
    const dirk = await register('Dirk Deelnemer');
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${served.base}/aanmelding#token=${dirk.manageToken}`);
      const manage = page.locator('leerkring-manage');
      await manage.getByText('Dirk Deelnemer').first().waitFor();
      assert.equal(await manage.getByRole('button', { name: 'Download je deelnamebewijs (PDF)' }).count(), 0, 'nothing to download before attendance');
      await present(dirk.id, 'een');
      await page.reload();
      const button = manage.getByRole('button', { name: 'Download je deelnamebewijs (PDF)' });
      await button.focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.equal(download.suggestedFilename(), 'deelnamebewijs-bewijs.pdf');
      const [text] = await pagesOf(download);
      assert.match(text!, /Dirk Deelnemer/);
      assert.match(text!, /Aftrap/);
      assert.match(text!, /In totaal: 1 bijeenkomst, 2 uur\./);
      assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('certificate.pdf')), false, 'no link with the token in the page');
      await expectAccessible(page, 'manage page with a certificate');
      await atPhoneSizesAndBack(page, 'manage page with a certificate');
    } finally {
      await context.close();
    }
  });
});
