// The feed is written by our own RFC 5545 writer (src/core/calendar.ts), for speed. ical-generator
// is kept as the reference: for the same events, both must write the same bytes, except where
// ours is deliberately different (a URL written as the URI it is; X-WR-CALDESC escaped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import ical, { ICalCalendarMethod, ICalEventStatus, escape } from 'ical-generator';
import { networkCalendar, calendarEvents, parseNetwork, type Network, type CalendarOptions } from '../../src/core/index.js';

const SEEDS = ['groene-domein', 'aardgasvrij-leerkring', 'twentse-noabers', 'vitaal-platteland', 'overheidsparticipatie-workshop'];

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const clean = (s: string) => s.replace(CONTROLS, '');
const escaped = (s: string) => escape(clean(s), false);
const uri = (s: string | undefined) => (s && /^[^\s\u0000-\u001F\u007F-\u009F]+$/.test(s) ? s : undefined);
const utcDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/** The feed as ical-generator writes it from the same events. */
function reference(network: Network, options: CalendarOptions = {}): string {
  const calendar = ical({
    name: escaped(network.title),
    ttl: 60 * 60,
    prodId: { company: 'leerkring', product: 'leerkring', language: (options.locale ?? 'nl').toUpperCase() },
  });
  const url = uri(network.url);
  if (url) calendar.url(url);
  if (options.method) calendar.method(options.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH);
  const stamp = options.stamp ?? new Date(Date.UTC(2000, 0, 1));
  for (const e of calendarEvents(network, options)) {
    const start = e.allDay ? utcDate(e.date!) : e.start;
    calendar.createEvent({
      id: escaped(e.uid),
      sequence: e.sequence,
      stamp: e.stamp ?? stamp,
      start,
      ...(e.allDay ? { end: new Date(start.getTime() + 86_400_000) } : e.end ? { end: e.end } : {}),
      allDay: e.allDay,
      summary: clean(e.title),
      description: clean(e.description),
      ...(e.location ? { location: clean(e.location) } : {}),
      ...(uri(e.url) ? { url: uri(e.url) } : {}),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** Unfolded content lines without the deliberate differences (URL values, X-WR-CALDESC). */
function comparable(feed: string): string[] {
  return feed
    .replace(/\r\n /g, '')
    .split('\r\n')
    .filter((l) => !l.startsWith('X-WR-CALDESC:'))
    .map((l) => (/^URL[;:]/.test(l) ? 'URL' : l));
}

function document(id: string): Network {
  const result = parseNetwork(readFileSync(`demo/data/${id}.json`, 'utf8'));
  if (!result.ok) throw new Error(`${id} is invalid`);
  return result.value;
}

test('the feed of every seed network is what ical-generator writes for the same events', () => {
  // Four of the five have dated sessions; the in-company workshop has none (an empty calendar).
  assert.equal(SEEDS.filter((id) => calendarEvents(document(id)).length > 0).length, 4);
  for (const id of SEEDS) {
    for (const locale of ['nl', 'en'] as const) {
      const network = document(id);
      const ours = networkCalendar(network, { locale });
      assert.deepEqual(comparable(ours), comparable(reference(network, { locale })), `${id} (${locale})`);
      // Folding is ours alone to get right: no line over 75 octets.
      for (const line of ours.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `${id}: a line of ${Buffer.byteLength(line)} octets`);
    }
  }
});

test('titles, places and descriptions with any text give the same feed as ical-generator, cancellations included', () => {
  const base = document('vitaal-platteland');
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }).filter((s) => s.trim().length > 0);
  fc.assert(
    fc.property(text, text, text, fc.boolean(), (title, description, note, cancel) => {
      const network: Network = {
        ...base,
        title,
        sessions: base.sessions.map((s, i) => ({
          ...s,
          ...(i === 0 && { title, description }),
          ...(i === 1 && { venue: { type: 'to-be-announced' as const, city: note } }),
        })),
      };
      const options: CalendarOptions = cancel ? { method: 'CANCEL' } : {};
      assert.deepEqual(comparable(networkCalendar(network, options)), comparable(reference(network, options)));
    }),
    { numRuns: 150 },
  );
});
