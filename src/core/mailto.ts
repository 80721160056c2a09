import type { Network } from './schema.js';
import { fieldUse } from './policy.js';
import { mailtoMessages } from './i18n/mailto.js';
import type { Locale } from './i18n/format.js';

/**
 * A prepared e-mail to the network's contact, for networks that register by e-mail: the
 * subject names the network (and session), the body lists what the organiser needs to know.
 */
export function registrationMailto(network: Network, locale: Locale, sessionId?: string): string | undefined {
  const to = network.contact?.email;
  if (!to) return undefined;
  const m = mailtoMessages(locale);
  // One lookup: a plain search, so the e-mail's code does not take the session index (which
  // loads with the availability rules) along.
  const session = sessionId === undefined ? undefined : network.sessions.find((s) => s.id === sessionId);
  const subject = network.registration.emailSubject ?? m.subject(network.title);
  const fields = [m.name, m.email];
  if (fieldUse(network, 'organisation') !== 'off') fields.push(m.organisation);
  if (fieldUse(network, 'organisationType') !== 'off') fields.push(m.organisationType);
  if (fieldUse(network, 'role') !== 'off') fields.push(m.role);
  for (const q of network.registration.questions ?? []) fields.push(q.label);
  const lines = [m.intro(network.title, session?.title), '', ...fields.map((f) => `${f}: `)];
  if (network.registration.invitation) lines.push(`${m.invitation}: `);
  const q = encodeURIComponent;
  return `mailto:${to}?subject=${q(session ? `${subject} (${session.title})` : subject)}&body=${q(lines.join('\r\n'))}`;
}
