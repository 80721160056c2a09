// Issue 24, defect 4: keeping the waiting list by keyboard. After "Geef een plaats" focus goes to
// the status message (never onto the next person's same button, so Enter twice gives one place);
// a place past the capacity needs a yes first; taking someone off keeps focus in the list and
// sends the reason the organiser may give. In Chromium against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { network } from './helpers.js';
import { asOwner, expectAccessible, waitForFocus } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const full = network({
  id: 'vol',
  title: 'Vol netwerk',
  kind: 'learning-network',
  sessions: [{ id: 'start', title: 'Start', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } }],
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('console-waitlist-admin', [full], 7);
const ADMIN = { authorization: 'Bearer console-waitlist-admin' };

let n = 0;
async function register(name: string): Promise<{ id: string; name: string; status: string }> {
  const token = ((await (await fetch(`${served.base}/api/networks/${full.id}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${full.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name, email: `vol${++n}@example.org` }, formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { id: string; status: string };
  return { id: body.id, name, status: body.status };
}

async function registration(id: string): Promise<{ status: string; reason: string | null }> {
  const list = (await (await fetch(`${served.base}/api/admin/networks/${full.id}/registrations`, { headers: ADMIN })).json()) as {
    registrations: { id: string; status: string; reason: string | null }[];
  };
  return list.registrations.find((r) => r.id === id)!;
}

/** Cancels every active registration, so each test starts with an empty network. */
async function clear(): Promise<void> {
  const list = (await (await fetch(`${served.base}/api/admin/networks/${full.id}/registrations`, { headers: ADMIN })).json()) as { registrations: { id: string; status: string }[] };
  for (const r of list.registrations.filter((x) => ['confirmed', 'pending', 'waitlisted'].includes(x.status)))
    await fetch(`${served.base}/api/admin/registrations/${r.id}/remove`, { method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: '{}' });
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('the waiting list by keyboard (issue 24, defect 4)', () => {
  test('a place past the capacity asks first; after it is given focus is on the status message, so Enter twice gives one place', async () => {
    await clear();
    const seated = await register('Sanne Zit');
    const first = await register('Bram Eerste');
    const second = await register('Carla Tweede');
    assert.equal(seated.status, 'confirmed');
    assert.equal(first.status, 'waitlisted');
    assert.equal(second.status, 'waitlisted');
    await asOwner(served, full.id, { email: 'plaats@vol.example.org', name: 'Plaats' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${served.base}/beheer/#/netwerk/${full.id}/wachtlijst`);
      const give = page.getByRole('button', { name: `Geef een plaats aan ${first.name}` });
      await give.focus();
      await page.keyboard.press('Enter');
      // The warning, with focus on what it says (Enter there gives nothing).
      const warning = page.getByText('Er is geen plaats meer vrij', { exact: false });
      await warning.waitFor();
      await waitForFocus(page, `place-warning-${first.id}`);
      assert.match(await warning.innerText(), /1 van de 1 plaatsen/);
      await page.keyboard.press('Enter');
      assert.equal((await registration(first.id)).status, 'waitlisted', 'no place without a yes');
      await expectAccessible(page, 'waiting list, a place past the capacity');
      assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 320 px');
      // No goes back to the person's button.
      await page.getByRole('button', { name: 'Nee, geen plaats geven' }).click();
      await waitForFocus(page, `move-up-${first.id}`);
      // Again, and yes by keyboard.
      await page.keyboard.press('Enter');
      await warning.waitFor();
      await page.keyboard.press('Tab');
      await waitForFocus(page, `move-up-yes-${first.id}`);
      await page.keyboard.press('Enter');
      await page.getByText(`${first.name} heeft een plaats gekregen.`, { exact: false }).waitFor();
      await page.getByRole('button', { name: `Geef een plaats aan ${first.name}` }).waitFor({ state: 'detached' });
      await waitForFocus(page, 'notice');
      await page.keyboard.press('Enter');
      assert.equal((await registration(first.id)).status, 'confirmed');
      assert.equal((await registration(second.id)).status, 'waitlisted', 'a second Enter gives the next person nothing');
      await expectAccessible(page, 'waiting list, a place given');
    });
  });

  test('taking someone off: an optional reason they are told, and focus stays in the list', async () => {
    await clear();
    await register('Sanne Zit');
    const first = await register('Dirk Eerste');
    const second = await register('Eva Tweede');
    await asOwner(served, full.id, { email: 'weg@vol.example.org', name: 'Weg' }, async (page) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${served.base}/beheer/#/netwerk/${full.id}/wachtlijst`);
      await page.getByRole('button', { name: `Van de wachtlijst halen (${first.name})` }).click();
      const reason = page.getByLabel('Reden (niet verplicht)');
      await reason.waitFor();
      await waitForFocus(page, `remove-reason-${first.id}`);
      assert.match((await reason.getAttribute('aria-describedby')) ?? '', new RegExp(`remove-reason-hint-${first.id}`));
      await page.getByText(`${first.name} krijgt deze reden te lezen`, { exact: false }).waitFor();
      await expectAccessible(page, 'waiting list, taking someone off with a reason');
      assert.ok(await noSidewaysScroll(page), 'no sideways scrolling at 320 px');
      await page.keyboard.type('Je staat al op de lijst van de najaarsgroep.');
      await page.keyboard.press('Tab');
      await waitForFocus(page, `remove-yes-${first.id}`);
      await page.keyboard.press('Enter');
      await page.getByText(`${first.name} staat niet meer op de wachtlijst.`, { exact: false }).waitFor();
      const removed = await registration(first.id);
      assert.equal(removed.status, 'cancelled');
      assert.equal(removed.reason, 'Je staat al op de lijst van de najaarsgroep.');
      // Focus is on the next person in the list, not on the page's body.
      await waitForFocus(page, `who-${second.id}`);
      // The last one off: focus goes to the list's heading.
      await page.getByRole('button', { name: `Van de wachtlijst halen (${second.name})` }).click();
      await page.getByRole('button', { name: 'Ja, van de wachtlijst halen' }).click();
      await page.getByText('Er staat niemand op de wachtlijst.').waitFor();
      await waitForFocus(page, 'waitlist-heading');
      assert.equal((await registration(second.id)).reason, null);
    });
  });
});
