// The manage page as a participant uses it (issue 12, items 9 and 10): the page the reference
// server serves at /aanmelding, opened through the link in the e-mail, in Chromium, by keyboard
// alone, under the strict CSP, axe-clean in every state, with the accessibility tree in reading order.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { serveInChromium, watchViolations } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { network, formToken } from './helpers.js';
import type { Db } from '../../src/server/storage/db.js';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

let browser: Browser;
let base = '';
let db: Db;
let close: () => Promise<void>;

/** One place and a waiting list, a year ahead of the real clock (no demo clock for it). */
const wacht = network({
  id: 'wacht',
  title: 'Workshop met wachtlijst',
  sessions: [{ id: 'dag', title: 'Workshopdag', type: 'other', start: `${new Date().getFullYear() + 1}-05-01T10:00`, end: `${new Date().getFullYear() + 1}-05-01T16:00` }],
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

/** Cancelling closed long ago (`cancelUntil`), the meeting still a year ahead. */
const gesloten = network({
  id: 'afmelden-gesloten',
  title: 'Workshop met afmeldtermijn',
  sessions: [{ id: 'dag', title: 'Workshopdag', type: 'other', start: `${new Date().getFullYear() + 1}-05-01T10:00`, end: `${new Date().getFullYear() + 1}-05-01T16:00` }],
  registration: { mode: 'built-in', capacity: 10, cancelUntil: '2020-01-01', fields: { organisation: 'optional', organisationType: 'off' } },
});

before(async () => {
  const networks = loadNetworks('demo/data');
  networks.set(wacht.id, wacht);
  networks.set(gesloten.id, gesloten);
  ({ base, browser, close, db } = await serveInChromium(networks, { secret: Buffer.alloc(32, 7), adminTokenHash: sha256('x') }));
});
after(() => close());

let n = 0;
/** Registers through the API as the form would; returns the manage token and the id. */
async function register(networkId: string, extra: Record<string, unknown> = {}): Promise<{ id: string; manageToken: string; status: string }> {
  n++;
  const body = {
    participant: { name: `Sam de Vries ${n}`, email: `sam${n}@example.org`, ...(networkId === 'vitaal-platteland' && { organisation: 'Gemeente Voorbeeld', organisationType: 'municipality' }) },
    ...(networkId === 'vitaal-platteland' && { answers: { gebied: 'Friese Veenweiden' } }),
    formToken: await formToken(base, networkId),
    ...extra,
  };
  const res = await fetch(`${base}/api/networks/${networkId}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; manageToken: string; status: string };
}

async function open(path: string): Promise<{ page: Page; violations: () => Promise<unknown[]> }> {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
  const violations = await watchViolations(page);
  await page.goto(base + path);
  await page.waitForFunction(() => {
    const el = document.querySelector('leerkring-manage');
    return el?.shadowRoot?.textContent?.trim() && !/laden…/.test(el.shadowRoot.textContent);
  });
  return { page, violations };
}

/** The focused element inside the manage element: its text (or its accessible label for a field). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector('leerkring-manage')!.shadowRoot!.activeElement as HTMLElement | null;
    if (!el) return document.activeElement?.localName ?? '';
    const label = el.id ? el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).querySelector(`label[for="${el.id}"]`) : null;
    return (label ? label.textContent : el.textContent)!.replace(/\s+/g, ' ').trim();
  });
}

/** What the manage element shows, as rendered text (line breaks between blocks). */
const shown = (page: Page) => page.evaluate(() => (document.querySelector('leerkring-manage')!.shadowRoot!.querySelector('section') as HTMLElement).innerText);

/** Presses Tab until what has focus reads `name` (as a person on a keyboard would); fails after 30 presses. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`no focusable "${name}" reached by Tab`);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((x: any) => x.target.join(' ')).join('; ')})`);
  });
  assert.deepEqual(found, [], `${what}:\n${found.join('\n')}`);
}

/** Waits until the focused element reads `name`. */
async function focusOn(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('leerkring-manage')!.shadowRoot!.activeElement;
      return el?.textContent?.replace(/\s+/g, ' ').trim() === want;
    },
    name,
    { timeout: 5000 },
  ).catch(async () => assert.fail(`focus is on "${await focused(page)}", not on "${name}"`));
}

const status = async (id: string) => (await db.query<{ status: string; session_id: string | null; erased_at: unknown }>('SELECT status, session_id, erased_at FROM registrations WHERE id = $1', [id])).rows[0]!;

describe('the manage page at /aanmelding, by keyboard alone', () => {
  test('shows the network, the meeting and its date, the name and the status, in reading order', async () => {
    const r = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page, violations } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      const tree = await page.locator('leerkring-manage').ariaSnapshot();
      const order = ['heading "Je aanmelding" [level=1]', 'Netwerk', 'Werkplaats Vitaal Platteland', 'Bijeenkomst', 'Datum', '28 november 2019', 'Naam', 'Sam de Vries', 'Status', 'Aangemeld', 'button "Andere bijeenkomst kiezen"', 'button "Afmelden"', 'heading "Je gegevens verwijderen" [level=2]', 'button "Mijn gegevens verwijderen"'];
      let at = -1;
      for (const part of order) {
        const next = tree.indexOf(part, at + 1);
        assert.ok(next > at, `"${part}" after the previous part in:\n${tree}`);
        at = next;
      }
      await expectAccessible(page, 'overview');
      assert.deepEqual(await violations(), []);
      assert.equal(new URL(page.url()).search, '', 'the token is never in the query');
    } finally {
      await page.close();
    }
  });

  test('cancel asks first; "Nee, terug" keeps the registration and returns focus; "Ja" cancels and says so', async () => {
    const r = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page, violations } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      await tabTo(page, 'Afmelden');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Wil je je echt afmelden?');
      assert.equal((await status(r.id)).status, 'confirmed', 'one tap does not cancel');
      await expectAccessible(page, 'confirm cancel');
      await tabTo(page, 'Nee, terug');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Afmelden');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Wil je je echt afmelden?');
      await tabTo(page, 'Ja, meld mij af');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Je bent afgemeld');
      assert.equal((await status(r.id)).status, 'cancelled');
      const text = await shown(page);
      assert.match(text, /Status\s+Afgemeld/);
      // Vitaal Platteland has no waiting list: nothing is promised to one.
      assert.doesNotMatch(text, /wachtlijst/);
      await expectAccessible(page, 'cancelled');
      assert.deepEqual(await violations(), []);
    } finally {
      await page.close();
    }
  });

  test('after the document\'s cancelUntil the page says until when cancelling was possible, and offers no cancel button', async () => {
    const r = await register('afmelden-gesloten');
    const { page, violations } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      const text = await shown(page);
      assert.match(text, /Afmelden via deze pagina kon tot woensdag 1 januari 2020\. Kun je toch niet komen\? Laat het de organisatie weten\./);
      assert.doesNotMatch(text, /voorbij/);
      assert.equal(await page.locator('leerkring-manage').getByRole('button', { name: 'Afmelden' }).count(), 0);
      await expectAccessible(page, 'cancelling closed');
      assert.deepEqual(await violations(), []);
      assert.equal((await status(r.id)).status, 'confirmed');
    } finally {
      await page.close();
    }
  });

  test('leave the waiting list, with its own words and a confirmation', async () => {
    await register('wacht');
    const r = await register('wacht');
    assert.equal(r.status, 'waitlisted');
    const { page } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      assert.match(await shown(page), /Op de wachtlijst, plaats 1/);
      await tabTo(page, 'Van de wachtlijst af');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Wil je echt van de wachtlijst af?');
      await tabTo(page, 'Ja, haal mij van de wachtlijst');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Je staat niet meer op de wachtlijst');
      assert.equal((await status(r.id)).status, 'cancelled');
      await expectAccessible(page, 'left the waiting list');
    } finally {
      await page.close();
    }
  });

  test('switch to another meeting: choose by keyboard, an error without a choice, then moved', async () => {
    const r = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      await tabTo(page, 'Andere bijeenkomst kiezen');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Naar een andere bijeenkomst');
      await expectAccessible(page, 'switch');
      await tabTo(page, 'Overstappen');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /Kies een bijeenkomst/.test(document.querySelector('leerkring-manage')!.shadowRoot!.textContent!));
      assert.match(await focused(page), /^Slotbijeenkomst/, 'focus goes to the first choice');
      await expectAccessible(page, 'switch, nothing chosen');
      await page.keyboard.press('Space');
      await tabTo(page, 'Overstappen');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Je bent overgestapt');
      assert.equal((await status(r.id)).session_id, 'slotbijeenkomst');
      assert.match(await shown(page), /Bijeenkomst\s+Slotbijeenkomst/);
      await expectAccessible(page, 'switched');
    } finally {
      await page.close();
    }
  });

  test('erase my data asks first, then removes it; the link no longer works', async () => {
    const r = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      await tabTo(page, 'Mijn gegevens verwijderen');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Wil je je gegevens echt verwijderen?');
      await tabTo(page, 'Ja, verwijder mijn gegevens');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Je gegevens zijn verwijderd');
      assert.ok((await status(r.id)).erased_at);
      await expectAccessible(page, 'erased');
      await page.reload();
      await page.waitForFunction(() => /We kunnen deze aanmelding niet vinden/.test(document.querySelector('leerkring-manage')?.shadowRoot?.textContent ?? ''));
    } finally {
      await page.close();
    }
  });

  test('the personal calendar: subscribe by webcal, the https address to paste, a new address by keyboard', async () => {
    const r = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page } = await open(`/aanmelding#token=${r.manageToken}`);
    try {
      const read = () =>
        page.evaluate(() => {
          const root = document.querySelector('leerkring-manage')!.shadowRoot!;
          return { webcal: root.querySelector<HTMLAnchorElement>('a[href^="webcal:"]')?.getAttribute('href'), https: root.querySelector<HTMLInputElement>('#calendar-address')?.value };
        });
      const before = await read();
      assert.match(before.https!, new RegExp(`^${base}/api/calendar/[^/]+/agenda\\.ics$`));
      assert.equal(before.webcal, before.https!.replace(/^http:/, 'webcal:'));
      const ics = await fetch(before.https!);
      assert.equal(ics.status, 200);
      assert.match(await ics.text(), /UID:werkplaats-4-maatschappelijke-partners\.vitaal-platteland@leerkring/);
      await tabTo(page, 'Nieuw agenda-adres maken');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Je hebt een nieuw agenda-adres');
      const after = await read();
      assert.notEqual(after.https, before.https);
      assert.equal((await fetch(before.https!)).status, 404, 'the old address stops working');
      assert.equal((await fetch(after.https!)).status, 200);
      await expectAccessible(page, 'calendar renewed');
    } finally {
      await page.close();
    }
  });

  test('send me a new link: without a token, by keyboard; the same answer for an unknown address', async () => {
    const r = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page, violations } = await open('/aanmelding');
    try {
      assert.match(await shown(page), /Open deze pagina met de link uit je bevestigingsmail/);
      await expectAccessible(page, 'no token');
      await tabTo(page, 'Stuur mij een nieuwe link');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /Vul je e-mailadres in/.test(document.querySelector('leerkring-manage')!.shadowRoot!.textContent!));
      assert.equal(await focused(page), 'E-mailadres', 'focus on the field with the problem');
      await expectAccessible(page, 'new link, empty address');
      await page.keyboard.type(`sam${n}@example.org`);
      await page.keyboard.press('Enter');
      await focusOn(page, `Als sam${n}@example.org bij ons bekend is, krijg je binnen een paar minuten een e-mail met een nieuwe link. Zie je niets? Kijk dan ook bij je ongewenste e-mail.`);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'manage-link' AND registration_id = $1`, [r.id]);
      assert.equal(Number(rows[0]!.n), 1);
      await expectAccessible(page, 'new link sent');
      assert.deepEqual(await violations(), []);
    } finally {
      await page.close();
    }
    const other = await open('/aanmelding#token=AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    try {
      assert.match(await shown(other.page), /We kunnen deze aanmelding niet vinden/);
      await other.page.locator('leerkring-manage input[type=email]').fill('onbekend@example.org');
      await other.page.keyboard.press('Enter');
      await other.page.waitForFunction(() => /Als onbekend@example.org bij ons bekend is/.test(document.querySelector('leerkring-manage')!.shadowRoot!.textContent!));
    } finally {
      await other.page.close();
    }
  });

  test('a changed #token in the same tab loads that registration, and the first click after it works (issue 25, item 20)', async () => {
    const first = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const second = await register('vitaal-platteland', { sessionId: 'werkplaats-4-maatschappelijke-partners' });
    const { page } = await open(`/aanmelding#token=${first.manageToken}`);
    try {
      assert.match(await shown(page), new RegExp(`Sam de Vries ${n - 1}\\b`));
      await page.evaluate((t) => (location.hash = `#token=${t}`), second.manageToken);
      await page.waitForFunction((name) => new RegExp(`${name}\\b`).test(document.querySelector('leerkring-manage')!.shadowRoot!.textContent!), `Sam de Vries ${n}`, { timeout: 5000 })
        .catch(async () => assert.fail(`after the hash changed the page still shows:\n${await shown(page)}`));
      await page.locator('leerkring-manage').getByRole('button', { name: 'Afmelden' }).click();
      await focusOn(page, 'Wil je je echt afmelden?');
      await tabTo(page, 'Ja, meld mij af');
      await page.keyboard.press('Enter');
      await focusOn(page, 'Je bent afgemeld');
      assert.equal((await status(second.id)).status, 'cancelled', 'the registration of the new link is the one cancelled');
      assert.equal((await status(first.id)).status, 'confirmed');
    } finally {
      await page.close();
    }
  });
});
