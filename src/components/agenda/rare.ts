import { nothing } from 'lit';
import { heading, html } from '../shared/heading.js';
import { formatDate, messages, programmeByDay, type Locale, type Network, type ProgrammeItem, type Session } from '../../core/lean.js';
import { reservationFor } from '../../core/reservation.js';

/**
 * The agenda's rarer parts (issue 23), loaded together (one request, one loader in the agenda)
 * only by an agenda that shows one of them, so the agenda's own bundle stays within its budget.
 */

/**
 * The programme of a session over more days, by day: each day's date a heading above that day's
 * items, as the e-mails and calendar items give it (core's programmeByDay).
 */
export function programmeDays(session: Session, locale: Locale, level: number, item: (i: ProgrammeItem) => unknown) {
  // prettier-ignore
  return programmeByDay(session).map((g) => html`${g.day ? html`<${heading(level)} .textContent=${formatDate(locale, g.day)}></${heading(level)}>` : nothing}<ul role="list">${g.items.map(item)}</ul>`);
}

/**
 * Reserved places left beside a target's availability, with the network's explanation (its own
 * words, in the document's language `lang` where the page's differs): "Nog 2 gereserveerde plaatsen: …".
 */
export function reservedNote(network: Network, session: Session | undefined, left: number, locale: Locale, lang: string | typeof nothing) {
  const why = reservationFor(network, session)?.explanation;
  return html`<p>${messages(locale).availability.reservedLeft(left)}${why ? html`: <span lang=${lang}>${why}</span>` : '.'}</p>`;
}
