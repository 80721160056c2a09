// Issue 27, the console half: check-in at the door and the intake queue page through the server
// as the registrations list does (never the whole network), check-in search runs on the server
// by core's rule ("kok zoe" finds "Zoë Kok"), marking someone present keeps focus, "Meer laden"
// moves focus to the first new person; the Export tab (issue 24's certificates) asks for the
// certificate holders a page at a time instead of every registration. In Chromium against the
// real server; axe, 320 px and 200% text.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { network } from './helpers.js';
import { asOwner, expectAccessible, focusedId } from './browser.js';
import { consoleUnderTest, atPhoneSizes as atPhoneSizesThen } from './console-setup.js';

const door = network({
  id: 'deur',
  title: 'Drukke deur',
  kind: 'learning-network',
  sessions: [
    { id: 'een', title: 'Een', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' } },
    { id: 'twee', title: 'Twee', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T11:30', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } },
});
const queue = network({
  id: 'wachtrij',
  title: 'Lange intake',
  kind: 'learning-network',
  sessions: [{ id: 'start', title: 'Start', type: 'other', start: '2030-05-01T10:00', venue: { type: 'online' } }],
  registration: { mode: 'built-in', approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

// Two rooms, one person each: the paper list of one must never list the other's.
const rooms = network({
  id: 'zalen',
  title: 'Twee zalen',
  kind: 'learning-network',
  sessions: [
    { id: 'noord', title: 'Zaal Noord', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' } },
    { id: 'zuid', title: 'Zaal Zuid', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('console-door-admin', [door, queue, rooms], 11);
const ADMIN = { authorization: 'Bearer console-door-admin', 'content-type': 'application/json' };
const doorIds: string[] = [];
const queueIds: string[] = [];

async function register(networkId: string, name: string, email: string, organisation?: string, sessionId?: string): Promise<string> {
  const token = ((await (await fetch(`${served.base}/api/networks/${networkId}/form-token`)).json()) as { formToken: string }).formToken;
  const res = await fetch(`${served.base}/api/networks/${networkId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ participant: { name, email, ...(organisation && { organisation }) }, formToken: token, ...(sessionId && { sessionId }) }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

/** Requests for a network's registrations without `limit`: the whole list, which these pages must never ask for. */
function wholeListRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/registrations') && url.pathname.includes('/api/admin/') && !url.searchParams.has('limit')) seen.push(url.pathname + url.search);
  });
  return seen;
}

/** No sideways scrolling at phone sizes (console-setup), then back at the desktop size. */
async function atPhoneSizes(page: Page, what: string): Promise<void> {
  await atPhoneSizesThen(page, what);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('check-in and intake, a page at a time (issue 27)', () => {
  // The server starts in consoleUnderTest's root `before`; the people come after it.
  before(async () => {
    for (let i = 0; i < 130; i++) {
      const name = i === 77 ? 'Zoë Kok' : `Deelnemer ${String(i).padStart(3, '0')}`;
      // One long unbroken organisation name: the list must not widen the page at 320 px.
      doorIds.push(await register(door.id, name, `deur${i}@example.org`, i === 3 ? 'Samenwerkingsverbandvoorduurzaamheidsonderwijsinnoordnederland' : 'Gemeente Zwolle'));
    }
    await register(rooms.id, 'Noor Noord', 'noor@example.org', undefined, 'noord');
    await register(rooms.id, 'Zeger Zuid', 'zeger@example.org', undefined, 'zuid');
    for (let i = 0; i < 60; i++) queueIds.push(await register(queue.id, `Wachtende ${String(i).padStart(2, '0')}`, `wacht${i}@example.org`));
  });

  test('check-in draws 50 of 130 from the server, finds "kok zoe" there, keeps focus on a tap, and "Meer laden" focuses the first new person', async () => {
    await asOwner(served, door.id, { email: 'deur@deur.example.org', name: 'Deur' }, async (page) => {
      const whole = wholeListRequests(page);
      await page.goto(`${served.base}/beheer/#/netwerk/${door.id}/aanwezigheid/een`);
      const checkIn = page.locator('leerkring-console-check-in');
      const people = checkIn.locator('ul.people > li');
      await checkIn.getByText('0 van 130 aanwezig').waitFor();
      assert.equal(await people.count(), 50, 'one page drawn');
      // Marking someone present by keyboard keeps focus on them, after the save and the reload.
      const first = checkIn.locator(`#in-${doorIds[0]}`);
      await first.focus();
      await page.keyboard.press('Enter');
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      await checkIn.getByText('1 van 130 aanwezig').waitFor();
      assert.equal(await first.getAttribute('aria-pressed'), 'true');
      assert.equal(await focusedId(page), `in-${doorIds[0]}`, 'focus stays on the person marked present');
      // "Meer laden" adds the next page and moves focus to its first person.
      await checkIn.getByRole('button', { name: 'Meer laden' }).focus();
      await page.keyboard.press('Enter');
      await people.nth(99).waitFor();
      assert.equal(await people.count(), 100);
      assert.equal(await focusedId(page), `in-${doorIds[50]}`, 'focus on the first new person');
      await expectAccessible(page, 'check-in, two pages');
      await atPhoneSizes(page, 'check-in');
      // Search on the server, by core's rule: the server is asked, not only the people drawn filtered.
      const asked = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === 'kok zoe');
      await checkIn.getByLabel('Zoek op naam').fill('kok zoe');
      await asked;
      await checkIn.locator(`#in-${doorIds[77]}`).waitFor();
      await people.nth(1).waitFor({ state: 'detached' });
      assert.equal(await people.count(), 1);
      assert.deepEqual(await people.locator('bdi').first().allInnerTexts(), ['Zoë Kok']);
      await checkIn.getByLabel('Zoek op naam').fill('niemand hier');
      await checkIn.getByText('Niemand gevonden met deze naam.').waitFor();
      await expectAccessible(page, 'check-in, nobody found');
      assert.deepEqual(whole, [], 'check-in never asks for every registration');
      const saved = (await (await fetch(`${served.base}/api/admin/networks/${door.id}/registrations?limit=1&attendedAt=een&present=yes`, { headers: ADMIN })).json()) as { total: number };
      assert.equal(saved.total, 1);
    });
  });

  test('the paper list is drawn only when printing is asked: not on screen nor on a search; "Afdrukken" prints everyone with a place, Ctrl+P what is drawn', async () => {
    await asOwner(served, door.id, { email: 'papier@deur.example.org', name: 'Papier' }, async (page) => {
      // At print(), the rows of the paper list (looked up through the open shadow roots).
      // A string, not a function: the test's compiler would add a helper the page does not have.
      await page.evaluate(`(() => {
        window.__printed = [];
        const rows = (root) => {
          let n = root.querySelectorAll('.sheet tbody tr').length;
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) n += rows(el.shadowRoot);
          return n;
        };
        window.print = () => void window.__printed.push(rows(document));
      })()`);
      await page.goto(`${served.base}/beheer/#/netwerk/${door.id}/aanwezigheid/een`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.locator('ul.people > li').nth(49).waitFor();
      assert.equal(await checkIn.locator('.sheet').count(), 0, 'no paper list in the page on screen');
      await checkIn.getByLabel('Zoek op naam').fill('kok zoe');
      await checkIn.getByRole('button', { name: /Zoë Kok/ }).waitFor();
      assert.equal(await checkIn.locator('ul.people > li').count(), 1);
      assert.equal(await checkIn.locator('.sheet').count(), 0, 'nor after a search');
      await checkIn.getByRole('button', { name: 'Aanwezigheidslijst afdrukken' }).click();
      await page.waitForFunction(() => (window as unknown as { __printed: number[] }).__printed.length === 1);
      assert.deepEqual(await page.evaluate(() => (window as unknown as { __printed: number[] }).__printed), [130], 'the button prints everyone with a place, not the search');
      await checkIn.locator('ul.people > li').first().waitFor();
      assert.equal(await checkIn.locator('.sheet').count(), 0, 'gone again after printing');
      // Ctrl+P: the browser says beforeprint; the paper list is of what is drawn, until afterprint.
      await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
      await checkIn.locator('.sheet tbody tr').first().waitFor({ state: 'attached' });
      assert.deepEqual((await checkIn.locator('.sheet tbody tr td:first-child').allInnerTexts()).map((t) => t.trim()), ['Zoë Kok']);
      await page.evaluate(() => dispatchEvent(new Event('afterprint')));
      await checkIn.locator('.sheet').waitFor({ state: 'detached' });
    });
  });

  test('the paper list is of the session shown: after printing one room, the other room\'s list has its own people', async () => {
    await asOwner(served, rooms.id, { email: 'zalen@zalen.example.org', name: 'Zalen' }, async (page) => {
      await page.evaluate(() => (window.print = () => {}));
      await page.goto(`${served.base}/beheer/#/netwerk/${rooms.id}/aanwezigheid/noord`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.getByText('0 van 1 aanwezig').waitFor();
      await checkIn.getByRole('button', { name: 'Aanwezigheidslijst afdrukken' }).click();
      await page.goto(`${served.base}/beheer/#/netwerk/${rooms.id}/aanwezigheid/zuid`);
      await checkIn.getByRole('heading', { name: /Zaal Zuid/ }).first().waitFor();
      await checkIn.locator('ul.people > li').first().waitFor();
      // Ctrl+P: the browser says beforeprint before it lays the page out for paper.
      await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      await checkIn.locator('table tbody tr').first().waitFor();
      const rows = await checkIn.locator('table tbody tr').allInnerTexts();
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => dispatchEvent(new Event('afterprint')));
      assert.equal(rows.some((r) => r.includes('Noor Noord')), false, `no one from the other room: ${rows.join(' | ')}`);
      assert.equal(rows.some((r) => r.includes('Zeger Zuid')), true, `this room's person: ${rows.join(' | ')}`);
    });
  });

  test('the intake queue draws 50 of 60 from the server, "Meer laden" focuses the first new person, and accepting one works', async () => {
    await asOwner(served, queue.id, { email: 'intake@wachtrij.example.org', name: 'Intake' }, async (page) => {
      const whole = wholeListRequests(page);
      await page.goto(`${served.base}/beheer/#/netwerk/${queue.id}/intake`);
      const intake = page.locator('leerkring-console-intake');
      const cards = intake.locator('li.card');
      await intake.getByText('50 van 60 staan op deze pagina.').waitFor();
      assert.equal(await cards.count(), 50, 'one page drawn');
      assert.equal(await cards.first().locator('h3').innerText(), 'Wachtende 00', 'the first to arrive at the top');
      await intake.getByRole('button', { name: 'Meer laden' }).focus();
      await page.keyboard.press('Enter');
      await cards.nth(59).waitFor();
      assert.equal(await focusedId(page), `who-${queueIds[50]}`, 'focus on the first new person');
      await expectAccessible(page, 'intake, two pages');
      await atPhoneSizes(page, 'intake');
      await intake.getByLabel('Selecteer Wachtende 01').check();
      await intake.getByRole('button', { name: '1 persoon accepteren' }).click();
      await intake.getByText('1 persoon geaccepteerd.', { exact: false }).waitFor();
      await cards.nth(59).waitFor({ state: 'detached' });
      assert.equal(await cards.count(), 59);
      assert.deepEqual(whole, [], 'intake never asks for every registration');
      const r = (await (await fetch(`${served.base}/api/admin/networks/${queue.id}/registrations?limit=1&status=pending`, { headers: ADMIN })).json()) as { total: number };
      assert.equal(r.total, 59);
    });
  });

  test('a page that fails to arrive (no signal) says so, and "Meer laden" tries again: one paged-list controller for every list', async () => {
    await asOwner(served, queue.id, { email: 'offline@wachtrij.example.org', name: 'Offline' }, async (page) => {
      await page.goto(`${served.base}/beheer/#/netwerk/${queue.id}/intake`);
      const intake = page.locator('leerkring-console-intake');
      const cards = intake.locator('li.card');
      await cards.nth(49).waitFor();
      await page.context().setOffline(true);
      await intake.getByRole('button', { name: 'Meer laden' }).click();
      await intake.getByRole('alert').getByText('Dat lukte niet. Probeer het opnieuw.').waitFor();
      assert.equal(await cards.count(), 50, 'what was drawn stays');
      await page.context().setOffline(false);
      await intake.getByRole('button', { name: 'Meer laden' }).click();
      await cards.nth(50).waitFor();
      assert.equal(await intake.getByRole('alert').count(), 0, 'the alert goes once the page arrived');
    });
  });

  test('at the door: a tap is one write and no more than one read, the search asks once after typing stops, and one answer carries the counts', async () => {
    // The list answer for placeAt carries how many have a place there and how many came: equal to a recount.
    const listed = (await (await fetch(`${served.base}/api/admin/networks/${door.id}/registrations?limit=1&placeAt=een`, { headers: ADMIN })).json()) as { total: number; counts?: { placed: number; present: number } };
    const came = (await (await fetch(`${served.base}/api/admin/networks/${door.id}/registrations?limit=1&attendedAt=een&present=yes`, { headers: ADMIN })).json()) as { total: number };
    assert.deepEqual(listed.counts, { placed: listed.total, present: came.total });
    await asOwner(served, door.id, { email: 'tik@deur.example.org', name: 'Tik' }, async (page) => {
      const asked: { method: string; url: URL }[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) asked.push({ method: r.method(), url });
      });
      await page.goto(`${served.base}/beheer/#/netwerk/${door.id}/aanwezigheid/een`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.locator('ul.people > li').nth(49).waitFor();
      const lists = () => asked.filter((x) => x.url.pathname.endsWith('/registrations'));
      assert.equal(lists().length, 1, `one request opens the door list: ${lists().map((x) => x.url.search).join(' ')}`);
      const present = Number(/(\d+) van 130 aanwezig/.exec(await checkIn.locator('p.status-line').innerText())![1]);
      // A tap: one write, then at most one read (the requests made before "Meer laden" is asked).
      asked.length = 0;
      const person = checkIn.locator(`#in-${doorIds[10]}`);
      await person.click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      await checkIn.getByText(`${present + 1} van 130 aanwezig`).waitFor();
      const more = page.waitForRequest((r) => new URL(r.url()).searchParams.has('after'));
      await checkIn.getByRole('button', { name: 'Meer laden' }).click();
      const moreUrl = (await more).url();
      const beforeMore = asked.slice(0, asked.findIndex((x) => x.url.href === moreUrl));
      const writes = beforeMore.filter((x) => x.method !== 'GET');
      const reads = beforeMore.filter((x) => x.method === 'GET');
      assert.equal(writes.length, 1, `one write: ${writes.map((x) => x.url.pathname).join(' ')}`);
      assert.ok(reads.length <= 1, `at most one read after a tap: ${reads.map((x) => x.url.pathname + x.url.search).join(' ')}`);
      await checkIn.locator('ul.people > li').nth(99).waitFor();
      // Typing a name asks the server once, when typing stops (waited for on the request, not on a clock).
      asked.length = 0;
      const searched = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === 'kok zoe');
      await checkIn.getByLabel('Zoek op naam').focus();
      await page.keyboard.type('kok zoe');
      await searched;
      await checkIn.locator('ul.people > li').nth(1).waitFor({ state: 'detached' });
      assert.deepEqual(lists().map((x) => x.url.searchParams.get('q')), ['kok zoe'], 'one request for the search, with the counts in it');
      await checkIn.getByText(`${present + 1} van 130 aanwezig`).waitFor();
      await person.waitFor({ state: 'detached' });
      await expectAccessible(page, 'check-in after a search');
    });
    // Undone, so the Export test below counts the people it expects.
    const undo = await fetch(`${served.base}/api/admin/registrations/${doorIds[10]}/attendance`, { method: 'PUT', headers: ADMIN, body: JSON.stringify({ sessionId: 'een', present: false }) });
    assert.equal(undo.status, 200);
  });

  test('the Export tab asks for the certificate holders a page at a time, never for every registration', async () => {
    for (const i of [5, 6, 7]) {
      const res = await fetch(`${served.base}/api/admin/registrations/${doorIds[i]}/attendance`, { method: 'PUT', headers: ADMIN, body: JSON.stringify({ sessionId: 'twee', present: true }) });
      assert.equal(res.status, 200);
    }
    await asOwner(served, door.id, { email: 'export@deur.example.org', name: 'Export' }, async (page) => {
      const asked: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/admin/')) asked.push(url.pathname + url.search);
      });
      await page.goto(`${served.base}/beheer/#/netwerk/${door.id}/exporteren`);
      const certificates = page.locator('leerkring-console-certificates');
      // Zoë's neighbours came to "Twee", the first person to "Een" (the check-in test above).
      await certificates.getByRole('link', { name: /Download alle deelnamebewijzen \(PDF, 4 personen/ }).waitFor();
      assert.equal(await certificates.locator('li.card').count(), 4);
      await certificates.getByRole('link', { name: 'Download het deelnamebewijs van Deelnemer 005 (PDF)' }).waitFor();
      await expectAccessible(page, 'export');
      const registrations = asked.filter((u) => /\/registrations(\?|$)/.test(u));
      assert.deepEqual(registrations, [], 'the Export tab reads no registrations');
      assert.ok(asked.some((u) => u.startsWith(`/api/admin/networks/${door.id}/certificate-holders?limit=`)), `a page of holders: ${asked.join(', ')}`);
    });
  });
});
