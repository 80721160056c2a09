/**
 * Every sentence the UI, the CLI and the server's e-mails show, in Dutch (default) and English.
 * `en` is typed against `nl`, so a missing translation is a compile error.
 */
import type { OrganisationType, SessionType } from '../schema.js';
import { formatDateTime, formatList, plural, type Locale } from './format.js';
import { catalogue } from './catalogue.js';

const nl = {
  organisationType: {
    municipality: 'Gemeente',
    province: 'Provincie',
    'water-board': 'Waterschap',
    'national-government': 'Rijksoverheid',
    'citizen-initiative': 'Burgerinitiatief',
    'civil-society': 'Maatschappelijke organisatie',
    'knowledge-institution': 'Kennisinstelling',
    business: 'Bedrijf',
    'political-party': 'Politieke partij',
    'party-branch': 'Lokale afdeling van een partij',
    other: 'Overig',
  } satisfies Record<OrganisationType, string>,
  sessionType: {
    'kick-off': 'Startbijeenkomst',
    plenary: 'Plenaire bijeenkomst',
    thematic: 'Themabijeenkomst',
    intervision: 'Intervisie',
    'learning-meeting': 'Leerbijeenkomst',
    info: 'Informatiebijeenkomst',
    closing: 'Slotbijeenkomst',
    research: 'Onderzoeksbijeenkomst',
    dialogue: 'Dialoogbijeenkomst',
    reflection: 'Reflectiebijeenkomst',
    workshop: 'Workshop',
    other: 'Bijeenkomst',
  } satisfies Record<SessionType, string>,
  availability: {
    open: 'Aanmelden is mogelijk',
    waitlist: 'Vol, aanmelden voor de wachtlijst kan nog',
    full: 'Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden',
    notYetOpen: (opens: Date) => `Aanmelden kan vanaf ${formatDateTime('nl', opens)}`,
    deadlinePassed: 'De aanmelding is gesloten',
    past: 'Deze bijeenkomst is geweest',
    cancelled: 'Deze bijeenkomst gaat niet door',
    invitationOnly: 'Alleen op uitnodiging',
    onRequest: 'Op aanvraag',
    placesLeft: (n: number) => plural('nl', n, { one: 'nog {n} plaats', other: 'nog {n} plaatsen' }),
    /** Issue 23: reserved places still free (for those they are reserved for). */
    reservedLeft: (n: number) => plural('nl', n, { one: 'Nog {n} gereserveerde plaats', other: 'Nog {n} gereserveerde plaatsen' }),
    level: { plenty: 'Voldoende plaatsen', few: 'Nog enkele plaatsen', full: 'Vol', unknown: '' },
  },
  /** Who may register, said before anyone fills anything in. */
  join: {
    invitation: (types: string) => `Hoor je bij een ${types}? Dan kun je alleen meedoen met een uitnodiging.`,
    askInvitation: (who: string) => `Heb je nog geen uitnodiging? Vraag die aan bij ${who}.`,
    // Also reasons a registration gets (see reasonText); said here because the agenda says them too.
    notEligible: (allowed: readonly OrganisationType[], explanation?: string) =>
      explanation ??
      `Alleen deze organisaties kunnen zich aanmelden: ${formatList('nl', allowed.map((t) => nl.organisationType[t].toLowerCase()))}.`,
    approvalRequired: 'Na je aanmelding volgt eerst een kennismakings- of intakegesprek.',
    onRequest: 'Dit aanbod is op aanvraag: we nemen contact met je op om het af te stemmen.',
  },
  agenda: {
    upcoming: 'Komende bijeenkomsten',
    past: 'Eerdere bijeenkomsten',
    tbdGroup: 'Datum volgt',
    loading: 'Agenda laden…',
    loadError: 'De agenda kon niet worden geladen.',
    retry: 'Opnieuw proberen',
    invalid: 'Dit netwerkdocument bevat fouten. Pas deze aan in het document:',
    empty: 'Er zijn nog geen bijeenkomsten gepland.',
    noUpcoming: 'Er zijn op dit moment geen komende bijeenkomsten.',
    locationTbd: 'Locatie volgt',
    online: 'Online',
    hybrid: 'Op locatie en online',
    partners: (names: string) => `i.s.m. ${names}`,
    facilitators: (names: string) => `Begeleiding: ${names}`,
    speakers: (names: string) => `Sprekers: ${names}`,
    doorsOpen: (time: string) => `inloop vanaf ${time}`,
    moved: 'Verplaatst',
    movedFrom: (date: string) => `Verplaatst; eerder gepland op ${date}`,
    cancelled: 'Gaat niet door',
    register: 'Aanmelden',
    registerFor: (title: string) => `Aanmelden voor ${title}`,
    registerExternal: 'Aanmelden via het aanmeldformulier',
    registerEmail: 'Aanmelden per e-mail',
    addToCalendar: 'Zet in je agenda',
    filterTheme: 'Thema',
    filterType: 'Soort bijeenkomst',
    filterAll: 'Alle',
    filterResult: (n: number) => plural('nl', n, { one: '{n} bijeenkomst', other: '{n} bijeenkomsten' }),
    resources: 'Verslagen en materiaal',
    resourceType: {
      report: 'Verslag',
      publication: 'Publicatie',
      newsletter: 'Nieuwsbrief',
      brochure: 'Brochure',
      video: 'Video',
      link: 'Link',
      news: 'Nieuws',
    },
    time: (from: string, to?: string) => (to ? `${from}–${to} uur` : `${from} uur`),
  },
  date: {
    tbd: 'Datum volgt',
    tbdPeriod: (period: string) => `Datum volgt (${period})`,
  },
  // Issue 13 (agenda): what the document says, long agendas and subscribing.
  agendaMore: {
    tbdPassed: (period: string) => `Zonder datum (gepland voor ${period})`,
    programme: 'Programma',
    showMore: (n: number) => plural('nl', n, { one: 'Toon meer (nog {n} bijeenkomst)', other: 'Toon meer (nog {n} bijeenkomsten)' }),
    subscribe: 'Abonneer op deze agenda',
    feedAddress: 'Agenda-adres (https)',
  },

};

export type Messages = typeof nl;

const words = catalogue(nl, (l) => (l == 'en' ? import('./en.js') : import('./fy.js')));

/** Adds a catalogue; `./en.js` and `./fy.js` register English and Frisian when imported. */
export const registerMessages: (locale: Locale, m: Messages) => void = words.register;

/** Whether a locale's messages are loaded. Dutch always is; English and Frisian are loaded on request in the browser. */
export const hasMessages: (locale: Locale) => boolean = words.has;

/** Loads a locale's messages (a separate chunk in the browser bundle). */
export const loadMessages: (locale: Locale) => Promise<void> = words.load;

/**
 * The messages for a locale; anything that is not "en" or "fy" gets Dutch, the default. In the
 * browser, call `loadMessages('en')` first; until then English requests get Dutch.
 */
export const messages: (locale: string | undefined | null) => Messages = words.get;

/** Resolves a `lang` value ("en-GB", "fy-NL", "nl", "") to a supported locale; anything else (a number, a list) is Dutch. */
export function toLocale(lang: unknown): Locale {
  return ((typeof lang === 'string' && /^(en|fy)/.exec(lang.trim().toLowerCase())?.[0]) || 'nl') as Locale;
}
