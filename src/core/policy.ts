/**
 * What an absent field in a registration policy means. The schema keeps the document as
 * written; these accessors are the single place where defaults are decided.
 */
import type { Network, OrganisationType, RegistrationScope, Session } from './schema.js';

export type FieldName = 'organisation' | 'organisationType' | 'role' | 'phone';
export type FieldUse = 'required' | 'optional' | 'off';

const FIELD_DEFAULTS: Record<FieldName, FieldUse> = {
  organisation: 'required',
  organisationType: 'required',
  role: 'optional',
  phone: 'off',
};

export function registrationScope(network: Network): RegistrationScope {
  return network.registration.scope ?? 'network';
}

export function fieldUse(network: Network, field: FieldName): FieldUse {
  return network.registration.fields?.[field] ?? FIELD_DEFAULTS[field];
}

export function waitlistEnabled(network: Network): boolean {
  return network.registration.waitlist?.enabled ?? false;
}

/** Whether a registration waits for an organiser: an intake, or an in-company request. */
export function approvalRequired(network: Network): boolean {
  return (network.registration.approval?.required ?? false) || network.format === 'in-company';
}

/** The number of places for the whole series, or for one session when people register per session. */
export function capacityFor(network: Network, session?: Session): number | undefined {
  if (session && registrationScope(network) === 'session') return session.capacity ?? network.registration.capacity;
  // Inside a series, a session with places of its own (session-places.ts) has only those.
  if (session && hasOwnPlace(network, session)) return session.capacity;
  return network.registration.capacity;
}

/** Whether a session of a series registration is decided on its own (session-places.ts): own capacity, optional, or in a choice group. */
export function hasOwnPlace(network: Network, session: Session): boolean {
  if (registrationScope(network) === 'session' || network.registration.mode !== 'built-in') return false;
  return session.capacity !== undefined || !!session.optional || !!session.chooseOne;
}

/** Organisation types that need an invitation code, out of `all` (the types a caller can name). */
export function invitationTypes(network: Network, all: readonly OrganisationType[]): readonly OrganisationType[] {
  const invitation = network.registration.invitation;
  // Issue 23, "members free, others need a code": `allExcept` names the types that do not.
  return invitation?.allExcept ? all.filter((t) => !invitation.allExcept!.includes(t)) : (invitation?.organisationTypes ?? []);
}

/** Whether a person of this organisation type needs an invitation code (invitationTypes, asked of that type alone). */
export function needsInvitation(network: Network, type: OrganisationType | undefined): boolean {
  return !!type && invitationTypes(network, [type]).includes(type);
}

/** Organisation types that may register at all; undefined means everyone. */
export function eligibleTypes(network: Network): readonly OrganisationType[] | undefined {
  return network.registration.eligibility?.organisationTypes;
}

/** Whether a session belongs to a closed (invitation-only) track. */
export function inClosedTrack(network: Network, session: Session | undefined): boolean {
  if (!session?.track) return false;
  return network.tracks?.find((t) => t.id === session.track)?.format === 'closed';
}
