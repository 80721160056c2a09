/**
 * Issue 23: one owner for the venue line ("Waar: …"): the agenda, the e-mail, the calendar item
 * and the manage page all word a venue here. A module of its own so that a page that only shows
 * the agenda does not load the calendar code with it.
 */
import type { Venue } from './schema.js';
import { messages } from './i18n/messages.js';
import type { Locale } from './i18n/format.js';

/**
 * The venue in words, decided once for the agenda, the e-mail, the calendar item and the manage
 * page (issue 23): the place (name, room, address, postal code and city; "Online (platform)"; a
 * city that is known and "Locatie volgt"), "Op locatie en online" after a hybrid place, and then
 * the venue's note apart. A one-line text joins the two with a middle dot; the agenda puts the
 * note on a line of its own. No venue reads as one to be announced. "Locatie volgt" is a
 * promise, so a session that is `past` leaves it out. Never the join link.
 */
export function venueParts(venue: Venue | undefined, locale: Locale, past?: boolean): [place: string, note?: string] {
  const a = messages(locale).agenda;
  const join = (by: string, ...parts: unknown[]) => parts.filter(Boolean).join(by);
  // Every field any venue type has; a venue to be announced has a city and a note only.
  const v: Partial<Omit<Extract<Venue, { type: 'hybrid' }>, 'type'>> & { type?: Venue['type'] } = venue ?? {};
  const place = join(', ', v.name, v.room, v.address, join(' ', v.postalCode, v.city));
  return [
    v.type == 'online'
      ? join(' ', a.online, v.platform && `(${v.platform})`)
      : join(' · ', place, (!place || v.type == 'to-be-announced') && !past && a.locationTbd, v.type == 'hybrid' && a.hybrid),
    v.note,
  ];
}
