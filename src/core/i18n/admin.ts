/**
 * Sentences of the organiser API's answers, in Dutch and English; the console shows them as
 * they come. A catalogue of its own so that public pages never download it.
 */
import type { Locale } from './format.js';

const nl = {
  unauthorized: 'Log in om verder te gaan.',
  forbidden: 'Je hebt geen toegang tot dit netwerk.',
  ownerRequired: 'Alleen een eigenaar van dit netwerk kan dit doen.',
  sessionRequired: 'Dit kan alleen als je bent ingelogd in de beheeromgeving, niet met een API-sleutel.',
  crossSite: 'Dit verzoek komt niet van de beheeromgeving zelf en is daarom geweigerd.',
  invalid: 'Het verzoek klopt niet. Bekijk de velden die genoemd worden.',
  registrationNotFound: 'Deze aanmelding bestaat niet.',
  networkNotFound: 'Dit netwerk bestaat niet.',
  organiserNotFound: 'Deze organisator hoort niet bij dit netwerk.',
  tokenNotFound: 'Deze API-sleutel bestaat niet.',
  linkInvalid: 'Deze inloglink werkt niet meer. Hij is al gebruikt of verlopen. Vraag een nieuwe aan.',
  lastOwner: 'Een netwerk heeft altijd minstens één eigenaar. Maak eerst iemand anders eigenaar.',
  nameElsewhere: 'Deze persoon organiseert ook in een ander netwerk. Daarom kun je de naam niet veranderen. Laat het veld Naam leeg. Alleen de beheerder van de installatie kan deze naam veranderen.',
  tooManySignIns: 'Te veel inlogpogingen. Probeer het over een kwartier opnieuw.',
  notActive: 'Deze persoon staat niet (meer) ingeschreven. Er is niets veranderd.',
  noteUnstorable: 'De notitie bevat tekens die we niet kunnen opslaan. Typ de notitie opnieuw.',
  reasonUnstorable: 'De toelichting bevat tekens die we niet kunnen opslaan. Typ de toelichting opnieuw.',
  messageUnstorable: 'Het bericht bevat tekens die we niet kunnen versturen. Typ het onderwerp en de tekst opnieuw.',
  noRecipients: 'Dit bericht gaat naar niemand: niemand heeft de gekozen status. Kies een andere groep.',
  unknownSession: 'Deze bijeenkomst hoort niet bij dit netwerk.',
  notifyNobody: 'Met de beheerderssleutel van de installatie ben je geen organisator. Log in met je eigen e-mailadres om te kiezen welke e-mails je krijgt.',
  // Editing the network document (issue 15)
  ifMatchRequired: 'Stuur mee op welke versie je wijziging is gebaseerd (If-Match met de ETag van het opgehaalde document).',
  staleRevision: (revision: number) => `Iemand anders heeft dit netwerk intussen opgeslagen (nu versie ${revision}). Je wijziging is niet opgeslagen. Bekijk wat er veranderd is en probeer het opnieuw.`,
  documentInvalid: (count: number) => (count === 1 ? 'Het document heeft 1 probleem. Er is niets opgeslagen.' : `Het document heeft ${count} problemen. Er is niets opgeslagen.`),
  idMismatch: 'Het id in het document hoort bij een ander netwerk dan het adres.',
  networkExists: 'Er bestaat al een netwerk met dit id. Kies een ander id.',
  createNeedsDocument: 'Stuur een volledig document mee, of kies een netwerk om te kopiëren met een nieuw id.',
  createNotAllowed: 'Alleen een beheerder van de installatie of een eigenaar van een netwerk kan een netwerk maken.',
  revisionNotFound: 'Deze versie bestaat niet.',
  reportNotFound: 'Deze bijeenkomst heeft geen verslag, opname of ander stuk met dit adres of deze titel. Voeg het eerst toe en sla het netwerk op.',
};

export type AdminMessages = typeof nl;

const en: AdminMessages = {
  unauthorized: 'Sign in to continue.',
  forbidden: 'You do not have access to this network.',
  ownerRequired: 'Only an owner of this network can do this.',
  sessionRequired: 'You can only do this while signed in to the console, not with an API token.',
  crossSite: 'This request does not come from the console itself and was refused.',
  invalid: 'The request is not right. Look at the fields mentioned.',
  registrationNotFound: 'This registration does not exist.',
  networkNotFound: 'This network does not exist.',
  organiserNotFound: 'This organiser is not part of this network.',
  tokenNotFound: 'This API token does not exist.',
  linkInvalid: 'This sign-in link no longer works. It was used already or has expired. Ask for a new one.',
  lastOwner: 'A network always has at least one owner. Make someone else owner first.',
  nameElsewhere: 'This person also organises in another network, so you cannot change their name. Leave the name field empty. Only the installation\'s admin can change this name.',
  tooManySignIns: 'Too many sign-in attempts. Try again in a quarter of an hour.',
  notActive: 'This person is not (or no longer) registered. Nothing has changed.',
  noteUnstorable: 'The note contains characters we cannot store. Please type the note again.',
  reasonUnstorable: 'The explanation contains characters we cannot store. Please type it again.',
  messageUnstorable: 'The message contains characters we cannot send. Please type the subject and text again.',
  noRecipients: 'This message would reach nobody: nobody has the chosen status. Choose another group.',
  unknownSession: 'This session is not part of this network.',
  notifyNobody: 'With the installation\'s admin token you are not an organiser. Sign in with your own email address to choose which emails you get.',
  ifMatchRequired: 'Say which version your change is based on (If-Match with the ETag of the document you fetched).',
  staleRevision: (revision: number) => `Someone else saved this network in the meantime (now version ${revision}). Your change was not saved. Look at what changed and try again.`,
  documentInvalid: (count: number) => (count === 1 ? 'The document has 1 problem. Nothing was saved.' : `The document has ${count} problems. Nothing was saved.`),
  idMismatch: 'The id in the document belongs to another network than the address.',
  networkExists: 'A network with this id exists already. Choose another id.',
  createNeedsDocument: 'Send a whole document, or choose a network to copy with a new id.',
  createNotAllowed: 'Only an installation admin or an owner of a network can create a network.',
  revisionNotFound: 'This version does not exist.',
  reportNotFound: 'This session has no report, recording or other resource with this address or title. Add it first and save the network.',
};

export function adminMessages(locale: Locale): AdminMessages {
  return locale === 'en' ? en : nl;
}
