/**
 * Issue 23: a closed group (`registration.mode: "closed"`) takes no registrations from the public
 * form, but its participants are registrations all the same: organisers add them themselves (one
 * by one or as an imported list), and confirmations, reminders, attendance and messages work for
 * them as for people who registered on a form. The one owner of which networks keep registrations.
 */
import type { Network } from './schema.js';

/**
 * Whether the server keeps this network's registrations: its own form (`built-in`) or a closed
 * group whose organisers add the participants. External and e-mail registration happen elsewhere.
 * @example keepsRegistrations({ registration: { mode: 'closed' } }) // true
 */
export function keepsRegistrations(network: Pick<Network, 'registration'>): boolean {
  return network.registration.mode === 'built-in' || network.registration.mode === 'closed';
}
