/**
 * The certificate of attendance's words (deelnamebewijs), in Dutch and English: a catalogue of
 * its own, loaded only by the code that writes the PDF, its e-mail and its links.
 */
import type { Locale } from './format.js';

const nl = {
  heading: 'Deelnamebewijs',
  statement: (person: string, network: string) => `${person} heeft deelgenomen aan ${network}.`,
  statementUnnamed: (network: string) => `Deze deelnemer heeft deelgenomen aan ${network}.`,
  nameNotPrintable: 'Naam in een ander schrift: dit bewijs kan die nog niet afdrukken. De naam staat in de aanmelding.',
  notPrintable: '(tekst in een ander schrift, niet af te drukken)',
  organisation: (name: string) => `Organisatie: ${name}`,
  sessionsHeading: 'Bijgewoonde bijeenkomsten',
  noDate: 'datum niet bekend',
  hours: (h: string) => `${h} uur`,
  durationUnknown: 'duur niet bekend',
  total: (sessions: number, hours: string) => `In totaal: ${sessions} ${sessions === 1 ? 'bijeenkomst' : 'bijeenkomsten'}, ${hours} uur.`,
  organisers: (names: string) => `Namens de organisatie: ${names}`,
  issued: (date: string) => `Afgegeven op ${date}.`,
  fileName: (network: string) => `deelnamebewijs-${network}.pdf`,
  allFileName: (network: string) => `deelnamebewijzen-${network}.pdf`,
  noAttendance: 'Er is nog geen aanwezigheid vastgelegd, dus er is nog geen deelnamebewijs.',
  nobody: 'Er is nog bij niemand aanwezigheid vastgelegd, dus er zijn nog geen deelnamebewijzen.',
  mail: {
    subject: (network: string) => `Je deelnamebewijs: ${network}`,
    body: (network: string) => `In de bijlage vind je je deelnamebewijs van ${network}: welke bijeenkomsten je hebt bijgewoond en hoeveel uur dat was.`,
  },
};

export type CertificateMessages = typeof nl;

const en: CertificateMessages = {
  heading: 'Certificate of attendance',
  statement: (person: string, network: string) => `${person} took part in ${network}.`,
  statementUnnamed: (network: string) => `This participant took part in ${network}.`,
  nameNotPrintable: 'Name in another script: this certificate cannot print it yet. The name is in the registration.',
  notPrintable: '(text in another script, cannot be printed)',
  organisation: (name: string) => `Organisation: ${name}`,
  sessionsHeading: 'Sessions attended',
  noDate: 'date not known',
  hours: (h: string) => `${h} ${h === '1' ? 'hour' : 'hours'}`,
  durationUnknown: 'duration not known',
  total: (sessions: number, hours: string) => `In total: ${sessions} ${sessions === 1 ? 'session' : 'sessions'}, ${hours} ${hours === '1' ? 'hour' : 'hours'}.`,
  organisers: (names: string) => `On behalf of the organisers: ${names}`,
  issued: (date: string) => `Issued on ${date}.`,
  fileName: (network: string) => `certificate-${network}.pdf`,
  allFileName: (network: string) => `certificates-${network}.pdf`,
  noAttendance: 'No attendance has been recorded yet, so there is no certificate yet.',
  nobody: 'No attendance has been recorded for anyone yet, so there are no certificates yet.',
  mail: {
    subject: (network: string) => `Your certificate of attendance: ${network}`,
    body: (network: string) => `Attached is your certificate of attendance for ${network}: the sessions you attended and how many hours that was.`,
  },
};

export function certificateMessages(locale: Locale): CertificateMessages {
  return locale === 'en' ? en : nl;
}
