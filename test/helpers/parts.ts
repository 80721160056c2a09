/** What the tests of the form's rarer parts share (test/components/signup-parts*.test.ts). */
import '../../src/components/index.js';
import type { LeerkringSignup } from '../../src/components/index.js';
import { $, until } from './form.js';

export const registrations = async () => (await (await fetch('/test-api/registrations')).json()) as { status: string; participant: { name: string }; sessionId?: string }[];
export const asOf = '2029-12-01T10:00:00+01:00';

/** Two sessions; only the first has reserved places (so the form needs its rarer parts), the second shows nothing of them. */
export const twoSessions = {
  id: 'twee-plekken',
  kind: 'learning-network',
  title: 'Leerkring op twee plekken',
  summary: 'Voor tests.',
  organisers: [{ name: 'Provincie Fryslân' }],
  sessions: [
    { id: 'zwolle', title: 'Bijeenkomst in Zwolle', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00', capacity: 10, reservedPlaces: { places: 2, organisations: ['Gemeente Zwolle'] } },
    { id: 'assen', title: 'Bijeenkomst in Assen', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00', capacity: 10 },
  ],
  registration: { mode: 'built-in', scope: 'session' },
};

export const priced = {
  id: 'met-prijs',
  kind: 'learning-network',
  title: 'Netwerk met een prijs',
  summary: 'Voor tests.',
  organisers: [{ name: 'Provincie Gelderland' }],
  price: { type: 'per-organisation-type', currency: 'EUR', rates: [{ organisationTypes: ['municipality'], amount: 0 }], otherwise: 95 },
  sessions: [{ id: 'start', title: 'Startbijeenkomst', type: 'kick-off', start: '2030-03-12T13:00', end: '2030-03-12T17:00' }],
  registration: { mode: 'built-in', capacity: 40 },
};

/** The element on the page while its parts are held: `fixture` would wait for them (updateComplete does). */
export async function formWhileHeld(id: string): Promise<{ el: LeerkringSignup; done: () => void }> {
  const container = document.createElement('div');
  container.setAttribute('lang', 'nl');
  container.innerHTML = `<leerkring-signup api="" network-id="${id}" now="${asOf}"></leerkring-signup>`;
  document.body.append(container);
  const el = container.firstElementChild as LeerkringSignup;
  await until(() => !!el.shadowRoot?.querySelector('form button[type="submit"]'), 'the form');
  // The form token (asked for when the form shows) has come: a form that did not wait would send at once.
  await until(() => performance.getEntriesByType('resource').some((r) => r.name.includes(`/api/networks/${id}/form-token`)), 'the form token');
  return { el, done: () => container.remove() };
}

export const status = (el: Element) => $(el, 'form [part="status"]').textContent!.trim();

