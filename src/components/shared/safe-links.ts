import { mailtoUrl, type Locale, type Network } from '../../core/lean.js';

export { URL_ATTRIBUTES, warnUnsafeUrl } from './url-attributes.js';

let prepared: typeof import('../../core/mailto.js') | undefined;

/**
 * Loads what writes the prepared registration e-mail. `loadNetwork` waits for it before it
 * shows a network that registers by e-mail, so the link is there at first paint, and pages of
 * other networks never download it.
 */
export async function prepareMailto(): Promise<void> {
  prepared ??= await import('../../core/mailto.js');
}

/**
 * The prepared registration e-mail, only when the contact is one plain address: the link is
 * then "mailto:" and that address by construction, with nothing added (recipients, headers).
 * Undefined until `prepareMailto` has run.
 */
export function registrationMailtoUrl(network: Network, locale: Locale, sessionId?: string): string | undefined {
  return mailtoUrl(network.contact?.email) && prepared?.registrationMailto(network, locale, sessionId);
}
