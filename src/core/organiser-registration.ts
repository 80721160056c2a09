/**
 * An organiser registers someone themselves (a phone call, a paper list, an association that
 * collects registrations by e-mail). The rules about the person decide exactly as on the public
 * form (`personalReasons`: eligibility, declarations, duplicates, the per-organisation limit),
 * and so does the session (it must exist, not be cancelled, not be over). What differs is what
 * the organiser decides themselves: there is no intake (they accept by adding), the registration
 * window (and a closed track or network) does not hold them: only a cancelled or past session refuses, an invitation is vouched for by them, and they may knowingly give a
 * place past capacity (`overCapacity`), which the decision then says.
 */
import type { Network } from './schema.js';
import { registrationGate } from './availability.js';
import { registrationScope, waitlistEnabled } from './policy.js';
import { findSession } from './session-index.js';
import { placesFree } from './reserved-places.js';
import { personalReasons, type Decision, type RegistrationFacts, type RegistrationRequest } from './decide-registration.js';

export interface OrganiserDecision extends Decision {
  /** The place was given past the capacity, because the organiser asked for it. */
  overCapacity?: boolean;
}

/**
 * Decides a registration an organiser adds (or a move they make) at `now`.
 * @example
 * decideOrganiserRegistration(full, { }, { counts }, now, { overCapacity: true })
 * // { outcome: 'confirmed', reasons: [], overCapacity: true }
 */
export function decideOrganiserRegistration(
  network: Network,
  request: RegistrationRequest,
  facts: RegistrationFacts,
  now: Date,
  options: { overCapacity?: boolean } = {},
): OrganiserDecision {
  let session;
  if (registrationScope(network) === 'session') {
    if (request.sessionId === undefined) return { outcome: 'rejected', reasons: [{ code: 'session-required' }] };
    session = findSession(network, request.sessionId);
    if (!session) return { outcome: 'rejected', reasons: [{ code: 'unknown-session' }] };
  } else if (request.sessionId !== undefined) return { outcome: 'rejected', reasons: [{ code: 'session-not-applicable' }] };
  const gate = registrationGate(network, session, now);
  if (gate && (gate.code === 'session-cancelled' || gate.code === 'past')) return { outcome: 'rejected', reasons: [gate] };
  const personal = personalReasons(network, { ...request, invitation: 'valid' }, facts);
  if (personal.length) return { outcome: 'rejected', reasons: personal };

  const free = placesFree(network, session, facts.counts, request.reserved);
  if (free === undefined || free > 0) return { outcome: 'confirmed', reasons: [] };
  if (options.overCapacity) return { outcome: 'confirmed', reasons: [], overCapacity: true };
  const limit = network.registration.waitlist?.limit;
  if (!waitlistEnabled(network)) return { outcome: 'rejected', reasons: [{ code: 'full' }] };
  if (limit !== undefined && facts.counts.waitlisted >= limit) return { outcome: 'rejected', reasons: [{ code: 'waitlist-full' }] };
  const position = facts.counts.waitlisted + 1;
  return { outcome: 'waitlisted', position, reasons: [{ code: 'waitlisted', position }] };
}
