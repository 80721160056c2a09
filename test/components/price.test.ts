// Issue 23: a price per organisation type is shown before registering (the form) and on the
// manage page (what this person pays), in the real browser against the reference server.
import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible, shadowText, inline } from '../helpers/dom.js';
import { post, $, until } from '../helpers/form.js';

const doc = {
  id: 'provinciaal',
  kind: 'learning-network',
  title: 'Provinciaal netwerk Omgevingswet',
  summary: 'Overheden in Gelderland leren samen.',
  organisers: [{ name: 'Provincie Gelderland', type: 'province' }],
  contact: { name: 'Femke Jansen', email: 'femke@example.org' },
  price: { type: 'per-organisation-type', currency: 'EUR', rates: [{ organisationTypes: ['municipality'], amount: 0 }], otherwise: 95, note: 'Gemeenten in Gelderland nemen gratis deel.' },
  sessions: [{ id: 'start', title: 'Startbijeenkomst', type: 'kick-off', start: '2030-03-12T13:00', end: '2030-03-12T17:00' }],
  registration: { mode: 'built-in', capacity: 40 },
};
const asOf = '2030-01-10T10:00:00+01:00';
const text = (el: Element) => shadowText(el).replace(/\u00a0/g, ' ');

describe('price per organisation type', () => {
  it('the form says what each type pays before anyone registers', async () => {
    const el = await fixture<LeerkringSignup>(`<leerkring-signup now="${asOf}">${inline(doc)}</leerkring-signup>`);
    await until(() => !!el.shadowRoot!.querySelector('[part="price"]'), 'the price');
    const items = [...el.shadowRoot!.querySelectorAll('[part="price"] li')].map((li) => li.textContent!.replace(/\u00a0/g, ' '));
    expect(items).to.deep.equal(['Gemeente: gratis', 'Andere organisaties: € 95']);
    expect(text(el)).to.contain('Kosten:').and.contain('Gemeenten in Gelderland nemen gratis deel.');
    await expectAccessible(el);
  });

  it('the manage page says what this person pays', async () => {
    await post('/test-api/reset');
    await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
    const { formToken } = await (await fetch('/api/networks/provinciaal/form-token')).json();
    const made = await (
      await fetch('/api/networks/provinciaal/registrations', {
        method: 'POST',
        body: JSON.stringify({ participant: { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Adviesbureau Voorbeeld', organisationType: 'business' }, formToken }),
      })
    ).json();
    location.hash = `token=${made.manageToken}`;
    const manage = await fixture(`<leerkring-manage api="" now="${asOf}"></leerkring-manage>`);
    await until(() => !!manage.shadowRoot?.querySelector('#cancel'), 'the manage page');
    history.replaceState(null, '', location.pathname + location.search);
    const dts = [...manage.shadowRoot!.querySelectorAll('dt')];
    const kosten = dts.find((d) => d.textContent === 'Kosten');
    expect(kosten, 'a row "Kosten"').to.exist;
    expect(kosten!.nextElementSibling!.textContent!.replace(/\u00a0/g, ' ')).to.equal('€ 95');
    await expectAccessible(manage);
  });

  it('the form says the free-cancellation term; after it the server still offers the cancel, with the fee that stands', async () => {
    await post('/test-api/reset');
    const late = { ...doc, registration: { ...doc.registration, freeCancellationDaysBefore: 7 } };
    await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(late) });
    await post('/test-api/clock', { now: '2030-03-01T10:00:00+01:00' });
    const form = await fixture<LeerkringSignup>(`<leerkring-signup api="" network-id="provinciaal" now="2030-03-01T10:00:00+01:00"></leerkring-signup>`);
    await until(() => !!form.shadowRoot!.querySelector('[part="price"]'), 'the price');
    expect(text(form)).to.contain('Kosteloos afmelden kan tot 7 dagen voor de bijeenkomst.');
    const { formToken } = await (await fetch('/api/networks/provinciaal/form-token')).json();
    const made = await (
      await fetch('/api/networks/provinciaal/registrations', {
        method: 'POST',
        body: JSON.stringify({ participant: { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Adviesbureau Voorbeeld', organisationType: 'business' }, formToken }),
      })
    ).json();
    expect(made.manageToken, JSON.stringify(made)).to.be.a('string');
    await post('/test-api/clock', { now: '2030-03-08T10:00:00+01:00' });
    const view = await (await fetch(`/api/registrations/${made.manageToken}`)).json();
    expect(view.actions, JSON.stringify(view)).to.deep.include({ cancel: true, feeStands: 95 });
    await post('/test-api/clock', { now: null });
  });
});
