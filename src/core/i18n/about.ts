/**
 * The sentences of <leerkring-about> and <leerkring-catalogue>, in Dutch and English: only the
 * pages with one of those elements load them.
 */
import { formatList, plural, type Locale } from './format.js';

const nl = {
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
    others: 'Andere organisaties',
    groupSize: (min: number | undefined, max: number) => (min ? `${min} tot ${max} deelnemers` : `Maximaal ${max} deelnemers`),
    groupSizeLabel: 'Groepsgrootte',
    duration: (days: number) => plural('nl', days, { one: '{n} dag', other: '{n} dagen' }),
    durationLabel: 'Duur',
  },
  /** Texts of a calendar item, always in the network's own language. */
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
};

export type AboutMessages = typeof nl;

const en: AboutMessages = {
  about: {
    organisers: 'Organised by',
    partners: 'Partners',
    funders: 'Made possible by',
    sponsors: 'Supported by',
    members: 'Members',
    facilitators: 'Facilitation',
    contact: 'Contact',
    email: 'Email',
    phone: 'Phone',
    audience: 'Who it is for',
    resources: 'Publications and materials',
    practical: 'Practical',
    price: 'Costs',
    free: 'Free',
    amount: (amount: string) => `€${amount}`,
    onRequest: 'On request',
    others: 'Other organisations',
    groupSize: (min: number | undefined, max: number) => (min ? `${min} to ${max} participants` : `At most ${max} participants`),
    groupSizeLabel: 'Group size',
    duration: (days: number) => plural('en', days, { one: '{n} day', other: '{n} days' }),
    durationLabel: 'Duration',
  },
  catalogue: {
    filterAudience: 'Who it is for',
    filterTheme: 'Theme',
    filterKind: 'Kind of network',
    filterAll: 'All',
    result: (n: number) => plural('en', n, { one: '{n} network', other: '{n} networks' }),
    none: 'No networks match this choice.',
    empty: 'There are no networks yet.',
    next: (when: string) => `Next meeting: ${when}`,
    noNext: 'No new meeting planned yet',
    more: (title: string) => `More about ${title}`,
    loading: 'Loading networks…',
    loadError: 'The networks could not be loaded.',
    audienceLine: (types: string) => `For: ${types}`,
  },
};

/** The about and catalogue sentences for a locale; anything that is not "en" gets Dutch. */
export function aboutMessages(locale: Locale | string | undefined | null): AboutMessages {
  return locale === 'en' ? en : nl;
}
