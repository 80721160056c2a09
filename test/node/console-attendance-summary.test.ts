// Issue 24: a network that registers per session gets "Wie kwam er" too: per session, who came
// and who did not (series networks had it alone). In Chromium against the real server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sha256 } from '../../src/server/tokens.js';
import { network } from './helpers.js';
import { asOwner, serveInChromium, type ServedInChromium } from './browser.js';

const losse = network({
  id: 'losse',
  title: 'Losse dagen',
  kind: 'learning-network',
  sessions: [
    { id: 'mei', title: 'Meidag', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } },
    { id: 'juni', title: 'Junidag', type: 'other', start: '2030-06-05T10:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

let served: ServedInChromium;
before(async () => {
  served = await serveInChromium(new Map([[losse.id, losse]]), { secret: Buffer.alloc(32, 7), adminTokenHash: sha256('attendance-summary-admin') });
});
after(() => served.close());

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

describe('attendance summary per session (issue 24)', () => {
  test('"Wie kwam er" lists per held session who came and who did not', async () => {
    await register('Anna Kwam', 'mei');
    await register('Bert Niet', 'mei');
    await register('Cor Juni', 'juni');
    await asOwner(served, losse.id, { email: 'eigenaar@losse.example.org', name: 'Eigenaar' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${losse.id}/aanwezigheid/mei`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.getByRole('button', { name: 'Anna Kwam' }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/${losse.id}/aanwezigheid`);
      const net = page.locator('leerkring-console-network');
      await net.getByRole('heading', { name: 'Wie kwam er' }).waitFor();
      const mei = net.locator('section.attendance-summary[data-session="mei"]');
      const text = await mei.innerText();
      assert.match(text, /Meidag/);
      assert.match(text, /1 van 2 aanwezig/);
      assert.match(await mei.locator('ul.came').innerText(), /Anna Kwam/);
      assert.doesNotMatch(await mei.locator('ul.came').innerText(), /Bert Niet/);
      assert.match(await mei.locator('ul.not-came').innerText(), /Bert Niet/);
      assert.equal(await net.locator('section.attendance-summary[data-session="juni"]').count(), 0, 'a session nobody was checked in for is not held yet');
    });
  });
});
