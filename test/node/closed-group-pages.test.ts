// Issue 23 (m23c), item 3, in Chromium: a closed group whose venue is for participants only.
// The public agenda (from the API) shows the date and the city, never the address; the manage
// page of a participant the organiser added shows the whole address. Axe-clean, and at 320 px
// without sideways scrolling.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { STRICT_CSP } from '../../src/server/index.js';
import { serveInChromium, watchViolations, expectAccessible } from './browser.js';
import { manageToken, sha256 } from '../../src/server/tokens.js';
import { network, person, formToken } from './helpers.js';
import type { Network } from '../../src/core/index.js';

const SECRET = ['Huize Vertrouwelijk', 'Achterom 7', '1234 AB', 'zaal De Stilte'];
const year = new Date().getFullYear() + 1;
const closed: Network = network({
  id: 'wethouders',
  title: 'Vertrouwelijke kring van wethouders',
  kind: 'intervision',
  sessions: [
    {
      id: 'een',
      title: 'Eerste kring',
      type: 'intervision',
      start: `${year}-05-14T19:30`,
      end: `${year}-05-14T21:30`,
      venue: { type: 'physical', participantsOnly: true, name: 'Huize Vertrouwelijk', room: 'zaal De Stilte', address: 'Achterom 7', postalCode: '1234 AB', city: 'Zwolle' },
    },
  ],
  registration: { mode: 'closed', fields: { organisation: 'optional', organisationType: 'off' } },
});

// Item 1 in the agenda: the general places are taken, one reserved place for the host municipality remains.
const gast: Network = network({
  id: 'gastgemeente',
  title: 'Leerkring met gastgemeente',
  sessions: [
    { id: 'zwolle', title: 'Bijeenkomst in Zwolle', type: 'other', start: `${year}-05-01T10:00`, end: `${year}-05-01T16:00`, capacity: 2, reservedPlaces: { places: 1, organisations: ['Gemeente Zwolle'] } },
  ],
  registration: { mode: 'built-in', scope: 'session', fields: { organisation: 'required', organisationType: 'off' } },
});

const secret = Buffer.alloc(32, 5);
let browser: Browser;
let base = '';
let close: () => Promise<void>;

before(async () => {
  ({ base, browser, close } = await serveInChromium(new Map([[closed.id, closed], [gast.id, gast]]), { secret, adminTokenHash: sha256('beheer-token'), staticRoot: process.cwd() }));
});
after(() => close());

const pageHtml = (body: string) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Kring</title><script type="module" src="/dist/leerkring.js"></script></head><body><main>${body}</main></body></html>`;

async function openOwn(body: string, width = 1024): Promise<{ page: Page; violations: () => Promise<unknown[]> }> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const violations = await watchViolations(page);
  await page.route(`${base}/demo/kring.html`, (route) => route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': STRICT_CSP }, body: pageHtml(body) }));
  await page.goto(`${base}/demo/kring.html`);
  return { page, violations };
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('a closed group with a venue for participants only, in Chromium', () => {
  test('the public agenda shows the date and the city, not the address', async () => {
    const { page, violations } = await openOwn(`<leerkring-network api="" network-id="wethouders"><leerkring-agenda></leerkring-agenda></leerkring-network>`);
    try {
      await page.waitForFunction(() => !!document.querySelector('leerkring-agenda')?.shadowRoot?.querySelector('[part="session"] .venue'));
      const text = await page.evaluate(() => (document.querySelector('leerkring-agenda')!.shadowRoot!.querySelector('[part="session"]') as HTMLElement).innerText);
      assert.match(text, /14 mei/);
      assert.match(text, /Zwolle/);
      assert.deepEqual(SECRET.filter((s) => text.includes(s)), [], text);
      const html = await page.content();
      assert.deepEqual(SECRET.filter((s) => html.includes(s)), [], 'nothing of the address in the page, JSON-LD included');
      await expectAccessible(page, 'public agenda of a closed group');
      assert.deepEqual(await violations(), []);
    } finally {
      await page.close();
    }
  });

  test('the manage page of a participant the organiser added shows the whole address, at 320 px too', async () => {
    const added = await fetch(`${base}/api/admin/networks/wethouders/registrations`, {
      method: 'POST',
      headers: { authorization: 'Bearer beheer-token', 'content-type': 'application/json' },
      body: JSON.stringify({ registration: person('lid'), sendEmail: false }),
    });
    assert.equal(added.status, 201, await added.clone().text());
    const { id } = (await added.json()) as { id: string };
    for (const width of [1024, 320]) {
      const page = await browser.newPage({ viewport: { width, height: 740 } });
      const violations = await watchViolations(page);
      try {
        await page.goto(`${base}/aanmelding#token=${manageToken(secret, id)}`);
        await page.waitForFunction(() => /Aangemeld/.test(document.querySelector('leerkring-manage')?.shadowRoot?.textContent ?? ''));
        const tree = await page.locator('leerkring-manage').ariaSnapshot();
        let at = -1;
        for (const part of ['Netwerk', 'Adres, Eerste kring', 'Huize Vertrouwelijk, zaal De Stilte, Achterom 7, 1234 AB Zwolle', 'Naam']) {
          const next = tree.indexOf(part, at + 1);
          assert.ok(next > at, `"${part}" after the previous part in:\n${tree}`);
          at = next;
        }
        assert.ok(await noSidewaysScroll(page), `no sideways scrolling at ${width} px`);
        await expectAccessible(page, `manage page with the address at ${width} px`);
        assert.deepEqual(await violations(), []);
      } finally {
        await page.close();
      }
    }
  });

  test('reserved places: with the general places taken the agenda says it is full to everyone else, though a reserved place remains', async () => {
    for (const n of ['x', 'y']) {
      const res = await fetch(`${base}/api/networks/gastgemeente/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...person(n, { organisation: `Gemeente Elders ${n}` }), sessionId: 'zwolle', formToken: await formToken(base, 'gastgemeente') }),
      });
      assert.equal(res.status, 201, await res.clone().text());
    }
    const api = (await (await fetch(`${base}/api/networks/gastgemeente`)).json()) as { availability: { sessions: Record<string, { state: string; reservedLeft?: number }> } };
    assert.equal(api.availability.sessions.zwolle!.reservedLeft, 1);
    const { page, violations } = await openOwn(`<leerkring-network api="" network-id="gastgemeente"><leerkring-agenda></leerkring-agenda></leerkring-network>`);
    try {
      await page.waitForFunction(() => !!document.querySelector('leerkring-agenda')?.shadowRoot?.querySelector('[part="session"] [part="availability"]'));
      const shown = await page.evaluate(() => {
        const el = document.querySelector('leerkring-agenda')!.shadowRoot!.querySelector('[part="session"] [part="availability"]') as HTMLElement;
        return { state: el.dataset.state, text: el.innerText };
      });
      assert.equal(shown.state, 'full', 'full for everyone the reserved place is not for');
      assert.match(shown.text, /Maximaal aantal aanmeldingen bereikt/, shown.text);
      await expectAccessible(page, 'agenda with only reserved places left');
      assert.deepEqual(await violations(), []);
    } finally {
      await page.close();
    }
  });
});
