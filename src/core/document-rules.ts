/**
 * The rules of a network document that a pattern cannot say: each decided here, once. The zod
 * schema (`schema.ts`) calls them with an `add` that reports a problem; the lean check that a
 * page runs on its own document (`network-check.generated.ts`, generated from the zod schema)
 * calls the same functions and only wants to know whether anything was added.
 */
import { isDateString, isDateTimeString, parseDateTime } from './time.js';
import { parseDeadline } from './registration-window.js';
import { isSafeUrl } from './safe-url.js';
import { LONE_SURROGATE } from './lone-surrogate.js';

/** Reports a problem: a key into the problem sentences, where it is, and the value found there. */
export type AddIssue = (message: string, path: PropertyKey[], input?: unknown) => void;

/** Checks of one string value. */
export const valueRules = {
  /** Text a database can store: no half of a surrogate pair on its own. */
  storable: (s: string) => !LONE_SURROGATE.test(s),
  /** An absolute http(s) address the elements will link to (`isSafeUrl`, the rule every element applies). */
  absoluteUrl: (v: string) => isSafeUrl(v, { relative: false }),
  dateTime: (v: string) => isDateTimeString(v),
  date: (v: string) => isDateString(v),
  deadline: (v: string) => parseDeadline(v) !== undefined,
};

/** Postal code patterns per country; a country not listed gets only the loose pattern of the field itself. */
export const POSTAL_CODES: Record<string, RegExp> = { NL: /^\d{4} ?[A-Z]{2}$/, BE: /^\d{4}$/, DE: /^\d{5}$/, LU: /^(L-)?\d{4}$/, FR: /^\d{5}$/ };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rules of one object that span its fields; each runs on an object whose fields passed their own checks. */
export const objectRules = {
  // The postal code follows the venue's country: "1000" is Brussels, not an incomplete Dutch code.
  venue(v: { postalCode?: string | undefined; country?: string | undefined }, add: AddIssue): void {
    const pattern = POSTAL_CODES[v.country ?? 'NL'];
    if (v.postalCode && pattern && !pattern.test(v.postalCode))
      add(v.country && v.country !== 'NL' ? 'postal-code-country' : 'postal-code', ['postalCode'], v.postalCode);
  },

  session(
    s: { start?: string | undefined; end?: string | undefined; date?: string | undefined; doorsOpen?: string | undefined; status?: string | undefined; movedFrom?: string[] | undefined },
    add: AddIssue,
  ): void {
    if (s.start && s.date) add('start-and-date', ['date'], s.date);
    if (s.end && !s.start) add('end-without-start', ['end'], s.end);
    if (s.start && s.end) {
      const a = parseDateTime(s.start);
      const b = parseDateTime(s.end);
      if (a && b && b.getTime() <= a.getTime()) add('end-before-start', ['end'], s.end);
    }
    if (s.doorsOpen && !s.start && !s.date) add('doors-without-date', ['doorsOpen'], s.doorsOpen);
    if (s.status === 'moved' && !s.movedFrom?.length) add('moved-without-history', ['movedFrom'], s.movedFrom);
  },

  question(q: { type: string; options?: unknown[] | undefined }, add: AddIssue): void {
    if (q.type === 'choice' && !q.options?.length) add('choice-without-options', ['options'], q.options);
  },

  registration(
    r: { mode: string; url?: string | undefined; opens?: string | undefined; closes?: string | undefined; waitlist?: { enabled: boolean; limit?: number | undefined } | undefined },
    add: AddIssue,
  ): void {
    if (r.mode === 'external' && !r.url) add('external-without-url', ['url'], r.url);
    if (r.opens && r.closes) {
      const a = parseDeadline(r.opens);
      const b = parseDeadline(r.closes);
      if (a && b && b.getTime() <= a.getTime()) add('closes-before-opens', ['closes'], r.closes);
    }
    if (r.waitlist?.limit && !r.waitlist.enabled) add('waitlist-limit-disabled', ['waitlist', 'limit'], r.waitlist.limit);
  },

  /**
   * Rules that span fields of the whole document. Every read is guarded: the schema runs this
   * even when a field elsewhere is wrong, so an editor sees every problem at once.
   */
  network(n: Record<string, unknown>, add: AddIssue): void {
    const sessions = Array.isArray(n.sessions) ? n.sessions : [];
    const tracks = Array.isArray(n.tracks) ? n.tracks.map((t) => (isRecord(t) ? t.id : undefined)) : [];
    const r = isRecord(n.registration) ? n.registration : {};
    const seen = new Set<unknown>();
    sessions.forEach((s, i) => {
      if (!isRecord(s)) return;
      if (typeof s.id === 'string') {
        if (seen.has(s.id)) add('duplicate-id', ['sessions', i, 'id']);
        seen.add(s.id);
      }
      if (typeof s.track === 'string' && !tracks.includes(s.track)) add('unknown-track', ['sessions', i, 'track']);
      sessionInNetwork(s, i, r, add);
    });
    ownPlaces(sessions, r, add);
    invitationRules(r, add);
    const contact = isRecord(n.contact) ? n.contact : {};
    if (r.mode === 'email' && !contact.email) add('email-without-contact', ['contact', 'email']);
    if (n.format === 'in-company' && !n.groupSize) add('in-company-without-group-size', ['groupSize']);
    // A form that never asks the organisation type can never pass a rule by organisation type.
    const fields = isRecord(r.fields) ? r.fields : {};
    // Issue 23 (m23b): so does a price per organisation type.
    if (fields.organisationType === 'off' && (isRecord(r.eligibility) || isRecord(r.invitation) || (isRecord(n.price) && n.price.type === 'per-organisation-type')))
      add('type-field-off', ['registration', 'fields', 'organisationType']);
    if (fields.organisation === 'off') {
      if (Array.isArray(r.organisations)) add('organisation-field-off', ['registration', 'fields', 'organisation']);
      // A limit per organisation counts organisation names the form never asks for.
      if (r.maxPerOrganisation !== undefined) add('max-per-organisation-field-off', ['registration', 'maxPerOrganisation']);
    }
    // Cancelling for free "until" a moment after every session is over says nothing a person can use.
    const until = typeof r.cancelUntil === 'string' ? parseDeadline(r.cancelUntil) : undefined;
    const ends = sessions.map((s) => (isRecord(s) ? lastMoment(s) : undefined)).filter((t): t is number => t !== undefined);
    if (until && ends.length && until.getTime() > Math.max(...ends)) add('cancel-until-after-sessions', ['registration', 'cancelUntil']);
  },
};

/** The last moment of a dated session (its end, its start, or the end of its day), as a number; undefined without a date. */
function lastMoment(s: Record<string, unknown>): number | undefined {
  const at = typeof s.end === 'string' ? s.end : typeof s.start === 'string' ? s.start : typeof s.date === 'string' ? `${s.date}T23:59` : undefined;
  return at ? parseDateTime(at)?.getTime() : undefined;
}

/**
 * What a session says that its network's registration cannot hold: no place and no waiting list
 * where people register per session, a programme item outside its hours.
 */
function sessionInNetwork(s: Record<string, unknown>, i: number, r: Record<string, unknown>, add: AddIssue): void {
  const perSession = r.scope === 'session';
  const waitlist = isRecord(r.waitlist) && r.waitlist.enabled === true;
  if (perSession && s.capacity === 0 && !waitlist && r.mode === 'built-in') add('capacity-zero-no-waitlist', ['sessions', i, 'capacity']);
  if (typeof s.start !== 'string' || !Array.isArray(s.programme)) return;
  // Days after the first: over more days an item says its `day` (issue 23), which the session must
  // have; its clock time is checked within one day only (it says nothing of the day it falls on).
  const later = typeof s.end === 'string' ? (Date.parse(s.end.slice(0, 10)) - Date.parse(s.start.slice(0, 10))) / 864e5 : 0;
  const from = s.start.slice(11, 16);
  const to = typeof s.end === 'string' ? s.end.slice(11, 16) : undefined;
  s.programme.forEach((p, j) => {
    if (!isRecord(p) || typeof p.time !== 'string') return;
    const end = typeof p.end === 'string' ? p.end : p.time;
    if ((p.day as number) > later + 1) add('day', ['sessions', i, 'programme', j, 'day']);
    else if (!later && (p.time < from || (to !== undefined && end > to))) add('programme-outside-session', ['sessions', i, 'programme', j, 'time']);
  });
}

/**
 * Places per session inside a registration for the whole series (session-places.ts): a session
 * with places of its own, an optional one, a choice group of parallel sessions. What the model
 * cannot hold is refused: these where people register per session or not through the built-in
 * form, a session without places, a group of one, an optional session in a group, and sessions
 * in one group that do not run at the same time (each has a start and an end overlapping the group's first).
 */
function ownPlaces(sessions: unknown[], r: Record<string, unknown>, add: AddIssue): void {
  const series = r.scope !== 'session' && r.mode === 'built-in';
  const firsts = new Map<unknown, unknown[]>();
  sessions.forEach((s, i) => {
    if (!isRecord(s)) return;
    const at = (key: string) => ['sessions', i, key];
    for (const key of ['optional', 'chooseOne']) if (!series && s[key]) add('own-place-series-only', at(key));
    if (series && s.capacity === 0) add('session-capacity-zero-in-series', at('capacity'));
    if (typeof s.chooseOne !== 'string') return;
    if (s.optional) add('choose-one-optional', at('optional'));
    // [index, start, end] of each session of the group; the first is what the others overlap.
    const when = [i, ...[s.start, s.end].map((t) => (typeof t === 'string' ? parseDateTime(t)?.getTime() : undefined))];
    const group = firsts.get(s.chooseOne) ?? [];
    firsts.set(s.chooseOne, [...group, when]);
    const first = (group[0] ?? when) as (number | undefined)[];
    // Undated, or not overlapping the first: not parallel.
    if (when[1] === undefined || when[2] === undefined || (group.length && !(when[1] < first[2]! && when[2] > first[1]!))) add('choose-one-not-parallel', at('chooseOne'));
  });
  for (const group of firsts.values()) if (group.length < 2) add('choose-one-alone', ['sessions', (group[0] as number[])[0]!, 'chooseOne']);
}

export type ObjectRule = keyof typeof objectRules;

/**
 * Invitations (issue 23): exactly one of `organisationTypes` and `allExcept` says who needs a
 * code (codes limited to sessions: document-rules-rare.ts).
 */
function invitationRules(r: Record<string, unknown>, add: AddIssue): void {
  const inv = r.invitation;
  if (isRecord(inv) && (inv.organisationTypes === undefined) === (inv.allExcept === undefined)) add('invitation-who', ['registration', 'invitation']);
}

