/**
 * The iCalendar feed of a network, made with ical-generator. Times are written in UTC so
 * that every calendar application shows them right on both sides of the CET/CEST switch
 * without a VTIMEZONE block; all-day sessions are written as dates.
 */
import ical, { ICalEventStatus, escape } from 'ical-generator';
import type { Network } from './schema.js';
import { calendarEvent, type CalendarEvent } from './calendar-event.js';
import type { Locale } from './i18n/format.js';

export interface CalendarOptions {
  locale?: Locale;
  /** Only these sessions (for a single-session download). */
  sessionIds?: readonly string[];
  /** DTSTAMP of every event; fixed by default so the same document gives the same feed. */
  stamp?: Date;
}

// RFC 5545 allows no control character in a value but the tab. Line breaks in text are kept:
// the escaping turns them into "\n". Stored data may hold anything, whatever the schema says today.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const clean = (s: string) => s.replace(CONTROLS, '');
/**
 * ical-generator escapes SUMMARY, DESCRIPTION and LOCATION, but writes NAME, X-WR-CALNAME and
 * UID as given: a title with "\r\nBEGIN:VEVENT" would add events. These go through here.
 */
const escaped = (s: string) => escape(clean(s), false);
/** A URL is written as it is; one with a space or control character in it is no URL, so it is left out. */
const uri = (s: string | undefined) => (s && /^[^\s\u0000-\u001F\u007F-\u009F]+$/.test(s) ? s : undefined);

function allDayDate(date: string): Date {
  // ical-generator writes an all-day date from the Date's UTC fields.
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** The events a feed contains: dated sessions only; to-be-determined ones get no invented date. */
export function calendarEvents(network: Network, options: CalendarOptions = {}): CalendarEvent[] {
  const wanted = options.sessionIds && new Set(options.sessionIds);
  return network.sessions
    .filter((s) => !wanted || wanted.has(s.id))
    .map((s) => calendarEvent(network, s, options.locale ?? 'nl'))
    .filter((e): e is CalendarEvent => e !== undefined);
}

/**
 * @example
 * const text = networkCalendar(network); // "BEGIN:VCALENDAR\r\n…"
 */
export function networkCalendar(network: Network, options: CalendarOptions = {}): string {
  const calendar = ical({
    name: escaped(network.title),
    // X-WR-CALDESC, and how often a subscribed calendar should look again (REFRESH-INTERVAL and
    // X-PUBLISHED-TTL): hourly, so a moved or cancelled session reaches people the same day.
    description: escaped(network.summary),
    ttl: 60 * 60,
    prodId: { company: 'leerkring', product: 'leerkring', language: (options.locale ?? 'nl').toUpperCase() },
  });
  const url = uri(network.url);
  if (url) calendar.url(url);
  // A document edit must not change events it did not touch, so the stamp is not "now".
  const stamp = options.stamp ?? new Date(Date.UTC(2000, 0, 1));
  for (const e of calendarEvents(network, options)) {
    calendar.createEvent({
      id: escaped(e.uid),
      sequence: e.sequence,
      stamp,
      start: e.allDay ? allDayDate(e.date!) : e.start,
      ...(e.allDay ? { end: allDayDate(nextDate(e.date!)) } : e.end ? { end: e.end } : {}),
      allDay: e.allDay,
      summary: clean(e.title),
      description: clean(e.description),
      ...(e.location ? { location: clean(e.location) } : {}),
      ...(uri(e.url) ? { url: uri(e.url) } : {}),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

function nextDate(date: string): string {
  const d = allDayDate(date);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
