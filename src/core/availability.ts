/**
 * Availability of a network or one of its sessions: whether people can register now, and
 * how many places are left. Pure: the caller supplies the counts and the clock.
 */
import type { Network, RegistrationMode, Session } from './schema.js';
import type { Reason } from './reasons.js';
import { capacityFor, inClosedTrack, registrationScope, waitlistEnabled } from './policy.js';
import { closesAt, isSeriesOver, opensAt } from './registration-window.js';
import { findSession } from './session-index.js';
import { isSessionPast } from './session-time.js';
import { placesFree, reservedLeft } from './reserved-places.js';

/** Registrations that occupy or wait for a place. Pending (intake) registrations hold a place. */
export interface PlaceCounts {
  confirmed: number;
  pending: number;
  waitlisted: number;
  /** Issue 23: of the places taken, how many by people who fit the target's reservation (reserved-places.ts). */
  reserved?: number;
}

export const NO_REGISTRATIONS: PlaceCounts = Object.freeze({ confirmed: 0, pending: 0, waitlisted: 0 });

export type AvailabilityState =
  | 'open'
  | 'waitlist'
  | 'full'
  | 'not-yet-open'
  | 'closed'
  | 'invitation-only'
  | 'on-request';

export type AvailabilityLevel = 'plenty' | 'few' | 'full' | 'unknown';

export interface Availability {
  state: AvailabilityState;
  /** Why it is closed, when it is. */
  closedReason?: 'deadline' | 'past' | 'no-registration' | 'cancelled';
  mode: RegistrationMode;
  opensAt?: Date;
  closesAt?: Date;
  capacity?: number;
  /** Confirmed plus pending. */
  taken: number;
  /** Places left for anyone; reserved places (issue 23) are not among them. */
  placesLeft?: number;
  /** Issue 23: reserved places still free, for the organisations they are reserved for only. */
  reservedLeft?: number;
  waitlisted: number;
  /** Coarse level for sites that do not show exact numbers. */
  level: AvailabilityLevel;
}

/**
 * The gate every registration passes first: is the network (or session) taking registrations
 * at `now` at all? Returns the reason it is not, or undefined.
 */
export function registrationGate(network: Network, session: Session | undefined, now: Date): Reason | undefined {
  if (network.registration.mode === 'closed') return { code: 'registration-closed' };
  if (session?.status === 'cancelled') return { code: 'session-cancelled' };
  if (session ? isSessionPast(session, now) : isSeriesOver(network, now)) return { code: 'past' };
  if (inClosedTrack(network, session)) return { code: 'closed-track' };
  if (network.format === 'closed') return { code: 'registration-closed' };
  const opens = opensAt(network);
  if (opens && now.getTime() < opens.getTime()) return { code: 'not-yet-open', opensAt: opens };
  const closes = closesAt(network, session);
  if (closes && now.getTime() >= closes.getTime()) return { code: 'deadline-passed', closesAt: closes };
  return undefined;
}

function level(capacity: number | undefined, left: number | undefined): AvailabilityLevel {
  if (capacity === undefined || left === undefined) return 'unknown';
  if (left <= 0) return 'full';
  return left <= Math.max(2, Math.ceil(capacity * 0.2)) ? 'few' : 'plenty';
}

/**
 * Availability of the whole network (`sessionId` omitted) or of one session.
 * @example availability(network, { confirmed: 19, pending: 1, waitlisted: 0 }, new Date()).state // 'full' with capacity 20
 */
export function availability(
  network: Network,
  counts: PlaceCounts,
  now: Date,
  sessionId?: string,
): Availability {
  const session = findSession(network, sessionId);
  const capacity = capacityFor(network, session);
  const taken = counts.confirmed + counts.pending;
  const free = placesFree(network, session, counts);
  const placesLeft = free === undefined ? undefined : Math.max(0, free);
  const reserved = reservedLeft(network, session, counts);
  const opens = opensAt(network);
  const closes = closesAt(network, session);
  const base: Availability = {
    state: 'open',
    mode: network.registration.mode,
    taken,
    waitlisted: counts.waitlisted,
    level: level(capacity, placesLeft),
    ...(capacity !== undefined && { capacity, placesLeft }),
    ...(reserved !== undefined && { reservedLeft: reserved }),
    ...(opens && { opensAt: opens }),
    ...(closes && { closesAt: closes }),
  };
  const gate = registrationGate(network, session, now);
  switch (gate?.code) {
    case 'registration-closed':
      return { ...base, state: network.format === 'closed' ? 'invitation-only' : 'closed', closedReason: 'no-registration' };
    case 'closed-track':
      return { ...base, state: 'invitation-only' };
    case 'session-cancelled':
      return { ...base, state: 'closed', closedReason: 'cancelled' };
    case 'past':
      return { ...base, state: 'closed', closedReason: 'past' };
    case 'not-yet-open':
      return { ...base, state: 'not-yet-open' };
    case 'deadline-passed':
      return { ...base, state: 'closed', closedReason: 'deadline' };
  }
  if (network.format === 'in-company') return { ...base, state: 'on-request' };
  if (placesLeft === 0) {
    const limit = network.registration.waitlist?.limit;
    const waitlistOpen = waitlistEnabled(network) && (limit === undefined || counts.waitlisted < limit);
    return { ...base, state: waitlistOpen ? 'waitlist' : 'full' };
  }
  return base;
}

const PREFERENCE: AvailabilityState[] = ['open', 'on-request', 'waitlist', 'not-yet-open', 'full', 'invitation-only', 'closed'];

/**
 * Availability of every part a person can register for: the network itself, and each session
 * when registration is per session. `counts` maps "network" or a session id to its counts.
 */
export function availabilityMap(
  network: Network,
  counts: Readonly<Record<string, PlaceCounts>>,
  now: Date,
): { network: Availability; sessions: Record<string, Availability> } {
  const sessions: Record<string, Availability> = {};
  for (const s of network.sessions) sessions[s.id] = availability(network, counts[s.id] ?? NO_REGISTRATIONS, now, s.id);
  let overall = availability(network, counts.network ?? NO_REGISTRATIONS, now);
  if (registrationScope(network) === 'session' && overall.state === 'open') {
    // The network is as open as its most open session.
    const best = Object.values(sessions).sort((a, b) => PREFERENCE.indexOf(a.state) - PREFERENCE.indexOf(b.state))[0];
    if (best) overall = { ...overall, state: best.state, ...(best.closedReason && { closedReason: best.closedReason }) };
  }
  return { network: overall, sessions };
}
