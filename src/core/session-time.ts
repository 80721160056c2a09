import type { Session } from './schema.js';
import { endOfAmsterdamDay, parseDateTime, startOfAmsterdamDay } from './time.js';

/** When a session takes place, as far as it is known. */
export type SessionTiming =
  | { kind: 'exact'; start: Date; end: Date | undefined }
  | { kind: 'date'; date: string; start: Date; end: Date }
  | { kind: 'tbd'; period: string | undefined };

/**
 * @example sessionTiming({ ..., date: '2022-04-21' }) // { kind: 'date', start: 00:00 Amsterdam, end: next midnight }
 */
export function sessionTiming(session: Session): SessionTiming {
  if (session.start) {
    const start = parseDateTime(session.start)!;
    return { kind: 'exact', start, end: session.end ? parseDateTime(session.end) : undefined };
  }
  if (session.date) {
    return { kind: 'date', date: session.date, start: startOfAmsterdamDay(session.date), end: endOfAmsterdamDay(session.date) };
  }
  return { kind: 'tbd', period: session.period };
}

/** The moment a session is over: its end, or the end of its Amsterdam day when no end is given. */
export function sessionOverAt(session: Session): Date | undefined {
  const t = sessionTiming(session);
  if (t.kind === 'tbd') return undefined;
  if (t.kind === 'date') return t.end;
  return t.end ?? endOfAmsterdamDay(session.start!.slice(0, 10));
}

/** A session is past once it is over; a session without a date never is. */
export function isSessionPast(session: Session, now: Date): boolean {
  const over = sessionOverAt(session);
  return over !== undefined && over.getTime() <= now.getTime();
}

/** The start of a dated session, for sorting and deadlines. */
export function sessionStart(session: Session): Date | undefined {
  const t = sessionTiming(session);
  return t.kind === 'tbd' ? undefined : t.start;
}
