/**
 * What taking part costs, said above the form before anyone registers (issue 23): per
 * organisation type where the network says so (core's priceLines), the network's note and the
 * free-cancellation term. Loaded with the form's rarer parts (./extras.ts), only for a network
 * with a price.
 */
import { html, nothing } from 'lit';
import { formMessages, priceLines, type Locale, type Network } from '../../core/lean.js';

/** `lang`: the document's language where it differs from the page's (the note is the network's own words). */
export function priceNote(network: Network, locale: Locale, lang: string | typeof nothing) {
  const p = formMessages(locale).price;
  const lines = priceLines(network, locale, p);
  const note = network.price && 'note' in network.price ? network.price.note : undefined;
  const days = network.registration.freeCancellationDaysBefore;
  return lines.length
    ? html`<div class="notice" part="price"><p>${p.heading}:</p><ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>${note ? html`<p lang=${lang}>${note}</p>` : nothing}${days !== undefined ? html`<p>${p.freeCancel(days)}</p>` : nothing}</div>`
    : nothing;
}
