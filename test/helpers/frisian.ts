// The Frisian network of the tests of issue 23 (the elements in Chromium, the server and its
// e-mail under Node): one document, so both read the same Wadden workshop.
export const FRISIAN_NETWORK = {
  id: 'waddenwurkpleats',
  kind: 'community-of-practice',
  language: 'fy',
  title: 'Wurkpleats Waddeneilannen',
  summary: 'Gemeenten op de eilannen leare mei-inoar oer wenjen en soarch.',
  organisers: [{ name: 'Provinsje Fryslân', type: 'province' }],
  contact: { name: 'Sjoukje de Jong', email: 'sjoukje@example.org' },
  sessions: [{ id: 'skylge', title: 'Twadaagse op Skylge', type: 'thematic', start: '2030-05-27T08:30', end: '2030-05-28T17:30', venue: { type: 'physical', name: 'Dorpshûs', city: 'West-Terschelling' } }],
  registration: { mode: 'built-in', capacity: 30, fields: { organisation: 'optional', organisationType: 'off' } },
};
