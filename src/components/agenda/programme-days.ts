import { nothing } from 'lit';
import { heading, html } from '../shared/heading.js';
import { formatDate, programmeByDay, type Locale, type ProgrammeItem, type Session } from '../../core/lean.js';

/**
 * The programme of a session over more days, by day (issue 23): each day's date a heading above
 * that day's items, as the e-mails and calendar items give it (core's programmeByDay). Loaded
 * only by an agenda with such a session, so the agenda's own bundle stays within its budget.
 */
export function programmeDays(session: Session, locale: Locale, level: number, item: (i: ProgrammeItem) => unknown) {
  // prettier-ignore
  return programmeByDay(session).map((g) => html`${g.day ? html`<${heading(level)} .textContent=${formatDate(locale, g.day)}></${heading(level)}>` : nothing}<ul role="list">${g.items.map(item)}</ul>`);
}
