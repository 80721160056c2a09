import { sessionDay } from './session-time.js';

/**
 * Issue 23: when is a session moved? A session whose start goes to another day is moved: it says
 * `status: "moved"` and keeps its earlier starts in `movedFrom`, oldest first (the agenda says
 * "Verplaatst; eerder gepland op …", calendars count the moves). A new time on the same day is no
 * move (the e-mail about the changed time still goes out). A cancellation saved with it wins over
 * `moved`; when it is taken back, the status follows `movedFrom` again. The console decides with this.
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
 * midnight, since `movedFrom` holds date-times. `next.cancelled` is whether the session is to be
 * cancelled: true wins over moved; false takes a saved cancellation back, so the status follows
 * `movedFrom` ("moved" while it has dates, none without); left out, the saved status stays.
 */
export function moveMarks(
  saved: MovableSession,
  start: string | undefined,
  next: { date?: string | undefined; cancelled?: boolean | undefined } = {},
): Pick<MovableSession, 'status' | 'movedFrom'> {
  const was = sessionDay(saved);
  const now = sessionDay({ start, date: start ? undefined : next.date });
  const moved = !!was && !!now && was !== now;
  const movedFrom = moved ? [...(saved.movedFrom ?? []), saved.start ?? `${saved.date}T00:00`] : saved.movedFrom;
  if (next.cancelled) return { status: 'cancelled', movedFrom };
  if (moved) return { status: 'moved', movedFrom };
  if (next.cancelled === false && saved.status === 'cancelled') return { status: movedFrom?.length ? 'moved' : undefined, movedFrom };
  return { status: saved.status, movedFrom };
}
