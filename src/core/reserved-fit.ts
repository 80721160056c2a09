/**
 * Issue 23: whether a person fits a reservation (reserved-places.ts): their organisation is one
 * of its organisations (compared as people write names, `organisationKey`) or their organisation
 * type one of its types. Apart from the counting, so that pages without a form do not carry it.
 */
import type { ReservedPlaces } from './reserved-places.js';
import { organisationKey } from './organisation-name.js';

export function fitsReservation(reservation: ReservedPlaces | undefined, person: { organisation?: string | undefined; organisationType?: string | undefined }): boolean {
  if (!reservation) return false;
  if (person.organisationType && reservation.organisationTypes?.includes(person.organisationType as never)) return true;
  const key = person.organisation && organisationKey(person.organisation);
  return !!key && !!reservation.organisations?.some((name) => organisationKey(name) === key);
}
