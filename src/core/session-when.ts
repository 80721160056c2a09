/**
 * When a session is, in words: one owner for the e-mails, the form and the manage page, so a
 * session over two days (27 May 08.30 to 28 May 17.30) shows both days everywhere.
 */
import type { SessionTiming } from './session-time.js';
import { amsterdamDate } from './time.js';
import { formatDate, formatDateTime, type Locale } from './i18n/format.js';

/** Whether a session with a time ends on a later Amsterdam day than it starts. */
export function spansDays(t: SessionTiming): boolean {
  return t.kind === 'exact' && t.end !== undefined && amsterdamDate(t.start) !== amsterdamDate(t.end);
}

/**
 * "woensdag 27 mei 2026, 08.30 uur", or from start to end for a session over more days;
 * the date alone for a session without a time; undefined when it has no date yet.
 * @example sessionWhenText(sessionTiming(s), 'nl') // "woensdag 27 mei 2026, 08.30 uur – donderdag 28 mei 2026, 17.30 uur"
 */
export function sessionWhenText(t: SessionTiming, locale: Locale): string | undefined {
  if (t.kind === 'tbd') return undefined;
  if (t.kind === 'date') return formatDate(locale, t.start);
  return spansDays(t) ? `${formatDateTime(locale, t.start)} – ${formatDateTime(locale, t.end!)}` : formatDateTime(locale, t.start);
}

/** The day, or the first and last day of a session over more days: "woensdag 27 mei 2026 – donderdag 28 mei 2026". */
export function sessionDaysText(t: SessionTiming, locale: Locale): string | undefined {
  if (t.kind === 'tbd') return undefined;
  return spansDays(t) ? `${formatDate(locale, t.start)} – ${formatDate(locale, t.end!)}` : formatDate(locale, t.start);
}
