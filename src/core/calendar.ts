/**
 * The iCalendar feed of a network (RFC 5545), written here rather than with a library: a feed
 * of 10,000 sessions took ical-generator 26-30 times as long as a plain writer, and blocked the
 * server meanwhile. Times are written in UTC so that every calendar application shows them right
 * on both sides of the CET/CEST switch without a VTIMEZONE block; all-day sessions are written as
 * dates. The output is byte for byte what ical-generator 10 wrote for the same events, except that
 * a URL is written as the URI it is (ical-generator escaped commas and semicolons in it).
 */
import type { Network } from './schema.js';
import { calendarEvent, type CalendarEvent } from './calendar-event.js';
import { sessionsInOrder } from './session-time.js';
import type { Locale } from './i18n/format.js';

export interface CalendarOptions {
  locale?: Locale;
  /** Only these sessions (for a single-session download). */
  sessionIds?: readonly string[];
  /** DTSTAMP of every event; fixed by default so the same document gives the same feed. */
  stamp?: Date;
  /** SEQUENCE and DTSTAMP per session id from the revision history (core's `sessionTimeline`). */
  timeline?: Readonly<Record<string, { sequence: number; stamp?: Date }>>;
  /**
   * METHOD of the calendar (RFC 5546): every calendar sent by e-mail says one, `CANCEL` for one
   * that takes items out of a calendar; a feed says none.
   */
  method?: 'PUBLISH' | 'CANCEL';
  /** ORGANIZER of every event, which RFC 5546 requires in a PUBLISH or CANCEL: the network's contact, or the sender. */
  organizer?: { name?: string; email: string };
  /**
   * Write every event as cancelled (STATUS:CANCELLED, SEQUENCE one higher than the item had):
   * a person's own cancellation, which takes the items out of their calendar only.
   */
  cancelled?: boolean;
  /**
   * A person's own calendar (their e-mails and personal feed): how often they withdrew from each
   * session before, by session id (stored with their registration). See `personalSequence`.
   */
  withdrawals?: Readonly<Record<string, number>>;
  /** Sessions whose online join link is written (people with a place there); never in a public feed. */
  joinLinks?: readonly string[];
  /** The moment the calendar is written for (the server's clock): a session over by then promises no venue. Now by default. */
  now?: Date;
}

// RFC 5545 allows no control character in a value but the tab. Line breaks in text are kept:
// the escaping turns them into "\n". Stored data may hold anything, whatever the schema says today.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const clean = (s: string) => s.replace(CONTROLS, '');
/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as "\n".
 * Every text property goes through here, NAME, X-WR-CALNAME and UID included: a title with
 * "\r\nBEGIN:VEVENT" in it must not add events.
 */
const text = (s: string) => clean(s).replace(/[\\;,]/g, '\\$&').replace(/\r\n|\r|\n/g, '\\n');
/** A URL is written as it is; one with a space or control character in it is no URL, so it is left out. */
const uri = (s: string | undefined) => (s && /^[^\s\u0000-\u001F\u007F-\u009F]+$/.test(s) ? s : undefined);
/** A parameter value (RFC 5545 3.2): quoted, without the quotes and control characters it cannot hold. */
const param = (s: string) => `"${clean(s).replace(/["\r\n]/g, '')}"`;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
/** A UTC date-time: 20300101T183000Z. */
function utc(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
}

function allDayDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** A DATE value: 20300330. */
function day(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
}

/**
 * Folds a content line (RFC 5545 3.1): at most 74 octets of it per line, a continuation line
 * starting with a space, never inside a UTF-8 character or a surrogate pair.
 */
function fold(line: string): string {
  // 24 characters are at most 72 octets, whatever they are.
  if (line.length <= 24) return line;
  let out = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    let size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    if (pair) size = 4;
    octets += size;
    if (octets > 74) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = size;
    }
    if (pair) i++;
  }
  return start === 0 ? line : out + line.slice(start);
}

/**
 * The SEQUENCE of a session's calendar item as one person gets it (RFC 5546: a calendar ignores
 * an item with a lower SEQUENCE than the one it holds). The session's own SEQUENCE (its
 * revisions, `sessionTimeline`) plus two for each time this person withdrew from it before:
 * their own CANCEL was one higher than the item they had (`cancelNow`), so what they get after
 * it (switching back, registering again, choosing it again) is one higher still, and an
 * organiser's later change, which raises the session's SEQUENCE, stays above both. A CANCEL of a
 * session cancelled by its organisers already adds nothing: the session's SEQUENCE counted it.
 * The one owner of this rule: e-mails and the personal feed both write through networkCalendar.
 *
 * @example personalSequence(3, 1, false) // 5: after the PUBLISH #3 and their CANCEL #4
 */
export function personalSequence(sequence: number, withdrawals: number, cancelNow: boolean): number {
  return sequence + 2 * withdrawals + (cancelNow ? 1 : 0);
}

/** The events a feed contains: dated sessions only; to-be-determined ones get no invented date. */
export function calendarEvents(network: Network, options: CalendarOptions = {}): CalendarEvent[] {
  return sessionEvents(network, options).map(([, e]) => e);
}

/** The events of `calendarEvents`, each with its session's id. */
function sessionEvents(network: Network, options: CalendarOptions): [string, CalendarEvent][] {
  const wanted = options.sessionIds && new Set(options.sessionIds);
  // In the order people read them (a feed file, a calendar's import list): core's one order.
  return sessionsInOrder(network.sessions)
    .filter((s) => !wanted || wanted.has(s.id))
    .map((s) => [s.id, calendarEvent(network, s, options.locale ?? 'nl', options.timeline?.[s.id], options.joinLinks?.includes(s.id), options.now)] as [string, CalendarEvent | undefined])
    .filter((p): p is [string, CalendarEvent] => p[1] !== undefined);
}

/**
 * @example
 * const text = networkCalendar(network); // "BEGIN:VCALENDAR\r\n…"
 */
export function networkCalendar(network: Network, options: CalendarOptions = {}): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//leerkring//leerkring//${(options.locale ?? 'nl').toUpperCase()}`];
  const url = uri(network.url);
  if (url) lines.push(`URL:${url}`);
  if (options.method) lines.push(`METHOD:${options.method}`);
  const name = text(network.title);
  lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`);
  if (network.summary) lines.push(`X-WR-CALDESC:${text(network.summary)}`);
  // How often a subscribed calendar should look again: hourly, so a moved or cancelled session
  // reaches people the same day.
  lines.push('REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H');
  // A document edit must not change events it did not touch, so the stamp is not "now".
  const stamp = utc(options.stamp ?? new Date(Date.UTC(2000, 0, 1)));
  const organizer = options.organizer && uri(`mailto:${options.organizer.email}`);
  for (const [id, e] of sessionEvents(network, options)) {
    const cancelled = e.cancelled || options.cancelled === true;
    const sequence = personalSequence(e.sequence, options.withdrawals?.[id] ?? 0, options.cancelled === true && !e.cancelled);
    lines.push('BEGIN:VEVENT', `UID:${text(e.uid)}`, `SEQUENCE:${sequence}`, `DTSTAMP:${e.stamp ? utc(e.stamp) : stamp}`);
    if (organizer) lines.push(`ORGANIZER${options.organizer!.name ? `;CN=${param(options.organizer!.name)}` : ''}:${organizer}`);
    if (e.allDay) {
      const date = allDayDate(e.date!);
      lines.push(`DTSTART;VALUE=DATE:${day(date)}`, `DTEND;VALUE=DATE:${day(new Date(date.getTime() + 86400000))}`);
      lines.push('X-MICROSOFT-CDO-ALLDAYEVENT:TRUE', 'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE');
    } else {
      lines.push(`DTSTART:${utc(e.start)}`);
      if (e.end) lines.push(`DTEND:${utc(e.end)}`);
    }
    lines.push(`SUMMARY:${text(e.title)}`);
    if (e.location) lines.push(`LOCATION:${text(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${text(e.description)}`);
    const link = uri(e.url);
    if (link) lines.push(`URL;VALUE=URI:${link}`);
    lines.push(`STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  // RFC 5545 ends every content line with CRLF, the last one too.
  let out = '';
  for (const line of lines) out += `${fold(line)}\r\n`;
  return out;
}
