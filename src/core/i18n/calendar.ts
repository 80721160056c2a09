/**
 * The words of a calendar item and of the links that add one (the .ics file, Google, Outlook) and the names of
 * the kinds of network, in Dutch and English: a catalogue of their own, so that an agenda page
 * loads them only when someone adds a session to a calendar.
 */
import type { NetworkKind } from '../schema.js';
import type { Locale } from './format.js';

const nl = {
  kind: {
    'learning-network': 'Leernetwerk',
    'learning-circle': 'Leerkring',
    'community-of-practice': 'Werkplaats',
    intervision: 'Intervisie',
    workshop: 'Workshop',
    other: 'Netwerk',
  } satisfies Record<NetworkKind, string>,
  links: { icsFile: 'Agendabestand (.ics)', google: 'Google Agenda', outlook: 'Outlook' },
  calendar: {
    doorsOpen: (time: string) => `Inloop vanaf ${time} uur`,
    programme: 'Programma:',
    cancelled: 'Deze bijeenkomst gaat niet door.',
    partners: (names: string) => `i.s.m. ${names}`,
    joinLink: (url: string) => `Online meedoen: ${url}`,
  },
};

export type CalendarMessages = typeof nl;

const en: CalendarMessages = {
  kind: {
    'learning-network': 'Learning network',
    'learning-circle': 'Learning circle',
    'community-of-practice': 'Community of practice',
    intervision: 'Intervision',
    workshop: 'Workshop',
    other: 'Network',
  },
  links: { icsFile: 'Calendar file (.ics)', google: 'Google Calendar', outlook: 'Outlook' },
  calendar: {
    doorsOpen: (time: string) => `Doors open at ${time}`,
    programme: 'Programme:',
    cancelled: 'This meeting will not take place.',
    partners: (names: string) => `In cooperation with ${names}`,
    joinLink: (url: string) => `Join online: ${url}`,
  },
};

// Frisian (issue 23; a native speaker should review it).
const fy: CalendarMessages = {
  kind: {
    'learning-network': 'Learnetwurk',
    'learning-circle': 'Learkring',
    'community-of-practice': 'Wurkpleats',
    intervision: 'Yntervyzje',
    workshop: 'Workshop',
    other: 'Netwurk',
  },
  links: { icsFile: 'Agindabestân (.ics)', google: 'Google Agenda', outlook: 'Outlook' },
  calendar: {
    doorsOpen: (time: string) => `Ynrin fan ${time} oere ôf`,
    programme: 'Programma:',
    cancelled: 'Dizze gearkomste giet net troch.',
    partners: (names: string) => `Yn gearwurking mei ${names}`,
    joinLink: (url: string) => `Online meidwaan: ${url}`,
  },
};

/** The calendar words and network kinds for a locale; anything that is not "en" or "fy" gets Dutch. */
export function calendarMessages(locale: Locale | string | undefined | null): CalendarMessages {
  return locale === 'en' ? en : locale === 'fy' ? fy : nl;
}
