import { sessionDay } from './session-time.js';

/**
 * Issue 23: when is a session moved? A session whose start goes to another day is moved: it says
 * `status: "moved"` and keeps its earlier starts in `movedFrom`, oldest first (the agenda says
 * "Verplaatst; eerder gepland op …", calendars count the moves). A new time on the same day is no
 * move (the e-mail about the changed time still goes out). A cancellation saved with it wins over
 * `moved` (the caller sets it after). The console decides with this.
 */
export interface MovableSession {
  start?: string | undefined;
  date?: string | undefined;
  status?: string | undefined;
  movedFrom?: string[] | undefined;
}

/**
 * The `status` and `movedFrom` to write when `saved` (the session as last saved) gets the start
 * `start` (or, for an all-day session, `next.date`). Always measured from the saved session, so
 * moving twice before a save adds one date, and moving back to the saved day adds none. Days are
 * calendar days in Amsterdam (sessionDay); an all-day session's earlier day is kept as its
 * midnight, since `movedFrom` holds date-times.
 */
export function moveMarks(
  saved: MovableSession,
  start: string | undefined,
  next: { date?: string | undefined } = {},
): Pick<MovableSession, 'status' | 'movedFrom'> {
  const was = sessionDay(saved);
  const now = sessionDay({ start, date: start ? undefined : next.date });
  if (!was || !now || was === now) return { status: saved.status, movedFrom: saved.movedFrom };
  return { status: 'moved', movedFrom: [...(saved.movedFrom ?? []), saved.start ?? `${saved.date}T00:00`] };
}
