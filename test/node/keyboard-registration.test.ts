// A whole registration by keyboard alone on every seed network that registers through the form
// (issue 12): from the top of the demo page, Tab into the form, fill it as a person would
// (typing, Space on choices, a letter on the select), send it with Enter, and land with focus on
// the outcome. The order the keyboard visits the form is the order the accessibility tree reads it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { serveInChromium, watchViolations } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { DEMO_NETWORKS } from '../../demo/networks.js';
import type { Db } from '../../src/server/storage/db.js';

let browser: Browser;
let base = '';
let db: Db;
let close: () => Promise<void>;
const networks = loadNetworks('demo/data');

before(async () => {
  ({ base, browser, close, db } = await serveInChromium(networks, { secret: Buffer.alloc(32, 3), adminTokenHash: sha256('x'), staticRoot: process.cwd() }));
});
after(() => close());

interface Focused {
  inForm: boolean;
  tag: string;
  type: string;
  name: string;
  /** The accessible name as a person hears it: its label, or its text. */
  label: string;
}

/** What has focus, through the shadow roots. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const e = el as HTMLInputElement | null;
    if (!e) return { inForm: false, tag: '', type: '', name: '', label: '' };
    const root = e.getRootNode() as ShadowRoot | Document;
    const label = e.id ? root.querySelector?.(`label[for="${e.id}"]`)?.textContent : null;
    return {
      inForm: !!e.closest('form') && (root as ShadowRoot).host?.localName === 'leerkring-signup',
      tag: e.localName,
      type: e.type ?? '',
      name: e.name ?? '',
      label: (label ?? e.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}

const TEXT: Record<string, string> = {
  name: 'Sam de Vries',
  organisation: 'Gemeente Voorbeeld',
  role: 'Beleidsadviseur',
  phone: '030 123 45 67',
  groupSize: '8',
};

const FORM_NETWORKS = DEMO_NETWORKS.filter((d) => networks.get(d.id)!.registration.mode === 'built-in');

describe('a whole registration by keyboard alone, in reading order', () => {
  test('every seed network that registers through the form is covered', () => {
    assert.deepEqual(FORM_NETWORKS.map((d) => d.id).sort(), ['aardgasvrij-leerkring', 'groene-domein', 'klimaatadaptatie-reeks', 'overheidsparticipatie-workshop', 'vitaal-platteland']);
  });

  for (const demo of FORM_NETWORKS) {
    test(`${demo.id}: Tab, type, Space, Enter; focus on the outcome`, async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      const violations = await watchViolations(page);
      try {
        await page.goto(`${base}/demo/netwerk.html?id=${demo.id}`);
        await page.waitForFunction(() => !!document.querySelector('leerkring-signup')?.shadowRoot?.querySelector('form button[type="submit"]'));
        const visited: string[] = [];
        let presses = 0;
        // From the top of the page into the form: through the skip link, the breadcrumb and the agenda.
        for (; presses < 300; presses++) {
          await page.keyboard.press('Tab');
          if ((await focused(page)).inForm) break;
        }
        const seenGroups = new Set<string>();
        for (let i = 0; i < 80; i++) {
          const f = await focused(page);
          assert.ok(f.inForm, `focus left the form after "${visited.at(-1)}"`);
          visited.push(f.label);
          if (f.tag === 'button' && f.type === 'submit') break;
          if (f.tag === 'input' && (f.type === 'radio' || f.type === 'checkbox')) {
            // A radio group is one stop: Space chooses the first; a declaration is confirmed with Space.
            if (f.type === 'checkbox' || !seenGroups.has(f.name)) await page.keyboard.press('Space');
            seenGroups.add(f.name);
          } else if (f.tag === 'select') {
            await page.keyboard.type('Gem');
          } else if (f.tag === 'input' || f.tag === 'textarea') {
            const value = f.type === 'email' ? `sam-${demo.id}@example.org` : (TEXT[f.name] ?? (f.name === 'website' ? '' : 'Friese Veenweiden'));
            await page.keyboard.type(value);
          }
          await page.keyboard.press('Tab');
        }
        assert.equal((await focused(page)).type, 'submit', `reached the submit button, visited: ${visited.join(' | ')}`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelector('leerkring-signup')!.shadowRoot!.activeElement?.id === 'outcome-heading', undefined, { timeout: 10000 }).catch(async () => {
          const text = await page.evaluate(() => document.querySelector('leerkring-signup')!.shadowRoot!.textContent!.replace(/\s+/g, ' ').slice(0, 600));
          assert.fail(`no outcome heading with focus; the form says: ${text}`);
        });
        const outcome = (await focused(page)).label;
        assert.match(outcome, /^(Je bent aangemeld|We hebben je aanmelding ontvangen|We hebben je aanvraag ontvangen)$/);
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE network_id = $1 AND email_lower = $2`, [demo.id, `sam-${demo.id}@example.org`]);
        assert.equal(Number(rows[0]!.n), 1, 'stored once');
        assert.deepEqual(await violations(), []);
        // Reading order: the accessibility tree names the form's controls in the order the keyboard visited them.
        await page.reload();
        await page.waitForFunction(() => !!document.querySelector('leerkring-signup')?.shadowRoot?.querySelector('form button[type="submit"]'));
        // The form's own parts (here the series' choices) load on demand: its updateComplete waits for them.
        await page.evaluate(() => (document.querySelector('leerkring-signup') as unknown as { updateComplete: Promise<boolean> }).updateComplete);
        const tree = await page.locator('leerkring-signup').ariaSnapshot();
        let at = -1;
        for (const name of visited.filter((v) => v)) {
          const next = tree.indexOf(name.slice(0, 40), at + 1);
          assert.ok(next > at, `"${name}" is read after what comes before it in the tab order:\n${tree}`);
          at = next;
        }
      } finally {
        await page.close();
      }
    });
  }
});
