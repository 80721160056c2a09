/**
 * Every sentence the UI, the CLI and the server's e-mails show, in Dutch (default) and English.
 * `en` is typed against `nl`, so a missing translation is a compile error.
 */
import type { NetworkKind, OrganisationType, SessionType } from '../schema.js';
import { formatDateTime, formatList, plural, type Locale } from './format.js';

const nl = {
  kind: {
    'learning-network': 'Leernetwerk',
    'learning-circle': 'Leerkring',
    'community-of-practice': 'Werkplaats',
    intervision: 'Intervisie',
    workshop: 'Workshop',
    other: 'Netwerk',
  } satisfies Record<NetworkKind, string>,
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
    level: { plenty: 'Voldoende plaatsen', few: 'Nog enkele plaatsen', full: 'Vol', unknown: '' },
  },
  reason: {
    'registration-closed': 'Voor dit netwerk kun je je niet aanmelden.',
    'not-built-in': 'Aanmelden gaat bij dit netwerk niet via dit formulier.',
    'session-required': 'Kies een bijeenkomst.',
    'unknown-session': 'Deze bijeenkomst bestaat niet (meer).',
    'session-not-applicable': 'Je meldt je aan voor de hele reeks, niet voor één bijeenkomst.',
    'session-cancelled': 'Deze bijeenkomst gaat niet door.',
    'closed-track': 'Dit onderdeel is besloten: deelname gaat alleen op uitnodiging.',
    'not-yet-open': (opens?: Date) =>
      opens ? `Aanmelden kan pas vanaf ${formatDateTime('nl', opens)}.` : 'Aanmelden is nog niet geopend.',
    'deadline-passed': 'De aanmeldtermijn is verstreken.',
    past: 'Deze bijeenkomst is al geweest.',
    duplicate: 'Met dit e-mailadres ben je al aangemeld.',
    'organisation-type-required': 'Kies het type organisatie.',
    'not-eligible': (allowed: readonly OrganisationType[], explanation?: string) =>
      explanation ??
      `Alleen deze organisaties kunnen zich aanmelden: ${formatList('nl', allowed.map((t) => nl.organisationType[t].toLowerCase()))}.`,
    'declaration-missing': (text: string) => `Bevestig: ${text}`,
    'invitation-required': 'Voor jouw type organisatie is deelname op uitnodiging. Vul je uitnodigingscode in.',
    'invitation-invalid': 'Deze uitnodigingscode klopt niet.',
    'organisation-limit': (max: number) =>
      plural('nl', max, {
        one: 'Per organisatie kan {n} persoon zich aanmelden; vanuit jouw organisatie is al iemand aangemeld.',
        other: 'Per organisatie kunnen {n} mensen zich aanmelden; dat aantal is voor jouw organisatie bereikt.',
      }),
    'group-too-large': (max: number) => `Deze workshop is voor maximaal ${max} deelnemers.`,
    full: 'Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden.',
    'waitlist-full': 'Er zijn geen plaatsen meer en de wachtlijst is ook vol.',
    'approval-required': 'Na je aanmelding volgt eerst een kennismakings- of intakegesprek.',
    'on-request': 'Dit aanbod is op aanvraag: we nemen contact met je op om het af te stemmen.',
    waitlisted: (position: number) => `Je staat op de wachtlijst, op plaats ${position}.`,
  },
  /** Who may register, said before anyone fills anything in. */
  join: {
    invitation: (types: string) => `Hoor je bij een ${types}? Dan kun je alleen meedoen met een uitnodiging.`,
    askInvitation: (who: string) => `Heb je nog geen uitnodiging? Vraag die aan bij ${who}.`,
  },
  outcome: {
    confirmed: 'Aangemeld',
    waitlisted: 'Op de wachtlijst',
    pending: 'Aanmelding ontvangen, in behandeling',
    rejected: 'Aanmelding niet mogelijk',
    cancelled: 'Afgemeld',
  },
  problem: {
    missing: 'dit veld ontbreekt',
    empty: 'dit mag niet leeg zijn',
    type: (expected: string) => `verwacht ${nl.typeName[expected] ?? expected}`,
    enum: (got: unknown, options: readonly unknown[]) =>
      `onbekende waarde ${JSON.stringify(got)}; kies uit ${options.map((o) => JSON.stringify(o)).join(', ')}`,
    unknownKey: (key: string, suggestion?: string) =>
      `onbekend veld "${key}"` + (suggestion ? `; bedoel je "${suggestion}"?` : ''),
    tooSmallNumber: (min: number) => `moet minstens ${min} zijn`,
    tooBigNumber: (max: number) => `mag hoogstens ${max} zijn`,
    tooFewItems: (min: number) => plural('nl', min, { one: 'moet minstens {n} item bevatten', other: 'moet minstens {n} items bevatten' }),
    tooLong: (max: number) => `mag hoogstens ${max} tekens lang zijn`,
    integer: 'verwacht een heel getal',
    datetime: 'dit is geen geldige datum en tijd, verwacht bijvoorbeeld 2026-03-12T19:30 (tijd in Nederland) of 2026-03-12T19:30:00+01:00',
    date: 'dit is geen geldige datum, verwacht bijvoorbeeld 2026-03-12',
    deadline: 'dit is geen geldige datum of datum en tijd, verwacht bijvoorbeeld 2026-03-01 of 2026-03-01T17:00',
    clock: 'dit is geen geldige tijd, verwacht bijvoorbeeld 19:30',
    id: 'gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld "startbijeenkomst-2026"',
    url: 'dit is geen geldig webadres, verwacht bijvoorbeeld https://www.example.org/aanmelden',
    email: 'dit is geen geldig e-mailadres, verwacht bijvoorbeeld naam@example.org',
    phone: 'dit is geen geldig telefoonnummer, verwacht bijvoorbeeld 030 123 45 67',
    'postal-code': 'dit is geen geldige postcode, verwacht bijvoorbeeld 3511 AB',
    'code-hash': 'verwacht "sha256:" gevolgd door 64 hexadecimale tekens (gebruik `npx leerkring hash-code`)',
    union: (options: readonly unknown[]) => `onbekend soort; kies uit ${options.map((o) => JSON.stringify(o)).join(', ')}`,
    json: (detail: string) => `dit is geen geldige JSON: ${detail}`,
    'start-and-date': 'geef óf een begintijd (start) óf alleen een datum (date), niet allebei',
    'end-without-start': 'een eindtijd (end) vraagt ook een begintijd (start)',
    'end-before-start': 'de eindtijd ligt niet na de begintijd',
    'doors-without-date': 'een inlooptijd (doorsOpen) vraagt een datum of begintijd',
    'moved-without-history': 'een verplaatste bijeenkomst noemt in movedFrom de eerdere begintijd',
    'choice-without-options': 'een keuzevraag heeft opties nodig',
    'external-without-url': 'aanmelden via een ander formulier vraagt het webadres van dat formulier (url)',
    'closes-before-opens': 'de aanmelding sluit niet na het openen',
    'waitlist-limit-disabled': 'een maximum voor de wachtlijst heeft alleen zin als de wachtlijst aan staat',
    'duplicate-id': 'deze id komt vaker voor; elke bijeenkomst heeft een eigen id',
    'unknown-track': 'dit onderdeel (track) staat niet in "tracks"',
    'email-without-contact': 'aanmelden per e-mail vraagt een e-mailadres van de contactpersoon',
    'in-company-without-group-size': 'een incompany-aanbod noemt de groepsgrootte (groupSize.max)',
    'line-break': 'dit moet op één regel staan; haal de regeleinden weg (alleen een beschrijving of samenvatting mag meer regels hebben)',
    control: 'dit bevat onzichtbare stuurtekens (bijvoorbeeld een tab of een teken dat de leesrichting omdraait); haal ze weg',
    unstorable: 'dit bevat een half of kapot teken dat niet kan worden opgeslagen; typ de tekst opnieuw',
    invalid: 'deze waarde klopt niet',
    // Contradictions and warnings (issue 13).
    'postal-code-country': 'deze postcode past niet bij het land (country) van de locatie, verwacht bijvoorbeeld 1000 voor België (BE)',
    country: 'gebruik de landcode van twee hoofdletters, bijvoorbeeld NL of BE',
    'type-field-off':
      'het formulier vraagt het type organisatie niet ("off"), maar eligibility of invitation kijkt naar dat type; niemand kan zich dan aanmelden. Zet dit veld op "required" of haal de regel weg',
    'organisation-field-off': 'het formulier vraagt de organisatie niet ("off"), maar registration.organisations geeft een lijst om uit te kiezen; zet dit veld op "required" of "optional", of haal de lijst weg',
    'closed-format-built-in':
      'een gesloten netwerk (format "closed") neemt geen aanmeldingen aan, ook niet met mode "built-in"; zet mode op "closed" of format op "open"',
    timeSkipped: (chosen: string) =>
      `deze tijd bestaat niet: die nacht gaat de klok van 02.00 naar 03.00 uur (zomertijd); gekozen is ${chosen}`,
    timeRepeated: (chosen: string) =>
      `deze tijd komt twee keer voor: die nacht gaat de klok van 03.00 terug naar 02.00 uur (wintertijd); gekozen is de eerste keer, ${chosen}; schrijf +01:00 achter de tijd voor de tweede keer`,
  },
  typeName: {
    string: 'tekst',
    number: 'een getal',
    int: 'een heel getal',
    boolean: 'true of false',
    array: 'een lijst [ … ]',
    object: 'een object { … }',
  } as Record<string, string>,
  cli: {
    valid: (file: string) => `${file}: geldig`,
    invalid: (file: string, n: number) => plural('nl', n, { one: `${file}: {n} probleem`, other: `${file}: {n} problemen` }),
  },
  mail: {
    subject: (title: string) => `Aanmelding ${title}`,
    intro: (title: string, session?: string) => `Graag meld ik me aan voor ${title}${session ? `, bijeenkomst ${session}` : ''}.`,
    name: 'Naam',
    email: 'E-mailadres',
    organisation: 'Organisatie',
    organisationType: 'Soort organisatie',
    role: 'Functie',
    invitation: 'Uitnodigingscode (als je die hebt gekregen)',
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
    icsFile: 'Agendabestand (.ics)',
    google: 'Google Agenda',
    outlook: 'Outlook',
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
  /** <leerkring-about> and <leerkring-catalogue> (issue 13). */
  about: {
    organisers: 'Organisatie',
    partners: 'Partners',
    funders: 'Mogelijk gemaakt door',
    sponsors: 'Met steun van',
    members: 'Leden',
    facilitators: 'Begeleiding',
    contact: 'Contact',
    email: 'E-mail',
    phone: 'Telefoon',
    audience: 'Voor wie',
    resources: 'Publicaties en materiaal',
    practical: 'Praktisch',
    price: 'Kosten',
    free: 'Gratis',
    amount: (amount: string) => `€ ${amount}`,
    onRequest: 'Op aanvraag',
    groupSize: (min: number | undefined, max: number) => (min ? `${min} tot ${max} deelnemers` : `Maximaal ${max} deelnemers`),
    groupSizeLabel: 'Groepsgrootte',
    duration: (days: number) => plural('nl', days, { one: '{n} dag', other: '{n} dagen' }),
    durationLabel: 'Duur',
  },
  /** Texts of a calendar item, always in the network's own language. */
  calendar: {
    doorsOpen: (time: string) => `Inloop vanaf ${time} uur`,
    programme: 'Programma:',
    cancelled: 'Deze bijeenkomst gaat niet door.',
    partners: (names: string) => `i.s.m. ${names}`,
    online: 'Online',
    andOnline: 'en online',
  },
  catalogue: {
    filterAudience: 'Voor wie',
    filterTheme: 'Thema',
    filterKind: 'Soort netwerk',
    filterAll: 'Alle',
    result: (n: number) => plural('nl', n, { one: '{n} netwerk', other: '{n} netwerken' }),
    none: 'Er zijn geen netwerken die bij deze keuze passen.',
    empty: 'Er zijn nog geen netwerken.',
    next: (when: string) => `Volgende bijeenkomst: ${when}`,
    noNext: 'Nog geen nieuwe bijeenkomst gepland',
    more: (title: string) => `Meer over ${title}`,
    loading: 'Netwerken laden…',
    loadError: 'De netwerken konden niet worden geladen.',
    audienceLine: (types: string) => `Voor: ${types}`,
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

const catalogue: Partial<Record<Locale, Messages>> = { nl };

/** Adds a catalogue; `./en.js` registers English when it is imported. */
export function registerMessages(locale: Locale, m: Messages): void {
  catalogue[locale] = m;
}

/** Whether a locale's messages are loaded. Dutch always is; English is loaded on request in the browser. */
export function hasMessages(locale: Locale): boolean {
  return catalogue[locale] !== undefined;
}

/** Loads a locale's messages (a separate chunk in the browser bundle). */
export async function loadMessages(locale: Locale): Promise<void> {
  if (locale === 'en' && !catalogue.en) await import('./en.js');
}

/**
 * The messages for a locale; anything that is not "en" gets Dutch, the default. In the browser,
 * call `loadMessages('en')` first; until then English requests get Dutch.
 */
export function messages(locale: string | undefined | null): Messages {
  return (locale === 'en' ? catalogue.en : undefined) ?? nl;
}

/** Resolves a `lang` value ("en-GB", "nl", "") to a supported locale; anything else (a number, a list) is Dutch. */
export function toLocale(lang: unknown): Locale {
  return typeof lang === 'string' && lang.trim().toLowerCase().startsWith('en') ? 'en' : 'nl';
}
