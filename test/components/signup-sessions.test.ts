import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';

const registrations = async () => (await (await fetch('/test-api/registrations')).json()) as { status: string; sessionId?: string }[];

/** A network with a session every three days for a year, file order scrambled, one undated at the end of the series. */
function bigNetwork() {
  const sessions: Record<string, unknown>[] = Array.from({ length: 120 }, (_, i) => {
    const date = new Date(Date.UTC(2030, 0, 1 + 3 * i)).toISOString().slice(0, 10);
    return { id: `s${i}`, title: `Bijeenkomst ${i + 1}`, type: 'thematic', start: `${date}T19:30` };
  });
  sessions.reverse();
  sessions.push({ id: 'slot', title: 'Slotbijeenkomst', type: 'closing', period: 'najaar 2033' });
  return {
    id: 'groot',
    kind: 'learning-network',
    title: 'Groot netwerk',
    summary: 'Voor tests.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    sessions,
    registration: { mode: 'built-in', scope: 'session', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
  };
}

describe('<leerkring-signup>: choosing one of many sessions (issue 13)', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });

  it('offers a long series as one choice grouped by month, in date order, and registers for the one chosen', async () => {
    const res = await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(bigNetwork()) });
    expect(res.status).to.equal(204);
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="groot" now="2029-12-01T10:00:00+01:00"></leerkring-signup>');
    // The grouped list comes with the form's rarer parts, loaded for a long series only.
    await until(() => !!el.shadowRoot!.querySelector('select[name="sessionId"]'), 'the list of sessions');
    expect(el.shadowRoot!.querySelectorAll('input[name="sessionId"]'), 'no wall of radio buttons').to.have.length(0);
    const select = $<HTMLSelectElement>(el, 'select[name="sessionId"]');
    const groups = [...select.querySelectorAll('optgroup')];
    expect(groups.map((g) => g.label).slice(0, 3)).to.deep.equal(['januari 2030', 'februari 2030', 'maart 2030']);
    expect(groups.at(-1)!.label).to.equal('Datum volgt');
    expect(groups[0]!.querySelectorAll('option')).to.have.length(11);
    expect(groups[0]!.querySelector('option')!.textContent).to.equal('Bijeenkomst 1 (dinsdag 1 januari 2030)');
    expect(select.querySelectorAll('option[value]:not([value=""])')).to.have.length(121);
    await expectAccessible(el);
    fill(el, { name: 'Sam de Vries', email: 'sam@example.org', sessionId: 's40' });
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => !!el.shadowRoot!.querySelector('#outcome-heading'), 'the outcome');
    const regs = await registrations();
    expect(regs.map((r) => r.sessionId)).to.deep.equal(['s40']);
  });

  it('names both days of a session over two days (issue 23)', async () => {
    const doc = { ...bigNetwork(), id: 'twee-dagen', sessions: [{ id: 'eiland', title: 'Eilanddagen', type: 'other', start: '2030-05-27T08:30', end: '2030-05-28T17:30' }] };
    const res = await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
    expect(res.status).to.equal(204);
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="twee-dagen" now="2029-12-01T10:00:00+01:00"></leerkring-signup>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    const text = el.shadowRoot!.querySelector('form')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('maandag 27 mei 2030 – dinsdag 28 mei 2030');
  });

  it('keeps radio buttons for a short series, in date order', async () => {
    const doc = bigNetwork();
    doc.id = 'klein';
    doc.sessions = [doc.sessions[0]!, doc.sessions[119]!, doc.sessions[120]!];
    const res = await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(doc) });
    expect(res.status).to.equal(204);
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="klein" now="2029-12-01T10:00:00+01:00"></leerkring-signup>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    const values = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="sessionId"]')].map((r) => r.value);
    expect(values).to.deep.equal(['s0', 's119', 'slot']);
    await expectAccessible(el);
  });
});
