/**
 * Places per session inside a registration for the whole series: a session with places of its
 * own (a closing in a room of 40), an optional one ("also coming to the excursion?") and a choice
 * group of parallel sessions (a person joins one). The series place is decided as ever
 * (`decideRegistration`); this decides, per such session, whether the person has a place there,
 * waits on that session's own list, or does not come. One owner for server, form and console.
 */
import type { Network, Session } from './schema.js';
import type { PlaceCounts } from './availability.js';
import { hasOwnPlace, waitlistEnabled } from './policy.js';
import type { FormMessages } from './i18n/form.js';
import type { Problem } from './problems.js';
import { formProblem } from './registration-input.js';

export { hasOwnPlace };

/** A person's place at one session of a series: theirs, waiting for one, or not coming. */
export type SessionPlace = 'confirmed' | 'waitlisted' | 'declined';

/** The places a series registration holds per session that has places of its own. */
export type SessionPlaces = Record<string, SessionPlace>;

/** The sessions of a series with places of their own, in document order. */
export function ownPlaceSessions(network: Network): Session[] {
  return network.sessions.filter((s) => hasOwnPlace(network, s));
}

/** The choice groups of a series: per `chooseOne` value, its sessions in document order. */
export function choiceGroups(network: Network): Map<string, Session[]> {
  const groups = new Map<string, Session[]>();
  for (const s of ownPlaceSessions(network)) if (s.chooseOne) groups.set(s.chooseOne, [...(groups.get(s.chooseOne) ?? []), s]);
  return groups;
}

/** What is wrong with the sessions a person says they join: none or two of one group, or an id that is no choice. */
export type JoinsFault = { code: 'choose-one'; sessions: Session[] } | { code: 'unknown'; id: string };

/** The faults of a person's `joins`, for the form and the server alike (checkRegistration). */
export function joinsFaults(network: Network, joins: readonly string[]): JoinsFault[] {
  const faults: JoinsFault[] = [];
  const choices = new Set(ownPlaceSessions(network).filter((s) => s.optional || s.chooseOne).map((s) => s.id));
  for (const id of joins) if (!choices.has(id)) faults.push({ code: 'unknown', id });
  for (const sessions of choiceGroups(network).values())
    if (sessions.filter((s) => joins.includes(s.id)).length !== 1) faults.push({ code: 'choose-one', sessions });
  return faults;
}

/** The sentence of a fault in a person's `joins`, from the form's error sentences (at the path "joins"). */
export function joinsFaultText(f: JoinsFault, e: FormMessages['form']['error']): string {
  return f.code === 'choose-one' ? e.chooseOne(faultTitles(f)!) : e.session;
}

/** The session titles a fault's sentence quotes, as it quotes them. */
const faultTitles = (f: JoinsFault) => (f.code === 'choose-one' ? f.sessions.map((s) => s.title).join(', ') : undefined);

/** The problems of a person's `joins`, at "joins", each quoting the titles it names (for the form, the shape check and the manage page's route). */
export function joinsProblems(network: Network, joins: readonly string[]): Problem[] {
  return joinsFaults(network, joins).map((f) => formProblem(['joins'], 'invalid', (e) => joinsFaultText(f, e), faultTitles(f)));
}

/**
 * The place per session of one series registration, given what the person joins and the kept
 * counts per session (as the registrations before it left them). A place that the person holds
 * already (`previous`) is kept; a session that is full puts them on its own waiting list.
 * @example sessionPlaces(network, ['excursie'], { slot: { confirmed: 40, pending: 0, waitlisted: 0 } }) // { slot: 'waitlisted', excursie: 'confirmed' }
 */
export function sessionPlaces(
  network: Network,
  joins: readonly string[],
  counts: Readonly<Record<string, PlaceCounts | undefined>>,
  previous: SessionPlaces = {},
): SessionPlaces {
  const places: SessionPlaces = {};
  for (const s of ownPlaceSessions(network)) {
    const wanted = (!s.optional && !s.chooseOne) || joins.includes(s.id);
    const before = previous[s.id];
    if (!wanted) places[s.id] = 'declined';
    else if (before === 'confirmed' || before === 'waitlisted') places[s.id] = before;
    else {
      const c = counts[s.id];
      const taken = c ? c.confirmed + c.pending : 0;
      places[s.id] = s.capacity === undefined || taken < s.capacity ? 'confirmed' : 'waitlisted';
    }
  }
  return places;
}

/**
 * Where the network keeps no waiting list (`waitlist.enabled` is not true), a session with places
 * of its own that is full cannot be joined: the id of the first such session these places would
 * wait for (and `previous` did not), so the caller refuses with a sentence; undefined otherwise.
 * @example fullWithoutWaitlist(network, { excursie: 'waitlisted' }) // 'excursie'
 */
export function fullWithoutWaitlist(network: Network, places: SessionPlaces, previous: SessionPlaces = {}): string | undefined {
  if (waitlistEnabled(network)) return undefined;
  return Object.keys(places).find((id) => places[id] === 'waitlisted' && previous[id] !== 'waitlisted');
}

/** The sessions a person joins, read back from their places (to decide them again, after a wait for the series). */
export function joinsOf(places: SessionPlaces): string[] {
  return Object.entries(places).filter(([, p]) => p !== 'declined').map(([id]) => id);
}
