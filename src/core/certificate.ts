/**
 * The certificate of attendance (deelnamebewijs, issue 24): which sessions a person was recorded
 * as attending, and the hours they add up to. One owner of the rule: the server's PDF, its
 * e-mail, the console and the manage page all ask this module.
 *
 * Hours count the sessions with a start and an end time; a session with only a date, or a start
 * without an end, is listed as attended with its duration "not known" and adds nothing, rather
 * than a guess that would end up on a paper someone hands to their employer.
 */
import type { Network, Session } from './schema.js';
import { sessionTiming, sessionsInOrder } from './session-time.js';
import { formatDate, formatList, formatTime, type Locale } from './i18n/format.js';
import { certificateMessages } from './i18n/certificate.js';

/** The sessions of `network` that any of these attendance records mark as attended, in the order people read them. */
export function attendedSessions(network: Network, attendance: readonly Record<string, boolean>[]): Session[] {
  const came = new Set(attendance.flatMap((a) => Object.keys(a).filter((id) => a[id] === true)));
  const counted = new Set(certificateSessionIds(network));
  return sessionsInOrder(network.sessions).filter((s) => came.has(s.id) && counted.has(s.id));
}

/** The sessions whose attendance counts on a certificate (not cancelled): a person recorded present at one of them gets one. The server's paged list of holders asks this too. */
export function certificateSessionIds(network: Network): string[] {
  return network.sessions.filter((s) => s.status !== 'cancelled').map((s) => s.id);
}

/** Minutes a session lasted, where its start and end time are both known. */
export function sessionMinutes(session: Session): number | undefined {
  const t = sessionTiming(session);
  return t.kind === 'exact' && t.end && t.end > t.start ? Math.round((t.end.getTime() - t.start.getTime()) / 60000) : undefined;
}

/** Whether anyone with these attendance records gets a certificate: at least one session attended. */
export function hasCertificate(network: Network, attendance: readonly Record<string, boolean>[]): boolean {
  return attendedSessions(network, attendance).length > 0;
}

/** Hours as people write them: "6", "1,5" / "1.5", to the quarter hour. */
export function formatHours(locale: Locale, minutes: number): string {
  const hours = Math.round(minutes / 15) / 4;
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 }).format(hours);
}

/**
 * Scripts written from right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest of
 * U+0590–U+08FF, their presentation forms, and the historic ones of plane 1). The PDF shapes a
 * line that is wholly in such a script and lays it out from right to left, but it has no
 * bidirectional layout: inside a left-to-right sentence, or mixed with Latin, the letters would
 * come out in the wrong order.
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const WHOLLY_RIGHT_TO_LEFT = /^[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\s]+$/u;

/**
 * Whether `text` can be printed on a certificate as written: every character in the font
 * (`canWrite`, the PDF's own answer), and right-to-left text only where it is `alone` on its
 * line(s) and wholly right to left (a name, a title), never inside a sentence. The one rule for
 * what a certificate prints; text that fails it is replaced by the note of
 * `certificateMessages`, never by "?".
 */
export function printableOnCertificate(text: string, canWrite: (text: string) => boolean = () => true, alone = false): boolean {
  return (!RIGHT_TO_LEFT.test(text) || (alone && WHOLLY_RIGHT_TO_LEFT.test(text))) && canWrite(text);
}

/** Everything a certificate says, worded: the PDF only lays it out. */
export interface CertificateText {
  heading: string;
  /** The network's title (or the note that it cannot be printed). */
  network: string;
  person: string;
  statement: string;
  organisation?: string;
  sessionsHeading: string;
  /** Per attended session: its title, when it was, and how long. */
  sessions: { title: string; when: string; duration: string }[];
  total: string;
  /** The hours in total, as a number (quarter hours). */
  hours: number;
  organisers?: string;
  issued: string;
  /** The file's name: ids only, never a person's name. */
  fileName: string;
}

export function certificateText(
  network: Network,
  person: { name: string; organisation?: string },
  attendance: readonly Record<string, boolean>[],
  locale: Locale,
  issuedAt: Date,
  canWrite?: (text: string) => boolean,
): CertificateText | undefined {
  const sessions = attendedSessions(network, attendance);
  if (!sessions.length) return undefined;
  const m = certificateMessages(locale);
  // Within a sentence, and alone on a line (where right-to-left text may stand).
  const shown = (text: string) => (printableOnCertificate(text, canWrite) ? text : m.notPrintable);
  const shownAlone = (text: string) => (printableOnCertificate(text, canWrite, true) ? text : m.notPrintable);
  const networkTitle = shown(network.title);
  const minutes = sessions.reduce((n, s) => n + (sessionMinutes(s) ?? 0), 0);
  const lines = sessions.map((s) => {
    const t = sessionTiming(s);
    const own = sessionMinutes(s);
    const when =
      t.kind === 'tbd'
        ? (t.period ?? m.noDate)
        : t.kind === 'exact'
          ? `${formatDate(locale, t.start)}, ${formatTime(locale, t.start)}${t.end ? `–${formatTime(locale, t.end)}` : ''}`
          : formatDate(locale, t.start);
    return { title: shownAlone(s.title), when, duration: own === undefined ? m.durationUnknown : m.hours(formatHours(locale, own)) };
  });
  const organisers = network.organisers.map((o) => shown(o.name));
  return {
    heading: m.heading,
    network: shownAlone(network.title),
    person: printableOnCertificate(person.name, canWrite, true) ? person.name : m.nameNotPrintable,
    statement: printableOnCertificate(person.name, canWrite) ? m.statement(person.name, networkTitle) : m.statementUnnamed(networkTitle),
    ...(person.organisation && { organisation: m.organisation(shown(person.organisation)) }),
    sessionsHeading: m.sessionsHeading,
    sessions: lines,
    total: m.total(sessions.length, formatHours(locale, minutes)),
    hours: Math.round(minutes / 15) / 4,
    ...(organisers.length && { organisers: m.organisers(formatList(locale, organisers)) }),
    issued: m.issued(formatDate(locale, issuedAt)),
    fileName: m.fileName(network.id),
  };
}

/**
 * The people of a network who get a certificate, in arrival order: one per e-mail address (where
 * people register per session, one person has a registration per session, and their certificate
 * lists all of them), with every registration of theirs. Erased registrations have no address
 * and are left out.
 */
export function certificateHolders<T extends { participant: { email?: string }; attendance: Record<string, boolean> }>(
  network: Network,
  registrations: readonly T[],
): { registrations: T[]; sessions: Session[] }[] {
  const byEmail = new Map<string, T[]>();
  for (const r of registrations) {
    const email = r.participant.email?.toLowerCase();
    if (!email) continue;
    byEmail.set(email, [...(byEmail.get(email) ?? []), r]);
  }
  return [...byEmail.values()].map((rs) => ({ registrations: rs, sessions: attendedSessions(network, rs.map((r) => r.attendance)) })).filter((h) => h.sessions.length > 0);
}
