import type { Network } from './schema.js';
import type { Reason } from './reasons.js';
import { messages } from './i18n/messages.js';
import { formMessages } from './i18n/form.js';
import type { Locale } from './i18n/format.js';

/**
 * The sentence for a reason, with the network's own explanation where it has one. A module of
 * its own: most sentences are the form's (i18n/form.ts), so an agenda page does not load them;
 * the three the agenda also says (who may join, see `whoMayJoin`) are in the main catalogue.
 */
export function reasonText(reason: Reason, network: Network, locale: Locale): string {
  const j = messages(locale).join;
  const r = formMessages(locale).reason;
  switch (reason.code) {
    case 'not-eligible':
      return j.notEligible(reason.allowed, network.registration.eligibility?.explanation);
    case 'approval-required':
      return network.registration.approval?.explanation ?? j.approvalRequired;
    case 'on-request':
      return j.onRequest;
    case 'not-yet-open':
      return r['not-yet-open'](reason.opensAt);
    case 'declaration-missing': {
      const d = network.registration.declarations?.find((x) => x.id === reason.declaration);
      return r['declaration-missing'](d?.text ?? reason.declaration);
    }
    case 'invitation-required':
      return network.registration.invitation?.explanation ?? r['invitation-required'];
    case 'organisation-limit':
      return r['organisation-limit'](reason.max);
    case 'group-too-large':
      return r['group-too-large'](reason.max);
    case 'waitlisted':
      return r.waitlisted(reason.position);
    case 'session-full':
      return r['session-full'](network.sessions.find((s) => s.id === reason.session)?.title ?? reason.session);
    default:
      return r[reason.code];
  }
}
