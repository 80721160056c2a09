/**
 * What an absent field in a registration policy means. The schema keeps the document as
 * written; these accessors are the single place where defaults are decided.
 */
import type { Network, OrganisationType, RegistrationScope, Session } from './schema.js';
import { isSessionPast, sessionStart } from './session-time.js';
import { parseDeadline, parseDateTime, isDateString, startOfAmsterdamDay } from './time.js';

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
  return network.registration.capacity;
}

/** Organisation types that need an invitation code. */
export function invitationTypes(network: Network): readonly OrganisationType[] {
  return network.registration.invitation?.organisationTypes ?? [];
}

/** Organisation types that may register at all; undefined means everyone. */
export function eligibleTypes(network: Network): readonly OrganisationType[] | undefined {
  return network.registration.eligibility?.organisationTypes;
}

/** When registration opens; a bare date means the start of that Amsterdam day. */
export function opensAt(network: Network): Date | undefined {
  const v = network.registration.opens;
  if (!v) return undefined;
  return isDateString(v) ? startOfAmsterdamDay(v) : parseDateTime(v);
}

/**
 * When registration closes. An explicit `closes` wins (a bare date means the end of that day).
 * Otherwise a per-session registration closes when the session starts, and a whole-series
 * registration stays open while the series has sessions to come (or no dates yet).
 */
export function closesAt(network: Network, session?: Session): Date | undefined {
  if (network.registration.closes) return parseDeadline(network.registration.closes);
  if (session && registrationScope(network) === 'session') return sessionStart(session);
  return undefined;
}

/** A series is over when it has sessions and every one of them is past or cancelled. */
export function isSeriesOver(network: Network, now: Date): boolean {
  const live = network.sessions.filter((s) => s.status !== 'cancelled');
  return live.length > 0 && live.every((s) => isSessionPast(s, now));
}

/**
 * Sessions by id, per sessions list: looking each session up in the list made availability for
 * every session quadratic (63 ms at 5,000 sessions). Documents are not changed in place; should
 * one be (a list of another length, an entry with another id), the index is made again.
 */
const sessionIndex = new WeakMap<readonly Session[], { length: number; byId: Map<string, Session> }>();

function indexSessions(list: readonly Session[]): Map<string, Session> {
  const byId = new Map<string, Session>();
  // The first of two equal ids wins, as a search through the list would find it.
  for (const s of list) if (!byId.has(s.id)) byId.set(s.id, s);
  sessionIndex.set(list, { length: list.length, byId });
  return byId;
}

/** Finds a session by id. */
export function findSession(network: Network, id: string | undefined): Session | undefined {
  if (id === undefined) return undefined;
  const list = network.sessions;
  const kept = sessionIndex.get(list);
  const byId = kept && kept.length === list.length ? kept.byId : indexSessions(list);
  const found = byId.get(id);
  // A miss or a changed entry costs one pass over the list, as the search before the index did.
  return found !== undefined && found.id === id ? found : byId === kept?.byId ? indexSessions(list).get(id) : found;
}

/** Whether a session belongs to a closed (invitation-only) track. */
export function inClosedTrack(network: Network, session: Session | undefined): boolean {
  if (!session?.track) return false;
  return network.tracks?.find((t) => t.id === session.track)?.format === 'closed';
}
