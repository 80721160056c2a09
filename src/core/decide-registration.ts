/**
 * The decision on one registration request. The browser calls it for instant feedback; the
 * server calls the same function inside the transaction that writes the registration, so the
 * two can never disagree about the rules.
 */
import type { Network, OrganisationType, Session } from './schema.js';
import type { Reason } from './reasons.js';
import type { InvitationOutcome } from './invitation-codes.js';
import { registrationGate, type PlaceCounts } from './availability.js';
import {
  approvalRequired,
  capacityFor,
  eligibleTypes,
  fieldUse,
  needsInvitation,
  registrationScope,
  waitlistEnabled,
} from './policy.js';
import { findSession } from './session-index.js';
import { placesFree } from './reserved-places.js';

/** What the rules need to know about the person registering. */
export interface RegistrationRequest {
  sessionId?: string;
  organisationType?: OrganisationType;
  /** Ids of the declarations the person confirmed. */
  declarations?: readonly string[];
  /** The outcome of checking an invitation code; the code itself never reaches the rules. */
  invitation?: InvitationOutcome;
  /** Number of participants, for in-company requests. */
  groupSize?: number;
  /** Issue 23: the person fits the target's reservation (core `fitsReservation`, decided by the caller). */
  reserved?: boolean;
}

/** What the rules need to know about registrations already made. */
export interface RegistrationFacts {
  counts: PlaceCounts;
  /** The same e-mail address already holds an active registration for the same target. */
  duplicate?: boolean;
  /** Active registrations from the same organisation for the same target. */
  organisationCount?: number;
}

export type Outcome = 'confirmed' | 'waitlisted' | 'pending' | 'rejected';

export interface Decision {
  outcome: Outcome;
  reasons: Reason[];
  /** 1-based place on the waiting list, when waitlisted. */
  position?: number;
}

/** Finds the session a request is for and checks that it fits the registration scope. */
function target(network: Network, request: RegistrationRequest): { session?: Session; reason?: Reason } {
  if (registrationScope(network) === 'session') {
    if (request.sessionId === undefined) return { reason: { code: 'session-required' } };
    const session = findSession(network, request.sessionId);
    return session ? { session } : { reason: { code: 'unknown-session' } };
  }
  if (request.sessionId !== undefined) return { reason: { code: 'session-not-applicable' } };
  return {};
}

/**
 * The rules about the person rather than the calendar: eligibility, declarations, invitation,
 * group size, duplicates and the per-organisation limit. All reasons are returned at once so a
 * form can show them together.
 */
export function personalReasons(
  network: Network,
  request: RegistrationRequest,
  facts: Pick<RegistrationFacts, 'duplicate' | 'organisationCount'>,
): Reason[] {
  const reasons: Reason[] = [];
  const policy = network.registration;
  if (facts.duplicate) reasons.push({ code: 'duplicate' });
  const allowed = eligibleTypes(network);
  const needsType = allowed !== undefined || network.registration.invitation !== undefined || fieldUse(network, 'organisationType') === 'required';
  if (request.organisationType === undefined) {
    if (needsType) reasons.push({ code: 'organisation-type-required' });
  } else if (allowed && !allowed.includes(request.organisationType)) {
    reasons.push({ code: 'not-eligible', allowed });
  }
  for (const d of policy.declarations ?? []) {
    if ((d.required ?? true) && !request.declarations?.includes(d.id))
      reasons.push({ code: 'declaration-missing', declaration: d.id });
  }
  if (needsInvitation(network, request.organisationType)) {
    if (request.invitation === 'invalid') reasons.push({ code: 'invitation-invalid' });
    else if (request.invitation === 'other-session') reasons.push({ code: 'invitation-other-session' });
    else if (request.invitation !== 'valid') reasons.push({ code: 'invitation-required' });
  }
  const max = network.groupSize?.max;
  if (max !== undefined && request.groupSize !== undefined && request.groupSize > max)
    reasons.push({ code: 'group-too-large', max });
  const perOrg = policy.maxPerOrganisation;
  if (perOrg !== undefined && (facts.organisationCount ?? 0) >= perOrg)
    reasons.push({ code: 'organisation-limit', max: perOrg });
  return reasons;
}

/** The status a person gets when a place is theirs: confirmed, or pending while an organiser decides. */
function placedOutcome(network: Network): { outcome: 'confirmed' | 'pending'; reasons: Reason[] } {
  if (!approvalRequired(network)) return { outcome: 'confirmed', reasons: [] };
  return { outcome: 'pending', reasons: [{ code: network.format === 'in-company' ? 'on-request' : 'approval-required' }] };
}

/**
 * Decides one registration request at `now`. Deterministic: the same inputs give the same decision.
 * @example
 * decideRegistration(network, { organisationType: 'province' }, { counts }, now)
 * // { outcome: 'rejected', reasons: [{ code: 'not-eligible', allowed: ['municipality'] }] }
 */
export function decideRegistration(
  network: Network,
  request: RegistrationRequest,
  facts: RegistrationFacts,
  now: Date,
): Decision {
  if (network.registration.mode === 'closed') return { outcome: 'rejected', reasons: [{ code: 'registration-closed' }] };
  const { session, reason } = target(network, request);
  if (reason) return { outcome: 'rejected', reasons: [reason] };
  const gate = registrationGate(network, session, now);
  if (gate) return { outcome: 'rejected', reasons: [gate] };
  const personal = personalReasons(network, request, facts);
  if (personal.length) return { outcome: 'rejected', reasons: personal };

  const free = placesFree(network, session, facts.counts, request.reserved);
  if (free === undefined || free > 0) return placedOutcome(network);

  const limit = network.registration.waitlist?.limit;
  if (!waitlistEnabled(network)) return { outcome: 'rejected', reasons: [{ code: 'full' }] };
  if (limit !== undefined && facts.counts.waitlisted >= limit) return { outcome: 'rejected', reasons: [{ code: 'waitlist-full' }] };
  const position = facts.counts.waitlisted + 1;
  return { outcome: 'waitlisted', position, reasons: [{ code: 'waitlisted', position }] };
}
