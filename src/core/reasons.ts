import type { Network, OrganisationType } from './schema.js';
import { messages } from './i18n/messages.js';
import { formatOrList, type Locale } from './i18n/format.js';
import { approvalRequired, eligibleTypes, invitationTypes } from './policy.js';

/** Why a registration cannot go ahead as asked, or why it waits. Machine-readable; `reasonText` makes the sentence. */
export type Reason =
  | { code: 'registration-closed' }
  | { code: 'not-built-in' }
  | { code: 'session-required' }
  | { code: 'unknown-session' }
  | { code: 'session-not-applicable' }
  | { code: 'session-cancelled' }
  | { code: 'closed-track' }
  | { code: 'not-yet-open'; opensAt?: Date }
  | { code: 'deadline-passed'; closesAt?: Date }
  | { code: 'past' }
  | { code: 'duplicate' }
  | { code: 'organisation-type-required' }
  | { code: 'not-eligible'; allowed: readonly OrganisationType[] }
  | { code: 'declaration-missing'; declaration: string }
  | { code: 'invitation-required' }
  | { code: 'invitation-invalid' }
  /** A right code, limited to other sessions than the one asked for (issue 23). */
  | { code: 'invitation-other-session' }
  | { code: 'organisation-limit'; max: number }
  | { code: 'group-too-large'; max: number }
  | { code: 'full' }
  | { code: 'waitlist-full' }
  /** Inside a series: a session with places of its own is full, and the network keeps no waiting list (issue 23). */
  | { code: 'session-full'; session: string }
  | { code: 'approval-required' }
  | { code: 'on-request' }
  | { code: 'waitlisted'; position: number };

export type ReasonCode = Reason['code'];

/**
 * Who may register and what comes first, in the order a person needs it before filling anything
 * in: who is eligible, who needs an invitation and where to ask for one, and an intake that
 * follows. The agenda and the form both say this, so it is worded once, here.
 */
export function whoMayJoin(network: Network, locale: Locale): string[] {
  const r = network.registration;
  if (r.mode === 'closed' || r.mode === 'external') return [];
  const m = messages(locale);
  const lines: string[] = [];
  const allowed = eligibleTypes(network);
  if (allowed) lines.push(m.join.notEligible(allowed, r.eligibility?.explanation));
  // Out of every type the catalogue names (with `allExcept`, all but those).
  const invited = invitationTypes(network, Object.keys(m.organisationType) as OrganisationType[]);
  if (invited.length) {
    lines.push(r.invitation?.explanation ?? m.join.invitation(formatOrList(locale, invited.map((t) => m.organisationType[t].toLowerCase()))));
    const c = network.contact;
    const who = c?.name && c.email ? `${c.name} (${c.email})` : (c?.name ?? c?.email ?? network.organisers[0]?.name);
    if (who) lines.push(m.join.askInvitation(who));
  }
  if (approvalRequired(network)) lines.push(network.format === 'in-company' ? m.join.onRequest : (r.approval?.explanation ?? m.join.approvalRequired));
  return lines;
}

/**
 * The form field a reason is about (a path as in a registration's problems), or undefined for a
 * reason about the network or a meeting as a whole. A refusal at a field belongs in the form's
 * error summary, at that field, where the person can put it right.
 */
export function reasonPath(reason: Reason): string | undefined {
  switch (reason.code) {
    case 'duplicate':
      return 'participant.email';
    case 'organisation-limit':
      return 'participant.organisation';
    case 'not-eligible':
    case 'organisation-type-required':
      return 'participant.organisationType';
    case 'invitation-required':
    case 'invitation-invalid':
    case 'invitation-other-session':
      return 'invitationCode';
    case 'declaration-missing':
      return `declarations.${reason.declaration}`;
    case 'group-too-large':
      return 'groupSize';
    case 'session-full':
      return 'joins';
    case 'session-required':
    case 'unknown-session':
    case 'session-not-applicable':
      return 'sessionId';
  }
  return undefined;
}

/** The language the network's own words are written in: its `language`, Dutch by default. */
export function documentLanguage(network: Network): Locale {
  return network.language ?? 'nl';
}

/**
 * Whether a sentence from `whoMayJoin` or `reasonText` is the network's own explanation (in the
 * document's language) rather than one of ours (in the page's): a page in English marks the
 * former with the document's `lang`.
 */
export function isOwnWords(network: Network, text: string): boolean {
  const r = network.registration;
  return text === r.eligibility?.explanation || text === r.invitation?.explanation || text === r.approval?.explanation;
}
