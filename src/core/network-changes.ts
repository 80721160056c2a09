/**
 * What a new revision of a network means for the people registered (issue 15): which sessions
 * got a date, moved, changed venue or were cancelled; and, over the whole revision history,
 * each session's calendar SEQUENCE and DTSTAMP. One owner of the rule: the server's change
 * e-mails, the feed and the console's "who will be told" all call these.
 */
import { canonicalJson } from './canonical-json.js';
import type { Network, Session } from './schema.js';
import { sessionTiming } from './session-time.js';

/**
 * `dated`: had no date, now has one; `moved`: its time changed; `undated`: had a date, has none
 * any more; `venue`: its place changed; `removed`: gone from the document (for the people
 * registered it is a cancellation).
 */
export type SessionChangeKind = 'dated' | 'moved' | 'undated' | 'venue' | 'cancelled' | 'removed';

export interface SessionChange {
  sessionId: string;
  /** Most telling first: cancelled or removed alone; otherwise dated, moved or undated, then venue. */
  kinds: SessionChangeKind[];
}

/**
 * Whether a change takes the session out of people's calendars (a METHOD:CANCEL of its calendar
 * item): cancelled, removed, or no longer dated.
 */
export const cancelsCalendarItem = (change: Pick<SessionChange, 'kinds'>): boolean =>
  change.kinds.some((k) => k === 'cancelled' || k === 'removed' || k === 'undated');

/** The moment and length of a session as a comparable key; undefined while it has no date. */
function timeKey(s: Session): string | undefined {
  const t = sessionTiming(s);
  if (t.kind === 'tbd') return undefined;
  return `${t.kind}|${t.start.toISOString()}|${t.end?.toISOString() ?? ''}`;
}


/** How one session changed between two revisions; empty when nothing its registrants care about did. */
export function sessionChange(before: Session, after: Session): SessionChangeKind[] {
  const wasCancelled = before.status === 'cancelled';
  const isCancelled = after.status === 'cancelled';
  if (isCancelled) return wasCancelled ? [] : ['cancelled'];
  const kinds: SessionChangeKind[] = [];
  const a = timeKey(before);
  const b = timeKey(after);
  // A cancelled session that takes place after all gets its date (back), like a new one.
  if (b && (!a || wasCancelled)) kinds.push('dated');
  else if (a && !b) kinds.push('undated');
  else if (a !== b) kinds.push('moved');
  if (canonicalJson(before.venue) !== canonicalJson(after.venue) && (b || before.venue)) kinds.push('venue');
  return kinds;
}

/**
 * The sessions whose date, time, place or status changed from `before` to `after`, in the
 * order of `after`, then the sessions gone from the document (`removed`, in the order of
 * `before`; not when they were cancelled already: those people were told then). A session that
 * appears with a date is `dated`, like a cancelled one that takes place after all: a new one
 * concerns nobody yet, but one brought back by a restore still has the people who were told
 * it was removed (their registrations are kept), and they hear it is on again.
 */
export function sessionChanges(before: Network, after: Network): SessionChange[] {
  const old = new Map(before.sessions.map((s) => [s.id, s]));
  const kept = new Set(after.sessions.map((s) => s.id));
  const out: SessionChange[] = [];
  for (const s of after.sessions) {
    const was = old.get(s.id);
    if (!was) {
      if (s.status !== 'cancelled' && timeKey(s)) out.push({ sessionId: s.id, kinds: ['dated'] });
      continue;
    }
    const kinds = sessionChange(was, s);
    if (kinds.length) out.push({ sessionId: s.id, kinds });
  }
  for (const s of before.sessions) if (!kept.has(s.id) && s.status !== 'cancelled') out.push({ sessionId: s.id, kinds: ['removed'] });
  return out;
}

/** A session's place in calendars: its SEQUENCE and DTSTAMP. */
export interface SessionStamp {
  sequence: number;
  /** When its time, place or status last changed (or it first appeared). */
  stamp: Date;
}

export type SessionTimeline = Record<string, SessionStamp>;

/**
 * SEQUENCE and DTSTAMP of every session from the revision history, oldest revision first:
 * every revision that changes a session's time, place or status raises its SEQUENCE by one,
 * whether or not `movedFrom` was written. A session starts at what its document said before
 * there was a history (one per `movedFrom` entry, one more when cancelled), so an imported
 * document never goes back in sequence.
 */
export function sessionTimeline(history: readonly { at: Date; network: Network }[]): SessionTimeline {
  const out: SessionTimeline = {};
  const last = new Map<string, Session>();
  for (const { at, network } of history) {
    const present = new Set<string>();
    for (const s of network.sessions) {
      present.add(s.id);
      const was = last.get(s.id);
      const entry = out[s.id];
      if (!was || !entry) out[s.id] = { sequence: (s.movedFrom?.length ?? 0) + (s.status === 'cancelled' ? 1 : 0), stamp: at };
      else if (sessionChange(was, s).length || (was.status === 'cancelled' && s.status !== 'cancelled')) out[s.id] = { sequence: entry.sequence + 1, stamp: at };
      last.set(s.id, s);
    }
    // A session removed from the document was cancelled for its calendars (a CANCEL one higher);
    // it stays here as cancelled, so bringing it back dates it again, one higher still.
    for (const [id, was] of last) {
      if (present.has(id) || was.status === 'cancelled') continue;
      out[id] = { sequence: out[id]!.sequence + 1, stamp: at };
      last.set(id, { ...was, status: 'cancelled' });
    }
  }
  return out;
}
