// Issue 24: a workshop request's group size is stored, and organisers see it: in the admin API,
// on the intake card in the console, in the CSV and in the "nieuwe intake" e-mail. In Chromium
// against the real server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { deliverAll, network, recipient } from './helpers.js';
import { asOwner } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const workshop = network({
  id: 'incompany',
  title: 'Workshop op locatie',
  format: 'in-company',
  groupSize: { min: 4, max: 25 },
  registration: { mode: 'built-in', capacity: 10, approval: { required: true }, fields: { organisation: 'required', organisationType: 'off' } },
});

const served = consoleUnderTest('console-group-admin', [workshop], 6);
const ADMIN = { authorization: 'Bearer console-group-admin' };

describe('group size of a workshop request (issue 24)', () => {
  test('shown in the admin API, on the intake card, in the CSV and in the organiser\'s e-mail', async () => {
    await new OrganiserService(served.db).setRole(workshop.id, 'planner@incompany.example.org', 'organiser', { name: 'Planner' });
    const token = ((await (await fetch(`${served.base}/api/networks/${workshop.id}/form-token`)).json()) as { formToken: string }).formToken;
    const res = await fetch(`${served.base}/api/networks/${workshop.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ participant: { name: 'Gert Groep', email: 'gert@example.org', organisation: 'Gemeente Groot' }, groupSize: 17, formToken: token }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };

    const list = (await (await fetch(`${served.base}/api/admin/networks/${workshop.id}/registrations`, { headers: ADMIN })).json()) as { registrations: { id: string; groupSize?: number | null }[] };
    assert.equal(list.registrations.find((r) => r.id === id)?.groupSize, 17);

    const csv = await (await fetch(`${served.base}/api/admin/networks/${workshop.id}/registrations.csv`, { headers: ADMIN })).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    const cells = (line: string) => line.split(';').map((c) => c.replace(/^"|"$/g, ''));
    const column = cells(header!).indexOf('Aantal deelnemers');
    assert.ok(column >= 0, header);
    assert.equal(cells(row!)[column], '17');

    const mail = (await deliverAll(served.db)).find((m) => recipient(m) === 'planner@incompany.example.org');
    assert.ok(mail, 'the organiser was told');
    assert.match(mail.text!, /Aantal deelnemers: 17/);

    await asOwner(served, workshop.id, { email: 'eigenaar@incompany.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${workshop.id}/intake`);
      const card = page.locator('leerkring-console-network li.card').filter({ hasText: 'Gert Groep' });
      await card.waitFor();
      assert.match(await card.innerText(), /Aantal deelnemers\s+17/);
    });
  });
});
