/**
 * The organiser console's words for certificates of attendance (issue 24, the Export tab), in
 * Dutch and English: a catalogue of its own, so public pages never download it.
 */
import type { Locale } from './format.js';

const nl = {
  heading: 'Deelnamebewijzen',
  intro: 'Een deelnamebewijs is een PDF met de bijeenkomsten die iemand heeft bijgewoond en het aantal uren. Het komt uit de aanwezigheid die je hebt vastgelegd.',
  none: 'Nog niemand heeft een deelnamebewijs. Leg eerst vast wie er was (tab Aanwezigheid).',
  language: 'Taal van het deelnamebewijs',
  ownLanguage: 'De taal van de aanmelding',
  all: (n: number) => `Download alle deelnamebewijzen (PDF, ${n} ${n === 1 ? 'persoon' : 'personen'}, één pagina per persoon)`,
  people: 'Wie een deelnamebewijs krijgt',
  sessions: (n: number, hours: string) => `${n} ${n === 1 ? 'bijeenkomst' : 'bijeenkomsten'}, ${hours} uur`,
  download: 'Download',
  downloadLabel: (name: string) => `Download het deelnamebewijs van ${name} (PDF)`,
  send: 'Mail',
  sendLabel: (name: string) => `Mail het deelnamebewijs naar ${name}`,
  sent: (name: string) => `Het deelnamebewijs van ${name} gaat per e-mail de deur uit.`,
  failed: 'Het mailen is niet gelukt. Probeer het opnieuw.',
};

export type CertificateConsoleMessages = typeof nl;

const en: CertificateConsoleMessages = {
  heading: 'Certificates of attendance',
  intro: 'A certificate of attendance is a PDF with the sessions someone attended and the number of hours. It comes from the attendance you recorded.',
  none: 'Nobody has a certificate yet. First record who came (tab Attendance).',
  language: 'Language of the certificate',
  ownLanguage: 'The language of the registration',
  all: (n: number) => `Download all certificates (PDF, ${n} ${n === 1 ? 'person' : 'people'}, one page each)`,
  people: 'Who gets a certificate',
  sessions: (n: number, hours: string) => `${n} ${n === 1 ? 'session' : 'sessions'}, ${hours} ${hours === '1' ? 'hour' : 'hours'}`,
  download: 'Download',
  downloadLabel: (name: string) => `Download the certificate of ${name} (PDF)`,
  send: 'E-mail',
  sendLabel: (name: string) => `E-mail the certificate to ${name}`,
  sent: (name: string) => `The certificate of ${name} is on its way by e-mail.`,
  failed: 'Sending did not work. Please try again.',
};

export function certificateConsoleMessages(locale: Locale): CertificateConsoleMessages {
  return locale === 'en' ? en : nl;
}
