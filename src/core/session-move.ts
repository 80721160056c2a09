/**
 * Issue 23: when is a session moved? A session whose start goes to another day is moved: it says
 * `status: "moved"` and keeps its earlier starts in `movedFrom`, oldest first (the agenda says
 * "Verplaatst; eerder gepland op …", calendars count the moves). A new time on the same day is no
 * move (the e-mail about the changed time still goes out). A cancellation saved with it wins over
 * `moved` (the caller sets it after). The console decides with this.
 */
export interface MovableSession {
  start?: string | undefined;
  status?: string | undefined;
  movedFrom?: string[] | undefined;
}

/**
 * The `status` and `movedFrom` to write when `saved` (the session as last saved) gets the start
 * `start`. Always measured from the saved session, so moving twice before a save adds one date,
 * and moving back to the saved day adds none.
 */
export function moveMarks(saved: MovableSession, start: string | undefined): Pick<MovableSession, 'status' | 'movedFrom'> {
  const moved = !!saved.start && !!start && saved.start.slice(0, 10) !== start.slice(0, 10);
  if (!moved) return { status: saved.status, movedFrom: saved.movedFrom };
  return { status: 'moved', movedFrom: [...(saved.movedFrom ?? []), saved.start!] };
}
