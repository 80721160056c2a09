/**
 * The manage page's texts (`<leerkring-manage>`: what a participant sees through the link in their
 * e-mail), in Dutch; English and Frisian are in manage-en.ts and manage-fy.ts, loaded on request.
 * A catalogue of its own so that a page with only a registration form does not download them.
 */
import { formatDate, formatDateTime, type Locale } from './format.js';
import { catalogue } from './catalogue.js';
import type { Network } from '../schema.js';
import { cancelDeadline } from '../manage.js';
import { isDateString } from '../time.js';

const nl = {
  heading: 'Je aanmelding',
  loading: 'Je aanmelding laden…',
  noToken: 'Open deze pagina met de link uit je bevestigingsmail. Heb je die e-mail niet meer? Vraag hieronder een nieuwe link aan.',
  notFound: 'We kunnen deze aanmelding niet vinden. Misschien is de link oud of zijn je gegevens verwijderd. Vraag hieronder een nieuwe link aan.',
  loadError: 'Je aanmelding kon niet worden geladen. Probeer het opnieuw.',
  retry: 'Opnieuw proberen',
  network: 'Netwerk',
  session: 'Bijeenkomst',
  date: 'Datum',
  /** Issue 23: the address of a venue for participants only. */
  address: 'Adres',
  name: 'Naam',
  status: 'Status',
  statusText: {
    confirmed: 'Aangemeld',
    pending: 'Aangemeld, wacht op intake',
    waitlisted: (position?: number): string => (position ? `Op de wachtlijst, plaats ${position}` : 'Op de wachtlijst'),
    cancelled: 'Afgemeld',
    rejected: 'Niet geaccepteerd',
  },
  over: 'Deze bijeenkomst is voorbij. Je kunt je aanmelding niet meer wijzigen.',
  cancelClosed: (until: string) => `Afmelden via deze pagina kon tot ${until}. Kun je toch niet komen? Laat het de organisatie weten.`,
  cancel: 'Afmelden',
  cancelConfirmHeading: 'Wil je je echt afmelden?',
  cancelConfirmText: (title: string) => `Je plaats voor ${title} vervalt.`,
  leaveWaitlist: 'Van de wachtlijst af',
  leaveConfirmHeading: 'Wil je echt van de wachtlijst af?',
  leaveConfirmText: 'Je plaats op de wachtlijst vervalt. Komt er later een plaats vrij, dan krijg je geen bericht.',
  placeToWaitlist: 'Je plaats gaat dan naar de eerste op de wachtlijst.',
  /** Issue 23: after the free-cancellation term; cancelling is still possible. */
  feeStands: (fee: string) => `De termijn om kosteloos af te melden is voorbij. Meld je je nu af, dan blijven de kosten staan: ${fee}.`,
  confirmCancel: 'Ja, meld mij af',
  confirmLeave: 'Ja, haal mij van de wachtlijst',
  keep: 'Nee, terug',
  cancelledHeading: 'Je bent afgemeld',
  leftHeading: 'Je staat niet meer op de wachtlijst',
  cancelledText: (freedPlace: boolean): string =>
    freedPlace ? 'Je plaats gaat naar de eerste op de wachtlijst. Je krijgt een bevestiging per e-mail.' : 'Je krijgt een bevestiging per e-mail.',
  switchHeading: 'Naar een andere bijeenkomst',
  switchLegend: 'Kies de bijeenkomst waar je naartoe wilt',
  switchWaitlist: 'vol: je komt op de wachtlijst',
  switchStart: 'Andere bijeenkomst kiezen',
  switchButton: 'Overstappen',
  switchChoose: 'Kies een bijeenkomst',
  switchedHeading: 'Je bent overgestapt',
  switchedText: 'Je krijgt een bevestiging per e-mail.',
  notSwitchable: 'Overstappen naar deze bijeenkomst kan niet.',
  eraseHeading: 'Je gegevens verwijderen',
  eraseText: 'We verwijderen je naam, e-mailadres en antwoorden. Ben je nog aangemeld, dan meld je je daarmee ook af. Dit kun je niet ongedaan maken.',
  erase: 'Mijn gegevens verwijderen',
  eraseConfirmHeading: 'Wil je je gegevens echt verwijderen?',
  confirmErase: 'Ja, verwijder mijn gegevens',
  /** Issue 23: erasing after a late cancellation keeps what the invoice needs until the retention period ends. */
  eraseKeepsInvoice: (fee: string) =>
    `De kosten blijven staan: ${fee}. Daarom bewaren we je naam, e-mailadres en organisatie voor de factuur, tot de bewaartermijn voorbij is. De rest verwijderen we nu.`,
  erasedHeading: 'Je gegevens zijn verwijderd',
  erasedText: 'We hebben je naam, e-mailadres en antwoorden verwijderd. De link in je e-mail werkt niet meer.',
  newLinkHeading: 'Nieuwe link aanvragen',
  newLinkText: 'Vul het e-mailadres in waarmee je je hebt aangemeld. We sturen je dan een e-mail met een nieuwe link.',
  failed: 'Dat is niet gelukt. Probeer het opnieuw.',
  calendarHeading: 'In je agenda',
  calendarText: 'Zet je bijeenkomsten in je eigen agenda. Verandert er iets, dan past je agenda zich vanzelf aan.',
  calendarSubscribe: 'Toevoegen aan je agenda',
  calendarAddress: 'Agenda-adres (voor Outlook of Google Agenda)',
  calendarRenew: 'Nieuw agenda-adres maken',
  calendarRenewHint: 'Heeft iemand anders je agenda-adres? Maak dan een nieuw adres. Het oude werkt daarna niet meer.',
  calendarRenewedHeading: 'Je hebt een nieuw agenda-adres',
  calendarRenewedText: 'Het oude adres werkt niet meer. Voeg het nieuwe adres toe aan je agenda.',
};

export type ManageMessages = typeof nl;

const words = catalogue(nl, (l) => (l == 'en' ? import('./manage-en.js') : import('./manage-fy.js')));

/** Adds a manage-page catalogue; `./manage-en.js` and `./manage-fy.js` register English and Frisian when imported. */
export const registerManageMessages: (locale: Locale, m: ManageMessages) => void = words.register;

/** Whether a locale's manage-page texts are loaded. Dutch always is. */
export const hasManageMessages: (locale: Locale) => boolean = words.has;

/** Loads a locale's manage-page texts (a separate chunk in the browser bundle). */
export const loadManageMessages: (locale: Locale) => Promise<void> = words.load;

/** The manage-page texts for a locale; anything but a loaded "en" or "fy" gets Dutch, the default. */
export const manageMessages: (locale: Locale | string | undefined | null) => ManageMessages = words.get;

/** Why a place can no longer be given up on the manage page, with the deadline, for the page and the server's refusal. */
export function cancelClosedText(network: Network, locale: Locale): string {
  const until = network.registration.cancelUntil ?? '';
  const at = cancelDeadline(network);
  // A bare date is shown as that day, not as the midnight after it.
  const text = !at ? until : isDateString(until) ? formatDate(locale, new Date(at.getTime() - 1)) : formatDateTime(locale, at);
  return manageMessages(locale).cancelClosed(text);
}
