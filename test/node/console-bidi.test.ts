// Issue 13: names from a registration are isolated in the console (<bdi>), so two Hebrew or
// Arabic names in a list keep their order and punctuation: the registrations list, the intake
// queue, the waiting list and the check-in list, in Chromium against the real server. And the
// session lists (filter, attendance, messages) in the order people read them, not file order.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { network } from './helpers.js';
import { signInToConsole } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

const people = [
  { name: 'דוד כהן', organisation: 'עיריית חיפה' },
  { name: 'سارة أحمد', organisation: 'بلدية الناصرة' },
  { name: 'מרים לוי', organisation: 'מועצה אזורית' },
];
const open = network({
  id: 'rtl',
  title: 'Netwerk met namen',
  registration: { mode: 'built-in', capacity: 2, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});
const intake = network({
  id: 'rtl-intake',
  title: 'Netwerk met intake',
  registration: { mode: 'built-in', capacity: 10, approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

// Sessions written out of date order: the console lists them as people read them (sessionsInOrder).
const scrambled = network({
  id: 'volgorde',
  title: 'Netwerk door elkaar',
  sessions: [
    { id: 'juni', title: 'Juni-bijeenkomst', type: 'other', start: '2030-06-10T10:00', venue: { type: 'online' } },
    { id: 'maart', title: 'Maart-bijeenkomst', type: 'other', start: '2030-03-10T10:00', venue: { type: 'online' } },
    { id: 'april', title: 'April-bijeenkomst', type: 'other', start: '2030-04-10T10:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 5, fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('rtl-admin', [open, intake, scrambled], 9);

async function register(networkId: string, p: { name: string; organisation: string }, n: number): Promise<void> {
  const token = ((await (await fetch(`${served.base}/api/networks/${networkId}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${networkId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { ...p, email: `rtl${n}@example.org` }, formToken: token }),
  });
  assert.equal(res.status, 201, await res.text());
}

/**
 * Every place a name shows, through the shadow roots: the closest element that isolates it
 * (<bdi> or a dir attribute) and its computed unicode-bidi. Returns what is not isolated.
 */
async function unisolated(page: Page, names: string[]): Promise<{ found: number; bad: string[] }> {
  return page.evaluate((names) => {
    const bad: string[] = [];
    let found = 0;
    const roots: (Document | ShadowRoot)[] = [document];
    while (roots.length) {
      const root = roots.pop()!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (!names.some((n) => text.includes(n))) continue;
        found++;
        let el = node.parentElement;
        while (el && el.localName !== 'bdi' && !el.hasAttribute('dir')) el = el.parentElement;
        const style = el ? getComputedStyle(el).unicodeBidi : '';
        // The name is the whole text of its isolating element: nothing of the sentence inside it.
        if (!el || !style.includes('isolate') || !names.includes(text.trim())) bad.push(`${node.parentElement?.localName}: ${JSON.stringify(text)} (${el?.localName ?? 'none'} ${style})`);
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return { found, bad };
  }, names);
}

describe('right-to-left names in the console', () => {
  // The server starts in consoleUnderTest's root `before`; the people and owners come after it.
  before(async () => {
    for (const [i, p] of people.entries()) await register('rtl', p, i);
    for (const [i, p] of people.slice(0, 2).entries()) await register('rtl-intake', p, 10 + i);
    const organisers = new OrganiserService(served.db);
    await organisers.setRole('rtl', 'rtl@example.org', 'owner', { name: 'rtl' });
    await organisers.setRole('rtl-intake', 'rtl@example.org', 'owner', { name: 'rtl' });
    await organisers.setRole('volgorde', 'rtl@example.org', 'owner', { name: 'rtl' });
  });

  test('registrations, waiting list, check-in and intake: every name in its own <bdi>', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signInToConsole(page, served.base, served.db, 'rtl@example.org');
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      const names = people.flatMap((p) => [p.name, p.organisation]);
      for (const [path, expect] of [
        ['#/netwerk/rtl', people[2]!.name],
        ['#/netwerk/rtl/wachtlijst', people[2]!.name],
        ['#/netwerk/rtl/aanwezigheid/dag', people[1]!.name],
        ['#/netwerk/rtl-intake/intake', people[1]!.name],
      ] as const) {
        await page.goto(`${served.base}/beheer/${path}`);
        await page.getByText(expect).first().waitFor({ state: 'attached' });
        const r = await unisolated(page, names);
        assert.ok(r.found >= 2, `${path}: names found`);
        assert.deepEqual(r.bad, [], path);
      }
      // What the console says after an action names the person too: in its own <bdi>.
      await page.goto(`${served.base}/beheer/#/netwerk/rtl/wachtlijst`);
      await page.getByRole('button', { name: 'Geef een plaats', exact: false }).first().click();
      // The network is full: the warning names the person in their own <bdi>, then yes.
      await page.getByText('Er is geen plaats meer vrij', { exact: false }).waitFor();
      assert.deepEqual((await unisolated(page, [people[2]!.name])).bad, [], 'the warning before a place past the capacity');
      await page.getByRole('button', { name: 'Ja, toch een plaats geven' }).click();
      await page.getByText('heeft een plaats gekregen', { exact: false }).waitFor();
      assert.deepEqual((await unisolated(page, [people[2]!.name])).bad, [], 'the notice after giving a place');
    } finally {
      await context.close();
    }
  });

  test('organisers\' own names: the header, the organisers list and the audit log put each in its own <bdi>', async () => {
    const owner = { email: 'rtl-eigenaar@example.org', name: 'مريم حداد' };
    const colleague = { email: 'rtl-collega@example.org', name: 'יעל אברהם' };
    const organisers = new OrganiserService(served.db);
    await organisers.setRole('rtl', owner.email, 'owner', { name: owner.name });
    await organisers.setRole('rtl', colleague.email, 'organiser', { name: colleague.name });
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signInToConsole(page, served.base, served.db, owner.email);
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      let r = await unisolated(page, [owner.name]);
      assert.ok(r.found >= 1, 'the header names the owner');
      assert.deepEqual(r.bad, [], 'the header');
      // Something the owner does, so the audit log names them.
      await page.goto(`${served.base}/beheer/#/netwerk/rtl`);
      await page.locator('summary').filter({ hasText: /^Notitie$/ }).first().click();
      await page.getByRole('button', { name: 'Notitie opslaan' }).first().click();
      await page.getByText('De notitie is opgeslagen.').waitFor();
      await page.goto(`${served.base}/beheer/#/netwerk/rtl/organisatoren`);
      await page.getByText(colleague.name).first().waitFor();
      r = await unisolated(page, [owner.name, colleague.name]);
      assert.ok(r.found >= 3, `names found: ${r.found}`);
      assert.deepEqual(r.bad, [], 'the organisers page');
    } finally {
      await context.close();
    }
  });

  test('sessions written out of order: the session filter, attendance and messages list them by date', async () => {
    const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signInToConsole(page, served.base, served.db, 'rtl@example.org');
      await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
      const expected = ['Maart-bijeenkomst', 'April-bijeenkomst', 'Juni-bijeenkomst'];
      await page.goto(`${served.base}/beheer/#/netwerk/volgorde`);
      const filter = page.locator('leerkring-console-network select#session option[value]:not([value=""])');
      await filter.first().waitFor({ state: 'attached' });
      assert.deepEqual(await filter.allTextContents(), expected);
      await page.goto(`${served.base}/beheer/#/netwerk/volgorde/aanwezigheid`);
      const links = page.locator('leerkring-console-network ul li a[href*="aanwezigheid/"]');
      await links.first().waitFor();
      assert.deepEqual((await links.allTextContents()).map((t) => t.trim()), expected);
      await page.goto(`${served.base}/beheer/#/netwerk/volgorde/berichten`);
      const choice = page.locator('select#session option[value]:not([value=""])');
      await choice.first().waitFor({ state: 'attached' });
      assert.deepEqual(await choice.allTextContents(), expected);
    } finally {
      await context.close();
    }
  });
});
