// Issue 24: a network that registers per session gets "Wie kwam er" too. Issue 27: per session,
// how many have a place, came and wait, from counts the server keeps or counts (never the whole
// list). In Chromium against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { network } from './helpers.js';
import { asOwner, expectAccessible } from './browser.js';
import { consoleUnderTest } from './console-setup.js';
import { came as cameTo, didNotCome, hasPlaceAt } from '../../src/core/export.js';
import type { AdminRegistration } from '../../src/core/admin-api.js';

const losse = network({
  id: 'losse',
  title: 'Losse dagen',
  kind: 'learning-network',
  sessions: [
    { id: 'mei', title: 'Meidag', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } },
    { id: 'juni', title: 'Junidag', type: 'other', start: '2030-06-05T10:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 20, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('attendance-summary-admin', [losse], 7);
let n = 0;
async function register(name: string, sessionId: string): Promise<void> {
  const token = ((await (await fetch(`${served.base}/api/networks/${losse.id}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${losse.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name, email: `losse${++n}@example.org` }, sessionId, formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
}

const ADMIN = { authorization: 'Bearer attendance-summary-admin' };

describe('attendance summary per session (issue 24), from counts (issue 27)', () => {
  test('"Wie kwam er" gives per session how many have a place, came and wait, without asking for the whole list; the counts equal a recount', async () => {
    await register('Anna Kwam', 'mei');
    await register('Bert Niet', 'mei');
    await register('Cor Juni', 'juni');
    // Juni fills up (20 places): the last two wait.
    for (let i = 0; i < 21; i++) await register(`Juni ${String(i).padStart(2, '0')}`, 'juni');
    await asOwner(served, losse.id, { email: 'eigenaar@losse.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${losse.id}/aanwezigheid/mei`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.getByRole('button', { name: 'Anna Kwam' }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      const whole: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.endsWith('/registrations') && url.pathname.startsWith('/api/admin/') && !url.searchParams.has('limit')) whole.push(url.pathname + url.search);
      });
      await page.goto(`${served.base}/beheer/#/netwerk/${losse.id}/aanwezigheid`);
      const net = page.locator('leerkring-console-network');
      await net.getByRole('heading', { name: 'Wie kwam er' }).waitFor();
      const row = (id: string) => net.locator(`table.attendance-overview tr[data-session="${id}"]`);
      await row('mei').locator('td').first().waitFor();
      const cells = async (id: string) => (await row(id).locator('th, td').allInnerTexts()).map((t) => t.trim());
      // The recount: every registration, counted by core's rule.
      const all = ((await (await fetch(`${served.base}/api/admin/networks/${losse.id}/registrations`, { headers: ADMIN })).json()) as { registrations: AdminRegistration[] }).registrations;
      for (const s of losse.sessions) {
        const placed = all.filter((r) => hasPlaceAt(losse, r, s.id)).length;
        const present = all.filter((r) => cameTo(losse, r, s.id)).length;
        const absent = all.filter((r) => didNotCome(losse, r, s.id)).length;
        const waiting = all.filter((r) => r.status === 'waitlisted' && r.target === s.id).length;
        assert.deepEqual(await cells(s.id), [s.title, String(placed), String(present), String(absent), String(waiting)], s.id);
      }
      assert.deepEqual(await cells('mei'), ['Meidag', '2', '1', '1', '0']);
      assert.deepEqual(await cells('juni'), ['Junidag', '20', '0', '20', '2']);
      assert.deepEqual(whole, [], 'the overview never asks for every registration');
      await expectAccessible(page, 'attendance overview');
    });
  });

  test('from "Wie kwam er" an organiser reaches by keyboard who did not come (and who came) at a session: exactly those, by pages, axe-clean', async () => {
    const all = ((await (await fetch(`${served.base}/api/admin/networks/${losse.id}/registrations`, { headers: ADMIN })).json()) as { registrations: AdminRegistration[] }).registrations;
    await asOwner(served, losse.id, { email: 'eigenaar@losse.example.org', name: 'Eigenaar' }, async (page) => {
      const whole: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.endsWith('/registrations') && url.pathname.startsWith('/api/admin/') && !url.searchParams.has('limit')) whole.push(url.pathname + url.search);
      });
      const net = page.locator('leerkring-console-network');
      const list = net.locator('leerkring-console-registrations');
      for (const s of losse.sessions) {
        for (const came of [false, true]) {
          // The recount: core's rule over every registration.
          const want = all.filter((r) => (came ? cameTo(losse, r, s.id) : didNotCome(losse, r, s.id))).map((r) => r.participant.name).sort();
          await page.goto(`${served.base}/beheer/#/netwerk/${losse.id}/aanwezigheid`);
          const label = `${want.length}: ${came ? 'Kwam naar' : 'Kwam niet naar'} ${s.title}`;
          const link = net.locator(`table.attendance-overview tr[data-session="${s.id}"]`).getByRole('link', { name: label, exact: true });
          await link.focus();
          await page.keyboard.press('Enter');
          await list.locator('select#attended').waitFor();
          assert.equal(await list.locator('select#attended').inputValue(), `${s.id}:${came ? 'yes' : 'no'}`, 'the list opens with the filter chosen');
          await list.locator('p.status-line').getByText(want.length === all.length ? `${want.length} aanmeldingen` : `${want.length} van ${all.length} aanmeldingen`).waitFor();
          const names = (await list.locator('li.card').evaluateAll((cards) => cards.map((c) => c.querySelector('bdi')?.textContent ?? ''))).sort();
          assert.deepEqual(names, want, `${s.id} ${came ? 'came' : 'did not come'}`);
        }
      }
      assert.deepEqual(whole, [], 'neither the overview nor the list asks for every registration');
      await expectAccessible(page, 'who came, from the overview');
    });
  });
});
