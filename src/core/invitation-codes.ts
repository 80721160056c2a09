/**
 * Issue 23: an invitation code may be limited to some sessions (where people register per
 * session): "this code admits to the excursion only". The one owner of whether a code admits.
 */
import type { Network } from './schema.js';

export type InvitationCode = NonNullable<NonNullable<Network['registration']['invitation']>['codes']>[number];

/**
 * Whether a (matching) code admits to the session asked for: a code without `sessions` admits to
 * every session; one with `sessions` only to those.
 * @example codeAdmits({ hash: 'sha256:…', sessions: ['excursie'] }, 'slot') // false
 */
export function codeAdmits(code: InvitationCode, sessionId: string | undefined): boolean {
  return !code.sessions || (sessionId !== undefined && code.sessions.includes(sessionId));
}
