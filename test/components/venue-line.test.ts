// Issue 23, one owner for the venue line: the agenda in Chromium says what core's venueText (the
// e-mail's "Waar:" line, the .ics LOCATION, the manage page) says, word for word and in that
// order; only the note may stand on a line of its own. In Dutch, English and Frisian.
import { expect } from '@esm-bundle/chai';
import type { LeerkringAgenda } from '../../src/components/index.js';
import { loadMessages, venueText, type Network, type Locale } from '../../src/core/index.js';
import { fixture, inline, waitFor } from '../helpers/dom.js';

const doc = {
  id: 'plekken',
  kind: 'learning-circle',
  title: 'Kring op vier plekken',
  summary: 'Voor tests.',
  organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
  sessions: [
    { id: 'hybride', title: 'Hybride kring', type: 'other', start: '2030-05-11T19:30', end: '2030-05-11T21:30', venue: { type: 'hybrid', name: 'Provinciehuis', address: 'Stationsweg 1', postalCode: '8011 AB', city: 'Zwolle', platform: 'Teams' } },
    { id: 'volgt', title: 'Kring met plek die volgt', type: 'other', start: '2030-05-12T19:30', end: '2030-05-12T21:30', venue: { type: 'to-be-announced', city: 'Zwolle', note: 'Zaal volgt per e-mail' } },
    { id: 'besloten', title: 'Besloten kring', type: 'other', start: '2030-05-13T19:30', end: '2030-05-13T21:30', venue: { type: 'physical', participantsOnly: true, name: 'Huize Vertrouwelijk', address: 'Achterom 7', postalCode: '1234 AB', city: 'Zwolle', note: 'Ingang aan de achterkant' } },
    { id: 'online', title: 'Online kring', type: 'other', start: '2030-05-14T19:30', end: '2030-05-14T21:30', venue: { type: 'online', platform: 'Teams', note: 'Link volgt per e-mail' } },
  ],
  registration: { mode: 'closed' },
};

describe('the venue line in the agenda', () => {
  for (const locale of ['nl', 'en', 'fy'] as Locale[]) {
    it(`says what core says for the e-mail and the calendar item (${locale})`, async () => {
      await loadMessages(locale);
      const el = await fixture<LeerkringAgenda>(`<leerkring-agenda now="2030-01-01T10:00:00+01:00">${inline(doc)}</leerkring-agenda>`, { lang: locale });
      await waitFor(() => el.shadowRoot!.querySelectorAll('.venue').length === 4, 'the four venues');
      const shown = (id: string) => {
        const venue = el.shadowRoot!.querySelector(`#session-${id}`)!.closest('li')!.querySelector('.venue')!.cloneNode(true) as HTMLElement;
        // The note's line break reads as the middle dot a one-line text has.
        for (const br of venue.querySelectorAll('br')) br.replaceWith(' · ');
        return venue.textContent!.replace(/\s+/g, ' ').trim();
      };
      for (const s of (doc as unknown as Network).sessions) expect(shown(s.id), `${locale} ${s.id}`).to.equal(venueText(s.venue, locale));
    });
  }
});
