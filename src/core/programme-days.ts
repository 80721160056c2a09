import type { ProgrammeItem, Session } from './schema.js';
import { sessionTiming } from './session-time.js';
import { spansDays } from './session-when.js';
import { amsterdamDate } from './time.js';

/**
 * A session's programme by day (issue 23), for e-mails, calendar items (sessionDetails) and the
 * agenda: for a session over more days, one group per day that its items name (`day`, 1 being
 * the first; absent is the first), with that day as a date; otherwise one group without a date.
 * The order of the items within a day is kept. A module of its own, so the agenda's bundle gets
 * it without the calendar's code.
 */
export function programmeByDay(session: Session): { day?: Date; items: ProgrammeItem[] }[] {
  const items = session.programme ?? [];
  const t = sessionTiming(session);
  if (!spansDays(t) || !items.some((p) => p.day)) return [{ items }];
  // Noon UTC of that day is the same day in Amsterdam, whatever the clock change in between.
  const [y, m, d] = amsterdamDate((t as { start: Date }).start).split('-').map(Number);
  return [...new Set(items.map((p) => p.day ?? 1))]
    .sort((a, b) => a - b)
    .map((n) => ({ day: new Date(Date.UTC(y!, m! - 1, d! + n - 1, 12)), items: items.filter((p) => (p.day ?? 1) === n) }));
}
