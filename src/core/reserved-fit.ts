/**
 * Issue 23: whether a person fits a reservation (reserved-places.ts): their organisation is one
 * of its organisations (compared as people write names, `organisationKey`) or their organisation
 * type one of its types. Apart from the counting, so that pages without a form do not carry it.
 */
import type { Network } from './schema.js';
import { reservationFor, type ReservedPlaces } from './reserved-places.js';
import { findSession } from './session-index.js';
import { organisationKey } from './organisation-name.js';

export function fitsReservation(reservation: ReservedPlaces | undefined, person: { organisation?: string | undefined; organisationType?: string | undefined }): boolean {
  if (!reservation) return false;
  if (person.organisationType && reservation.organisationTypes?.includes(person.organisationType as never)) return true;
  const key = person.organisation && organisationKey(person.organisation);
  return !!key && !!reservation.organisations?.some((name) => organisationKey(name) === key);
}

/** Whether a person fits the reservation of the target they register for or move to (a session id where people register per session). */
export function fitsTargetReservation(network: Network, sessionId: string | undefined, person: { organisation?: string | undefined; organisationType?: string | null | undefined }): boolean {
  return fitsReservation(reservationFor(network, findSession(network, sessionId)), { organisation: person.organisation, organisationType: person.organisationType ?? undefined });
}

/**
 * Whether a person gets a reserved place at a target rather than the waiting list: they fit its
 * reservation and reserved places are left there (`reservedLeft` from the availability). The form
 * says it with this rule, in the note, the button and the session's label alike.
 */
export function getsReservedPlace(network: Network, sessionId: string | undefined, reservedLeft: number | undefined, person: { organisation?: string | undefined; organisationType?: string | undefined }): boolean {
  return (reservedLeft ?? 0) > 0 && fitsTargetReservation(network, sessionId, person);
}
