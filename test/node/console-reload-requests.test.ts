// Issue 24: a network page loads again on every tab switch and poll. It reads its intake and
// waiting-list counts from the network's own answer (GET /api/admin/networks/{id}/network),
// not from a summary of every network the organiser runs: one request for the network per
// reload, none for the list. In Chromium against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { network } from './helpers.js';
import { asOwner } from './browser.js';
import { consoleUnderTest, onePlace, registerByForm } from './console-setup.js';

const full = onePlace('vol', 'Vol netwerk');
const other = network({ id: 'ander', title: 'Ander netwerk', registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } } });

const served = consoleUnderTest('console-reload-admin', [full, other], 6);

let n = 0;
const register = () => registerByForm(served.base, full.id, { name: `Persoon ${++n}`, email: `vol${n}@example.org` });

/** The requests of the kinds that matter here, counted from now on. */
function countRequests(page: Page) {
  const seen = { summary: 0, network: 0 };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/admin/networks') seen.summary++;
    if (path === `/api/admin/networks/${full.id}/network`) seen.network++;
  });
  return seen;
}

const tab = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Onderdelen van dit netwerk' }).getByRole('link', { name });

describe('a network page reloads with one request for the network, none for every network', () => {
  test('the API gives the counts beside the availability', async () => {
    await register();
    await register();
    const res = await fetch(`${served.base}/api/admin/networks/${full.id}/network`, { headers: served.admin });
    const body = (await res.json()) as { pending: number; waiting: number; availability: unknown };
    assert.deepEqual({ pending: body.pending, waiting: body.waiting }, { pending: 0, waiting: 1 });
    assert.ok(body.availability);
  });

  test('a tab switch and a poll each ask for the network once and never for the summary; the counts still follow changes by others', async () => {
    await asOwner(served, full.id, { email: 'herlaad@vol.example.org', name: 'Herlaad' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${full.id}`);
      await tab(page, /^Wachtlijst \(1\)$/).waitFor();
      const seen = countRequests(page);

      // Someone else registers; a tab switch shows it.
      await register();
      const switched = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/admin/networks/${full.id}/network`);
      await tab(page, /^Wachtlijst/).focus();
      await page.keyboard.press('Enter');
      await switched;
      await tab(page, /^Wachtlijst \(2\)$/).waitFor();
      assert.deepEqual(seen, { summary: 0, network: 1 }, 'one reload: the network once, the summary never');

      // The page comes back into view (as a poll does): again one request.
      await register();
      const polled = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/admin/networks/${full.id}/network`);
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await polled;
      await tab(page, /^Wachtlijst \(3\)$/).waitFor();
      assert.deepEqual(seen, { summary: 0, network: 2 }, 'two reloads: the network twice, the summary never');
    });
  });

  test('a network this organiser does not run is still refused', async () => {
    await asOwner(served, full.id, { email: 'vreemd@vol.example.org', name: 'Vreemd' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${other.id}`);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Je hebt geen toegang tot dit netwerk, of het bestaat niet.' }).waitFor();
    });
  });
});
