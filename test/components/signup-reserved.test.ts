// Issue 23 follow-up, item 1: reserved places on the form. The form decides with core's rule
// (fitsReservation) whether a reserved place is open to the person as typed, and says so; it shows
// how many reserved places are left and the network's explanation, in Dutch and English.
import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';

const registrations = async () => (await (await fetch('/test-api/registrations')).json()) as { status: string; participant: { name: string } }[];

const doc = {
  id: 'gastgemeente',
  kind: 'learning-network',
  title: 'Leerkring met gastgemeente',
  summary: 'Voor tests.',
  organisers: [{ name: 'Provincie Fryslân' }],
  sessions: [
    {
      id: 'zwolle', title: 'Bijeenkomst in Zwolle', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', capacity: 1,
      reservedPlaces: { places: 2, organisations: ['Gemeente Zwolle'], explanation: 'Twee extra plaatsen voor de gastgemeente.' },
    },
  ],
  registration: { mode: 'built-in', scope: 'session', waitlist: { enabled: true }, fields: { organisation: 'required', organisationType: 'optional' } },
};

const text = (el: Element) => el.shadowRoot!.querySelector('form')!.textContent!.replace(/\s+/g, ' ');
const submitLabel = (el: Element) => $<HTMLButtonElement>(el, 'button[type="submit"]').textContent!.trim();

describe('<leerkring-signup>: reserved places (issue 23)', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
    expect((await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) })).status).to.equal(204);
    // The one general place is taken: for others the session is full, with the waiting list.
    await post('/test-api/networks/gastgemeente/registrations', { status: 'confirmed', sessionId: 'zwolle' });
  });

  it('says how many reserved places are left and for whom, and offers the host a place, not the waiting list', async () => {
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="gastgemeente" now="2029-12-01T10:00:00+01:00"></leerkring-signup>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    // Said for the session chosen.
    $<HTMLInputElement>(el, 'input[name="sessionId"][value="zwolle"]').click();
    await until(() => text(el).includes('Nog 2 gereserveerde plaatsen voor Gemeente Zwolle'), `the reserved places left, in: ${text(el)}`);
    expect(text(el)).to.contain('Twee extra plaatsen voor de gastgemeente.');
    fill(el, { name: 'Gea Gast', email: 'gea@example.org', organisation: 'Gemeente Elders' });
    await until(() => submitLabel(el) === 'Aanmelden voor de wachtlijst', `the waiting list for someone else, got ${submitLabel(el)}`);
    // The host, typed as people type (core compares organisation names as people write them).
    fill(el, { organisation: ' gemeente  zwolle' });
    await until(() => submitLabel(el) === 'Aanmelden', `a place for the host, got ${submitLabel(el)}`);
    expect(text(el)).to.contain('er is een gereserveerde plaats voor je');
    await expectAccessible(el);
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => !!el.shadowRoot!.querySelector('#outcome-heading'), 'the outcome');
    const regs = await registrations();
    expect(regs.find((r) => r.participant.name === 'Gea Gast')?.status).to.equal('confirmed');
  });

  it('labels the session for the host as a place, not "vol, wel wachtlijst", as the note and the button say', async () => {
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="gastgemeente" now="2029-12-01T10:00:00+01:00"></leerkring-signup>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    const label = () => $(el, 'label[for="f-sessionId"]').textContent!.replace(/\s+/g, ' ').trim();
    $<HTMLInputElement>(el, 'input[name="sessionId"][value="zwolle"]').click();
    fill(el, { organisation: 'Gemeente Elders' });
    await until(() => submitLabel(el) === 'Aanmelden voor de wachtlijst', `the waiting list for someone else, got ${submitLabel(el)}`);
    expect(label()).to.contain('vol, wel wachtlijst');
    fill(el, { organisation: 'Gemeente Zwolle' });
    await until(() => submitLabel(el) === 'Aanmelden', `a place for the host, got ${submitLabel(el)}`);
    expect(label(), 'the label agrees with the note and the button').to.not.contain('wachtlijst');
    // Someone else again: the waiting list again, in the label too.
    fill(el, { organisation: 'Gemeente Elders' });
    await until(() => submitLabel(el) === 'Aanmelden voor de wachtlijst', `the waiting list again, got ${submitLabel(el)}`);
    expect(label()).to.contain('vol, wel wachtlijst');
  });

  it('says it in English on request', async () => {
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="gastgemeente" lang="en" now="2029-12-01T10:00:00+01:00"></leerkring-signup>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    $<HTMLInputElement>(el, 'input[name="sessionId"][value="zwolle"]').click();
    await until(() => text(el).includes('2 reserved places left for Gemeente Zwolle'), `the reserved places left, in: ${text(el)}`);
    fill(el, { organisation: 'Gemeente Zwolle' });
    await until(() => text(el).includes('there is a reserved place for you'), `the fit, in: ${text(el)}`);
    expect(submitLabel(el)).to.equal('Register');
  });
});

describe('<leerkring-agenda>: reserved places (issue 23)', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
    expect((await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) })).status).to.equal(204);
    await post('/test-api/networks/gastgemeente/registrations', { status: 'confirmed', sessionId: 'zwolle' });
  });

  it('says beside "vol" how many reserved places are left, with the explanation, in Dutch and English', async () => {
    const el = await fixture<HTMLElement>('<leerkring-agenda api="" network-id="gastgemeente" now="2029-12-01T10:00:00+01:00"></leerkring-agenda>');
    const said = () => el.shadowRoot!.querySelector('[part="availability"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await until(() => said().includes('Vol'), 'the availability');
    await until(() => said().includes('Nog 2 gereserveerde plaatsen: Twee extra plaatsen voor de gastgemeente.'), `the reserved places, in: ${said()}`);
    const en = await fixture<HTMLElement>('<leerkring-agenda api="" network-id="gastgemeente" lang="en" now="2029-12-01T10:00:00+01:00"></leerkring-agenda>');
    const saidEn = () => en.shadowRoot!.querySelector('[part="availability"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await until(() => saidEn().includes('2 reserved places left: '), `the reserved places in English, in: ${saidEn()}`);
    await expectAccessible(el);
  });
});
