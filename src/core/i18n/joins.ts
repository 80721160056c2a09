/**
 * The words about sessions with places of their own inside a series (session-places.ts): the
 * form's "also coming?" and choice of parallel sessions, and the manage page's place per session.
 * A catalogue of its own, loaded only for a network that has such sessions.
 */
import type { Locale } from './format.js';
import type { SessionPlace } from '../session-places.js';

const nl = {
  alsoComing: (session: string) => `Kom je ook naar ${session}?`,
  chooseOne: 'Kies één van deze bijeenkomsten',
  yes: 'Ja',
  no: 'Nee',
  place: { confirmed: 'Je hebt een plaats', waitlisted: 'Vol: je staat op de wachtlijst', declined: 'Je komt niet' } satisfies Record<SessionPlace, string>,
  change: 'Keuze voor bijeenkomsten wijzigen',
  save: 'Keuze opslaan',
  saved: 'Je keuze is opgeslagen',
};

export type JoinsMessages = typeof nl;

const en: JoinsMessages = {
  alsoComing: (session: string) => `Are you also coming to ${session}?`,
  chooseOne: 'Choose one of these sessions',
  yes: 'Yes',
  no: 'No',
  place: { confirmed: 'You have a place', waitlisted: 'Full: you are on the waiting list', declined: 'You are not coming' },
  change: 'Change your choice of sessions',
  save: 'Save choice',
  saved: 'Your choice is saved',
};

// Issue 23; a native speaker should review it (as form-fy.ts).
const fy: JoinsMessages = {
  alsoComing: (session: string) => `Komme jo ek nei ${session}?`,
  chooseOne: 'Kies ien fan dizze gearkomsten',
  yes: 'Ja',
  no: 'Nee',
  place: { confirmed: 'Jo hawwe in plak', waitlisted: 'Fol: jo steane op de wachtlist', declined: 'Jo komme net' },
  change: 'Kar foar gearkomsten feroarje',
  save: 'Kar bewarje',
  saved: 'Jo kar is bewarre',
};

/** Every locale, so that a new one cannot fall back to Dutch unnoticed (the type asks for each). */
const byLocale: Record<Locale, JoinsMessages> = { nl, en, fy };

export function joinsMessages(locale: Locale): JoinsMessages {
  return byLocale[locale] ?? nl;
}
