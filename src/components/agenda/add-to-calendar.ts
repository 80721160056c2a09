import { css, html } from 'lit';
import { calendarEvent, googleCalendarUrl, outlookCalendarUrl, type Locale, type Network, type Session } from '../../core/lean.js';
import { calendarMessages } from '../../core/i18n/calendar.js';
import { downloadIcs } from '../shared/download-ics.js';
import { adoptStyles } from '../shared/adopt-styles.js';

/** The links' styles in an agenda's disclosure, here rather than in the agenda's own: they come with their code. */
const styles = css`
  details.calendar ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  details.calendar li {
    min-block-size: 44px;
    display: list-item;
  }
  details.calendar li a,
  details.calendar .linklike {
    display: inline-block;
    padding-block: 0.6em;
  }
`;

/** Adds the links' styles to an agenda's shadow root (the form styles its own list). */
export const adopt = (root: ShadowRoot) => adoptStyles(root, styles);

/**
 * The links inside an open "Zet in je agenda" disclosure: the .ics download, Google and
 * Outlook. Loaded when someone opens one, so an agenda page does not carry this code up front.
 */
export function calendarLinks(network: Network, session: Session, locale: Locale) {
  const event = calendarEvent(network, session, locale);
  if (!event) return undefined;
  const a = calendarMessages(locale).links;
  // prettier-ignore
  return html`<ul role="list">
    <li>
      <button class="linklike" type="button" @click=${() => downloadIcs(network, session.id, locale)}>${a.icsFile}</button>
    </li>
    <li><a href=${googleCalendarUrl(event)} rel="noopener">${a.google}</a></li>
    <li><a href=${outlookCalendarUrl(event)} rel="noopener">${a.outlook}</a></li>
  </ul>`;
}
