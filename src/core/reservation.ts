/**
 * Issue 23: which reservation (reserved-places.ts) holds at a target. A module of its own so that
 * an agenda can say a reservation's explanation without loading the counting.
 */
import type { Network, Session } from './schema.js';
import { registrationScope } from './policy.js';

export type ReservedPlaces = NonNullable<Network['registration']['reservedPlaces']>;

/** The reservation of a target: the session's (per session, with the registration's as default), or the series'. */
export function reservationFor(network: Network, session: Session | undefined): ReservedPlaces | undefined {
  if (registrationScope(network) === 'session') return session?.reservedPlaces ?? network.registration.reservedPlaces;
  return session ? undefined : network.registration.reservedPlaces;
}
