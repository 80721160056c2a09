// Issue 24: the console at 320 CSS px with 200% text, in Chromium against the real server. No
// tab scrolls sideways (WCAG 1.4.10): not the session filter with long session names, not a
// check-in list with one long unbroken organisation name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { asOwner } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const GAS = 'aardgasvrij-leerkring';
const ADMIN = 'console-reflow-installation-admin';
const LONG_ORGANISATION = 'Bewonersinitiatiefvoorduurzaamheidenleefbaarheidindewijkkattenbroek';

const served = consoleUnderTest(ADMIN, 'demo', 3);

async function register(n: number): Promise<string> {
  const token = ((await (await fetch(`${served.base}/api/networks/${GAS}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${GAS}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      participant: { name: `Deelnemer Lang ${n}`, email: `lang${n}@example.org`, organisation: LONG_ORGANISATION, organisationType: 'municipality' },
      declarations: ['werkt-samen-met-initiatief'],
      answers: { initiatief: `${LONG_ORGANISATION}${n}` },
      formToken: token,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

/** How far the page scrolls sideways, and what sticks out past the viewport's right edge. */
function sideways(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    const wide: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++)
      for (const el of roots[i]!.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1 && !el.querySelector('*')) wide.push(`<${el.localName}${el.id ? `#${el.id}` : ''}> ends at ${Math.round(r.right)}px`);
      }
    return { over, wide: wide.slice(0, 5) };
  });
}

describe('the console at 320 px with 200% text', () => {
  test('no tab scrolls sideways, also with long session names and a long unbroken organisation name', async () => {
    const id = await register(1);
    await register(2);
    const accepted = await fetch(`${served.base}/api/admin/registrations/${id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(accepted.status, 200);
    await asOwner(served, GAS, { email: 'eigenaar-smal@aardgasvrij.example.org', name: 'Eigenaar Smal' }, async (page) => {
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      await page.setViewportSize({ width: 320, height: 800 });
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
      const problems: string[] = [];
      const check = async (what: string) => {
        const s = await sideways(page);
        if (s.over > 0) problems.push(`${what}: scrolls sideways by ${s.over}px (${s.wide.join(', ')})`);
      };
      await check('overview');
      for (const [slug, heading] of [
        ['aanmeldingen', 'Aanmeldingen'],
        ['intake', 'Intake'],
        ['wachtlijst', 'Wachtlijst'],
        ['aanwezigheid/startbijeenkomst', 'Aanwezigheid: Startbijeenkomst'],
        ['berichten', 'Berichten'],
        ['bijeenkomsten', 'Bijeenkomsten bewerken'],
        ['gegevens', 'Gegevens van het netwerk'],
        ['document', 'Het hele netwerk als JSON'],
      ] as const) {
        await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/${slug}`);
        await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
        await page.getByRole('heading', { name: heading }).first().waitFor();
        await check(slug);
      }
      assert.deepEqual(problems, []);
    });
  });
});
