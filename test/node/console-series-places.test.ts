// Issue 23: places per session inside a series, as organisers see them. The console's list of
// sessions says, per session with places of its own, how many of its places are taken and how
// many wait for one ("2 van 2, 1 wachtend"), from the kept counts. In Chromium against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { network } from './helpers.js';
import { didNotCome } from '../../src/core/export.js';
import type { AdminRegistration } from '../../src/core/admin-api.js';
import { asOwner, expectAccessible } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const reeks = network({
  id: 'reeks-plaatsen',
  title: 'Reeks met eigen plaatsen',
  kind: 'learning-network',
  sessions: [
    { id: 'aftrap', title: 'Aftrap', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' } },
    { id: 'slot', title: 'Slotbijeenkomst', type: 'plenary', start: '2030-06-01T13:00', end: '2030-06-01T16:00', capacity: 2, venue: { type: 'online' } },
    { id: 'excursie', title: 'Excursie', type: 'other', start: '2030-06-02T10:00', end: '2030-06-02T15:00', optional: true, capacity: 20, venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', capacity: 50, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('series-places-admin', [reeks], 7);
let n = 0;
async function register(joins: string[]): Promise<void> {
  const token = ((await (await fetch(`${served.base}/api/networks/${reeks.id}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${reeks.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name: `Deelnemer ${++n}`, email: `reeks${n}@example.org` }, joins, formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
}

describe('places per session in the console (issue 23)', () => {
  test('the list of sessions says "2 van 2, 1 wachtend" for a full session with its own places; nothing for one without', async () => {
    await register(['excursie']);
    await register([]);
    await register(['excursie']);
    await asOwner(served, reeks.id, { email: 'eigenaar@reeks.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${reeks.id}/aanwezigheid`);
      const net = page.locator('leerkring-console-network');
      await net.getByRole('link', { name: 'Slotbijeenkomst', exact: true }).waitFor();
      const item = (title: string) => net.locator('li', { has: page.getByRole('link', { name: title, exact: true }) });
      assert.match(await item('Slotbijeenkomst').innerText(), /2 van 2 plaatsen, 1 wachtend/);
      assert.match(await item('Excursie').innerText(), /2 van 20 plaatsen(?!,)/);
      assert.doesNotMatch(await item('Aftrap').innerText(), /plaatsen/);
      // The overview's waiting column: a session with places of its own counts its own waiting
      // list (1 for the closing meeting), not the whole series' (nobody waits for the series).
      const waitingAt = async (id: string) => (await net.locator(`table.attendance-overview tr[data-session="${id}"] td`).last().innerText()).trim();
      await net.locator('table.attendance-overview tr[data-session="slot"] td').first().waitFor();
      assert.equal(await waitingAt('slot'), '1');
      assert.equal(await waitingAt('aftrap'), '0');
      await expectAccessible(page, 'the attendance tab with places per session');
    });
  });

  test('"Kwam niet" at a session of a series is who had a place there and was not present (core\'s didNotCome): not who waits for one of its own places', async () => {
    const admin = { authorization: 'Bearer series-places-admin' };
    const get = async (query: string) => (await (await fetch(`${served.base}/api/admin/networks/${reeks.id}/registrations?${query}`, { headers: admin })).json()) as { registrations: AdminRegistration[]; total?: number };
    const all = (await get('')).registrations;
    assert.ok(all.some((r) => r.places?.slot === 'waitlisted'), 'someone waits for a place at the closing session');
    for (const s of reeks.sessions) {
      const want = all.filter((r) => didNotCome(reeks, r, s.id)).map((r) => r.id).sort();
      const page = await get(`attendedAt=${s.id}&present=no&limit=50`);
      assert.deepEqual(page.registrations.map((r) => r.id).sort(), want, s.id);
      assert.equal(page.total, want.length, s.id);
    }
  });
});
