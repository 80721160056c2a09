/**
 * The e-mails the server sends, in Dutch and English. Kept apart from the UI catalogue so that
 * browsers never download them.
 */
import type { Locale } from './format.js';

// Values a person typed (a name, a reason) are quoted, so a reader sees where they begin and
// end; composeMail has already made them one inert line (`inertLine`).
const nl = {
    greeting: (name: string) => `Beste „${name}”,`,
    subject: {
      confirmed: (t: string) => `Bevestiging van je aanmelding: ${t}`,
      waitlisted: (t: string) => `Je staat op de wachtlijst: ${t}`,
      pending: (t: string) => `We hebben je aanmelding ontvangen: ${t}`,
      accepted: (t: string) => `Je aanmelding is geaccepteerd: ${t}`,
      rejected: (t: string) => `Over je aanmelding: ${t}`,
      promoted: (t: string) => `Er is een plaats vrijgekomen: ${t}`,
      cancelled: (t: string) => `Je bent afgemeld: ${t}`,
      removed: (t: string) => `Je staat niet meer ingeschreven: ${t}`,
      'session-moved': (t: string) => `Gewijzigde datum: ${t}`,
      'session-cancelled': (t: string) => `Bijeenkomst gaat niet door: ${t}`,
      'session-dated': (t: string) => `Datum bekend: ${t}`,
      'session-venue': (t: string) => `Nieuwe locatie: ${t}`,
    },
    body: {
      confirmed: (t: string) => `Je bent aangemeld voor ${t}.`,
      waitlisted: (t: string, position: number) => `${t} is vol. Je staat op de wachtlijst, op plaats ${position}. Komt er een plaats vrij, dan schuif je vanzelf door en krijg je bericht.`,
      pending: (t: string) => `We hebben je aanmelding voor ${t} ontvangen. Voordat je aanmelding definitief is, nemen we contact met je op.`,
      accepted: (t: string) => `Je aanmelding voor ${t} is geaccepteerd. Je bent erbij.`,
      rejected: (t: string) => `Je aanmelding voor ${t} kunnen we helaas niet accepteren.`,
      promoted: (t: string) => `Er is een plaats vrijgekomen bij ${t}. Je bent van de wachtlijst doorgeschoven.`,
      cancelled: (t: string) => `Je bent afgemeld voor ${t}. Je plaats gaat naar de eerste op de wachtlijst.`,
      removed: (t: string) => `De organisatie heeft je inschrijving voor ${t} stopgezet. Je staat niet meer op de lijst.`,
      'session-moved': (t: string) => `De datum of tijd van ${t} is gewijzigd. De nieuwe gegevens staan hieronder; het agendabestand in de bijlage werkt je agenda bij.`,
      'session-cancelled': (t: string) => `${t} gaat helaas niet door.`,
      'session-dated': (t: string) => `De datum van ${t} is bekend. De gegevens staan hieronder; met het agendabestand in de bijlage zet je de bijeenkomst in je agenda.`,
      'session-venue': (t: string) => `${t} is op een andere plek. De nieuwe gegevens staan hieronder; het agendabestand in de bijlage werkt je agenda bij.`,
    },
    messageFrom: (t: string) => `Een bericht van de organisatie van ${t}:`,
    reason: (r: string) => `Toelichting: „${r}”`,
    when: (w: string) => `Wanneer: ${w}`,
    where: (w: string) => `Waar: ${w}`,
    joinLink: (u: string) => `Deelnemen online: ${u}`,
    pendingNext: (who: string) => `${who} neemt contact met je op.`,
    manage: (url: string) => `Bekijk je aanmelding of meld je af: ${url}`,
    manageNoLink: 'Wil je je aanmelding wijzigen of je afmelden? Antwoord dan op deze e-mail.',
    contact: (who: string) => `Vragen? Neem contact op met ${who}.`,
    signature: (org: string) => `Met vriendelijke groet,\n${org}`,
    organiser: {
      greeting: (name: string) => (name ? `Beste ${name},` : 'Hallo,'),
      subject: (t: string) => `Nieuwe aanmelding: ${t}`,
      subjectIntake: (t: string) => `Nieuwe intake: ${t}`,
      body: (t: string) => `Er is een nieuwe aanmelding voor ${t}.`,
      bodyIntake: (t: string) => `Er is een nieuwe aanmelding voor ${t}. Deze wacht op jullie beoordeling.`,
      name: (n: string) => `Naam: „${n}”`,
      organisation: (o: string) => `Organisatie: „${o}”`,
      status: { confirmed: 'Status: aangemeld', waitlisted: 'Status: op de wachtlijst', pending: 'Status: wacht op intake', cancelled: 'Status: afgemeld', rejected: 'Status: niet geaccepteerd' },
      open: (url: string) => `Bekijk het in de beheeromgeving: ${url}`,
      digestSubject: (day: string) => `Nieuwe aanmeldingen van ${day}`,
      digestBody: (day: string) => `Dit zijn de nieuwe aanmeldingen van ${day}.`,
      digestNetwork: (t: string, n: number) => `${t}: ${n === 1 ? '1 nieuwe aanmelding' : `${n} nieuwe aanmeldingen`}`,
      why: 'Je krijgt deze e-mail omdat je organisator bent. In de beheeromgeving kies je of en hoe vaak je deze e-mails krijgt.',
      signature: 'leerkring',
    },
    signIn: {
      subject: 'Inloggen bij leerkring',
      body: (minutes: number) => `Je vroeg om in te loggen in de beheeromgeving van leerkring. Open deze link om in te loggen. De link werkt één keer en ${minutes} minuten lang:`,
      notYou: 'Heb je hier niet om gevraagd? Dan hoef je niets te doen. Er is niemand ingelogd.',
    },
};

export type EmailMessages = typeof nl;

const en: EmailMessages = {
    greeting: (name: string) => `Dear “${name}”,`,
    subject: {
      confirmed: (t: string) => `Registration confirmed: ${t}`,
      waitlisted: (t: string) => `You are on the waiting list: ${t}`,
      pending: (t: string) => `We have received your registration: ${t}`,
      accepted: (t: string) => `Your registration is accepted: ${t}`,
      rejected: (t: string) => `About your registration: ${t}`,
      promoted: (t: string) => `A place has become free: ${t}`,
      cancelled: (t: string) => `Your registration is cancelled: ${t}`,
      removed: (t: string) => `You are no longer registered: ${t}`,
      'session-moved': (t: string) => `New date: ${t}`,
      'session-cancelled': (t: string) => `Meeting cancelled: ${t}`,
      'session-dated': (t: string) => `Date set: ${t}`,
      'session-venue': (t: string) => `New location: ${t}`,
    },
    body: {
      confirmed: (t: string) => `You are registered for ${t}.`,
      waitlisted: (t: string, position: number) => `${t} is full. You are on the waiting list, at position ${position}. If a place becomes free, you move up automatically and we let you know.`,
      pending: (t: string) => `We have received your registration for ${t}. Before it is final, we will contact you.`,
      accepted: (t: string) => `Your registration for ${t} is accepted. You are in.`,
      rejected: (t: string) => `Unfortunately we cannot accept your registration for ${t}.`,
      promoted: (t: string) => `A place has become free for ${t}. You have moved up from the waiting list.`,
      cancelled: (t: string) => `Your registration for ${t} is cancelled. Your place goes to the first person on the waiting list.`,
      removed: (t: string) => `The organisers have ended your registration for ${t}. You are no longer on the list.`,
      'session-moved': (t: string) => `The date or time of ${t} has changed. The new details are below; the attached calendar file updates your calendar.`,
      'session-cancelled': (t: string) => `Unfortunately ${t} is cancelled.`,
      'session-dated': (t: string) => `The date of ${t} is set. The details are below; the attached calendar file puts the meeting in your calendar.`,
      'session-venue': (t: string) => `${t} takes place somewhere else. The new details are below; the attached calendar file updates your calendar.`,
    },
    messageFrom: (t: string) => `A message from the organisers of ${t}:`,
    reason: (r: string) => `Explanation: “${r}”`,
    when: (w: string) => `When: ${w}`,
    where: (w: string) => `Where: ${w}`,
    joinLink: (u: string) => `Join online: ${u}`,
    pendingNext: (who: string) => `${who} will contact you.`,
    manage: (url: string) => `View or cancel your registration: ${url}`,
    manageNoLink: 'Want to change or cancel your registration? Reply to this email.',
    contact: (who: string) => `Questions? Contact ${who}.`,
    signature: (org: string) => `Kind regards,\n${org}`,
    organiser: {
      greeting: (name: string) => (name ? `Dear ${name},` : 'Hello,'),
      subject: (t: string) => `New registration: ${t}`,
      subjectIntake: (t: string) => `New intake: ${t}`,
      body: (t: string) => `There is a new registration for ${t}.`,
      bodyIntake: (t: string) => `There is a new registration for ${t}. It is waiting for your review.`,
      name: (n: string) => `Name: “${n}”`,
      organisation: (o: string) => `Organisation: “${o}”`,
      status: { confirmed: 'Status: registered', waitlisted: 'Status: on the waiting list', pending: 'Status: waiting for intake', cancelled: 'Status: cancelled', rejected: 'Status: not accepted' },
      open: (url: string) => `See it in the console: ${url}`,
      digestSubject: (day: string) => `New registrations of ${day}`,
      digestBody: (day: string) => `These are the new registrations of ${day}.`,
      digestNetwork: (t: string, n: number) => `${t}: ${n === 1 ? '1 new registration' : `${n} new registrations`}`,
      why: 'You get this email because you are an organiser. In the console you choose whether and how often you get these emails.',
      signature: 'leerkring',
    },
    signIn: {
      subject: 'Sign in to leerkring',
      body: (minutes: number) => `You asked to sign in to the leerkring console. Open this link to sign in. It works once, for ${minutes} minutes:`,
      notYou: 'Did you not ask for this? Then you need not do anything. Nobody has signed in.',
    },
};

export function emailMessages(locale: Locale): EmailMessages {
  return locale === 'en' ? en : nl;
}
