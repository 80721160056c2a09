/**
 * Issue 23: reserved places ("5 extra plaatsen voor de gastgemeente"). A target (a session where
 * people register per session, else the whole series) may hold `reservedPlaces.places` on top
 * of its capacity for named organisations or organisation types. The one owner of who fits and of
 * how many places are free for whom. Counting is "reserved first": a person who fits takes a
 * reserved place before a general one, so the general places stay for everyone else; the kept
 * counts say how many of the places taken are taken by people who fit (`PlaceCounts.reserved`).
 */
import type { Network, Session } from './schema.js';
import type { PlaceCounts } from './availability.js';
import { capacityFor } from './policy.js';

// Which reservation holds at a target is its own small module, so an agenda can say it without the counting.
import { reservationFor, type ReservedPlaces } from './reservation.js';
export { reservationFor, type ReservedPlaces };

/**
 * Places free at a target for a person who fits its reservation (`fits`) or not; undefined when
 * there is no limit. Someone who fits may take every place left; anyone else only the general
 * places that people who fit have not taken beyond the reserved ones.
 * @example placesFree(network, session, { confirmed: 2, pending: 0, waitlisted: 0, reserved: 0 }, false) // 0 with capacity 2 and 1 reserved
 */
export function placesFree(network: Network, session: Session | undefined, counts: PlaceCounts, fits = false): number | undefined {
  const capacity = capacityFor(network, session);
  if (capacity === undefined) return undefined;
  const reserved = reservationFor(network, session)?.places ?? 0;
  const taken = counts.confirmed + counts.pending;
  return fits ? capacity + reserved - taken : capacity - (taken - Math.min(counts.reserved ?? 0, reserved));
}

/**
 * The counts as an availability tells them (the console reads availability, not the kept
 * counts): places taken, and how many people who fit hold reserved places, as far as it matters
 * for `placesFree` (worked back from `placesLeft`, which counts them).
 */
export function countsOf(a: { taken: number; waitlisted: number; capacity?: number; placesLeft?: number }): PlaceCounts {
  const counts: PlaceCounts = { confirmed: a.taken, pending: 0, waitlisted: a.waitlisted };
  if (a.capacity === undefined || a.placesLeft === undefined) return counts;
  const reserved = a.placesLeft - a.capacity + a.taken;
  return reserved > 0 ? { ...counts, reserved } : counts;
}

/**
 * An organiser corrected someone's organisation (or its type), and `fits` says whether they fit
 * the target's reservation now (reserved-fit.ts). The rule: nobody loses a place over a corrected
 * name. Their place is reserved exactly when they fit; one that stops being reserved becomes an
 * ordinary place, and when the general places were already all taken (`counts`, as before the
 * correction) it is one past the capacity, which the organiser is told (`overCapacity`). One
 * that becomes reserved may free a general place, for the waiting list.
 * @example refit(network, session, { confirmed: 2, pending: 0, waitlisted: 0, reserved: 1 }, { holdsPlace: true, reserved: true }, false) // { reserved: false, overCapacity: true } with capacity 1
 */
export function refit(network: Network, session: Session | undefined, counts: PlaceCounts, held: { holdsPlace: boolean; reserved: boolean }, fits: boolean): { reserved: boolean; overCapacity?: true } {
  if (!held.holdsPlace || !held.reserved || fits) return { reserved: fits };
  const after = { ...counts, reserved: Math.max(0, (counts.reserved ?? 0) - 1) };
  return (placesFree(network, session, after) ?? 0) < 0 ? { reserved: false, overCapacity: true } : { reserved: false };
}

/** Reserved places nobody who fits has taken yet, and that are still free; undefined without a reservation. */
export function reservedLeft(network: Network, session: Session | undefined, counts: PlaceCounts): number | undefined {
  const reserved = reservationFor(network, session)?.places;
  if (reserved === undefined) return undefined;
  return Math.max(0, Math.min(reserved - Math.min(counts.reserved ?? 0, reserved), placesFree(network, session, counts, true) ?? 0));
}
