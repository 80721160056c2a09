/**
 * The registration form's texts and error sentences, in Dutch; English is in form-en.ts, which
 * registers itself when it is imported (the server and `leerkring` import it; a browser page
 * loads it with `loadFormMessages('en')`). A catalogue of its own so that pages with only an
 * agenda do not download them, and Dutch form pages not the English.
 */
import { formatDateTime, plural, type Locale } from './format.js';
import { withinDays } from './within-days.js';
import { catalogue } from './catalogue.js';
import type { RegistrationScope, RegistrationPolicy } from '../schema.js';

/** The intake settings the contact promise is worded from. */
export type Approval = RegistrationPolicy['approval'];

const nl = {
  /** Why a registration cannot go ahead (see reasonText; the sentences the agenda also says are in messages' `join`). */
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
    'declaration-missing': (text: string) => `Bevestig: ${text}`,
    'invitation-required': 'Voor jouw type organisatie is deelname op uitnodiging. Vul je uitnodigingscode in.',
    'invitation-invalid': 'Deze uitnodigingscode klopt niet.',
    'invitation-other-session': 'Deze code geldt voor een andere bijeenkomst. Kies die bijeenkomst, of vraag een code voor deze.',
    'organisation-limit': (max: number) =>
      plural('nl', max, {
        one: 'Per organisatie kan {n} persoon zich aanmelden; vanuit jouw organisatie is al iemand aangemeld.',
        other: 'Per organisatie kunnen {n} mensen zich aanmelden; dat aantal is voor jouw organisatie bereikt.',
      }),
    'group-too-large': (max: number) => `Deze workshop is voor maximaal ${max} deelnemers.`,
    full: 'Maximaal aantal aanmeldingen bereikt, je kunt je niet meer aanmelden.',
    'waitlist-full': 'Er zijn geen plaatsen meer en de wachtlijst is ook vol.',
    'session-full': (t: string) => `${t} is vol.`,
    waitlisted: (position: number) => `Je staat op de wachtlijst, op plaats ${position}.`,
  },
  /** A registration's state, in a word or two. */
  outcome: {
    confirmed: 'Aangemeld',
    waitlisted: 'Op de wachtlijst',
    pending: 'Aanmelding ontvangen, in behandeling',
    rejected: 'Aanmelding niet mogelijk',
    cancelled: 'Afgemeld',
  },
  /** What taking part costs (core's price.ts decides the amount). */
  price: {
    heading: 'Kosten',
    free: 'gratis',
    others: 'Andere organisaties',
    onRequest: 'Op aanvraag',
    yours: (fee: string) => `Kosten voor je deelname: ${fee}.`,
    /** Issue 23: the free-cancellation term, said before registering. */
    freeCancel: (days: number) => `Kosteloos afmelden kan tot ${days} dagen voor de bijeenkomst. Daarna kun je je nog afmelden, maar blijven de kosten staan.`,
  },
  signup: {
    /** Registered already: a new manage link by e-mail (the form and the manage page both offer it). */
    newLinkButton: 'Stuur mij een nieuwe link',
    newLinkSent: (email: string) =>
      `Als ${email} bij ons bekend is, krijg je binnen een paar minuten een e-mail met een nieuwe link. Zie je niets? Kijk dan ook bij je ongewenste e-mail.`,
    linkFailed: 'Dat is niet gelukt. Probeer het opnieuw.',
    heading: 'Aanmelden',
    requestHeading: 'Workshop aanvragen',
    allRequired: 'Alle velden zijn verplicht, tenzij er (niet verplicht) bij staat.',
    optional: '(niet verplicht)',
    /** Before an error sentence, for screen readers (hidden). */
    errorLabel: 'Fout:',
    name: 'Naam',
    email: 'E-mailadres',
    emailHint: 'Hier sturen we de bevestiging naartoe, met een link om je aanmelding te bekijken of af te melden.',
    organisation: 'Organisatie',
    organisationType: 'Soort organisatie',
    choose: 'Kies…',
    role: 'Functie',
    phone: 'Telefoonnummer',
    session: 'Bijeenkomst',
    sessionWaitlist: 'vol, wel wachtlijst',
    invitationCode: 'Uitnodigingscode',
    groupSize: 'Aantal deelnemers',
    groupSizeHint: (max: number) => `Maximaal ${max} deelnemers.`,
    yes: 'Ja',
    no: 'Nee',
    why: 'Waarom we dit vragen:',
    privacyHeading: 'Wat we met je gegevens doen',
    privacyPurpose: 'We gebruiken je naam en e-mailadres om je aanmelding te regelen en je te informeren over de bijeenkomsten. Je organisatie en functie helpen de organisatoren de groep samen te stellen. We delen je gegevens niet met anderen.',
    privacyRetention: (days: number) => `We verwijderen je gegevens ${days} dagen na de laatste bijeenkomst.`,
    privacyController: (name: string) => `Verantwoordelijk voor je gegevens: ${name}.`,
    privacyLink: 'Lees de privacyverklaring',
    submit: 'Aanmelden',
    submitWaitlist: 'Aanmelden voor de wachtlijst',
    submitRequest: 'Aanvraag versturen',
    sending: 'Je aanmelding wordt verstuurd…',
    errorSummary: 'Er is een probleem',
    networkError: 'Je aanmelding kon niet worden verstuurd. Wat je hebt ingevuld staat er nog: probeer het opnieuw.',
    retry: 'Opnieuw versturen',
    partsFailed: 'Een deel van dit formulier kon niet worden geladen, zoals de prijs of de keuzes. Je aanmelding is niet verstuurd. Laad de pagina opnieuw en probeer het dan nog een keer.',
    noServer: 'Aanmelden via dit formulier is op deze pagina nog niet ingesteld. Neem contact op met de organisatie.',
    contact: (who: string) => `Vragen? Neem contact op met ${who}.`,
    confirmedHeading: 'Je bent aangemeld',
    confirmedText: (title: string) =>
      `Je aanmelding voor ${title} is bevestigd. Je krijgt een e-mail met de gegevens en een link om je aanmelding te bekijken of af te melden.`,
    waitlistedHeading: 'Je staat op de wachtlijst',
    waitlistedText: (position: number) =>
      `Je staat op plaats ${position}. Komt er een plaats vrij, dan schuif je vanzelf door en krijg je een e-mail.`,
    pendingHeading: 'We hebben je aanmelding ontvangen',
    requestReceivedHeading: 'We hebben je aanvraag ontvangen',
    pendingWho: (who: string, approval: Approval): string =>
      `${who} neemt contact met je op${approval?.contactWithinDays ? ` ${withinDays('nl', approval.contactWithinDays, approval.workingDays)}` : ''}.`,
    rejectedHeading: 'Aanmelden is niet gelukt',
    backToForm: 'Terug naar het formulier',
    /** Only where people register per meeting is it one meeting that is full. */
    fullHeading: (scope: RegistrationScope): string => (scope === 'session' ? 'Deze bijeenkomst is vol' : 'Er zijn geen plaatsen meer'),
    notYetOpenHeading: 'Aanmelden kan nog niet',
    closedHeading: 'Aanmelden is gesloten',
    invitationOnlyHeading: 'Deelname op uitnodiging',
    externalText: 'Je meldt je aan via het aanmeldformulier van de organisatie.',
    externalLink: 'Naar het aanmeldformulier',
    emailText: (to: string) => `Je meldt je aan met een e-mail aan ${to}. We hebben het bericht alvast voor je klaargezet.`,
    emailButton: 'E-mail opstellen',
    handledByPage: 'Je aanmelding is doorgegeven.',
    manageHeading: 'Je aanmelding',
    manageStatus: (status: string) => `Status: ${status}`,
    cancel: 'Afmelden',
    cancelledHeading: 'Je bent afgemeld',
    cancelledText: (freedPlace: boolean): string =>
      freedPlace ? 'Je plaats gaat naar de eerste op de wachtlijst. Je krijgt een bevestiging per e-mail.' : 'Je krijgt een bevestiging per e-mail.',
    notFound: 'Deze aanmelding bestaat niet (meer).',
    idempotencyMismatch: 'Dit formulier is al eerder verstuurd, met andere gegevens. Laad de pagina opnieuw en vul het formulier opnieuw in.',
  },
  form: {
    error: {
      shape: 'De aanmelding kon niet worden gelezen. Vul het formulier opnieuw in.',
      spam: 'Je aanmelding lijkt automatisch verstuurd. Wacht even en probeer het opnieuw.',
      name: 'Vul je naam in',
      email: 'Vul je e-mailadres in',
      emailInvalid: 'Vul een e-mailadres in zoals naam@example.org',
      organisation: 'Vul de naam van je organisatie in',
      organisationType: 'Kies het soort organisatie',
      organisationNotListed: (names: string) => `Kies je organisatie uit de lijst: ${names}`,
      role: 'Vul je functie in',
      phone: 'Vul je telefoonnummer in',
      phoneInvalid: 'Vul een telefoonnummer in zoals 030 123 45 67',
      session: 'Kies een bijeenkomst',
      chooseOne: (titles: string) => `Kies één van: ${titles}`,
      declaration: (text: string) => `Bevestig: ${text}`,
      answer: (label: string) => `Beantwoord de vraag: ${label}`,
      number: (min?: number, max?: number) =>
        min !== undefined && max !== undefined ? `Vul een getal in van ${min} tot en met ${max}` : 'Vul een getal in',
      invitation: 'Vul de code uit je uitnodiging in',
      groupSize: (min: number, max: number) => `Vul een aantal deelnemers in van ${min} tot en met ${max}`,
      tooLong: (max: number) => `Gebruik hoogstens ${max} tekens`,
      /** The field a sentence below is about: as the subject, and as the object ("typ … opnieuw in"). */
      field: {
        name: { subject: 'Je naam', object: 'je naam' },
        email: { subject: 'Je e-mailadres', object: 'je e-mailadres' },
        organisation: { subject: 'De naam van je organisatie', object: 'de naam van je organisatie' },
        role: { subject: 'Je functie', object: 'je functie' },
        phone: { subject: 'Je telefoonnummer', object: 'je telefoonnummer' },
        answer: (label: string): FieldWords => ({ subject: `Je antwoord op de vraag „${label}”`, object: 'je antwoord' }),
      },
      text: {
        unstorable: (f: FieldWords) => `${f.subject} bevat tekens die we niet kunnen opslaan. Typ ${f.object} opnieuw in.`,
        control: (f: FieldWords) => `${f.subject} bevat verborgen stuurtekens. Typ ${f.object} opnieuw in, zonder te plakken.`,
        bidi: (f: FieldWords) => `${f.subject} bevat tekens die de leesrichting omdraaien. Typ ${f.object} opnieuw in, zonder te plakken.`,
        invisible: (f: FieldWords) => `${f.subject} bestaat alleen uit onzichtbare tekens. Vul ${f.object} in.`,
        space: (f: FieldWords) => `${f.subject} bevat een spatie of een onzichtbaar teken. Typ ${f.object} opnieuw in, zonder spaties.`,
        link: (f: FieldWords) => `${f.subject} mag geen webadres bevatten. Vul alleen ${f.object} in.`,
      },
    },
  },
};

export interface FieldWords {
  subject: string;
  object: string;
}

export type FormMessages = typeof nl;

const words = catalogue(nl, (l) => (l == 'en' ? import('./form-en.js') : import('./form-fy.js')));

/** Adds a form catalogue; `./form-en.js` and `./form-fy.js` register English and Frisian when imported. */
export const registerFormMessages: (locale: Locale, m: FormMessages) => void = words.register;

/** Whether a locale's form texts are loaded. Dutch always is. */
export const hasFormMessages: (locale: Locale) => boolean = words.has;

/** Loads a locale's form texts (a separate chunk in the browser bundle). */
export const loadFormMessages: (locale: Locale) => Promise<void> = words.load;

/** The form texts for a locale; anything but a loaded "en" or "fy" gets Dutch, the default. */
export const formMessages: (locale: Locale | string | undefined | null) => FormMessages = words.get;
