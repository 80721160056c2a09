/**
 * What a calendar needs to know about one session, shared by the .ics feed and the
 * "add to Google/Outlook" links. Public by construction: an online join link never appears.
 */
import type { Network, Session, Venue } from './schema.js';
import { sessionTiming } from './session-time.js';
import { messages } from './i18n/messages.js';
import { formatList, type Locale } from './i18n/format.js';

export interface CalendarEvent {
  /** Stable across runs and edits: derived from the network and session ids only. */
  uid: string;
  title: string;
  allDay: boolean;
  start: Date;
  /** For all-day events: the calendar date, "2022-04-21". */
  date?: string;
  end?: Date;
  location?: string;
  description: string;
  url?: string;
  cancelled: boolean;
  /** Rises each time the session moves, and once more when it is cancelled. */
  sequence: number;
  /** DTSTAMP: when the session last changed, where the revision history says so. */
  stamp?: Date;
}

/** A public, one-line description of a venue; never the join link. */
export function venueText(venue: Venue | undefined, locale: Locale): string | undefined {
  if (!venue) return undefined;
  const online = locale === 'en' ? 'Online' : 'Online';
  const parts = (v: { name?: string; address?: string; postalCode?: string; city?: string }) =>
    [v.name, v.address, [v.postalCode, v.city].filter(Boolean).join(' ')].filter((x) => x).join(', ');
  switch (venue.type) {
    case 'physical':
      return parts(venue) || undefined;
    case 'online':
      return venue.platform ? `${online} (${venue.platform})` : online;
    case 'hybrid':
      return [parts(venue), locale === 'en' ? 'and online' : 'en online'].filter(Boolean).join(' ');
    case 'to-be-announced':
      return venue.city;
  }
}

export function sessionUid(network: Network, session: Session): string {
  return `${session.id}.${network.id}@leerkring`;
}

/** The calendar event for a session, or undefined when it has no date yet (none is invented). */
export function calendarEvent(network: Network, session: Session, locale: Locale = 'nl', history?: { sequence: number; stamp?: Date }): CalendarEvent | undefined {
  const timing = sessionTiming(session);
  if (timing.kind === 'tbd') return undefined;
  const m = messages(locale);
  const lines: string[] = [];
  if (session.description) lines.push(session.description);
  if (session.partners?.length)
    lines.push(`${locale === 'en' ? 'In cooperation with' : 'I.s.m.'} ${formatList(locale, session.partners.map((p) => p.name))}`);
  if (session.status === 'cancelled') lines.unshift(m.availability.cancelled);
  lines.push(`${m.kind[network.kind]}: ${network.title}`);
  if (network.url) lines.push(network.url);
  const event: CalendarEvent = {
    uid: sessionUid(network, session),
    title: `${session.title} (${network.title})`,
    allDay: timing.kind === 'date',
    start: timing.start,
    description: lines.join('\n\n'),
    cancelled: session.status === 'cancelled',
    // From the revision history where the server has one (core's sessionTimeline); else from the document.
    sequence: history?.sequence ?? (session.movedFrom?.length ?? 0) + (session.status === 'cancelled' ? 1 : 0),
  };
  if (history?.stamp) event.stamp = history.stamp;
  if (timing.kind === 'date') event.date = timing.date;
  if (timing.end) event.end = timing.end;
  const location = venueText(session.venue, locale);
  if (location) event.location = location;
  if (network.url) event.url = network.url;
  return event;
}
