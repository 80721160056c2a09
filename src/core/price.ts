/**
 * What taking part costs: the one owner of the rule. The form shows it before anyone registers,
 * the confirmation e-mail and the manage page say what this person pays, and the organisers'
 * CSV has it per registration. A price per organisation type ("free for municipalities, EUR 95
 * for others") needs the person's type; the other prices are the same for everyone.
 */
import type { Network, OrganisationType } from './schema.js';
import { BCP47, type Locale } from './i18n/format.js';
import { messages } from './i18n/messages.js';

/** The words a price is said with; each catalogue that shows one (form, about) has them. */
export interface PriceWords {
  /** "gratis" */
  free: string;
  /** "Andere organisaties", for the rest of a price per organisation type. */
  others: string;
  /** "Op aanvraag" */
  onRequest: string;
}

/**
 * The amount in euros a person of this organisation type pays; undefined where the network names
 * no amount (no price, on request) or the amount depends on a type that is not known.
 * @example feeFor(network, 'municipality') // 0
 */
export function feeFor(network: Network, type: OrganisationType | string | undefined): number | undefined {
  const price = network.price;
  if (!price || price.type === 'on-request') return undefined;
  if (price.type === 'free') return 0;
  if (price.type === 'amount') return price.amount;
  if (!type) return undefined;
  return price.rates.find((r) => (r.organisationTypes as readonly string[]).includes(type))?.amount ?? price.otherwise;
}

/** "gratis", "€ 95", "€ 95,50" (English "€95"). */
export function feeText(amount: number, locale: Locale, free: string): string {
  return amount
    ? new Intl.NumberFormat(BCP47[locale], { style: 'currency', currency: 'EUR', minimumFractionDigits: amount % 1 ? 2 : 0 }).format(amount)
    : free;
}

/**
 * The price to show before registering, a line each: "Gemeente: gratis", "Andere organisaties:
 * € 95" for a price per organisation type; otherwise one line ("€ 95", "gratis", "Op aanvraag").
 * The document's `note` is the caller's to add, in the document's language.
 */
export function priceLines(network: Network, locale: Locale, w: PriceWords): string[] {
  const price = network.price;
  if (!price) return [];
  if (price.type === 'on-request') return [w.onRequest];
  if (price.type !== 'per-organisation-type') return [feeText(price.type === 'free' ? 0 : price.amount, locale, w.free)];
  const types = messages(locale).organisationType;
  return [
    ...price.rates.map((r) => `${r.organisationTypes.map((t) => types[t]).join(', ')}: ${feeText(r.amount, locale, w.free)}`),
    `${w.others}: ${feeText(price.otherwise, locale, w.free)}`,
  ];
}
