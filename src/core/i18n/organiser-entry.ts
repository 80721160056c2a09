/**
 * The console's words for registrations an organiser enters themselves: the add, edit and move
 * forms, and importing a list (CSV). A catalogue of its own, so public pages never download it.
 */
import type { Locale } from './format.js';

const nl = {
  add: {
    heading: 'Iemand aanmelden',
    intro: 'Voor een aanmelding per telefoon, op papier of per e-mail. Dezelfde regels gelden als bij het formulier op de website.',
    open: 'Iemand aanmelden',
    session: 'Bijeenkomst',
    chooseSession: 'Kies een bijeenkomst',
    sendEmail: 'Stuur de deelnemer een bevestiging per e-mail (met agenda-item)',
    sendEmailHint: 'Zet dit uit als de persoon al weet dat hij is aangemeld, bijvoorbeeld bij een papieren lijst.',
    overCapacity: 'Toch een plaats geven, ook als het vol is',
    overCapacityHint: 'Alleen als je zeker weet dat er ruimte is. Er komen dan meer mensen dan het aantal plaatsen.',
    submit: 'Aanmelden',
    cancel: 'Annuleren',
    errorSummary: 'Er ging iets mis. Kijk naar het volgende:',
    done: (name: string, status: string) => `${name} is aangemeld. Status: ${status}.`,
    doneOver: (name: string) => `${name} heeft een plaats gekregen. Let op: er zijn nu meer aanmeldingen dan plaatsen.`,
    full: 'Deze bijeenkomst is vol. Zet "Toch een plaats geven" aan als je de persoon er toch bij wilt zetten.',
  },
  edit: {
    open: 'Gegevens wijzigen',
    heading: (name: string) => `Gegevens van ${name} wijzigen`,
    submit: 'Wijzigingen opslaan',
    done: 'De gegevens zijn opgeslagen. De deelnemer krijgt hier geen e-mail over.',
    /** Issue 23: the correction took the person off the reserved places, and the general places were all taken (core `refit`). */
    doneOver: 'De gegevens zijn opgeslagen. Deze persoon past niet meer bij de gereserveerde plaatsen, maar houdt de plaats. Let op: er zijn nu meer aanmeldingen dan plaatsen.',
  },
  move: {
    open: 'Naar andere bijeenkomst',
    heading: (name: string) => `${name} naar een andere bijeenkomst`,
    to: 'Nieuwe bijeenkomst',
    submit: 'Verplaatsen',
    hint: 'De deelnemer krijgt een e-mail met het nieuwe agenda-item. Het oude verdwijnt uit de agenda. De vrijgekomen plaats gaat naar de wachtlijst.',
    done: (name: string, session: string) => `${name} staat nu bij ${session}.`,
  },
  import: {
    heading: 'Lijst inlezen (CSV)',
    intro: 'Lees een lijst met deelnemers in, bijvoorbeeld uit Excel (opslaan als CSV) of een export van deze console. Je ziet eerst wat er gebeurt. Pas als je bevestigt, worden de deelnemers aangemeld.',
    file: 'Kies een CSV-bestand',
    paste: 'Of plak de lijst hier',
    pasteHint: 'De eerste regel noemt de kolommen, zoals Naam; E-mail; Organisatie.',
    preview: 'Bekijk wat er gebeurt',
    confirm: (n: number) => (n === 1 ? 'Bevestig: meld 1 persoon aan' : `Bevestig: meld ${n} mensen aan`),
    nothing: 'Er staat niemand in de lijst.',
    problems: (n: number) => (n === 1 ? 'Er is 1 probleem. Los het op in je bestand en kijk opnieuw. Er is nog niemand aangemeld.' : `Er zijn ${n} problemen. Los ze op in je bestand en kijk opnieuw. Er is nog niemand aangemeld.`),
    ready: (n: number) => (n === 1 ? '1 persoon kan worden aangemeld.' : `${n} mensen kunnen worden aangemeld.`),
    done: (n: number) => (n === 1 ? '1 persoon is aangemeld.' : `${n} mensen zijn aangemeld.`),
    line: 'Regel',
    name: 'Naam',
    email: 'E-mail',
    outcome: 'Wat er gebeurt',
    outcomes: { confirmed: 'krijgt een plaats', waitlisted: 'komt op de wachtlijst', skipped: 'wordt overgeslagen (afgemeld of afgewezen)', problem: 'probleem' } as Record<string, string>,
    overCapacity: 'krijgt een plaats boven het aantal plaatsen',
    // Sentences about the file, each saying where.
    row: (line: number, column: string, message: string) => `Regel ${line}, kolom „${column}”: ${message}`,
    rowOnly: (line: number, message: string) => `Regel ${line}: ${message}`,
    missingColumn: (name: string) => `De kolom „${name}” ontbreekt. Zet op de eerste regel de namen van de kolommen, met in elk geval Naam en E-mail.`,
    unknownColumn: (name: string) => `De kolom „${name}” kennen we niet. Die wordt overgeslagen.`,
    unknownSession: (value: string) => `„${value}” is geen bijeenkomst van dit netwerk. Gebruik de titel of de code van de bijeenkomst.`,
    sameTitle: (value: string) => `Er zijn meer bijeenkomsten met de titel „${value}”. Gebruik de code van de bijeenkomst.`,
    yesNo: 'Vul ja of nee in.',
    columnsDiffer: (found: number, expected: number) => `deze regel heeft ${found} cellen, de eerste regel ${expected}. Staat er een scheidingsteken (; of ,) in een cel zonder aanhalingstekens?`,
  },
};

const en: typeof nl = {
  add: {
    heading: 'Register someone',
    intro: 'For a registration by phone, on paper or by e-mail. The same rules apply as on the website form.',
    open: 'Register someone',
    session: 'Session',
    chooseSession: 'Choose a session',
    sendEmail: 'Send the participant a confirmation e-mail (with calendar item)',
    sendEmailHint: 'Turn this off when the person already knows, for example for a paper list.',
    overCapacity: 'Give a place even if it is full',
    overCapacityHint: 'Only when you are sure there is room. More people will come than there are places.',
    submit: 'Register',
    cancel: 'Cancel',
    errorSummary: 'Something went wrong. Look at the following:',
    done: (name: string, status: string) => `${name} is registered. Status: ${status}.`,
    doneOver: (name: string) => `${name} has a place. Note: there are now more registrations than places.`,
    full: 'This session is full. Turn on "Give a place even if it is full" to add the person anyway.',
  },
  edit: {
    open: 'Change details',
    heading: (name: string) => `Change the details of ${name}`,
    submit: 'Save changes',
    done: 'The details are saved. The participant gets no e-mail about it.',
    doneOver: 'The details are saved. This person no longer fits the reserved places, but keeps their place. Note: there are now more registrations than places.',
  },
  move: {
    open: 'Move to another session',
    heading: (name: string) => `Move ${name} to another session`,
    to: 'New session',
    submit: 'Move',
    hint: 'The participant gets an e-mail with the new calendar item; the old one leaves their calendar. The freed place goes to the waiting list.',
    done: (name: string, session: string) => `${name} is now registered for ${session}.`,
  },
  import: {
    heading: 'Import a list (CSV)',
    intro: 'Import a list of participants, for example from Excel (save as CSV) or an export of this console. You first see what will happen. Only when you confirm are they registered.',
    file: 'Choose a CSV file',
    paste: 'Or paste the list here',
    pasteHint: 'The first line names the columns, such as Name; E-mail; Organisation.',
    preview: 'See what will happen',
    confirm: (n: number) => (n === 1 ? 'Confirm: register 1 person' : `Confirm: register ${n} people`),
    nothing: 'There is nobody in the list.',
    problems: (n: number) => (n === 1 ? 'There is 1 problem. Fix it in your file and look again. Nobody has been registered yet.' : `There are ${n} problems. Fix them in your file and look again. Nobody has been registered yet.`),
    ready: (n: number) => (n === 1 ? '1 person can be registered.' : `${n} people can be registered.`),
    done: (n: number) => (n === 1 ? '1 person is registered.' : `${n} people are registered.`),
    line: 'Line',
    name: 'Name',
    email: 'E-mail',
    outcome: 'What happens',
    outcomes: { confirmed: 'gets a place', waitlisted: 'goes on the waiting list', skipped: 'is skipped (cancelled or refused)', problem: 'problem' },
    overCapacity: 'gets a place past the number of places',
    row: (line: number, column: string, message: string) => `Line ${line}, column "${column}": ${message}`,
    rowOnly: (line: number, message: string) => `Line ${line}: ${message}`,
    missingColumn: (name: string) => `The column "${name}" is missing. Put the column names on the first line, with at least Name and E-mail.`,
    unknownColumn: (name: string) => `We do not know the column "${name}". It is skipped.`,
    unknownSession: (value: string) => `"${value}" is not a session of this network. Use the session's title or code.`,
    sameTitle: (value: string) => `More sessions have the title "${value}". Use the session's code.`,
    yesNo: 'Fill in yes or no.',
    columnsDiffer: (found: number, expected: number) => `this line has ${found} cells, the first line ${expected}. Is there a separator (; or ,) in a cell without quotes?`,
  },
};

export type OrganiserEntryMessages = typeof nl;

export function organiserEntryMessages(locale: Locale): OrganiserEntryMessages {
  return locale === 'en' ? en : nl;
}
