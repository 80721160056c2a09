/**
 * When a session is, in words: one owner for the e-mails, the form and the manage page, so a
 * session over two days (27 May 08.30 to 28 May 17.30) shows both days everywhere.
 */
import { sessionTiming, type SessionTiming } from './session-time.js';
import type { ProgrammeItem, Session } from './schema.js';
import { amsterdamDate, atAmsterdamClock } from './time.js';
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

/**
 * A session's programme by day (issue 23): for a session over more days, one group per day that
 * its items name (`day`, 1 being the first; absent is the first), with that day as a date at noon
 * in Amsterdam; otherwise one group without a date. The order of the items within a day is kept.
 */
export function programmeByDay(session: Session): { day?: Date; items: ProgrammeItem[] }[] {
  const items = session.programme ?? [];
  const t = sessionTiming(session);
  if (t.kind !== 'exact' || !spansDays(t) || !items.some((p) => p.day)) return [{ items }];
  const [y, m, d] = amsterdamDate(t.start).split('-').map(Number);
  const days = [...new Set(items.map((p) => p.day ?? 1))].sort((a, b) => a - b);
  return days.map((n) => ({
    day: atAmsterdamClock(new Date(Date.UTC(y!, m! - 1, d! + n - 1)).toISOString().slice(0, 10), '12:00'),
    items: items.filter((p) => (p.day ?? 1) === n),
  }));
}
