import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup, LeerkringAgenda } from '../../src/components/index.js';
import { fixture, expectAccessible, shadowText, inline } from '../helpers/dom.js';
import { post, $, until, fill } from '../helpers/form.js';

const base = {
  kind: 'learning-circle',
  title: 'Leerkring met een vaste lijst',
  summary: 'Voor tests.',
  organisers: [{ name: 'Provincie Voorbeeld', type: 'province' }],
  sessions: [{ id: 'een', title: 'Eerste bijeenkomst', type: 'dialogue', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'physical', name: 'Provinciehuis', room: 'Statenzaal', city: 'Zwolle' } }],
};

describe('the model in the elements', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
  });

  it('a fixed list of organisations is a choice in the form, and the server stores the chosen one', async () => {
    const doc = {
      ...base,
      id: 'vaste-lijst',
      registration: {
        mode: 'built-in',
        capacity: 10,
        fields: { organisation: 'required', organisationType: 'off' },
        organisations: [{ name: 'Gemeente Enschede' }, { name: 'Gemeente Hengelo' }],
      },
    };
    expect((await fetch('/test-api/networks/vaste-lijst', { method: 'PUT', body: JSON.stringify(doc) })).status).to.equal(204);
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="vaste-lijst"></leerkring-signup>');
    const select = $<HTMLSelectElement>(el, 'select[name="organisation"]');
    expect(select, 'a choice of organisations').to.not.equal(null);
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'Gemeente Enschede', 'Gemeente Hengelo']);
    expect(select.labels[0]!.textContent).to.contain('Organisatie');
    await expectAccessible(el);
    fill(el, { name: 'Sam de Vries', email: 'sam@example.org', organisation: 'Gemeente Hengelo' });
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await until(() => !!$(el, '#outcome-heading'), 'the outcome screen');
    const stored = (await (await fetch('/test-api/registrations')).json()) as { participant: { organisation: string } }[];
    expect(stored.map((r) => r.participant.organisation)).to.deep.equal(['Gemeente Hengelo']);
  });

  it('a closed network says who belongs instead of the bare "Alleen op uitnodiging", and shows the room', async () => {
    const doc = {
      ...base,
      id: 'kerngroep',
      format: 'closed',
      membership: { explanation: 'Alleen voor de leden van de kerngroep: de vier provincies in het oosten.', organisations: [{ name: 'Provincie Overijssel' }] },
      registration: { mode: 'closed' },
    };
    const agenda = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00Z">${inline(doc)}</leerkring-agenda>`);
    const text = shadowText(agenda);
    expect(text).to.contain('Alleen voor de leden van de kerngroep: de vier provincies in het oosten.');
    expect(text).to.not.contain('Alleen op uitnodiging');
    expect(text).to.contain('Provinciehuis, Statenzaal, Zwolle');
    expect(text).to.contain('Dialoogbijeenkomst');
    await expectAccessible(agenda);
    const signup = await fixture<LeerkringSignup>(`<leerkring-signup now="2030-01-01T10:00:00Z">${inline(doc)}</leerkring-signup>`);
    expect(shadowText(signup)).to.not.contain('Alleen op uitnodiging');
  });
});
