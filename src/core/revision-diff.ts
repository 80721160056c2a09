/**
 * A readable difference between two revisions of a network (issue 15): one sentence per change,
 * for the console's revision history. What a change means for a session's date, place and status
 * is core's `sessionChanges` (the same rule the change e-mails follow); the rest compares fields.
 */
import type { Network, Session } from './schema.js';
import { sessionChanges } from './network-changes.js';
import { sessionTiming } from './session-time.js';
import { venueText } from './calendar-event.js';
import { formatDate, formatDateTime, type Locale } from './i18n/format.js';
import { diffMessages } from './i18n/diff.js';

/** Object keys in a fixed order, so equal values compare equal however they were written. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const scalar = (v: unknown): v is string | number | boolean | undefined => v === undefined || ['string', 'number', 'boolean'].includes(typeof v);

/** The keys whose values differ, in the order of `after` and then of `before`. */
function differing(before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[]): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys.filter((k) => !skip.includes(k) && stable(before[k]) !== stable(after[k]));
}

/** The fields of a session that `sessionChanges` speaks for (date, time, place, status). */
const TIMING = ['id', 'title', 'start', 'end', 'date', 'venue'] as const;

/**
 * What changed from `before` to `after`, as sentences in `locale`: the network's fields, each
 * session (added, removed, dated, moved, no longer dated, another place, cancelled, other
 * fields) and the registration rules. Empty when the two say the same; never a line whose before
 * and after read the same.
 */
export function revisionDifferences(before: Network, after: Network, locale: Locale = 'nl'): string[] {
  const m = diffMessages(locale);
  const show = (v: unknown) => (v === undefined || v === '' ? m.none : typeof v === 'string' ? (locale === 'en' ? `“${v}”` : `„${v}”`) : String(v));
  const when = (s: Session) => {
    const t = sessionTiming(s);
    return t.kind === 'tbd' ? m.tbd : t.kind === 'date' ? formatDate(locale, t.start) : formatDateTime(locale, t.start);
  };
  // A session whose end alone moved reads the same by its start: then both say their times.
  const span = (s: Session) => {
    const t = sessionTiming(s);
    return t.kind === 'exact' && t.end ? `${formatDateTime(locale, t.start)} – ${formatDateTime(locale, t.end)}` : when(s);
  };
  const where = (s: Session) => venueText(s.venue, locale) ?? m.nowhere;
  // No venue reads as one to be announced (core venueText): the two are the same place.
  const venueKey = (s: Session) => stable(s.venue ?? { type: 'to-be-announced' });
  const out: string[] = [];

  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const key of differing(b, a, ['id', 'sessions', 'registration'])) {
    if (key === 'title') out.push(m.title(String(b.title ?? ''), String(a.title ?? '')));
    else {
      const label = m.fields[key] ?? key;
      out.push(scalar(b[key]) && scalar(a[key]) ? m.value(label, show(b[key]), show(a[key])) : m.changed(label));
    }
  }

  const old = new Map(before.sessions.map((s) => [s.id, s]));
  const timing = new Map(sessionChanges(before, after).map((c) => [c.sessionId, c.kinds]));
  for (const s of after.sessions) {
    const was = old.get(s.id);
    if (!was) {
      out.push(m.added(s.title));
      continue;
    }
    if (was.title !== s.title) out.push(m.sessionTitle(was.title, s.title));
    for (const kind of timing.get(s.id) ?? []) {
      if (kind === 'dated') out.push(m.dated(s.title, when(s)));
      else if (kind === 'moved') out.push(when(was) === when(s) ? m.moved(s.title, span(was), span(s)) : m.moved(s.title, when(was), when(s)));
      else if (kind === 'undated') out.push(m.undated(s.title, when(was)));
      else if (kind === 'venue' && where(was) !== where(s)) out.push(m.venue(s.title, where(was), where(s)));
      // The same words (another join link, say): changed, without an arrow between equal texts.
      else if (kind === 'venue' && venueKey(was) !== venueKey(s)) out.push(m.sessionChanged(s.title, m.sessionFields.venue!));
      else if (kind === 'cancelled') out.push(m.cancelled(s.title));
    }
    const sb = was as unknown as Record<string, unknown>;
    const sa = s as unknown as Record<string, unknown>;
    // Cancelling (or taking place after all) is said above; another status is a field like the rest.
    const skip = was.status === 'cancelled' || s.status === 'cancelled' ? [...TIMING, 'status'] : TIMING;
    for (const key of differing(sb, sa, skip)) {
      const label = m.sessionFields[key] ?? key;
      out.push(scalar(sb[key]) && scalar(sa[key]) ? m.sessionValue(s.title, label, show(sb[key]), show(sa[key])) : m.sessionChanged(s.title, label));
    }
  }
  const kept = new Set(after.sessions.map((s) => s.id));
  for (const s of before.sessions) if (!kept.has(s.id)) out.push(m.removed(s.title));
  const order = (n: Network) => n.sessions.map((s) => s.id).filter((id) => old.has(id) && kept.has(id)).join('\n');
  if (order(before) !== order(after)) out.push(m.order);

  const rb = before.registration as unknown as Record<string, unknown>;
  const ra = after.registration as unknown as Record<string, unknown>;
  for (const key of differing(rb, ra, [])) {
    const label = m.registrationFields[key] ?? key;
    out.push(m.registration(scalar(rb[key]) && scalar(ra[key]) ? `${label} ${show(rb[key])} → ${show(ra[key])}` : m.changed(label)));
  }
  return out;
}
