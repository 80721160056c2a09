/**
 * Issue 23: cancelling after the free-cancellation term ("kosteloos afmelden tot 7 dagen voor de
 * bijeenkomst"). The cancel is allowed; the fee stands. One owner for the manage page, the server
 * (which tells the person and the organisers) and the e-mail. Apart from manage.ts so that pages
 * which only register do not download it.
 */
import type { Network } from './schema.js';
import type { ManagedRegistration } from './manage.js';
import { daysBeforeSession } from './registration-window.js';
import { findSession } from './session-index.js';
import { feeFor } from './price.js';

/**
 * Until when giving up a place costs nothing (`freeCancellationDaysBefore`), through the end of
 * that Amsterdam day; undefined when the document sets no such term or there is no date yet.
 */
export function freeCancellationUntil(network: Network, sessionId?: string | null): Date | undefined {
  const before = network.registration.freeCancellationDaysBefore;
  return before === undefined ? undefined : daysBeforeSession(network, findSession(network, sessionId ?? undefined), before);
}

/**
 * The fee in euros that stands if this registration gives up its place at `now`: after the free
 * term, for a place or an intake, where this person pays something. Undefined otherwise.
 * @example feeStandsOnCancel(network, { status: 'confirmed', sessionId: 'a', organisationType: 'business' }, now) // 95
 */
export function feeStandsOnCancel(network: Network, registration: ManagedRegistration, now: Date): number | undefined {
  if (registration.status !== 'confirmed' && registration.status !== 'pending') return undefined;
  const until = freeCancellationUntil(network, registration.sessionId);
  return until && now.getTime() > until.getTime() ? feeFor(network, registration.organisationType) || undefined : undefined;
}
