// The organiser console at /beheer/, in Debian's Chromium against the real server: sign-in by
// e-mailed link, the overview, registrations, intake, the waiting list, check-in at the door on
// a phone (with a flaky connection), the export, API tokens; axe-core on every state and no
// Content-Security-Policy violations.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { STRICT_CSP } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/services/organisers.js';
import { deliverAll, network, recipient, signInLinkFor } from './helpers.js';
import { watchViolations, expectAccessible } from './browser.js';
import { consoleUnderTest } from './console-setup.js';

// Screenshots go to test-results/ (a run must not rewrite tracked files; names and times differ
// between runs). The copies in test/artefacts/screenshots/ were taken from there.
const SHOTS = 'test-results/screenshots';
const GAS = 'aardgasvrij-leerkring';

// A small network with a waiting list, next to the five seed networks.
const queue = network({
  id: 'wachtlijst-test',
  title: 'Netwerk met wachtlijst',
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

const served = consoleUnderTest('console-test-installation-admin', ['demo', queue], 7);
before(() => mkdirSync(SHOTS, { recursive: true }));

let people = 0;
/** Registers someone through the public API, as the form would. */
async function register(networkId: string, extra: Record<string, unknown> = {}): Promise<{ id: string; status: string; name: string }> {
  const n = ++people;
  const name = `Deelnemer ${String(n).padStart(2, '0')}`;
  const token = ((await (await fetch(`${served.base}/api/networks/${networkId}/form-token`)).json()) as { formToken: string }).formToken;
  const body =
    networkId === GAS
      ? {
          participant: { name, email: `deelnemer${n}@example.org`, organisation: `Gemeente Voorbeeld ${n}`, organisationType: 'municipality' },
          declarations: ['werkt-samen-met-initiatief'],
          answers: { initiatief: `Energiecoöperatie Wijk ${n}` },
        }
      : { participant: { name, email: `deelnemer${n}@example.org` } };
  const res = await fetch(`${served.base}/api/networks/${networkId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, ...extra, formToken: token }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const r = (await res.json()) as { id: string; status: string };
  return { ...r, name };
}

async function status(id: string): Promise<{ status: string; reason: string | null; attendance: Record<string, boolean> }> {
  const { rows } = await served.db.query<{ status: string; reason: string | null; attendance: unknown }>('SELECT status, reason, attendance FROM registrations WHERE id = $1', [id]);
  const r = rows[0]!;
  return { status: r.status, reason: r.reason, attendance: (typeof r.attendance === 'string' ? JSON.parse(r.attendance) : r.attendance) as Record<string, boolean> };
}

/** A fresh browser context (its own cookies) at a width, watching for CSP violations. */
async function browse(width: number): Promise<{ context: BrowserContext; page: Page; violations: () => Promise<unknown[]> }> {
  const context = await served.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page, violations: await watchViolations(page) };
}

/** Signs in the way an organiser does: asks for a link on the page, opens the link from the e-mail. */
async function signIn(page: Page, email: string): Promise<void> {
  const res = await page.goto(`${served.base}/beheer/`);
  assert.equal(res?.headers()['content-security-policy'], `${STRICT_CSP}; frame-ancestors 'none'`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await page.getByRole('heading', { name: 'Kijk in je e-mail' }).waitFor();
  const link = await signInLinkFor(served.db, email);
  assert.ok(link?.startsWith(`${served.base}/beheer/#login=`), `sign-in link: ${link}`);
  await page.goto(link!);
  await page.getByRole('heading', { name: 'Je netwerken' }).waitFor();
  assert.doesNotMatch(page.url(), /login=/, 'the one-time token leaves the address bar');
}

async function organiser(email: string, roles: Record<string, 'owner' | 'organiser'>): Promise<void> {
  const organisers = new OrganiserService(served.db);
  for (const [networkId, role] of Object.entries(roles)) await organisers.setRole(networkId, email, role, { name: email.split('@')[0]! });
}

/** No sideways scrolling: the page is no wider than the screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // Name what sticks out, through every shadow root, so a failure says where to look.
    // (No named functions in here: the test runner's compiler would wrap them in a helper the page does not have.)
    const wide: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    while (roots.length) {
      for (const el of roots.pop()!.querySelectorAll('*')) {
        if (el.getBoundingClientRect().right > client + 1) wide.push(`${el.localName}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className}` : ''}`);
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  assert.ok(widths.scroll <= widths.client, `page is ${widths.scroll}px wide on a ${widths.client}px screen: ${widths.wide.join(', ')}`);
}

describe('the organiser console', () => {
  test('sign-in: the page, the e-mailed link works once, a reused link says so; signed-out and signed-in states are accessible', async () => {
    await organiser('organisator@aardgasvrij.example.org', { [GAS]: 'owner' });
    const { context, page, violations } = await browse(1280);
    try {
      await page.goto(`${served.base}/beheer/`);
      await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
      await expectAccessible(page, 'sign-in');
      // A missing address is said at the field, and focus stays there.
      await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
      await page.getByText('Vul je e-mailadres in.').waitFor();
      assert.equal(await page.evaluate(() => (document.querySelector('leerkring-console')!.shadowRoot!.querySelector('leerkring-console-sign-in')!.shadowRoot!.activeElement as HTMLElement)?.id), 'email');
      await expectAccessible(page, 'sign-in with an error');
      await signIn(page, 'organisator@aardgasvrij.example.org');
      await expectAccessible(page, 'overview');
      const link = await signInLinkFor(served.db, 'organisator@aardgasvrij.example.org');
      // Signed out, the same link no longer works.
      await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
      await page.getByText('Je bent uitgelogd.').waitFor();
      await page.goto(link!);
      await page.getByText('Deze inloglink werkt niet meer.', { exact: false }).waitFor();
      await expectAccessible(page, 'used link');
      // An address nobody organises with gets the same answer, and no e-mail.
      await page.getByLabel('E-mailadres').fill('onbekend@example.org');
      await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
      await page.getByRole('heading', { name: 'Kijk in je e-mail' }).waitFor();
      assert.equal(await signInLinkFor(served.db, 'onbekend@example.org'), undefined);
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });

  test('overview: every network the organiser runs, with places, intakes, waiting list and next session; screenshots', async () => {
    await organiser('programma@example.org', {
      [GAS]: 'owner',
      'groene-domein': 'owner',
      'twentse-noabers': 'owner',
      'vitaal-platteland': 'organiser',
      'overheidsparticipatie-workshop': 'organiser',
    });
    for (const width of [1280, 375]) {
      const { context, page, violations } = await browse(width);
      try {
        await signIn(page, 'programma@example.org');
        const cards = page.locator('leerkring-console-overview li.card');
        await cards.first().waitFor();
        assert.equal(await cards.count(), 5);
        const gas = cards.filter({ hasText: 'aardgasvrije wijken' });
        assert.match(await gas.innerText(), /Plaatsen vrij\s*\d+/);
        assert.match(await gas.innerText(), /Startbijeenkomst\s+dinsdag 23 november 2021, 10.00 uur/);
        // A session with a date but no time shows no time.
        const green = cards.filter({ hasText: 'groene domein' });
        assert.match(await green.innerText(), /woensdag 24 juni 2015/);
        assert.doesNotMatch(await green.innerText(), /00:00/);
        await expectNoSidewaysScroll(page);
        await page.screenshot({ path: `${SHOTS}/console-overview-${width}.png`, fullPage: true });
        assert.deepEqual(await violations(), []);
      } finally {
        await context.close();
      }
    }
  });

  test('intake by keyboard alone: accept one with a reason, reject one; the people and their e-mails are told', async () => {
    await organiser('intake@example.org', { [GAS]: 'organiser' });
    const first = await register(GAS);
    const second = await register(GAS);
    assert.equal(first.status, 'pending');
    // The organiser heard of it by e-mail, with the way to the intake in the console (composed when sent: issue 11).
    const mail = (await deliverAll(served.db)).find((m) => recipient(m) === 'intake@example.org' && m.text!.includes(first.name));
    assert.ok(mail, 'the organiser was told of the new intake');
    assert.match(mail.text!, new RegExp(first.name));
    assert.ok(mail.text.includes(`${served.base}/beheer/#/netwerk/${GAS}/intake`), mail.text);
    const { context, page, violations } = await browse(1280);
    try {
      await signIn(page, 'intake@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/intake`);
      await page.getByRole('heading', { name: 'Intake' }).waitFor();
      await page.getByText(first.name).first().waitFor();
      await expectAccessible(page, 'intake');
      await page.screenshot({ path: `${SHOTS}/console-intake-1280.png`, fullPage: true });
      // Keyboard only: focus the first person's checkbox, tick it, write a reason, accept.
      await page.getByLabel(`Selecteer ${first.name}`).focus();
      await page.keyboard.press('Space');
      await page.getByLabel('Reden of toelichting').focus();
      await page.keyboard.type('Welkom! We zien je op 23 november.');
      await page.getByRole('button', { name: '1 persoon accepteren' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('1 persoon geaccepteerd.', { exact: false }).waitFor();
      assert.deepEqual((await status(first.id)).status, 'confirmed');
      assert.equal((await status(first.id)).reason, 'Welkom! We zien je op 23 november.');
      // Rejecting without a reason is stopped at the field.
      await page.getByLabel(`Selecteer ${second.name}`).check();
      await page.getByRole('button', { name: '1 persoon afwijzen' }).click();
      await page.getByText('Vul een reden in.', { exact: false }).waitFor();
      await expectAccessible(page, 'intake with a missing reason');
      await page.getByLabel('Reden of toelichting').fill('Jullie werken nog niet samen met een bewonersinitiatief.');
      await page.getByRole('button', { name: '1 persoon afwijzen' }).click();
      await page.getByText('1 persoon afgewezen.', { exact: false }).waitFor();
      assert.equal((await status(second.id)).status, 'rejected');
      // Both got their e-mail, with the reason in it.
      const { rows } = await served.db.query<{ kind: string; message: any }>(`SELECT kind, message FROM mail_outbox WHERE registration_id = ANY($1::uuid[]) ORDER BY id`, [[first.id, second.id]]);
      const kinds = rows.map((r) => r.kind);
      assert.ok(kinds.includes('accepted') && kinds.includes('rejected'), kinds.join());
      const rejected = rows.find((r) => r.kind === 'rejected')!;
      assert.match(JSON.stringify(rejected.message), /nog niet samen met een bewonersinitiatief/);
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });

  test('registrations: search as you type and filter by status, with each person\'s answers and declarations', async () => {
    await organiser('lijst@example.org', { [GAS]: 'organiser' });
    const someone = await register(GAS);
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'lijst@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}`);
      const search = page.getByLabel('Zoek op naam, e-mail of organisatie');
      await search.fill(someone.name);
      const card = page.locator('leerkring-console-network li.card');
      await page.waitForFunction(
        () =>
          document.querySelector('leerkring-console')!.shadowRoot!.querySelector('leerkring-console-network')!.shadowRoot!.querySelector('leerkring-console-registrations')!.shadowRoot!.querySelectorAll('li.card').length === 1,
      );
      await card.getByText('Antwoorden').click();
      assert.match(await card.innerText(), /Energiecoöperatie Wijk/);
      await page.getByLabel('Status').selectOption('rejected');
      await page.getByText('Geen aanmeldingen die passen bij je zoekopdracht.').waitFor();
      await expectAccessible(page, 'registrations, nothing found');
    } finally {
      await context.close();
    }
  });

  test('waiting list: give someone a place by hand; they are told', async () => {
    await organiser('wachtlijst@example.org', { [queue.id]: 'owner' });
    await register(queue.id);
    const waiting = await register(queue.id);
    assert.equal(waiting.status, 'waitlisted');
    const { context, page, violations } = await browse(375);
    try {
      await signIn(page, 'wachtlijst@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${queue.id}/wachtlijst`);
      await page.getByRole('button', { name: `Geef een plaats aan ${waiting.name}` }).waitFor();
      await expectAccessible(page, 'waiting list');
      await page.getByRole('button', { name: `Geef een plaats aan ${waiting.name}` }).click();
      // The network is full: a place past the capacity needs a yes first.
      await page.getByRole('button', { name: 'Ja, toch een plaats geven' }).click();
      await page.getByText(`${waiting.name} heeft een plaats gekregen.`).waitFor();
      assert.equal((await status(waiting.id)).status, 'confirmed');
      const { rows } = await served.db.query(`SELECT 1 FROM mail_outbox WHERE registration_id = $1 AND kind = 'promoted'`, [waiting.id]);
      assert.equal(rows.length, 1);
      await page.getByText('Er staat niemand op de wachtlijst.').waitFor();
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });

  test('check-in at the door on a 320 px phone: search as you type, one tap each, no tap lost while the connection drops', async () => {
    await organiser('deur@example.org', { [GAS]: 'organiser' });
    const guests = [];
    for (let i = 0; i < 3; i++) guests.push(await register(GAS));
    // Accepted through the API as the intake would.
    const admin = { authorization: 'Bearer console-test-installation-admin', 'content-type': 'application/json' };
    for (const g of guests) assert.equal((await fetch(`${served.base}/api/admin/registrations/${g.id}/accept`, { method: 'POST', headers: admin, body: '{}' })).status, 200);
    const { context, page, violations } = await browse(320);
    try {
      await signIn(page, 'deur@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/aanwezigheid/startbijeenkomst`);
      const checkIn = page.locator('leerkring-console-check-in');
      await checkIn.getByRole('heading', { name: 'Aanwezigheid: Startbijeenkomst' }).waitFor();
      await expectAccessible(page, 'check-in');
      await expectNoSidewaysScroll(page);
      // Targets are large enough for a thumb.
      const height = await checkIn.getByRole('button', { name: guests[0]!.name }).evaluate((b) => b.getBoundingClientRect().height);
      assert.ok(height >= 44, `a person's button is ${height}px high`);
      // Search as you type narrows the list (on the server, issue 27: wait for the answer).
      await checkIn.getByLabel('Zoek op naam').fill(guests[1]!.name);
      await checkIn.getByRole('button', { name: guests[0]!.name }).waitFor({ state: 'detached' });
      assert.equal(await checkIn.locator('ul.people button').count(), 1);
      await checkIn.getByRole('button', { name: guests[1]!.name }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      assert.equal((await status(guests[1]!.id)).attendance.startbijeenkomst, true);
      await checkIn.getByLabel('Zoek op naam').fill('');
      // The hall has no signal: taps are kept, shown as not saved yet, and saved when it returns.
      await page.route('**/api/admin/registrations/*/attendance', (route) => route.abort('internetdisconnected'));
      await checkIn.getByRole('button', { name: guests[0]!.name }).click();
      await checkIn.getByRole('button', { name: guests[2]!.name }).click();
      await checkIn.getByText('nog niet opgeslagen', { exact: false }).first().waitFor();
      assert.equal(await checkIn.getByRole('button', { pressed: true }).count(), 3);
      // The longer "not saved yet" label must wrap, not widen the page.
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${SHOTS}/console-check-in-320.png`, fullPage: true });
      assert.equal((await status(guests[0]!.id)).attendance.startbijeenkomst, undefined);
      await page.unroute('**/api/admin/registrations/*/attendance');
      await checkIn.evaluate((el) => (el as unknown as { retryNow(): Promise<void> }).retryNow());
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      for (const g of guests) assert.equal((await status(g.id)).attendance.startbijeenkomst, true, g.name);
      // Tapping again undoes.
      await checkIn.getByRole('button', { name: guests[2]!.name }).click();
      await checkIn.getByText('Alles is opgeslagen.').waitFor();
      assert.equal((await status(guests[2]!.id)).attendance.startbijeenkomst, false);
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });

  test('messages: the gas-free leerkring\'s organiser previews the e-mail as a participant gets it, sends it to everyone with a place, and the history says to whom', async () => {
    await organiser('berichten@example.org', { [GAS]: 'organiser' });
    const admin = { authorization: 'Bearer console-test-installation-admin', 'content-type': 'application/json' };
    // One person accepted (a place) and one still waiting for the intake; earlier tests' people are there too.
    const placed = await register(GAS);
    assert.equal((await fetch(`${served.base}/api/admin/registrations/${placed.id}/accept`, { method: 'POST', headers: admin, body: '{}' })).status, 200);
    const waiting = await register(GAS);
    const list = (await (await fetch(`${served.base}/api/admin/networks/${GAS}/registrations`, { headers: admin })).json()) as { registrations: { id: string; status: string }[] };
    const withPlace = list.registrations.filter((r) => r.status === 'confirmed').map((r) => r.id);
    assert.ok(withPlace.includes(placed.id) && !withPlace.includes(waiting.id));
    const before = async (ids: string[]) => Number((await served.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE registration_id = ANY($1::uuid[])', [ids])).rows[0]!.n);
    const placedMails = await before(withPlace);
    const waitingMails = await before([waiting.id]);
    const { context, page, violations } = await browse(1280);
    try {
      await signIn(page, 'berichten@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/berichten`);
      const messages = page.locator('leerkring-console-messages');
      await messages.getByRole('heading', { name: 'Berichten' }).waitFor();
      await messages.getByText('Er zijn nog geen berichten verstuurd.').waitFor();
      await expectAccessible(page, 'messages');
      // Previewing without a subject is stopped at the field.
      await messages.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await messages.getByText('Vul een onderwerp in.').waitFor();
      await expectAccessible(page, 'messages with errors');
      await messages.getByLabel('Iedereen met een plaats').check();
      await messages.getByLabel('Onderwerp').fill('Parkeren bij de startbijeenkomst');
      await messages.getByLabel('Bericht').fill('Parkeer bij voorkeur op P2.\nDe zaal is op de eerste verdieping.');
      await messages.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await messages.getByRole('heading', { name: 'Zo ziet de e-mail eruit' }).waitFor();
      const preview = await messages.locator('pre.mail').first().innerText();
      assert.match(preview, /Parkeer bij voorkeur op P2\.\nDe zaal is op de eerste verdieping\./);
      assert.match(preview, /Deelnemer \d+/, 'the preview greets the first recipient by name');
      await expectAccessible(page, 'message preview');
      const send = messages.getByRole('button', { name: new RegExp(`Versturen naar ${withPlace.length} (persoon|mensen)`) });
      await send.click();
      await messages.getByText(/Het bericht is verstuurd naar \d+/).waitFor();
      assert.equal(await before(withPlace), placedMails + withPlace.length, 'one e-mail per person with a place');
      assert.equal(await before([waiting.id]), waitingMails, 'nothing to someone without a place');
      await messages.getByText('Parkeren bij de startbijeenkomst').waitFor();
      await messages.getByText('Aan wie het ging').click();
      await messages.getByText(`${placed.name}`, { exact: false }).first().waitFor();
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
  });

  test('notes: an organiser keeps a note on a registration; the participant never sees it', async () => {
    await organiser('notities@example.org', { [GAS]: 'organiser' });
    const someone = await register(GAS);
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'notities@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}`);
      await page.getByLabel('Zoek op naam, e-mail of organisatie').fill(someone.name);
      const card = page.locator('leerkring-console-network li.card').filter({ hasText: someone.name });
      await card.getByText('Notitie', { exact: true }).first().click();
      await card.getByLabel('Notitie').fill('Belde op maandag: komt later binnen.');
      await card.getByRole('button', { name: 'Notitie opslaan' }).click();
      await page.getByText('De notitie is opgeslagen.', { exact: false }).waitFor();
      const admin = { authorization: 'Bearer console-test-installation-admin' };
      const list = (await (await fetch(`${served.base}/api/admin/networks/${GAS}/registrations`, { headers: admin })).json()) as { registrations: { id: string; note: string | null }[] };
      assert.equal(list.registrations.find((r) => r.id === someone.id)?.note, 'Belde op maandag: komt later binnen.');
      await expectAccessible(page, 'registrations with a note');
    } finally {
      await context.close();
    }
  });

  test('waiting list: take someone off, after a yes; they are told', async () => {
    await organiser('wachtlijst2@example.org', { [queue.id]: 'owner' });
    const waiting = await register(queue.id);
    assert.equal(waiting.status, 'waitlisted');
    const { context, page } = await browse(375);
    try {
      await signIn(page, 'wachtlijst2@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${queue.id}/wachtlijst`);
      await page.getByRole('button', { name: `Van de wachtlijst halen (${waiting.name})` }).click();
      // The question gets focus on its yes; no changes it back.
      await page.getByText(`Weet je zeker dat je ${waiting.name} van de wachtlijst haalt?`, { exact: false }).waitFor();
      await expectAccessible(page, 'waiting list, confirm removal');
      await page.keyboard.press('Enter');
      await page.getByText(`${waiting.name} staat niet meer op de wachtlijst.`, { exact: false }).waitFor();
      assert.equal((await status(waiting.id)).status, 'cancelled');
      const { rows } = await served.db.query('SELECT kind FROM mail_outbox WHERE registration_id = $1 ORDER BY id DESC LIMIT 1', [waiting.id]);
      assert.equal((rows[0] as { kind: string }).kind, 'removed');
    } finally {
      await context.close();
    }
  });

  test('notifications: an organiser chooses a daily digest', async () => {
    await organiser('digest@example.org', { [GAS]: 'organiser' });
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'digest@example.org');
      await page.getByLabel('Eén keer per dag, in één e-mail').check();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Je keuze is opgeslagen.').waitFor();
      const { rows } = await served.db.query<{ notify: string }>(`SELECT notify FROM organisers WHERE email_lower = 'digest@example.org'`);
      assert.equal(rows[0]!.notify, 'digest');
      await page.reload();
      assert.equal(await page.getByLabel('Eén keer per dag, in één e-mail').isChecked(), true);
    } finally {
      await context.close();
    }
  });

  test('check-in at 1280 and 375 px: screenshots', async () => {
    await organiser('deur2@example.org', { [GAS]: 'organiser' });
    for (const width of [1280, 375]) {
      const { context, page } = await browse(width);
      try {
        await signIn(page, 'deur2@example.org');
        await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/aanwezigheid/startbijeenkomst`);
        await page.locator('leerkring-console-check-in').getByRole('heading', { name: 'Aanwezigheid: Startbijeenkomst' }).waitFor();
        await expectNoSidewaysScroll(page);
        await page.screenshot({ path: `${SHOTS}/console-check-in-${width}.png`, fullPage: true });
        if (width === 1280) {
          // On paper (Ctrl+P: the browser says beforeprint first): a list by name with a column to sign, not the buttons.
          await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
          await page.emulateMedia({ media: 'print' });
          const sheet = page.locator('leerkring-console-check-in table');
          await sheet.waitFor();
          assert.deepEqual(await sheet.locator('th').allInnerTexts(), ['Naam', 'Organisatie', 'Handtekening']);
          assert.ok((await sheet.locator('tbody tr').count()) >= 1);
          assert.equal(await page.locator('leerkring-console-check-in ul.people').isVisible(), false);
          await page.screenshot({ path: `${SHOTS}/console-attendance-print.png`, fullPage: true });
          await page.emulateMedia({ media: 'screen' });
          await page.evaluate(() => dispatchEvent(new Event('afterprint')));
        }
        if (width === 375) {
          await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/intake`);
          await page.getByRole('heading', { name: 'Intake' }).waitFor();
          await page.screenshot({ path: `${SHOTS}/console-intake-375.png`, fullPage: true });
        }
      } finally {
        await context.close();
      }
    }
  });

  test('export: the CSV downloads from the console with the session cookie', async () => {
    await organiser('export@example.org', { [GAS]: 'organiser' });
    await register(GAS);
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'export@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}/exporteren`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download alle aanmeldingen/ }).click()]);
      const text = readFileSync((await download.path())!, 'utf8');
      assert.match(text, /deelnemer\d+@example\.org/);
      await expectAccessible(page, 'export');
    } finally {
      await context.close();
    }
  });

  test('an organiser of one network does not see another: the page says so, the API refuses', async () => {
    await organiser('alleen-twente@example.org', { 'twentse-noabers': 'owner' });
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'alleen-twente@example.org');
      await page.locator('leerkring-console-overview li.card').first().waitFor();
      assert.equal(await page.locator('leerkring-console-overview li.card').count(), 1);
      await page.goto(`${served.base}/beheer/#/netwerk/${GAS}`);
      await page.getByRole('heading', { name: 'Je hebt geen toegang tot dit netwerk, of het bestaat niet.' }).waitFor();
      // The page says so because the API refused, with this organiser's own session cookie.
      const status = await page.evaluate((id) => fetch(`/api/admin/networks/${id}/registrations`).then((r) => r.status), GAS);
      assert.equal(status, 403);
      assert.doesNotMatch(await page.locator('leerkring-console-network').innerText(), /deelnemer/);
    } finally {
      await context.close();
    }
  });

  test('organisers: an owner adds someone, who can then sign in; the audit log says who did what; organisers do not see the tab', async () => {
    await organiser('eigenaar@example.org', { 'twentse-noabers': 'owner' });
    const { context, page, violations } = await browse(1280);
    try {
      await signIn(page, 'eigenaar@example.org');
      await page.goto(`${served.base}/beheer/#/netwerk/twentse-noabers/organisatoren`);
      const tab = page.locator('leerkring-console-organisers');
      await tab.getByRole('heading', { name: 'Organisatoren' }).waitFor();
      await tab.getByLabel('E-mailadres').fill('geen-adres');
      await tab.getByRole('button', { name: 'Toevoegen' }).click();
      await tab.getByText('Vul een geldig e-mailadres in', { exact: false }).waitFor();
      await expectAccessible(page, 'organisers with an error');
      await tab.getByLabel('E-mailadres').fill('nieuw@example.org');
      await tab.getByLabel('Naam (optioneel)').fill('Nieuwe Collega');
      await tab.getByRole('button', { name: 'Toevoegen' }).click();
      await tab.getByText('nieuw@example.org kan nu inloggen', { exact: false }).waitFor();
      await tab.getByRole('heading', { name: 'Nieuwe Collega' }).waitFor();
      await tab.getByText('rol gegeven', { exact: false }).first().waitFor();
      await expectAccessible(page, 'organisers');
      assert.deepEqual(await violations(), []);
    } finally {
      await context.close();
    }
    // The new organiser signs in, sees the network, and has no organisers tab (they are not an owner).
    const second = await browse(1280);
    try {
      await signIn(second.page, 'nieuw@example.org');
      await second.page.getByRole('link', { name: 'Twentse Noabers' }).click();
      await second.page.getByRole('link', { name: 'Aanmeldingen' }).waitFor();
      assert.equal(await second.page.getByRole('link', { name: 'Organisatoren' }).count(), 0);
    } finally {
      await second.context.close();
    }
  });

  test('API tokens: made once, listed by name, revoked', async () => {
    await organiser('script@example.org', { [GAS]: 'organiser' });
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'script@example.org');
      await page.getByRole('link', { name: 'API-sleutels' }).click();
      await page.getByRole('heading', { name: 'API-sleutels' }).waitFor();
      await page.getByLabel('Naam van de sleutel').fill('Export nieuwsbrief');
      await page.getByRole('button', { name: 'Sleutel maken' }).click();
      const secret = await page.locator('code.secret').innerText();
      const works = await fetch(`${served.base}/api/admin/networks/${GAS}/registrations`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(works.status, 200);
      await expectAccessible(page, 'tokens');
      await page.getByRole('button', { name: 'Intrekken (sleutel Export nieuwsbrief)' }).click();
      await page.getByText('De sleutel is ingetrokken.').waitFor();
      const revoked = await fetch(`${served.base}/api/admin/networks/${GAS}/registrations`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(revoked.status, 401);
    } finally {
      await context.close();
    }
  });

  test('English on request, kept for the next visit', async () => {
    await organiser('english@example.org', { [GAS]: 'organiser' });
    const { context, page } = await browse(1280);
    try {
      await signIn(page, 'english@example.org');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Your networks' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Your networks' }).waitFor();
      // The page's own language follows after the reload too (issue 24), so a screen reader reads English.
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await expectAccessible(page, 'overview in English');
    } finally {
      await context.close();
    }
  });
});
