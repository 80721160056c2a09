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
