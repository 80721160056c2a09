// Issue 23, late cancellation on the manage page, in Chromium: after the free-cancellation term the
// confirm step says the fee stands before the person cancels, and the erase step says what is kept
// for the invoice (and until when) before they confirm, both for a place and after a late cancel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { serveInChromium, watchViolations, expectAccessible } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { eilandenNetwork, formToken } from './helpers.js';
import type { Db } from '../../src/server/storage/db.js';

const eilanden = eilandenNetwork();

let browser: Browser;
let base = '';
let db: Db;
let close: () => Promise<void>;
let clock = new Date('2030-05-13T20:00:00Z');

before(async () => {
  ({ base, browser, close, db } = await serveInChromium(new Map([[eilanden.id, eilanden]]), { secret: Buffer.alloc(32, 7), adminTokenHash: sha256('x'), now: () => clock }));
});
after(() => close());

async function register(who: string): Promise<string> {
  clock = new Date('2030-05-13T20:00:00Z');
  const res = await fetch(`${base}/api/networks/eilanden/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sessionId: 'skylge',
      participant: { name: `Deelnemer ${who}`, email: `${who}@example.org`, organisation: `Bedrijf ${who}`, organisationType: 'business' },
      formToken: await formToken(base, 'eilanden'),
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { manageToken: string }).manageToken;
}

async function open(token: string): Promise<{ page: Page; violations: () => Promise<unknown[]> }> {
  const page = await browser.newPage({ viewport: { width: 320, height: 740 } });
  const violations = await watchViolations(page);
  await page.goto(`${base}/aanmelding#token=${encodeURIComponent(token)}`);
  await page.locator('leerkring-manage').getByRole('heading', { name: 'Je gegevens verwijderen' }).waitFor();
  return { page, violations };
}

test('after the free term: the cancel step says the fee stands; the erase step says what the invoice keeps', async () => {
  const token = await register('plaats');
  clock = new Date('2030-05-22T09:00:00Z');
  const { page, violations } = await open(token);
  try {
    const manage = page.locator('leerkring-manage');
    await manage.getByRole('button', { name: 'Afmelden' }).click();
    const confirm = manage.getByRole('group', { name: 'Wil je je echt afmelden?' });
    await confirm.waitFor();
    assert.equal(
      (await confirm.locator('#fee-stands').innerText()).trim(),
      'De termijn om kosteloos af te melden is voorbij. Meld je je nu af, dan blijven de kosten staan: €\u00a095.',
    );
    await expectAccessible(page, 'the cancel step with the fee');
    await confirm.getByRole('button', { name: 'Nee, terug' }).click();
    await manage.getByRole('button', { name: 'Mijn gegevens verwijderen' }).click();
    const erase = manage.getByRole('group', { name: 'Wil je je gegevens echt verwijderen?' });
    await erase.waitFor();
    assert.match(await erase.locator('#fee-kept').innerText(), /^De kosten blijven staan: €\u00a095\. Daarom bewaren we je naam, e-mailadres en organisatie voor de factuur, tot de bewaartermijn voorbij is\./);
    await expectAccessible(page, 'the erase step with the fee');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling at 320 px');
    await erase.getByRole('button', { name: 'Ja, verwijder mijn gegevens' }).click();
    await manage.getByRole('heading', { name: 'Je gegevens zijn verwijderd' }).waitFor();
    const { rows } = await db.query<{ cancellation_fee: string; participant: unknown }>(`SELECT cancellation_fee, participant FROM registrations WHERE erased_at IS NOT NULL`);
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0]!.cancellation_fee), 95);
    assert.deepEqual(await violations(), []);
  } finally {
    await page.close();
  }
});

test('cancelled after the free term, then erasing: the erase step says the fee is kept; before the term it says nothing of it', async () => {
  const late = await register('later');
  const early = await register('vroeg');
  clock = new Date('2030-05-22T09:00:00Z');
  assert.equal((await fetch(`${base}/api/registrations/${late}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 200);
  for (const [token, kept] of [[late, true], [early, false]] as const) {
    if (!kept) clock = new Date('2030-05-19T09:00:00Z');
    const { page } = await open(token);
    try {
      const manage = page.locator('leerkring-manage');
      await manage.getByRole('button', { name: 'Mijn gegevens verwijderen' }).click();
      const erase = manage.getByRole('group', { name: 'Wil je je gegevens echt verwijderen?' });
      await erase.waitFor();
      assert.equal(await erase.locator('#fee-kept').count(), kept ? 1 : 0);
    } finally {
      await page.close();
    }
  }
});
