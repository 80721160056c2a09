/**
 * Who moves up when a place frees (a cancellation, a rejected intake, a raised capacity).
 */
import type { Network } from './schema.js';
import type { PlaceCounts } from './availability.js';
import { personalReasons, type RegistrationRequest } from './decide-registration.js';
import { approvalRequired, capacityFor } from './policy.js';
import { findSession } from './session-index.js';
import { placesFree, reservationFor } from './reserved-places.js';

export interface WaitlistEntry extends RegistrationRequest {
  id: string;
  /** Active registrations from the same organisation for the same target, not counting this one. */
  organisationCount?: number;
}

export interface Promotion {
  id: string;
  status: 'confirmed' | 'pending';
}

/**
 * Given the waiting list in arrival order, returns who moves up into the free places, in order.
 * Someone who no longer fits the rules (the policy changed since they joined) is passed over
 * and keeps their place on the list; the next person moves up instead.
 * @example promoteFromWaitlist(network, counts, [{ id: 'a', organisationType: 'municipality' }]) // [{ id: 'a', status: 'confirmed' }]
 */
export function promoteFromWaitlist(
  network: Network,
  counts: PlaceCounts,
  waitlist: readonly WaitlistEntry[],
  sessionId?: string,
): Promotion[] {
  const session = findSession(network, sessionId);
  // Counting along as each moves up; a reserved place (issue 23) only to someone who fits it.
  const now = { ...counts, reserved: counts.reserved ?? 0 };
  const status = approvalRequired(network) ? 'pending' : 'confirmed';
  const promotions: Promotion[] = [];
  for (const entry of waitlist) {
    if ((placesFree(network, session, now, true) ?? 1) <= 0) break;
    if ((placesFree(network, session, now, entry.reserved) ?? 1) <= 0) continue;
    if (personalReasons(network, entry, { organisationCount: entry.organisationCount ?? 0 }).length) continue;
    promotions.push({ id: entry.id, status });
    now[status]++;
    if (entry.reserved) now.reserved++;
  }
  return promotions;
}

/**
 * Whether a place given by hand to someone on the waiting list of one session (`sessionId`) or
 * of the whole network goes past the capacity; when it does, the capacity and how many places
 * are taken now (confirmed and waiting for intake, as everywhere else). Reserved places (issue
 * 23) count as `placesFree` counts them: for a person who fits (`fits`, core
 * `fitsTargetReservation`) the capacity includes them; for anyone else it is the general places,
 * of which those who fit take only what is beyond the reserved ones.
 * @example placePastCapacity(network, { confirmed: 20, pending: 0, waitlisted: 3 }) // { capacity: 20, taken: 20 } with capacity 20
 */
export function placePastCapacity(network: Network, counts: PlaceCounts, sessionId?: string, fits = false): { capacity: number; taken: number } | undefined {
  const session = findSession(network, sessionId);
  const free = placesFree(network, session, counts, fits);
  if (free === undefined || free > 0) return undefined;
  const capacity = capacityFor(network, session)! + (fits ? (reservationFor(network, session)?.places ?? 0) : 0);
  return { capacity, taken: capacity - free };
}
