/**
 * The e-mails the server sends, in Dutch and English (and Frisian to participants, email-fy.ts). Kept apart from the UI catalogue so that
 * browsers never download them.
 */
import type { Locale } from './format.js';
import { withinDays } from './within-days.js';
import { emailFy } from './email-fy.js';

// Values a person typed (a reason) are quoted, so a reader sees where they begin and end;
// composeMail has already made them one inert line (`inertLine`). A name in a greeting is not:
// "Beste „Anna”," reads as irony. It stands between invisible isolates instead (`isolated`).
const nl = {
    greeting: (name: string) => `Beste ${name},`,
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
      'manage-link': (t: string) => `Je link om je aanmelding te bekijken: ${t}`,
      'joins-changed': (t: string) => `Je keuze is opgeslagen: ${t}`,
      'session-dated': (t: string) => `Datum bekend: ${t}`,
      'session-venue': (t: string) => `Nieuwe locatie: ${t}`,
      reminder: (t: string) => `Herinnering: ${t}`,
    },
    body: {
      confirmed: (t: string) => `Je bent aangemeld voor ${t}.`,
      waitlisted: (t: string, position: number) => `${t} is vol. Je staat op de wachtlijst, op plaats ${position}. Komt er een plaats vrij, dan schuif je vanzelf door en krijg je bericht.`,
      pending: (t: string) => `We hebben je aanmelding voor ${t} ontvangen. Voordat je aanmelding definitief is, nemen we contact met je op.`,
      accepted: (t: string) => `Je aanmelding voor ${t} is geaccepteerd. Je bent erbij.`,
      rejected: (t: string) => `Je aanmelding voor ${t} kunnen we helaas niet accepteren.`,
      promoted: (t: string) => `Er is een plaats vrijgekomen bij ${t}. Je bent van de wachtlijst doorgeschoven.`,
      cancelled: (t: string) => `Je bent afgemeld voor ${t}.`,
      removed: (t: string) => `De organisatie heeft je inschrijving voor ${t} stopgezet. Je staat niet meer op de lijst.`,
      'session-moved': (t: string) => `De datum of tijd van ${t} is gewijzigd. De nieuwe gegevens staan hieronder; het agendabestand in de bijlage werkt je agenda bij.`,
      'session-cancelled': (t: string) => `${t} gaat helaas niet door.`,
      'joins-changed': (t: string) => `Je keuze voor de bijeenkomsten van ${t} is opgeslagen. Dit zijn de bijeenkomsten waar je naartoe gaat.`,
      'manage-link': (t: string) => `Je vroeg om een nieuwe link voor je aanmelding voor ${t}. Met deze link bekijk je je aanmelding, stap je over naar een andere bijeenkomst waar dat kan, meld je je af of verwijder je je gegevens.`,
      'session-dated': (t: string) => `De datum van ${t} is bekend. De gegevens staan hieronder; met het agendabestand in de bijlage zet je de bijeenkomst in je agenda.`,
      'session-venue': (t: string) => `${t} is op een andere plek. De nieuwe gegevens staan hieronder; het agendabestand in de bijlage werkt je agenda bij.`,
      reminder: (t: string) => `Binnenkort is ${t}. De gegevens staan hieronder.`,
    },
    placeToWaitlist: 'Je plaats gaat naar de eerste op de wachtlijst.',
    /** Issue 23: a cancellation after the free-cancellation term of a network with a fee. */
    feeStands: (until: string, days: number, fee: string) =>
      `Je hebt je afgemeld na ${until} (kosteloos afmelden kon tot ${days} dagen voor de bijeenkomst). De kosten blijven staan: ${fee}.`,
    calendarFeed: (webcal: string, https: string) =>
      `Je bijeenkomsten in je eigen agenda, die vanzelf bijwerkt als er iets verandert: ${webcal}\nWerkt die link niet? Voeg dan dit adres toe als agenda: ${https}`,
    notYou: 'Heb je hier niet om gevraagd? Dan hoef je niets te doen. Je aanmelding blijft zoals hij is.',
    reminderWaitlisted: 'Je staat nog op de wachtlijst. Komt er een plaats vrij, dan krijg je bericht.',
    /** A session with places of its own inside a series, full when the person joined (session-places.ts). */
    sessionWaitlisted: 'Deze bijeenkomst is vol: je staat op de wachtlijst. Komt er een plaats vrij, dan krijg je bericht.',
    reminderPending: 'We hebben je aanmelding nog niet goedgekeurd. Je hoort van ons voordat je kunt komen.',
    messageFrom: (t: string) => `Een bericht van de organisatie van ${t}:`,
    reason: (r: string) => `Toelichting: „${r}”`,
    when: (w: string) => `Wanneer: ${w}`,
    where: (w: string) => `Waar: ${w}`,
    joinLink: (u: string) => `Deelnemen online: ${u}`,
    /** The same promise the screen made (form.ts `pendingWho`). */
    pendingNext: (who: string, days?: number, working?: boolean) => `${who} neemt contact met je op${days ? ` ${withinDays('nl', days, working)}` : ''}.`,
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
      groupSize: (n: number) => `Aantal deelnemers: ${n}`,
      status: { confirmed: 'Status: aangemeld', waitlisted: 'Status: op de wachtlijst', pending: 'Status: wacht op intake', cancelled: 'Status: afgemeld', rejected: 'Status: niet geaccepteerd' },
      open: (url: string) => `Bekijk het in de beheeromgeving: ${url}`,
      digestSubject: (day: string) => `Nieuwe aanmeldingen van ${day}`,
      digestBody: (day: string) => `Dit zijn de nieuwe aanmeldingen van ${day}.`,
      digestNetwork: (t: string, n: number) => `${t}: ${n === 1 ? '1 nieuwe aanmelding' : `${n} nieuwe aanmeldingen`}`,
      batchSubject: (n: number) => `${n} nieuwe aanmeldingen`,
      batchBody: (n: number) => `Er zijn ${n} nieuwe aanmeldingen binnengekomen.`,
      why: 'Je krijgt deze e-mail omdat je organisator bent. In de beheeromgeving kies je of en hoe vaak je deze e-mails krijgt.',
      lateCancelSubject: (t: string) => `Afmelding na de termijn: ${t}`,
      lateCancel: (t: string, fee: string) =>
        `Iemand heeft zich afgemeld voor ${t}, na de termijn voor kosteloos afmelden. De kosten blijven staan: ${fee}. De gegevens blijven bewaard voor de factuur, tot de bewaartermijn voorbij is.`,
      signature: 'leerkring',
    },
    /** Issue 24: someone was given a role on a network. */
    roleAdded: {
      subject: (t: string) => `Je hebt toegang tot ${t} in leerkring`,
      greeting: 'Hallo,',
      body: (by: string, t: string, role: string) => `${by} heeft je toegang gegeven tot ${t} in leerkring. Je rol is: ${role}.`,
      roles: { owner: 'eigenaar', organiser: 'organisator' } as Record<'owner' | 'organiser', string>,
      admin: 'De beheerder van leerkring',
      open: (url: string) => `De beheeromgeving vind je hier: ${url}`,
      signIn: 'Vul daar je e-mailadres in. Je krijgt dan een e-mail met een link om in te loggen.',
      notExpected: 'Had je dit niet verwacht? Neem dan contact op met wie je heeft toegevoegd.',
      signature: 'leerkring',
    },
    signIn: {
      subject: 'Inloggen bij leerkring',
      body: (minutes: number) => `Je vroeg om in te loggen in de beheeromgeving van leerkring. Open deze link om in te loggen. De link werkt één keer en ${minutes} minuten lang:`,
      notYou: 'Heb je hier niet om gevraagd? Dan hoef je niets te doen. Er is niemand ingelogd.',
    },
    /** Issue 15: one e-mail per person per saved revision, and a report for those who came. */
    changes: {
      subject: (network: string) => `Wijzigingen in ${network}`,
      intro: (network: string) => `Er is iets veranderd aan ${network}. Hieronder staat per bijeenkomst wat er anders is.`,
      removedSubject: (t: string) => `Bijeenkomst gaat niet door: ${t}`,
      removed: (t: string) => `${t} gaat niet door. De bijeenkomst staat niet meer op het programma.`,
      cancelFile: 'Het agendabestand in de bijlage haalt de bijeenkomst uit je agenda.',
      undatedSubject: (t: string) => `Datum staat niet meer vast: ${t}`,
      undated: (t: string) => `De datum van ${t} staat niet meer vast. Het agendabestand in de bijlage haalt de oude datum uit je agenda. Zodra er een nieuwe datum is, krijg je bericht.`,
      twoFiles: 'Er zitten twee agendabestanden in de bijlage: het ene werkt je agenda bij, het andere haalt bijeenkomsten die niet doorgaan uit je agenda.',
      reportSubject: (t: string) => `Verslag van ${t}`,
      report: (t: string) => `Je was bij ${t}. Het verslag staat nu online:`,
      /** Any other resource attached to a session, worded by its type (issue 23: a recording). */
      resourceSubject: { publication: (t: string) => `Publicatie bij ${t}`, newsletter: (t: string) => `Nieuwsbrief bij ${t}`, brochure: (t: string) => `Brochure bij ${t}`, video: (t: string) => `Opname van ${t}`, link: (t: string) => `Nieuwe link bij ${t}`, news: (t: string) => `Nieuws over ${t}` },
      resource: {
        publication: (t: string) => `Je was bij ${t}. Er is een publicatie over verschenen:`,
        newsletter: (t: string) => `Je was bij ${t}. Er is een nieuwsbrief over verschenen:`,
        brochure: (t: string) => `Je was bij ${t}. Er is een brochure over verschenen:`,
        video: (t: string) => `Je was bij ${t}. De opname staat nu online:`,
        link: (t: string) => `Je was bij ${t}. De organisatie deelt deze link met je:`,
        news: (t: string) => `Je was bij ${t}. Er is nieuws over:`,
      },
      /** Above one line per registration, for someone registered for several of the sessions. */
      manageEach: 'Bekijk je aanmeldingen of meld je af:',
      /** A cancelled session that takes place after all (a restore, or the status taken back). */
      reinstatedSubject: (t: string) => `Gaat toch door: ${t}`,
      reinstated: (t: string) => `${t} gaat toch door. De gegevens staan hieronder; met het agendabestand in de bijlage zet je de bijeenkomst weer in je agenda.`,
      /** The date a moved session had before. */
      was: (w: string) => `Eerst was dit: ${w}`,
      /** The date of a session that no longer takes place, so two sessions with one title can be told apart. */
      wasOn: (w: string) => `Dit ging over de bijeenkomst van ${w}.`,
    },
};

export type EmailMessages = typeof nl;

const en: EmailMessages = {
    greeting: (name: string) => `Dear ${name},`,
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
      'manage-link': (t: string) => `Your link to view your registration: ${t}`,
      'joins-changed': (t: string) => `Your choice is saved: ${t}`,
      'session-dated': (t: string) => `Date set: ${t}`,
      'session-venue': (t: string) => `New location: ${t}`,
      reminder: (t: string) => `Reminder: ${t}`,
    },
    body: {
      confirmed: (t: string) => `You are registered for ${t}.`,
      waitlisted: (t: string, position: number) => `${t} is full. You are on the waiting list, at position ${position}. If a place becomes free, you move up automatically and we let you know.`,
      pending: (t: string) => `We have received your registration for ${t}. Before it is final, we will contact you.`,
      accepted: (t: string) => `Your registration for ${t} is accepted. You are in.`,
      rejected: (t: string) => `Unfortunately we cannot accept your registration for ${t}.`,
      promoted: (t: string) => `A place has become free for ${t}. You have moved up from the waiting list.`,
      cancelled: (t: string) => `Your registration for ${t} is cancelled.`,
      removed: (t: string) => `The organisers have ended your registration for ${t}. You are no longer on the list.`,
      'session-moved': (t: string) => `The date or time of ${t} has changed. The new details are below; the attached calendar file updates your calendar.`,
      'session-cancelled': (t: string) => `Unfortunately ${t} is cancelled.`,
      'joins-changed': (t: string) => `Your choice of sessions of ${t} is saved. These are the sessions you go to.`,
      'manage-link': (t: string) => `You asked for a new link for your registration for ${t}. With this link you can view your registration, move to another meeting where that is possible, cancel, or delete your data.`,
      'session-dated': (t: string) => `The date of ${t} is set. The details are below; the attached calendar file puts the meeting in your calendar.`,
      'session-venue': (t: string) => `${t} takes place somewhere else. The new details are below; the attached calendar file updates your calendar.`,
      reminder: (t: string) => `${t} is coming up soon. The details are below.`,
    },
    placeToWaitlist: 'Your place goes to the first person on the waiting list.',
    feeStands: (until: string, days: number, fee: string) =>
      `You cancelled after ${until} (free cancellation was possible until ${days} days before the meeting). The costs stand: ${fee}.`,
    calendarFeed: (webcal: string, https: string) =>
      `Your meetings in your own calendar, updated by itself when something changes: ${webcal}\nDoes that link not work? Then add this address as a calendar: ${https}`,
    notYou: 'Did you not ask for this? Then you need not do anything. Your registration stays as it is.',
    reminderWaitlisted: 'You are still on the waiting list. If a place becomes free, we will let you know.',
    sessionWaitlisted: 'This session is full: you are on its waiting list. If a place becomes free, we will let you know.',
    reminderPending: 'We have not yet accepted your registration. You will hear from us before you can come.',
    messageFrom: (t: string) => `A message from the organisers of ${t}:`,
    reason: (r: string) => `Explanation: “${r}”`,
    when: (w: string) => `When: ${w}`,
    where: (w: string) => `Where: ${w}`,
    joinLink: (u: string) => `Join online: ${u}`,
    pendingNext: (who: string, days?: number, working?: boolean) => `${who} will contact you${days ? ` ${withinDays('en', days, working)}` : ''}.`,
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
      groupSize: (n: number) => `Number of participants: ${n}`,
      status: { confirmed: 'Status: registered', waitlisted: 'Status: on the waiting list', pending: 'Status: waiting for intake', cancelled: 'Status: cancelled', rejected: 'Status: not accepted' },
      open: (url: string) => `See it in the console: ${url}`,
      digestSubject: (day: string) => `New registrations of ${day}`,
      digestBody: (day: string) => `These are the new registrations of ${day}.`,
      digestNetwork: (t: string, n: number) => `${t}: ${n === 1 ? '1 new registration' : `${n} new registrations`}`,
      batchSubject: (n: number) => `${n} new registrations`,
      batchBody: (n: number) => `${n} new registrations came in.`,
      why: 'You get this email because you are an organiser. In the console you choose whether and how often you get these emails.',
      lateCancelSubject: (t: string) => `Cancellation after the deadline: ${t}`,
      lateCancel: (t: string, fee: string) =>
        `Someone cancelled for ${t} after the free cancellation deadline. The costs stand: ${fee}. The data is kept for the invoice until the retention period ends.`,
      signature: 'leerkring',
    },
    roleAdded: {
      subject: (t: string) => `You have access to ${t} in leerkring`,
      greeting: 'Hello,',
      body: (by: string, t: string, role: string) => `${by} gave you access to ${t} in leerkring. Your role is: ${role}.`,
      roles: { owner: 'owner', organiser: 'organiser' } as Record<'owner' | 'organiser', string>,
      admin: 'The leerkring administrator',
      open: (url: string) => `You find the console here: ${url}`,
      signIn: 'Enter your email address there. You will get an email with a link to sign in.',
      notExpected: 'Did you not expect this? Then contact the person who added you.',
      signature: 'leerkring',
    },
    signIn: {
      subject: 'Sign in to leerkring',
      body: (minutes: number) => `You asked to sign in to the leerkring console. Open this link to sign in. It works once, for ${minutes} minutes:`,
      notYou: 'Did you not ask for this? Then you need not do anything. Nobody has signed in.',
    },
    changes: {
      subject: (network: string) => `Changes in ${network}`,
      intro: (network: string) => `Something has changed in ${network}. Below you find, per meeting, what is different.`,
      removedSubject: (t: string) => `Meeting cancelled: ${t}`,
      removed: (t: string) => `${t} will not take place. The meeting is no longer on the programme.`,
      cancelFile: 'The attached calendar file takes the meeting out of your calendar.',
      undatedSubject: (t: string) => `Date no longer fixed: ${t}`,
      undated: (t: string) => `The date of ${t} is no longer fixed. The attached calendar file takes the old date out of your calendar. You will hear from us as soon as there is a new date.`,
      twoFiles: 'Two calendar files are attached: one updates your calendar, the other takes meetings that will not take place out of your calendar.',
      reportSubject: (t: string) => `Report of ${t}`,
      report: (t: string) => `You attended ${t}. The report is online now:`,
      resourceSubject: { publication: (t: string) => `Publication on ${t}`, newsletter: (t: string) => `Newsletter on ${t}`, brochure: (t: string) => `Brochure on ${t}`, video: (t: string) => `Recording of ${t}`, link: (t: string) => `New link for ${t}`, news: (t: string) => `News about ${t}` },
      resource: {
        publication: (t: string) => `You attended ${t}. A publication about it has appeared:`,
        newsletter: (t: string) => `You attended ${t}. A newsletter about it has appeared:`,
        brochure: (t: string) => `You attended ${t}. A brochure about it has appeared:`,
        video: (t: string) => `You attended ${t}. The recording is online now:`,
        link: (t: string) => `You attended ${t}. The organisers share this link with you:`,
        news: (t: string) => `You attended ${t}. There is news about it:`,
      },
      manageEach: 'View or cancel your registrations:',
      reinstatedSubject: (t: string) => `Taking place after all: ${t}`,
      reinstated: (t: string) => `${t} will take place after all. The details are below; the attached calendar file puts the meeting back in your calendar.`,
      was: (w: string) => `Before, this was: ${w}`,
      wasOn: (w: string) => `This is about the meeting of ${w}.`,
    },
};

// Frisian e-mails to participants; what organisers get stays Dutch (see email-fy.ts).
const fy: EmailMessages = { ...nl, ...emailFy };

export function emailMessages(locale: Locale): EmailMessages {
  return locale === 'en' ? en : locale === 'fy' ? fy : nl;
}
