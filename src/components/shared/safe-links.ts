import { mailtoUrl, registrationMailto, type Locale, type Network } from '../../core/lean.js';

export { URL_ATTRIBUTES, warnUnsafeUrl } from './url-attributes.js';

/**
 * The prepared registration e-mail, only when the contact is one plain address: the link is
 * then "mailto:" and that address by construction, with nothing added (recipients, headers).
 */
export function registrationMailtoUrl(network: Network, locale: Locale, sessionId?: string): string | undefined {
  return mailtoUrl(network.contact?.email) && registrationMailto(network, locale, sessionId);
}
