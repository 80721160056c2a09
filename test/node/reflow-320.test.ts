// Reflow at 320 CSS pixels with 200% text (issue 25, item 15; WCAG 1.4.10): every public page —
// each demo network's page (about, agenda, signup form, also with its errors shown), the
// catalogue, the agenda in a CMS page, the manage page and the feedback page the server serves
// itself — fits a 320 px screen: the page does not scroll sideways, and no text inside the
// elements' shadow roots is cut off or sticks out of its box.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { serveInChromium } from './browser.js';
import { sha256, feedbackToken } from '../../src/server/tokens.js';
import { formToken } from './helpers.js';
import { DEMO_NETWORKS } from '../../demo/networks.js';

const SECRET = Buffer.alloc(32, 9);
let browser: Browser;
let base = '';
let close: () => Promise<void>;
let manageToken = '';
let feedback = '';

before(async () => {
  ({ base, browser, close } = await serveInChromium(loadNetworks('demo/data'), { secret: SECRET, adminTokenHash: sha256('x'), staticRoot: process.cwd() }));
  // A real registration for the manage page, and its attendance recorded for the feedback page.
  const body = {
    participant: { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Voorbeeld', organisationType: 'municipality' },
    answers: { gebied: 'Friese Veenweiden' },
    sessionId: 'werkplaats-4-maatschappelijke-partners',
    formToken: await formToken(base, 'vitaal-platteland'),
  };
  const res = await fetch(`${base}/api/networks/vitaal-platteland/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  const r = (await res.json()) as { id: string; manageToken: string };
  manageToken = r.manageToken;
  const sessionId = 'werkplaats-4-maatschappelijke-partners';
  const seen = await fetch(`${base}/api/admin/registrations/${r.id}/attendance`, { method: 'PUT', headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, present: true }) });
  assert.equal(seen.status, 200, await seen.text());
  feedback = `/feedback/${feedbackToken(SECRET, r.id, sessionId)}`;
});
after(() => close());

type Visit = { name: string; path: () => string; errors?: boolean; plain?: boolean };
const VISITS: Visit[] = [
  { name: 'catalogue (index)', path: () => '/' },
  ...DEMO_NETWORKS.flatMap((n): Visit[] => [
    { name: `${n.id}: about, agenda, form`, path: () => `/demo/netwerk.html?id=${n.id}` },
    { name: `${n.id}: the form with its errors`, path: () => `/demo/netwerk.html?id=${n.id}`, errors: true },
  ]),
  { name: 'agenda in a CMS page (own document, nl and en)', path: () => '/demo/cms.html' },
  { name: 'manage page of the demo', path: () => `/demo/aanmelding.html#token=${manageToken}` },
  { name: "manage page the server serves", path: () => `/aanmelding#token=${manageToken}` },
  { name: 'feedback page', path: () => feedback, plain: true },
  { name: 'feedback page in English', path: () => `${feedback}?lang=en`, plain: true },
];

async function settled(page: Page) {
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('leerkring-agenda, leerkring-signup, leerkring-manage, leerkring-catalogue, leerkring-about')];
    return els.every((e) => e.shadowRoot && e.shadowRoot.textContent!.trim() && !/laden…|Loading/.test(e.shadowRoot.textContent!));
  });
}

/** What does not fit: the page's sideways scroll, boxes past the screen's edge, and text cut off inside its box (shadow roots included). */
function misfits(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const view = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth - view;
    if (wide > 0) out.push(`page scrolls sideways by ${wide}px`);
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i]!.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        const cs = getComputedStyle(el);
        if (cs.display === 'none' || cs.visibility === 'hidden') continue;
        const r = el.getBoundingClientRect();
        if (!r.width) continue;
        // (No named helper here: tsx would wrap it in a `__name` call the page does not have.)
        const name = `<${el.localName}${typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : ''}> "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
        // Visually hidden text (1 px, clipped) is meant to be cut off.
        if (r.width <= 1 || cs.clipPath !== 'none' || cs.clip !== 'auto') continue;
        // A skip link waits wholly left of the screen until it has focus; that scrolls nothing.
        if (r.right > view + 1) out.push(`${name} ends at ${Math.round(r.right)}px`);
        else if (r.left < -1 && r.right > 0) out.push(`${name} starts at ${Math.round(r.left)}px`);
        // Text cut off: content wider than its box where the box hides what is outside.
        if (roots[i] !== document && el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'visible' && !['select', 'input', 'textarea'].includes(el.localName))
          out.push(`${name} is cut off (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    return out.slice(0, 10);
  });
}

describe('320 px wide with 200% text: nothing scrolls sideways, no text is cut off', () => {
  for (const v of VISITS) {
    test(v.name, async () => {
      const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
      try {
        await page.goto(base + v.path());
        if (!v.plain) await settled(page);
        if (v.errors) {
          const submit = page.locator('leerkring-signup button[type="submit"]');
          if (await submit.count()) {
            await submit.click();
            await page.waitForFunction(() => !!document.querySelector('leerkring-signup')!.shadowRoot!.querySelector('.error-summary, [role="alert"]'));
          }
        }
        // Every folded part open (the agenda's "add to calendar" with its .ics button, the programme).
        await page.evaluate(() => {
          const roots: (Document | ShadowRoot)[] = [document];
          for (let i = 0; i < roots.length; i++)
            for (const el of roots[i]!.querySelectorAll('*')) {
              if (el.shadowRoot) roots.push(el.shadowRoot);
              if (el.localName === 'details') (el as HTMLDetailsElement).open = true;
            }
        });
        // The calendar links' code loads when the first disclosure opens: wait until every one shows its links.
        await page.waitForFunction(() =>
          [...document.querySelectorAll('leerkring-agenda')].every((a) => [...(a.shadowRoot?.querySelectorAll('details.calendar') ?? [])].every((d) => d.querySelector('a, button'))),
        );
        // As a browser's text size setting does: the root font size, which every rem follows.
        await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
        await page.evaluate(() => new Promise(requestAnimationFrame));
        assert.deepEqual(await misfits(page), []);
      } finally {
        await page.close();
      }
    });
  }
});
