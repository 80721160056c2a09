/**
 * Wall-clock time in Europe/Amsterdam, without a date library.
 *
 * Network documents let editors write local times ("2026-03-12T19:30") because that is
 * what the page says; an instant with an explicit offset is accepted too. Everything is
 * converted to an instant (a `Date`) once, here, so that the CET/CEST switch is handled in
 * one place.
 */

export const TIME_ZONE = 'Europe/Amsterdam';

/** A wall time without an offset, "2026-03-12T19:30"; its fields are groups 1–6. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

let partsFormat: Intl.DateTimeFormat | undefined;

function wallFields(instant: number): [number, number, number, number, number, number] {
  partsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return [out.year!, out.month!, out.day!, out.hour!, out.minute!, out.second!];
}

const HOUR = 3600000;
// The offset only changes on a whole UTC hour, so one Intl lookup per hour is enough; agendas
// and feeds ask for the same few hundred hours again and again.
const offsetByHour = new Map<number, number>();

/** Minutes Amsterdam is ahead of UTC at `instant`: 60 in winter (CET), 120 in summer (CEST). */
export function amsterdamOffsetMinutes(instant: Date | number): number {
  const t = typeof instant === 'number' ? instant : instant.getTime();
  const hour = Math.floor(t / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const at = hour * HOUR;
    const [y, mo, d, h, mi, s] = wallFields(at);
    offset = Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - at) / 60000);
    if (offsetByHour.size > 50000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** Wall-clock fields in Amsterdam, from the cached offset rather than a formatter call. */
function amsterdamFields(instant: number): [number, number, number, number, number, number] {
  const wall = new Date(instant + amsterdamOffsetMinutes(instant) * 60000);
  return [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
}

/**
 * The instant at which Amsterdam's clocks show the given wall time.
 * A time that does not exist (the hour skipped in March) moves forward by the gap;
 * a time that occurs twice (the hour repeated in October) resolves to the first, summer-time one.
 */
export function fromAmsterdamWallTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  // Try both possible offsets; prefer the earlier instant that reads back correctly.
  const candidates = [120, 60].map((offset) => naive - offset * 60000);
  for (const candidate of candidates) {
    if (amsterdamOffsetMinutes(candidate) * 60000 === naive - candidate) return new Date(candidate);
  }
  // In the spring gap neither reads back: use the offset in force just before the gap.
  return new Date(naive - amsterdamOffsetMinutes(naive - 3 * 3600000) * 60000);
}

/** True for "2026-03-12T19:30" (Amsterdam wall time) and "2026-03-12T19:30:00+01:00" (an instant). */
export function isDateTimeString(value: string): boolean {
  return (LOCAL_DATE_TIME.test(value) || OFFSET_DATE_TIME.test(value)) && parseDateTime(value) !== undefined;
}

/** True for a real calendar date "2026-03-12". */
export function isDateString(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** True for a clock time "19:30". */
export function isClockString(value: string): boolean {
  return CLOCK.test(value);
}

/**
 * Parses a date-time as written in a network document: with an offset it is an instant,
 * without one it is Amsterdam wall time. Returns undefined when it is not a real moment.
 * @example parseDateTime('2026-03-29T10:00')?.toISOString() // '2026-03-29T08:00:00.000Z' (CEST)
 */
export function parseDateTime(value: string): Date | undefined {
  let t = parsed.get(value);
  if (t === undefined) {
    t = parseUncached(value)?.getTime() ?? NaN;
    if (parsed.size > 50000) parsed.clear();
    parsed.set(value, t);
  }
  return Number.isNaN(t) ? undefined : new Date(t);
}

// Documents repeat the same strings (schema check, timing, deadlines, calendar); parse each once.
const parsed = new Map<string, number>();

function parseUncached(value: string): Date | undefined {
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((v) => Number(v ?? 0)) as number[];
    if (!isDateString(value.slice(0, 10)) || h! > 23 || mi! > 59 || s! > 59) return undefined;
    return fromAmsterdamWallTime(y!, mo!, d!, h!, mi!, s!);
  }
  if (!OFFSET_DATE_TIME.test(value) || !isDateString(value.slice(0, 10))) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** The first instant of an Amsterdam calendar date. */
export function startOfAmsterdamDay(date: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return fromAmsterdamWallTime(y, mo, d);
}

/** The first instant after an Amsterdam calendar date (its following midnight). */
export function endOfAmsterdamDay(date: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  return fromAmsterdamWallTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The Amsterdam calendar date ("2026-03-12") of an instant. */
export function amsterdamDate(instant: Date): string {
  const [y, mo, d] = amsterdamFields(instant.getTime());
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The Amsterdam wall time ("19:30") of an instant. */
export function amsterdamClock(instant: Date): string {
  const [, , , h, mi] = amsterdamFields(instant.getTime());
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

/** Combines an Amsterdam date and a clock time ("19:30") into an instant. */
export function atAmsterdamClock(date: string, clock: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = clock.split(':').map(Number) as [number, number];
  return fromAmsterdamWallTime(y, mo, d, h, mi);
}
