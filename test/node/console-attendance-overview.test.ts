// Issue 27: "Wie kwam er" of a long series asks the server once for every session's counts (one
// grouped query), not once per session. The numbers are core's rules (hasPlaceAt, came,
// didNotCome) over every registration. In Chromium against the real server; requests are
// counted where they arrive.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { consoleUnderTest, markPresent, onlineSeries, registerByForm } from './console-setup.js';
import { asOwner, expectAccessible } from './browser.js';
import { came, didNotCome, hasPlaceAt } from '../../src/core/export.js';
import type { AdminRegistration } from '../../src/core/admin-api.js';

const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const reeks = onlineSeries(
  'reeks',
  'Lange reeks',
  months.map((m, i): [string, string, string, string] => [`s${i + 1}`, `Bijeenkomst ${i + 1}`, `2030-${m}-10T10:00`, `2030-${m}-10T12:00`]),
);
const served = consoleUnderTest('console-attendance-overview-admin', [reeks], 12);

/** The requests for attendance counts (the overview's) that reached the server, from now on. */
function countRequestsAtServer(): string[] {
  const seen: string[] = [];
  served.app.server.on('request', (req: { url?: string; method?: string }) => {
    const url = new URL(req.url ?? '/', served.base);
    const perSession = url.pathname === `/api/admin/networks/${reeks.id}/registrations` && (url.searchParams.has('attendedAt') || url.searchParams.has('placeAt'));
    if (perSession || url.pathname === `/api/admin/networks/${reeks.id}/attendance`) seen.push(url.pathname + url.search);
  });
  return seen;
}

describe('"Wie kwam er" of a long series in one request (issue 27)', () => {
  const ids: string[] = [];
  before(async () => {
    for (let i = 0; i < 8; i++) ids.push((await registerByForm(served.base, reeks.id, { name: `Deelnemer ${i}`, email: `reeks${i}@example.org` })).id);
    for (const [i, id] of ids.entries()) for (const [j, s] of reeks.sessions.entries()) if ((i + j) % 3 === 0) await markPresent(served, id, s.id);
    // Checked in, then removed: counted nowhere as present.
    const removed = await fetch(`${served.base}/api/admin/registrations/${ids[0]}/remove`, { method: 'POST', headers: { ...served.admin, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(removed.status, 200, await removed.text());
  });

  test('opening the overview of 12 sessions makes 1 request; every number equals a recount by core\'s rules', async () => {
    await asOwner(served, reeks.id, { email: 'eigenaar@reeks.example.org', name: 'Eigenaar' }, async (page) => {
      const seen = countRequestsAtServer();
      await page.goto(`${served.base}/beheer/#/netwerk/${reeks.id}/aanwezigheid`);
      const net = page.locator('leerkring-console-network');
      const row = (id: string) => net.locator(`table.attendance-overview tr[data-session="${id}"]`);
      await row('s12').locator('td').first().waitFor();
      const all = ((await (await fetch(`${served.base}/api/admin/networks/${reeks.id}/registrations`, { headers: served.admin })).json()) as { registrations: AdminRegistration[] }).registrations;
      for (const s of reeks.sessions) {
        const placed = all.filter((r) => hasPlaceAt(reeks, r, s.id)).length;
        const present = all.filter((r) => came(reeks, r, s.id)).length;
        const absent = all.filter((r) => didNotCome(reeks, r, s.id)).length;
        const cells = (await row(s.id).locator('th, td').allInnerTexts()).map((t) => t.trim());
        assert.deepEqual(cells, [s.title, String(placed), String(present), String(absent), '0'], s.id);
      }
      assert.deepEqual(await row('s1').locator('td').allInnerTexts(), ['7', '2', '5', '0'], 'person 0 came to s1 and was removed: not counted');
      assert.equal(seen.length, 1, `one request for the counts of every session: ${seen.join(' ')}`);
      await expectAccessible(page, 'attendance overview of a long series');
    });
  });
});
