/**
 * The calendar side of a participant's e-mail (compose.ts): which status has calendar items,
 * the ORGANIZER and Reply-To, one calendar file with its METHOD, and a person's own place at a
 * session inside a series.
 */
import { isSessionPast, networkCalendar, type CalendarOptions, type Network } from '../../core/index.js';

/** Whether a registration with this status has calendar items (a place, or an intake waiting for its answer). */
export const hasCalendarItem = (status: string | undefined) => status === 'confirmed' || status === 'pending';

/**
 * The ORGANIZER of the calendar items in an e-mail, which iTIP (RFC 5546) requires in a PUBLISH
 * and a CANCEL: the network's contact; where it has no address, the sender's stands in (delivery.ts).
 */
export function organizerOf(network: Network): { name: string; email: string } | undefined {
  const c = network.contact;
  return c?.email ? { name: c.name ?? network.title, email: c.email } : undefined;
}

/** A participant's e-mail answers to the network's contact (issue 24), when it has an address. */
export const replyToOf = (network: Network): { replyTo?: string } => (network.contact?.email ? { replyTo: network.contact.email } : {});

/** The calendar of some sessions as an e-mail carries it: its METHOD said inside and out, its ORGANIZER, and for CANCEL every item cancelled. */
export function calendarFile(
  network: Network,
  filename: string,
  method: 'PUBLISH' | 'CANCEL',
  options: Pick<CalendarOptions, 'sessionIds' | 'locale' | 'timeline' | 'joinLinks' | 'cancelled' | 'now' | 'withdrawals'>,
): CalendarFile {
  // Everyone in a session gets the same file (issue 28): made once per network object, timeline
  // and options. A saved revision is a new network object with a new timeline (the registry's),
  // so a changed document never gets an old file; the options are the rest of what it says. Of
  // the clock only which sessions are over changes a file (their venue line), and of a person's
  // withdrawals their SEQUENCE (core's personalSequence).
  const past = options.now ? network.sessions.filter((s) => isSessionPast(s, options.now!)).length : -1;
  const key = JSON.stringify([filename, method, options.sessionIds, options.locale, options.joinLinks, options.cancelled, past, options.withdrawals]);
  const byTimeline = files.get(network) ?? files.set(network, new WeakMap()).get(network)!;
  const timeline = options.timeline ?? NO_TIMELINE;
  const kept = byTimeline.get(timeline) ?? byTimeline.set(timeline, new Map()).get(timeline)!;
  let file = kept.get(key);
  if (!file) {
    const organizer = organizerOf(network);
    file = { filename, method, content: networkCalendar(network, { ...options, method, ...(organizer && { organizer }) }) };
    if (kept.size >= FILES_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, file);
  }
  return { ...file };
}

type CalendarFile = { filename: string; content: string; method: 'PUBLISH' | 'CANCEL' };
/** Calendar files made before, by network object, then timeline object, then the rest of the options: the last FILES_KEPT of each. */
const files = new WeakMap<Network, WeakMap<object, Map<string, CalendarFile>>>();
const NO_TIMELINE = {};
const FILES_KEPT = 64;

/** A person's place at a session with places of its own inside a series, or undefined (every other session: with the series). */
export function ownPlaceIn(places: Record<string, string> | undefined, sessionId: string): string | undefined {
  return places && Object.hasOwn(places, sessionId) ? places[sessionId] : undefined;
}
