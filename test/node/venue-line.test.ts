// Issue 23: one owner for the venue line. The agenda (in Chromium), the e-mail's "Waar:" line,
// the .ics LOCATION (read by ical.js) and the manage page say the same words for a hybrid, a
// to-be-announced (with a note), a participants-only (public and participant view) and an
// online venue; the agenda may only put the note on a line of its own.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { serveInChromium } from './browser.js';
import { STRICT_CSP } from '../../src/server/index.js';
import { manageToken, sha256 } from '../../src/server/tokens.js';
import { composeMail } from '../../src/server/mail/compose.js';
import { network, person } from './helpers.js';
import { networkCalendar, publicNetwork, venueText, type Network } from '../../src/core/index.js';

const year = new Date().getFullYear() + 1;
const at = (day: number) => ({ start: `${year}-05-${day}T19:30`, end: `${year}-05-${day}T21:30` });
const doc: Network = network({
  id: 'plekken',
  title: 'Kring op vier plekken',
  sessions: [
    { id: 'hybride', title: 'Hybride kring', type: 'other', ...at(11), venue: { type: 'hybrid', participantsOnly: true, name: 'Provinciehuis', address: 'Stationsweg 1', postalCode: '8011 AB', city: 'Zwolle', platform: 'Teams' } },
    { id: 'volgt', title: 'Kring met plek die volgt', type: 'other', ...at(12), venue: { type: 'to-be-announced', city: 'Zwolle', note: 'Zaal volgt per e-mail' } },
    { id: 'besloten', title: 'Besloten kring', type: 'other', ...at(13), venue: { type: 'physical', participantsOnly: true, name: 'Huize Vertrouwelijk', address: 'Achterom 7', postalCode: '1234 AB', city: 'Zwolle', note: 'Ingang aan de achterkant' } },
    { id: 'online', title: 'Online kring', type: 'other', ...at(14), venue: { type: 'online', platform: 'Teams', note: 'Link volgt per e-mail' } },
    // No venue at all, as in most of the demo networks (aardgasvrij-leerkring, twentse-noabers): not known yet.
    { id: 'geen', title: 'Kring zonder plek', type: 'other', ...at(15) },
  ],
  registration: { mode: 'closed', fields: { organisation: 'optional', organisationType: 'off' } },
});

/** The same words everywhere, for the public and for someone with a place. */
const PUBLIC: Record<string, string> = {
  hybride: 'Zwolle · Op locatie en online',
  volgt: 'Zwolle · Locatie volgt · Zaal volgt per e-mail',
  besloten: 'Zwolle',
  online: 'Online (Teams) · Link volgt per e-mail',
  geen: 'Locatie volgt',
};
const PARTICIPANT: Record<string, string> = {
  ...PUBLIC,
  hybride: 'Provinciehuis, Stationsweg 1, 8011 AB Zwolle · Op locatie en online',
  besloten: 'Huize Vertrouwelijk, Achterom 7, 1234 AB Zwolle · Ingang aan de achterkant',
};
const titles: Record<string, string> = Object.fromEntries(doc.sessions.map((s) => [s.title, s.id]));

/** LOCATION per session id, as ical.js reads the calendar. */
function locations(ics: string): Record<string, string> {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return Object.fromEntries(
    cal.getAllSubcomponents('vevent').map((v) => [doc.sessions.find((s) => String(v.getFirstPropertyValue('summary')).startsWith(s.title))!.id, String(v.getFirstPropertyValue('location'))]),
  );
}

/** The "Waar:" line per session id in an e-mail's text, without the bidi isolates. */
function whereLines(text: string): Record<string, string> {
  const lines = text.replace(/[\u2066-\u2069]/g, '').split('\n');
  const out: Record<string, string> = {};
  lines.forEach((l, i) => {
    const id = titles[l.trim()];
    const where = id && lines.slice(i + 1, i + 4).find((x) => x.startsWith('Waar: '));
    if (id && where) out[id] = where.slice('Waar: '.length);
  });
  return out;
}

const secret = Buffer.alloc(32, 7);
let browser: Browser;
let base = '';
let close: () => Promise<void>;
before(async () => {
  ({ base, browser, close } = await serveInChromium(new Map([[doc.id, doc]]), { secret, adminTokenHash: sha256('beheer-token'), staticRoot: process.cwd() }));
});
after(() => close());

describe('the venue line says the same words in the agenda, the e-mail, the calendar item and the manage page', () => {
  test('e-mail "Waar:" and .ics LOCATION, for someone with a place and for the public', () => {
    const mail = composeMail('confirmed', { network: doc, sessionId: null, participant: person('a').participant, locale: 'nl', manageUrl: 'https://example.org/m', now: new Date(`${year}-01-01T00:00Z`) });
    assert.deepEqual(whereLines(mail.text), PARTICIPANT, mail.text);
    assert.deepEqual(locations(mail.ics!.content), PARTICIPANT);
    const waiting = composeMail('waitlisted', { network: doc, sessionId: null, participant: person('b').participant, locale: 'nl', manageUrl: 'https://example.org/m', position: 1, now: new Date(`${year}-01-01T00:00Z`) });
    assert.deepEqual(whereLines(waiting.text), PUBLIC, waiting.text);
    assert.deepEqual(locations(networkCalendar(publicNetwork(doc))), PUBLIC);
  });

  test('English and Frisian word the hybrid and the to-be-announced venue from the same owner', () => {
    const [hybrid, tbd] = [doc.sessions[0]!.venue, doc.sessions[1]!.venue];
    assert.equal(venueText(hybrid, 'en'), 'Provinciehuis, Stationsweg 1, 8011 AB Zwolle · On location and online');
    assert.equal(venueText(tbd, 'en'), 'Zwolle · Location to be announced · Zaal volgt per e-mail');
    assert.equal(venueText(hybrid, 'fy'), 'Provinciehuis, Stationsweg 1, 8011 AB Zwolle · Op lokaasje en online');
    assert.equal(venueText(tbd, 'fy'), 'Zwolle · Lokaasje folget · Zaal volgt per e-mail');
  });

  test('the public agenda in Chromium: the same words, the note on a line of its own', async () => {
    const page = await browser.newPage();
    try {
      const body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Kring</title><script type="module" src="/dist/leerkring.js"></script></head><body><main><leerkring-network api="" network-id="plekken"><leerkring-agenda></leerkring-agenda></leerkring-network></main></body></html>`;
      await page.route(`${base}/demo/plekken.html`, (route) => route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': STRICT_CSP }, body }));
      await page.goto(`${base}/demo/plekken.html`);
      await page.waitForFunction(() => (document.querySelector('leerkring-agenda')?.shadowRoot?.querySelectorAll('[part="session"] .venue').length ?? 0) === 5);
      const shown = await page.evaluate(() =>
        [...document.querySelector('leerkring-agenda')!.shadowRoot!.querySelectorAll('[part="session"]')].map((s) => [
          (s.querySelector('[part="title"]') as HTMLElement).innerText.trim(),
          (s.querySelector('.venue') as HTMLElement).innerText.trim().split('\n').join(' · '),
        ]),
      );
      assert.deepEqual(Object.fromEntries(shown.map(([title, venue]) => [titles[title!] ?? title, venue])), PUBLIC);
    } finally {
      await page.close();
    }
  });

  test('the manage page of someone with a place', async () => {
    const added = await fetch(`${base}/api/admin/networks/plekken/registrations`, {
      method: 'POST',
      headers: { authorization: 'Bearer beheer-token', 'content-type': 'application/json' },
      body: JSON.stringify({ registration: person('lid'), sendEmail: false }),
    });
    assert.equal(added.status, 201, await added.clone().text());
    const { id } = (await added.json()) as { id: string };
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/aanmelding#token=${manageToken(secret, id)}`);
      await page.waitForFunction(() => (document.querySelector('leerkring-manage')?.shadowRoot?.querySelectorAll('dt').length ?? 0) > 0 && /Adres/.test(document.querySelector('leerkring-manage')!.shadowRoot!.textContent ?? ''));
      const addresses = await page.evaluate(() =>
        [...document.querySelector('leerkring-manage')!.shadowRoot!.querySelectorAll('dt')]
          .filter((dt) => dt.textContent!.startsWith('Adres'))
          .map((dt) => [dt.textContent!.replace(/^Adres, /, '').trim(), (dt.nextElementSibling as HTMLElement).innerText.trim()]),
      );
      assert.deepEqual(Object.fromEntries(addresses.map(([title, venue]) => [titles[title!] ?? title, venue])), { hybride: PARTICIPANT.hybride, besloten: PARTICIPANT.besloten });
    } finally {
      await page.close();
    }
  });
});
