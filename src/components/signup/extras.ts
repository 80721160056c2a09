/**
 * The form's rarer parts, loaded together (one request, one loader in the form) only for a
 * network that has one of them: the price (./price-note.ts), the questions about sessions with places of their own
 * (shared/joins-fields.ts), reserved places (./reserved.ts, issue 23) and a long list of
 * sessions as one grouped choice (./session-select.ts).
 */
export { joinsFields, joinsFromForm, joinsProblems } from '../shared/joins-fields.js';
export { priceNote } from './price-note.js';
export { reservedView, reservedPlaceAt } from './reserved.js';
export { sessionSelect } from './session-select.js';

/**
 * Said when these parts came only after "Aanmelden" was pressed and show something (the form
 * sends nothing the person has not seen): in these parts, as only they can come late.
 */
export const partsShownWords = {
  nl: 'Er staat nu meer in het formulier, zoals de prijs of keuzes. Je aanmelding is nog niet verstuurd. Lees het en klik dan opnieuw op de knop onderaan.',
  en: 'The form now shows more, such as the price or choices. Your registration has not been sent yet. Read it, then press the button at the bottom again.',
  fy: 'It formulier lit no mear sjen, lykas de priis of karren. Jo oanmelding is noch net ferstjoerd. Lês it en klik dan nochris op de knop ûnderoan.',
} as const;
