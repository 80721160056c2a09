import type { Network, OrganisationType } from './schema.js';
import { messages } from './i18n/messages.js';
import type { Locale } from './i18n/format.js';

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
  | { code: 'organisation-limit'; max: number }
  | { code: 'group-too-large'; max: number }
  | { code: 'full' }
  | { code: 'waitlist-full' }
  | { code: 'approval-required' }
  | { code: 'on-request' }
  | { code: 'waitlisted'; position: number };

export type ReasonCode = Reason['code'];

/** The sentence for a reason, with the network's own explanation where it has one. */
export function reasonText(reason: Reason, network: Network, locale: Locale): string {
  const r = messages(locale).reason;
  switch (reason.code) {
    case 'not-yet-open':
      return r['not-yet-open'](reason.opensAt);
    case 'not-eligible':
      return r['not-eligible'](reason.allowed, network.registration.eligibility?.explanation);
    case 'declaration-missing': {
      const d = network.registration.declarations?.find((x) => x.id === reason.declaration);
      return r['declaration-missing'](d?.text ?? reason.declaration);
    }
    case 'invitation-required':
      return network.registration.invitation?.explanation ?? r['invitation-required'];
    case 'approval-required':
      return network.registration.approval?.explanation ?? r['approval-required'];
    case 'organisation-limit':
      return r['organisation-limit'](reason.max);
    case 'group-too-large':
      return r['group-too-large'](reason.max);
    case 'waitlisted':
      return r.waitlisted(reason.position);
    default:
      return r[reason.code];
  }
}
