// Issue 23 follow-up, item 2 in the console: an organiser corrects the organisation of someone on a
// reserved place; they keep their place, and when that puts more people on the general places
// than there are, the console says so (the server's `overCapacity`, core `refit`). In Chromium
// against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { network } from './helpers.js';
import { asOwner, expectAccessible, focusedId } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const gast = network({
  id: 'gastkring',
  title: 'Gastkring',
  kind: 'learning-network',
  sessions: [
    {
      id: 'zwolle', title: 'In Zwolle', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' }, capacity: 1,
      reservedPlaces: { places: 1, organisations: ['Gemeente Zwolle'] },
    },
  ],
  registration: { mode: 'built-in', scope: 'session', waitlist: { enabled: true }, fields: { organisation: 'required', organisationType: 'off' } },
});

const served = consoleUnderTest('console-reserved-admin', [gast], 5);
async function register(name: string, organisation: string): Promise<string> {
  const token = ((await (await fetch(`${served.base}/api/networks/${gast.id}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${gast.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, organisation }, sessionId: 'zwolle', formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { status: string }).status;
}

test('correcting the organisation of someone on a reserved place: they keep it, and the console says there are now more people than places', async () => {
  assert.equal(await register('Hanna Host', 'Gemeente Zwolle'), 'confirmed');
  assert.equal(await register('Olaf Ander', 'Gemeente Elders'), 'confirmed');
  await asOwner(served, gast.id, { email: 'org@gastkring.example.org', name: 'Org' }, async (page) => {
    await page.goto(`${served.base}/beheer/#/netwerk/${gast.id}`);
    const card = page.locator('li.card', { has: page.locator('h3', { hasText: 'Hanna Host' }) });
    await card.getByText('Gegevens wijzigen').click();
    const edit = card.locator('leerkring-console-registration-entry');
    await edit.getByLabel('Organisatie').fill('Gemeente Kampen');
    await edit.getByRole('button', { name: 'Wijzigingen opslaan' }).press('Enter');
    const notice = page.getByText('past niet meer bij de gereserveerde plaatsen', { exact: false });
    await notice.waitFor();
    assert.match(await notice.innerText(), /houdt de plaats/);
    assert.equal(await focusedId(page), 'entry-notice');
    await expectAccessible(page, 'the notice after a correction past the general places');
  });
});
