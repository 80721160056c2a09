/**
 * The Frisian (West Frisian, Frysk) catalogue. Importing this module registers it; a browser page
 * loads it only when it asks for Frisian (`lang="fy"`). Written for issue 23; a native speaker
 * should review it before a Frisian network goes live.
 */
import { registerMessages, type Messages } from './messages.js';
import { BCP47, dateFormats, formatDateTime, formatList, plural } from './format.js';
import type { OrganisationType } from '../schema.js';

export const fy: Messages = {
  organisationType: {
    municipality: 'Gemeente',
    province: 'Provinsje',
    'water-board': 'Wetterskip',
    'national-government': 'Ryksoerheid',
    'citizen-initiative': 'Boargerinisjatyf',
    'civil-society': 'Maatskiplike organisaasje',
    'knowledge-institution': 'Kennisynstelling',
    business: 'Bedriuw',
    'political-party': 'Politike partij',
    'party-branch': 'Lokale ôfdieling fan in partij',
    other: 'Oars',
  },
  sessionType: {
    'kick-off': 'Startgearkomste',
    plenary: 'Plenêre gearkomste',
    thematic: 'Temagearkomste',
    intervision: 'Yntervyzje',
    'learning-meeting': 'Leargearkomste',
    info: 'Ynformaasjegearkomste',
    closing: 'Slotgearkomste',
    research: 'Ûndersyksgearkomste',
    dialogue: 'Dialooggearkomste',
    reflection: 'Refleksjegearkomste',
    workshop: 'Workshop',
    other: 'Gearkomste',
  },
  availability: {
    open: 'Oanmelde kin',
    waitlist: 'Fol, oanmelde foar de wachtlist kin noch',
    full: 'Maksimaal oantal oanmeldingen berikt, jo kinne jo net mear oanmelde',
    notYetOpen: (opens: Date) => `Oanmelde kin fan ${formatDateTime('fy', opens)} ôf`,
    deadlinePassed: 'De oanmelding is sletten',
    past: 'Dizze gearkomste is west',
    cancelled: 'Dizze gearkomste giet net troch',
    invitationOnly: 'Allinnich op útnoeging',
    onRequest: 'Op oanfraach',
    placesLeft: (n: number) => plural('fy', n, { one: 'noch {n} plak', other: 'noch {n} plakken' }),
    reservedLeft: (n: number) => plural('fy', n, { one: 'Noch {n} reservearre plak', other: 'Noch {n} reservearre plakken' }),
    level: { plenty: 'Genôch plakken', few: 'Noch in pear plakken', full: 'Fol', unknown: '' },
  },
  join: {
    invitation: (types: string) => `Hearre jo by in ${types}? Dan kinne jo allinnich meidwaan mei in útnoeging.`,
    askInvitation: (who: string) => `Hawwe jo noch gjin útnoeging? Freegje dy oan by ${who}.`,
    notEligible: (allowed: readonly OrganisationType[], explanation?: string) =>
      explanation ??
      `Allinnich dizze organisaasjes kinne har oanmelde: ${formatList('fy', allowed.map((t) => fy.organisationType[t].toLowerCase()))}.`,
    approvalRequired: 'Nei jo oanmelding komt der earst in kunde- of yntakepetear.',
    onRequest: 'Dit oanbod is op oanfraach: wy nimme kontakt mei jo op om it ôf te stimmen.',
  },
  agenda: {
    upcoming: 'Kommende gearkomsten',
    past: 'Eardere gearkomsten',
    tbdGroup: 'Datum folget',
    loading: 'Aginda lade…',
    loadError: 'De aginda koe net laden wurde.',
    retry: 'Nochris besykje',
    invalid: 'Dit netwurkdokumint hat flaters. Ferbetterje se yn it dokumint:',
    empty: 'Der binne noch gjin gearkomsten pland.',
    noUpcoming: 'Der binne op dit stuit gjin kommende gearkomsten.',
    locationTbd: 'Lokaasje folget',
    online: 'Online',
    hybrid: 'Op lokaasje en online',
    partners: (names: string) => `yn gearwurking mei ${names}`,
    facilitators: (names: string) => `Begelieding: ${names}`,
    speakers: (names: string) => `Sprekkers: ${names}`,
    doorsOpen: (time: string) => `ynrin fan ${time} ôf`,
    moved: 'Ferpleatst',
    movedFrom: (date: string) => `Ferpleatst; earder pland op ${date}`,
    cancelled: 'Giet net troch',
    register: 'Oanmelde',
    registerFor: (title: string) => `Oanmelde foar ${title}`,
    registerExternal: 'Oanmelde mei it oanmeldformulier',
    registerEmail: 'Oanmelde per e-mail',
    addToCalendar: 'Set it yn jo aginda',
    filterTheme: 'Tema',
    filterType: 'Soarte gearkomste',
    filterAll: 'Alle',
    filterResult: (n: number) => plural('fy', n, { one: '{n} gearkomste', other: '{n} gearkomsten' }),
    resources: 'Ferslaggen en materiaal',
    resourceType: {
      report: 'Ferslach',
      publication: 'Publikaasje',
      newsletter: 'Nijsbrief',
      brochure: 'Brosjuere',
      video: 'Fideo',
      link: 'Keppeling',
      news: 'Nijs',
    },
    time: (from: string, to?: string) => (to ? `${from}–${to} oere` : `${from} oere`),
  },
  date: {
    tbd: 'Datum folget',
    tbdPeriod: (period: string) => `Datum folget (${period})`,
  },
  agendaMore: {
    tbdPassed: (period: string) => `Sûnder datum (pland foar ${period})`,
    programme: 'Programma',
    showMore: (n: number) => plural('fy', n, { one: 'Mear sjen litte (noch {n} gearkomste)', other: 'Mear sjen litte (noch {n} gearkomsten)' }),
    subscribe: 'Abonnearje op dizze aginda',
    feedAddress: 'Aginda-adres (https)',
  },
};

// Chromium's Intl has no Frisian (Node's has): there, dates take the Dutch form with Frisian names,
// and lists and plurals the Dutch rules, which are Frisian's too ("a, b en c").
if (!Intl.DateTimeFormat.supportedLocalesOf('fy').length) {
  BCP47.fy = 'nl-NL';
  const names: Record<string, string> = {
    maandag: 'moandei', dinsdag: 'tiisdei', woensdag: 'woansdei', donderdag: 'tongersdei', vrijdag: 'freed', zaterdag: 'sneon', zondag: 'snein',
    januari: 'jannewaris', februari: 'febrewaris', mei: 'maaie', juni: 'juny', juli: 'july', september: 'septimber', november: 'novimber', december: 'desimber', 'dec.': 'des.',
  };
  const say = (s: string) => s.replace(/[a-z]+\.?/g, (w) => names[w] ?? w);
  // Every Frisian formatter made from now on (their keys start with the locale) says the Frisian names.
  const set = dateFormats.set.bind(dateFormats);
  dateFormats.set = (key, f) => set(key, key.startsWith('fy') ? { format: (d: Date) => say(f.format(d)) } : f);
}

registerMessages('fy', fy);
