// Issue 27: the registrations list searches once typing pauses (as check-in at the door does,
// by the same code): quick typing is one request at the server, for the final text, and an
// answer to an earlier search that comes late never replaces a later one. In Chromium against
// the real server; requests are counted where they arrive.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { network } from './helpers.js';
import { consoleUnderTest, registerByForm } from './console-setup.js';
import { asOwner, expectAccessible } from './browser.js';

const zoek = network({ id: 'zoek', title: 'Zoeknetwerk', kind: 'learning-network' });
const served = consoleUnderTest('console-search-pause-admin', [zoek], 11);

const list = (page: Page) => page.locator('leerkring-console-registrations');
const statusLine = (page: Page) => list(page).locator('p.status-line');
const names = (page: Page) => list(page).locator('li.card h3').allInnerTexts();
const box = (page: Page) => list(page).getByLabel('Zoek op naam, e-mail of organisatie');

/** The searches (a `q`) of the registrations list that reached the server, from now on. */
function searchesAtServer(): string[] {
  const seen: string[] = [];
  served.app.server.on('request', (req: { url?: string }) => {
    const url = new URL(req.url ?? '/', served.base);
    if (url.pathname === `/api/admin/networks/${zoek.id}/registrations` && url.searchParams.has('q')) seen.push(url.searchParams.get('q')!);
  });
  return seen;
}

describe('the registrations list searches once typing pauses (issue 27)', () => {
  before(async () => {
    for (const [i, name] of ['Zoë Kok', 'Zoë de Vries', 'Anna Jansen'].entries()) await registerByForm(served.base, zoek.id, { name, email: `zoek${i}@example.org` });
  });

  test('typing 6 characters quickly sends 1 search to the server, for the final text', async () => {
    await asOwner(served, zoek.id, { email: 'snel@zoek.example.org', name: 'Snel' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${zoek.id}`);
      await statusLine(page).getByText('3 aanmeldingen').waitFor();
      const seen = searchesAtServer();
      await box(page).pressSequentially('zoe ko');
      await statusLine(page).getByText('1 van 3 aanmeldingen').waitFor();
      assert.deepEqual(await names(page), ['Zoë Kok']);
      assert.deepEqual(seen, ['zoe ko'], 'one search, for what was typed last');
      await expectAccessible(page, 'registrations after a search');
    });
  });

  test('an answer to an earlier search that comes after a later one never replaces it', async () => {
    await asOwner(served, zoek.id, { email: 'laat@zoek.example.org', name: 'Laat' }, async (page) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let asked!: () => void;
      const earlierAsked = new Promise<void>((resolve) => (asked = resolve));
      // The real server answers the earlier search at once; the answer reaches the page late.
      await page.route(
        (url) => url.pathname.endsWith('/registrations') && url.searchParams.get('q') === 'zoe',
        async (route) => {
          const answer = await route.fetch();
          asked();
          await released;
          await route.fulfill({ response: answer });
        },
      );
      await page.goto(`${served.base}/beheer/#/netwerk/${zoek.id}`);
      await statusLine(page).getByText('3 aanmeldingen').waitFor();
      // Which answers the page has read from now on (the console reads every answer as text).
      await page.evaluate(() => {
        const w = window as unknown as { __read: string[] };
        w.__read = [];
        const text = Response.prototype.text;
        Response.prototype.text = function (this: Response) {
          return text.call(this).finally(() => w.__read.push(this.url));
        };
      });
      await box(page).pressSequentially('zoe');
      await earlierAsked;
      await box(page).pressSequentially(' kok');
      await statusLine(page).getByText('1 van 3 aanmeldingen').waitFor();
      release();
      await page.waitForFunction(() => (window as unknown as { __read: string[] }).__read.some((u) => new URL(u).searchParams.get('q') === 'zoe'));
      await list(page).evaluate((el) => (el as unknown as { updateComplete: Promise<boolean> }).updateComplete);
      assert.equal((await statusLine(page).innerText()).trim(), '1 van 3 aanmeldingen');
      assert.deepEqual(await names(page), ['Zoë Kok'], 'the later search stays drawn');
    });
  });
});
