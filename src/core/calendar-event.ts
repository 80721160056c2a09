/**
 * What a calendar needs to know about one session, shared by the .ics feed and the
 * "add to Google/Outlook" links. Public by construction: an online join link never appears.
 */
import type { Network, Person, Session, Venue } from './schema.js';
import { isSessionPast, sessionTiming } from './session-time.js';
import { messages } from './i18n/messages.js';
import { calendarMessages } from './i18n/calendar.js';
import { formatDate, formatList, type Locale } from './i18n/format.js';
import { programmeByDay } from './programme-days.js';
import { venueParts } from './venue-text.js';

export { venueParts } from './venue-text.js';

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
  /** The online join link: only where the caller asked for it (a person with a place), never in a public feed. */
  joinUrl?: string;
  /** Rises each time the session moves, and once more when it is cancelled. */
  sequence: number;
  /** DTSTAMP: when the session last changed, where the revision history says so. */
  stamp?: Date;
}

/**
 * The venue on one line ("Waar:", LOCATION): `venueParts` joined with a middle dot. No venue is
 * one to be announced, as the agenda says ("Locatie volgt"); undefined only when there is nothing
 * to say (a session that is `past` makes no promise). Here rather than beside venueParts, so that
 * it loads with the calendar code.
 */
export function venueText(venue: Venue | undefined, locale: Locale, past?: boolean): string | undefined {
  return venueParts(venue, locale, past).filter(Boolean).join(' · ') || undefined;
}

/** How a text shows a name from the document: as written in a calendar; between isolates in an e-mail. */
export type NameText = (name: string) => string;
const asWritten: NameText = (name) => name;

/** "Anna de Boer (wethouder, Gemeente Voorbeeld)": a person with what they do and for whom. */
function personText(p: Person, name: NameText): string {
  const extra = [p.role, p.organisation && name(p.organisation)].filter(Boolean).join(', ');
  return extra ? `${name(p.name)} (${extra})` : name(p.name);
}

/** "19.30" / "19:30" from a document's clock time. */
function clockText(locale: Locale, clock: string): string {
  return locale === 'nl' ? clock.replace(':', '.') : clock;
}

/** The summary: the session's title, and the network's only when the session's does not say it already. */
function summaryText(network: Network, session: Session): string {
  const fold = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  return fold(session.title).includes(fold(network.title)) ? session.title : `${session.title} (${network.title})`;
}

/**
 * What a person needs at the door about one session, in one language, as paragraphs: the status
 * note, doors-open time, the description, the programme, speakers and facilitators, partners,
 * getting there. The calendar item's description and the e-mails both say these, in this order;
 * this is their one owner. `name` shows each name from the document (an e-mail isolates them).
 */
export function sessionDetails(session: Session, locale: Locale, name: NameText = asWritten): string[] {
  const m = messages(locale);
  const c = calendarMessages(locale).calendar;
  const lines: string[] = [];
  const note = session.statusNote;
  if (session.status === 'cancelled') lines.push([c.cancelled, note].filter(Boolean).join(' '));
  else if (note) lines.push(note);
  if (session.doorsOpen) lines.push(c.doorsOpen(clockText(locale, session.doorsOpen)));
  if (session.description) lines.push(session.description);
  // Over more days, by day: the date of each day above its items (issue 23).
  if (session.programme?.length)
    lines.push(
      [
        c.programme,
        ...programmeByDay(session).flatMap((g) => [
          ...(g.day ? [formatDate(locale, g.day)] : []),
          ...g.items.map((p) => `${m.agenda.time(clockText(locale, p.time), p.end && clockText(locale, p.end))} ${p.title}`),
        ]),
      ].join('\n'),
    );
  if (session.speakers?.length) lines.push(m.agenda.speakers(formatList(locale, session.speakers.map((p) => personText(p, name)))));
  if (session.facilitators?.length) lines.push(m.agenda.facilitators(formatList(locale, session.facilitators.map((p) => personText(p, name)))));
  if (session.partners?.length) lines.push(c.partners(formatList(locale, session.partners.map((p) => name(p.name)))));
  const venue = session.venue;
  if (venue && (venue.type === 'physical' || venue.type === 'hybrid') && venue.accessibility) lines.push(venue.accessibility);
  return lines;
}

/** The calendar item's description: the session's details (with the join link, where asked for), then the network. */
function descriptionText(network: Network, session: Session, locale: Locale, joinUrl: string | undefined): string {
  const lines = sessionDetails(session, locale);
  if (joinUrl) lines.unshift(calendarMessages(locale).calendar.joinLink(joinUrl));
  lines.push(`${calendarMessages(locale).kind[network.kind]}: ${network.title}`);
  if (network.url) lines.push(network.url);
  return lines.join('\n\n');
}

export function sessionUid(network: Network, session: Session): string {
  return `${session.id}.${network.id}@leerkring`;
}

/** A session's online join link, where its venue has one. */
export function joinUrlOf(session: Session): string | undefined {
  const v = session.venue;
  return v && (v.type === 'online' || v.type === 'hybrid') ? v.joinUrl : undefined;
}

/**
 * The calendar event for a session, or undefined when it has no date yet (none is invented).
 * `withJoinLink` adds the online join link, for a person with a place; a public feed never asks.
 * `now` decides whether the session is over: then its LOCATION promises no venue (core venueText).
 */
export function calendarEvent(
  network: Network,
  session: Session,
  locale: Locale = 'nl',
  history?: { sequence: number; stamp?: Date },
  withJoinLink = false,
  now: Date = new Date(),
): CalendarEvent | undefined {
  const timing = sessionTiming(session);
  if (timing.kind === 'tbd') return undefined;
  // The texts follow the document, not the asker: a feed asked for in English must not mix
  // English labels into Dutch content. `locale` stays for callers; the document decides.
  const language: Locale = network.language ?? 'nl';
  const joinUrl = withJoinLink ? joinUrlOf(session) : undefined;
  const event: CalendarEvent = {
    uid: sessionUid(network, session),
    title: summaryText(network, session),
    allDay: timing.kind === 'date',
    start: timing.start,
    description: descriptionText(network, session, language, joinUrl),
    cancelled: session.status === 'cancelled',
    // From the revision history where the server has one (core's sessionTimeline); else from the document.
    sequence: history?.sequence ?? (session.movedFrom?.length ?? 0) + (session.status === 'cancelled' ? 1 : 0),
  };
  if (history?.stamp) event.stamp = history.stamp;
  if (joinUrl) event.joinUrl = joinUrl;
  if (timing.kind === 'date') event.date = timing.date;
  if (timing.end) event.end = timing.end;
  const location = venueText(session.venue, language, isSessionPast(session, now));
  if (location) event.location = location;
  if (network.url) event.url = network.url;
  return event;
}
