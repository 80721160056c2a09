// What the console's browser tests set up alike: the real server in Chromium for one file's
// tests, people registered through the public form, attendance recorded through the organiser
// API, a series of dated online sessions, and the checks at phone sizes (320 px, 200% text).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { sha256 } from '../../src/server/tokens.js';
import type { Network } from '../../src/core/index.js';
import { network } from './helpers.js';
import { serveInChromium, type ServedInChromium } from './browser.js';

export interface ConsoleUnderTest extends ServedInChromium {
  /** The installation admin's bearer header, for the organiser API (when the server has an admin token). */
  admin: { authorization: string };
}

/**
 * The real server with `networks` (a list of networks; 'demo', alone or in the list, stands for the
 * demo's networks) and Chromium, started before this file's tests and closed after them; its
 * `base`, `db` and `browser` are there once the tests run. `adminToken` (when given) is the
 * installation admin's token; `secretByte` fills the server's secret. A file's own set-up that
 * needs the server goes in a `before` inside its `describe` (a second root `before` may run before
 * this one).
 */
export function consoleUnderTest(adminToken: string | undefined, networks: (Network | 'demo')[] | 'demo', secretByte: number): ConsoleUnderTest {
  const served = { ...(adminToken !== undefined && { admin: { authorization: `Bearer ${adminToken}` } }) } as ConsoleUnderTest;
  before(async () => {
    const map = new Map<string, Network>();
    for (const n of networks === 'demo' ? ['demo' as const] : networks)
      for (const one of n === 'demo' ? loadNetworks('demo/data').values() : [n]) map.set(one.id, one);
    const admin = adminToken !== undefined ? { adminTokenHash: sha256(adminToken) } : {};
    Object.assign(served, await serveInChromium(map, { secret: Buffer.alloc(32, secretByte), ...admin }));
  });
  after(() => served.close());
  return served;
}

/** Registers someone through the public form (with its form token, and `answers` to its questions); their id and manage token. */
export async function registerByForm(
  base: string,
  networkId: string,
  participant: { name: string; email: string; organisation?: string; organisationType?: string },
  answers?: Record<string, unknown>,
): Promise<{ id: string; manageToken: string }> {
  const token = ((await (await fetch(`${base}/api/networks/${networkId}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${base}/api/networks/${networkId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant, ...(answers && { answers }), formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; manageToken: string };
}

/** Records registration `id` as present at `sessionId`, as the organiser's check-in does. */
export async function markPresent(served: ConsoleUnderTest, id: string, sessionId: string): Promise<void> {
  const res = await fetch(`${served.base}/api/admin/registrations/${id}/attendance`, { method: 'PUT', headers: { ...served.admin, 'content-type': 'application/json' }, body: JSON.stringify({ sessionId, present: true }) });
  assert.equal(res.status, 200);
}

/** A learning network of dated online sessions (id, title, start, end), open to 20, organisation optional. */
export function onlineSeries(id: string, title: string, sessions: [id: string, title: string, start: string, end: string][]): Network {
  return network({
    id,
    title,
    kind: 'learning-network',
    sessions: sessions.map(([sid, stitle, start, end]) => ({ id: sid, title: stitle, type: 'other', start, end, venue: { type: 'online' } })),
    registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
  });
}

/** A learning network of one online session with a single place and a waiting list: everyone after the first waits. */
export function onePlace(id: string, title: string): Network {
  return network({
    id,
    title,
    kind: 'learning-network',
    sessions: [{ id: 'start', title: 'Start', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } }],
    registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
  });
}

/** The "groot" network of the paging tests: two sessions, organisation and its type asked, one yes/no question; `registration` adds rules. */
export function bigNetwork(registration: Record<string, unknown> = {}): Network {
  return network({
    id: 'groot',
    title: 'Groot netwerk',
    kind: 'learning-network',
    sessions: [
      { id: 'een', title: 'Een', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } },
      { id: 'twee', title: 'Twee', type: 'other', start: '2030-06-01T10:00', venue: { type: 'online' } },
    ],
    registration: {
      mode: 'built-in',
      ...registration,
      fields: { organisation: 'optional', organisationType: 'optional' },
      questions: [{ id: 'eerder', label: 'Deed je eerder mee?', type: 'yes-no' }],
    },
  });
}

export const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** No sideways scrolling at 320 px, nor with 200% text (at 640 px, where the page is left); the text size is put back. */
export async function atPhoneSizes(page: Page, what: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  assert.ok(await noSidewaysScroll(page), `${what}: no sideways scrolling at 320 px`);
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  await page.setViewportSize({ width: 640, height: 800 });
  assert.ok(await noSidewaysScroll(page), `${what}: no sideways scrolling at 200% text`);
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
}
