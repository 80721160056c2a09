/**
 * The prepared registration e-mail's words (networks that register by e-mail), in Dutch and
 * English: a catalogue of their own, loaded with the code that writes that e-mail.
 */
import type { Locale } from './format.js';

const nl = {
  subject: (title: string) => `Aanmelding ${title}`,
  intro: (title: string, session?: string) => `Graag meld ik me aan voor ${title}${session ? `, bijeenkomst ${session}` : ''}.`,
  name: 'Naam',
  email: 'E-mailadres',
  organisation: 'Organisatie',
  organisationType: 'Soort organisatie',
  role: 'Functie',
  invitation: 'Uitnodigingscode (als je die hebt gekregen)',
};

export type MailtoMessages = typeof nl;

const en: MailtoMessages = {
  subject: (title: string) => `Registration ${title}`,
  intro: (title: string, session?: string) => `I would like to register for ${title}${session ? `, meeting ${session}` : ''}.`,
  name: 'Name',
  email: 'E-mail address',
  organisation: 'Organisation',
  organisationType: 'Type of organisation',
  role: 'Role',
  invitation: 'Invitation code (if you received one)',
};

export function mailtoMessages(locale: Locale): MailtoMessages {
  return locale === 'en' ? en : nl;
}
