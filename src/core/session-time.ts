import type { Session } from './schema.js';
import { amsterdamDate, endOfAmsterdamDay, parseDateTime, startOfAmsterdamDay } from './time.js';

/** When a session takes place, as far as it is known. */
export type SessionTiming =
  | { kind: 'exact'; start: Date; end: Date | undefined }
  | { kind: 'date'; date: string; start: Date; end: Date }
  | { kind: 'tbd'; period: string | undefined };

/**
 * @example sessionTiming({ ..., date: '2022-04-21' }) // { kind: 'date', start: 00:00 Amsterdam, end: next midnight }
 */
export function sessionTiming(session: Pick<Session, 'start' | 'end' | 'date' | 'period'>): SessionTiming {
  if (session.start) {
    const start = parseDateTime(session.start)!;
    return { kind: 'exact', start, end: session.end ? parseDateTime(session.end) : undefined };
  }
  if (session.date) {
    return { kind: 'date', date: session.date, start: startOfAmsterdamDay(session.date), end: endOfAmsterdamDay(session.date) };
  }
  return { kind: 'tbd', period: session.period };
}

/**
 * The Amsterdam calendar day ("2030-05-01") a session is on: its `date`, or the day its start falls
 * on in Amsterdam (a start written as a UTC instant included); undefined without either.
 */
export function sessionDay(session: Pick<Session, 'start' | 'date'>): string | undefined {
  const t = sessionTiming(session);
  if (t.kind === 'date') return t.date;
  return t.kind === 'exact' && t.start ? amsterdamDate(t.start) : undefined;
}

/** The moment a session is over: its end, or the end of its Amsterdam day when no end is given. */
export function sessionOverAt(session: Session): Date | undefined {
  const t = sessionTiming(session);
  if (t.kind === 'tbd') return undefined;
  if (t.kind === 'date') return t.end;
  return t.end ?? endOfAmsterdamDay(sessionDay(session)!);
}

/**
 * A session is past once it is over. A session without a date is past once the period it was
 * planned for ("voorjaar 2021") has ended; without a period that can be read, it never is.
 */
export function isSessionPast(session: Session, now: Date): boolean {
  const over = sessionOverAt(session) ?? (session.period !== undefined && !session.start && !session.date ? periodEnd(session.period) : undefined);
  return over !== undefined && over.getTime() <= now.getTime();
}

// The last month (1-12, 15 = March of the next year) each word can mean, read generously: a period
// is only called over when every reading of it is over.
const PERIOD_WORDS: [RegExp, number][] = [
  [/\b(voorjaar|lente|spring)\b/, 6],
  [/\b(zomer|summer)\b/, 9],
  [/\b(najaar|herfst|autumn|fall)\b/, 12],
  [/\bwinter\b/, 15],
  [/\b(eerste helft|first half|h1)\b/, 6],
  [/\b(tweede helft|second half|h2)\b/, 12],
  [/\bq1\b/, 3],
  [/\bq2\b/, 6],
  [/\bq3\b/, 9],
  [/\bq4\b/, 12],
];
const MONTH_WORDS = [
  /\b(januari|january|jan)\b/,
  /\b(februari|february|feb)\b/,
  /\b(maart|march|mrt)\b/,
  /\b(april|apr)\b/,
  /\b(mei|may)\b/,
  /\b(juni|june|jun)\b/,
  /\b(juli|july|jul)\b/,
  /\b(augustus|august|aug)\b/,
  /\b(september|sept|sep)\b/,
  /\b(oktober|october|okt|oct)\b/,
  /\b(november|nov)\b/,
  /\b(december|dec)\b/,
];

/**
 * The moment a period written by an editor is surely over: the end of the latest year, season,
 * quarter or month it names. Undefined when it names no year ("na de zomer").
 * @example periodEnd('voorjaar 2021') // 1 July 2021, 00:00 Amsterdam
 */
export function periodEnd(period: string): Date | undefined {
  const text = period.toLowerCase();
  const years = [...text.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  if (!years.length) return undefined;
  const year = Math.max(...years);
  let last = 0;
  for (const [word, month] of PERIOD_WORDS) if (word.test(text)) last = Math.max(last, month);
  MONTH_WORDS.forEach((word, i) => {
    if (word.test(text)) last = Math.max(last, i + 1);
  });
  if (!last) last = 12;
  const endYear = year + Math.floor(last / 12);
  const endMonth = (last % 12) + 1;
  return startOfAmsterdamDay(`${endYear}-${String(endMonth).padStart(2, '0')}-01`);
}

/**
 * The one order of sessions for every list (agenda, form, feed, console): dated sessions by
 * start; a session without a date right after the latest dated session that comes before it in
 * the document, since an editor writes the series in the order it is meant to run.
 */
export function sessionsInOrder<T extends Session>(sessions: readonly T[]): T[] {
  let latest = -Infinity;
  const keyed = sessions.map((session, index) => {
    const start = sessionStart(session)?.getTime();
    if (start === undefined) return { session, index, key: latest, undated: 1 };
    if (start > latest) latest = start;
    return { session, index, key: start, undated: 0 };
  });
  // -Infinity minus -Infinity is NaN, which counts as a tie and falls through to the next key.
  keyed.sort((a, b) => a.key - b.key || a.undated - b.undated || a.index - b.index);
  return keyed.map((k) => k.session);
}

/** The start of a dated session, for sorting and deadlines. */
export function sessionStart(session: Session): Date | undefined {
  const t = sessionTiming(session);
  return t.kind === 'tbd' ? undefined : t.start;
}
