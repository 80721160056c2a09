/**
 * The sentences for problems in a network document (the validator, the CLI, the in-browser
 * checker), in Dutch and English. Apart from the main catalogue: a page whose document is fine
 * never loads them.
 */
import { plural, type Locale } from './format.js';

const nl = {
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
      'het formulier vraagt het type organisatie niet ("off"), maar eligibility, invitation of een prijs per type (price) kijkt naar dat type; niemand kan zich dan aanmelden. Zet dit veld op "required" of haal de regel weg',
    'organisation-field-off': 'het formulier vraagt de organisatie niet ("off"), maar registration.organisations geeft een lijst om uit te kiezen; zet dit veld op "required" of "optional", of haal de lijst weg',
    'max-per-organisation-field-off':
      'het formulier vraagt de organisatie niet ("off"), dus een maximum per organisatie (maxPerOrganisation) kan niet worden geteld; zet registration.fields.organisation op "required" of haal het maximum weg',
    // Places per session inside a series registration (issue 23).
    'own-place-series-only':
      'optional en chooseOne gelden alleen bij de ingebouwde aanmelding voor de hele reeks (registration.mode "built-in", zonder scope "session"); bij aanmelden per bijeenkomst is elke bijeenkomst al een eigen keuze. Haal dit veld weg of pas de aanmelding aan',
    'session-capacity-zero-in-series': 'met 0 plaatsen krijgt niemand uit de reeks een plaats bij deze bijeenkomst; geef minstens 1 plaats of haal capacity weg',
    'choose-one-alone': 'deze keuzegroep (chooseOne) heeft maar één bijeenkomst; geef minstens twee bijeenkomsten dezelfde chooseOne, of haal het veld weg',
    'choose-one-optional': 'een bijeenkomst in een keuzegroep (chooseOne) kan niet ook optional zijn: iedereen kiest er één uit de groep; haal optional weg',
    'choose-one-not-parallel': 'bijeenkomsten in één keuzegroep (chooseOne) lopen tegelijk: geef deze bijeenkomst een begin- en eindtijd (start en end) die overlappen met de eerste van de groep, of geef haar een andere chooseOne',
    'capacity-zero-no-waitlist': 'met 0 plaatsen en geen wachtlijst kan niemand zich voor deze bijeenkomst aanmelden; geef plaatsen, zet de wachtlijst aan, of haal de bijeenkomst uit de aanmelding',
    'programme-outside-session': 'dit programmaonderdeel valt buiten de begin- en eindtijd van de bijeenkomst; pas de tijd van het onderdeel of van de bijeenkomst aan',
    day: 'deze dag valt buiten de bijeenkomst: dag 1 is de dag waarop ze begint, en de bijeenkomst duurt niet zo veel dagen; pas de dag van het onderdeel of het einde van de bijeenkomst aan',
    'cancel-until-after-sessions': 'kosteloos afmelden kan volgens cancelUntil tot na de laatste bijeenkomst; kies een moment vóór de bijeenkomsten',
    // Issue 23 (m23b): price per organisation type.
    'price-type-twice': 'dit type organisatie heeft al een prijs in een eerdere regel van price.rates; alleen die eerste telt. Noem elk type één keer',
    // Issue 23 (m23c): reserved places.
    'reserved-for-nobody': 'gereserveerde plaatsen zijn voor iemand: noem de organisaties (organisations) of de typen organisatie (organisationTypes) die ze mogen nemen',
    'reserved-without-capacity': 'gereserveerde plaatsen komen bovenop een aantal plaatsen: geef deze bijeenkomst of de aanmelding een capacity, of haal reservedPlaces weg',
    'reserved-per-session-only': 'gereserveerde plaatsen bij één bijeenkomst kunnen niet als mensen zich voor de hele reeks aanmelden. Zet ze in registration.reservedPlaces (dan gelden ze voor de hele reeks), of laat mensen zich per bijeenkomst aanmelden (registration.scope "session")',
    // Issue 23 (m23c): invitations.
    'invitation-who': 'zeg wie een uitnodigingscode nodig heeft: óf organisationTypes (deze typen organisatie), óf allExcept (iedereen behalve deze typen, bijvoorbeeld de leden), niet allebei en niet geen van beide',
    'code-sessions-per-session-only': 'een code voor bepaalde bijeenkomsten (sessions) kan alleen bij aanmelden per bijeenkomst (scope "session"); haal sessions weg of meld per bijeenkomst aan',
    'code-unknown-session': 'deze bijeenkomst bestaat niet in dit netwerk; gebruik het id van een van de bijeenkomsten',
    // Issue 23 (m23c): a venue for participants only.
    'participants-only-unseen':
      'het adres van deze locatie is alleen voor deelnemers (participantsOnly), maar de aanmelding loopt niet via deze server (mode "external" of "email"), dus niemand krijgt het adres; zet mode op "built-in" of "closed", of haal participantsOnly weg',
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
};

export type ProblemMessages = typeof nl;

const en: ProblemMessages = {
  problem: {
    missing: 'this field is missing',
    empty: 'this must not be empty',
    type: (expected: string) => `expected ${en.typeName[expected] ?? expected}`,
    enum: (got: unknown, options: readonly unknown[]) =>
      `unknown value ${JSON.stringify(got)}; choose one of ${options.map((o) => JSON.stringify(o)).join(', ')}`,
    unknownKey: (key: string, suggestion?: string) =>
      `unknown field "${key}"` + (suggestion ? `; did you mean "${suggestion}"?` : ''),
    tooSmallNumber: (min: number) => `must be at least ${min}`,
    tooBigNumber: (max: number) => `must be at most ${max}`,
    tooFewItems: (min: number) => plural('en', min, { one: 'must contain at least {n} item', other: 'must contain at least {n} items' }),
    tooLong: (max: number) => `must be at most ${max} characters long`,
    integer: 'expected a whole number',
    datetime: 'this is not a valid date and time, expected for example 2026-03-12T19:30 (Dutch time) or 2026-03-12T19:30:00+01:00',
    date: 'this is not a valid date, expected for example 2026-03-12',
    deadline: 'this is not a valid date or date and time, expected for example 2026-03-01 or 2026-03-01T17:00',
    clock: 'this is not a valid time, expected for example 19:30',
    id: 'use only lower-case letters, digits and hyphens, for example "kick-off-2026"',
    url: 'this is not a valid web address, expected for example https://www.example.org/register',
    email: 'this is not a valid e-mail address, expected for example name@example.org',
    phone: 'this is not a valid phone number, expected for example 030 123 45 67',
    'postal-code': 'this is not a valid Dutch postal code, expected for example 3511 AB',
    'code-hash': 'expected "sha256:" followed by 64 hexadecimal characters (use `npx leerkring hash-code`)',
    union: (options: readonly unknown[]) => `unknown kind; choose one of ${options.map((o) => JSON.stringify(o)).join(', ')}`,
    json: (detail: string) => `this is not valid JSON: ${detail}`,
    'start-and-date': 'give either a start time (start) or only a date (date), not both',
    'end-without-start': 'an end time (end) needs a start time (start)',
    'end-before-start': 'the end time is not after the start time',
    'doors-without-date': 'a doors-open time (doorsOpen) needs a date or a start time',
    'moved-without-history': 'a moved meeting lists its earlier start in movedFrom',
    'choice-without-options': 'a choice question needs options',
    'external-without-url': 'registering with another form needs that form\'s web address (url)',
    'closes-before-opens': 'registration does not close after it opens',
    'waitlist-limit-disabled': 'a waiting list limit only makes sense when the waiting list is enabled',
    'duplicate-id': 'this id occurs more than once; every meeting needs its own id',
    'unknown-track': 'this track is not listed in "tracks"',
    'email-without-contact': 'registering by e-mail needs the contact person\'s e-mail address',
    'in-company-without-group-size': 'an in-company offer states its group size (groupSize.max)',
    'line-break': 'this must be on one line; remove the line breaks (only a description or summary may have more lines)',
    control: 'this contains invisible control characters (for example a tab or a character that reverses the reading direction); remove them',
    unstorable: 'this contains half a character or a broken one that cannot be stored; type the text again',
    invalid: 'this value is not valid',
    // Contradictions and warnings (issue 13).
    'postal-code-country': 'this postal code does not fit the venue\'s country, expected for example 1000 for Belgium (BE)',
    country: 'use the two-letter country code in capitals, for example NL or BE',
    'type-field-off':
      'the form does not ask the organisation type ("off"), but eligibility, invitation or a price per type (price) looks at that type; nobody could register. Set this field to "required" or remove the rule',
    'organisation-field-off': 'the form does not ask the organisation ("off"), but registration.organisations gives a list to choose from; set this field to "required" or "optional", or remove the list',
    'max-per-organisation-field-off':
      'the form does not ask the organisation ("off"), so a maximum per organisation (maxPerOrganisation) cannot be counted; set registration.fields.organisation to "required" or remove the maximum',
    // Places per session inside a series registration (issue 23).
    'own-place-series-only':
      'optional and chooseOne apply only to the built-in registration for the whole series (registration.mode "built-in", without scope "session"); where people register per session, every session is a choice of its own already. Remove this field or change the registration',
    'session-capacity-zero-in-series': 'with 0 places nobody of the series gets a place at this session; give it at least 1 place or remove capacity',
    'choose-one-alone': 'this choice group (chooseOne) has only one session; give at least two sessions the same chooseOne, or remove the field',
    'choose-one-optional': 'a session in a choice group (chooseOne) cannot be optional too: everyone chooses one of the group; remove optional',
    'choose-one-not-parallel': 'sessions in one choice group (chooseOne) run at the same time: give this session a start and an end that overlap the first of the group, or give it another chooseOne',
    'capacity-zero-no-waitlist': 'with 0 places and no waiting list nobody can register for this session; give it places, turn the waiting list on, or take the session out of registration',
    'programme-outside-session': 'this programme item falls outside the start and end time of the session; change the time of the item or of the session',
    day: 'this day falls outside the session: day 1 is the day it starts, and the session does not last that many days; change the day of the item or the end of the session',
    'cancel-until-after-sessions': 'cancelUntil lets people cancel for free until after the last session; choose a moment before the sessions',
    // Issue 23 (m23b): price per organisation type.
    'price-type-twice': 'this organisation type already has a price in an earlier entry of price.rates; only that first one counts. Name each type once',
    // Issue 23 (m23c): reserved places.
    'reserved-for-nobody': 'reserved places are for somebody: name the organisations (organisations) or organisation types (organisationTypes) that may take them',
    'reserved-without-capacity': 'reserved places come on top of a number of places: give this session or the registration a capacity, or remove reservedPlaces',
    'reserved-per-session-only': 'reserved places on one session are not possible when people register for the whole series. Put them in registration.reservedPlaces (then they count for the whole series), or let people register per session (registration.scope "session")',
    // Issue 23 (m23c): invitations.
    'invitation-who': 'say who needs an invitation code: either organisationTypes (these organisation types) or allExcept (everyone but these types, for example the members), not both and not neither',
    'code-sessions-per-session-only': 'a code for some sessions (sessions) only works where people register per session (scope "session"); remove sessions or register per session',
    'code-unknown-session': 'this session does not exist in this network; use the id of one of its sessions',
    // Issue 23 (m23c): a venue for participants only.
    'participants-only-unseen':
      'the address of this venue is for participants only (participantsOnly), but registration does not go through this server (mode "external" or "email"), so nobody gets the address; set mode to "built-in" or "closed", or remove participantsOnly',
    'closed-format-built-in':
      'a closed network (format "closed") takes no registrations, not even with mode "built-in"; set mode to "closed" or format to "open"',
    timeSkipped: (chosen: string) =>
      `this time does not exist: that night the clocks go from 02:00 to 03:00 (summer time); chosen is ${chosen}`,
    timeRepeated: (chosen: string) =>
      `this time happens twice: that night the clocks go back from 03:00 to 02:00 (winter time); chosen is the first one, ${chosen}; add +01:00 to the time for the second one`,
  },
  typeName: {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list [ … ]',
    object: 'an object { … }',
  },
  cli: {
    valid: (file: string) => `${file}: valid`,
    invalid: (file: string, n: number) => plural('en', n, { one: `${file}: {n} problem`, other: `${file}: {n} problems` }),
  },
};

/** The problem sentences for a locale; anything that is not "en" gets Dutch. */
export function problemMessages(locale: Locale | string | undefined | null): ProblemMessages {
  return locale === 'en' ? en : nl;
}
