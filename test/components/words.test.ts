// Words (issue 12, item 11, the rest): what a screen promises, and what it never says.
import { expect } from '@esm-bundle/chai';
import type { LeerkringAgenda } from '../../src/components/index.js';
import { fixture, inline } from '../helpers/dom.js';

const doc = {
  id: 'woorden',
  kind: 'learning-circle',
  title: 'Leerkring woorden',
  summary: 'Voor tests.',
  organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
  sessions: [
    { id: 'zonder', title: 'Voorbij zonder locatie', type: 'kick-off', start: '2024-05-01T10:00', end: '2024-05-01T12:00' },
    { id: 'tba', title: 'Voorbij met stad', type: 'thematic', start: '2024-06-01T10:00', end: '2024-06-01T12:00', venue: { type: 'to-be-announced', city: 'Zwolle' } },
    { id: 'leeg', title: 'Voorbij zonder adres', type: 'thematic', start: '2024-07-01T10:00', end: '2024-07-01T12:00', venue: { type: 'to-be-announced' } },
    { id: 'straks', title: 'Nog te komen', type: 'thematic', start: '2030-06-01T10:00', end: '2030-06-01T12:00' },
  ],
  registration: { mode: 'closed' },
};

describe('words on screen', () => {
  it('never says "Locatie volgt" on a past session; an upcoming one still does', async () => {
    const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2025-01-01T10:00:00+01:00">${inline(doc)}</leerkring-agenda>`);
    const text = (id: string) => {
      const article = el.shadowRoot!.querySelector(`#session-${id}`)!.closest('li')!;
      return article.textContent!.replace(/\s+/g, ' ');
    };
    for (const id of ['zonder', 'tba', 'leeg']) expect(text(id), id).to.not.contain('Locatie volgt');
    expect(text('tba')).to.contain('Zwolle');
    expect(text('straks')).to.contain('Locatie volgt');
  });
});
