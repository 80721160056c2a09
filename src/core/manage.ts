/**
 * What a participant may still do with their own registration, on the manage page: one owner
 * for the page (which buttons it shows) and the server (which requests it accepts). Whether a
 * move to another session gets a place is not decided here but by `decideRegistration`, under
 * the new session's lock, exactly as a new registration would be.
 */
import type { Network } from './schema.js';
import type { Outcome } from './decide-registration.js';
import { registrationGate } from './availability.js';
import { registrationScope, waitlistEnabled } from './policy.js';
import { isSeriesOver, parseDeadline } from './registration-window.js';
import { findSession } from './session-index.js';
import { isSessionPast } from './session-time.js';

/** The registration as the manage page and the rules see it. */
export interface ManagedRegistration {
  status: Outcome | 'cancelled';
  sessionId?: string;
  /** The person's organisation type: a price per type decides what a late cancellation leaves standing. */
  organisationType?: string;
}

export interface ManageActions {
  /** Give up a place (confirmed) or an intake (pending). */
  cancel: boolean;
  /** Leave the waiting list. */
  leaveWaitlist: boolean;
  /** Sessions the registration may move to, in the document's order: only where people register per session. */
  switchTo: string[];
  /** Present when a place could be given up but `registration.cancelUntil` has passed (`cancelClosedText` says so). */
  cancelClosed?: true;
  /** Issue 23: the fee in euros that stands if this place is given up now (core's `feeStandsOnCancel`; the server adds it); cancelling is still allowed. */
  feeStands?: number;
}

/** The moment `registration.cancelUntil` passes, if the document sets one (a bare date: the end of that day in Amsterdam). */
export function cancelDeadline(network: Network): Date | undefined {
  const until = network.registration.cancelUntil;
  return until ? parseDeadline(until) : undefined;
}

const ACTIVE: readonly ManagedRegistration['status'][] = ['confirmed', 'pending', 'waitlisted'];

/**
 * The actions open to a participant at `now`. Nothing changes once the session (or the whole
 * series) is over: a past registration is history, not something to cancel or move.
 * @example manageActions(network, { status: 'waitlisted', sessionId: 'a' }, now) // { cancel: false, leaveWaitlist: true, switchTo: ['b'] }
 */
export function manageActions(network: Network, registration: ManagedRegistration, now: Date): ManageActions {
  const none: ManageActions = { cancel: false, leaveWaitlist: false, switchTo: [] };
  if (!ACTIVE.includes(registration.status)) return none;
  const session = findSession(network, registration.sessionId);
  const over = session ? isSessionPast(session, now) : isSeriesOver(network, now);
  if (over) return none;
  const perSession = registrationScope(network) === 'session' && network.registration.mode === 'built-in';
  // Leaving a waiting list holds nobody's place: only giving up a place closes at the deadline.
  const deadline = cancelDeadline(network);
  const closed = registration.status !== 'waitlisted' && deadline !== undefined && now.getTime() >= deadline.getTime();
  return {
    cancel: registration.status !== 'waitlisted' && !closed,
    leaveWaitlist: registration.status === 'waitlisted',
    ...(closed && { cancelClosed: true as const }),
    // Moving gives up the place held now, so it closes with cancelling.
    switchTo: perSession && !closed ? network.sessions.filter((s) => s.id !== registration.sessionId && !registrationGate(network, s, now)).map((s) => s.id) : [],
  };
}

/**
 * Whether giving up this registration passes a place on to someone waiting: only a place (or an
 * intake holding one) in a network that keeps a waiting list. The words after a cancellation
 * must not promise the place to "the first on the waiting list" where there is none.
 */
export function freesPlaceForWaitlist(network: Network, status: ManagedRegistration['status']): boolean {
  return waitlistEnabled(network) && (status === 'confirmed' || status === 'pending');
}

/**
 * The webcal: form of a feed address, which calendar apps open as a subscription; undefined for
 * anything that is not http(s). Give it a URL that already passed `safeUrl`.
 */
export function webcalUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? `webcal:${url.slice(url.indexOf(':') + 1)}` : undefined;
}
