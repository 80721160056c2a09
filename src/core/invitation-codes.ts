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

/** What checking a typed code gave: none typed, one that admits, none that matches, or one that matches but is for other sessions. */
export type InvitationOutcome = 'none' | 'valid' | 'invalid' | 'other-session';

/**
 * The outcome for the codes whose hash matched the one typed (the server compares hashes): a
 * code that is right but limited to other sessions gets its own answer, so the person hears
 * "this code is for another meeting" rather than "this code is wrong".
 * @example invitationOutcome([{ hash: 'sha256:…', sessions: ['excursie'] }], 'slot') // 'other-session'
 */
export function invitationOutcome(matching: readonly InvitationCode[], sessionId: string | undefined): Exclude<InvitationOutcome, 'none'> {
  if (!matching.length) return 'invalid';
  return matching.some((c) => codeAdmits(c, sessionId)) ? 'valid' : 'other-session';
}
