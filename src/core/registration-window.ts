/**
 * When registration opens and closes, and when a series is over: the rules of a registration
 * policy that depend on the clock. The plain defaults are in policy.ts. Kept apart because
 * showing sessions does not need them: availability, the form and the server do, and an agenda
 * page that gets availability from the API does not download them.
 */
import type { Network, Session } from './schema.js';
import { isSessionPast, sessionStart, sessionsInOrder } from './session-time.js';
import { amsterdamDate, endOfAmsterdamDay, isDateString, parseDateTime, startOfAmsterdamDay } from './time.js';
import { registrationScope } from './policy.js';

/**
 * A deadline as written in a document: a date-time is that moment; a bare date means
 * "until the end of that day in Amsterdam", which is what an editor means by "closes on 1 March".
 */
export function parseDeadline(value: string): Date | undefined {
  if (isDateString(value)) return endOfAmsterdamDay(value);
  return parseDateTime(value);
}

/** When registration opens; a bare date means the start of that Amsterdam day. */
export function opensAt(network: Network): Date | undefined {
  const v = network.registration.opens;
  if (!v) return undefined;
  return isDateString(v) ? startOfAmsterdamDay(v) : parseDateTime(v);
}

/**
 * When registration closes. An explicit `closes` wins (a bare date means the end of that day).
 * Otherwise a per-session registration closes when the session starts, and a whole-series
 * registration stays open while the series has sessions to come (or no dates yet).
 */
export function closesAt(network: Network, session?: Session): Date | undefined {
  if (network.registration.closes) return parseDeadline(network.registration.closes);
  const before = network.registration.closesDaysBefore;
  if (before !== undefined) return daysBeforeSession(network, session, before);
  if (session && registrationScope(network) === 'session') return sessionStart(session);
  return undefined;
}

/** A series is over when it has sessions and every one of them is past or cancelled. */
export function isSeriesOver(network: Network, now: Date): boolean {
  const live = network.sessions.filter((s) => s.status !== 'cancelled');
  return live.length > 0 && live.every((s) => isSessionPast(s, now));
}

// ── Issue 23 (m23b): deadlines relative to each session ──

/**
 * The end of the Amsterdam day `days` days before the session a relative deadline counts from
 * (the registration's own; for a whole series its first dated session): "tot 7 dagen voor" the
 * 27th is through the 20th. Undefined without a dated session.
 */
export function daysBeforeSession(network: Network, session: Session | undefined, days: number): Date | undefined {
  const s = session && registrationScope(network) === 'session' ? session : sessionsInOrder(network.sessions).find((x) => x.status !== 'cancelled');
  const start = s && sessionStart(s);
  // Noon UTC of that Amsterdam date, moved back whole days, never crosses a date boundary.
  return start && endOfAmsterdamDay(amsterdamDate(new Date(Date.parse(`${amsterdamDate(start)}T12:00:00Z`) - days * 864e5)));
}
