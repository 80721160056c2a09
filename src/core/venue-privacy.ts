/**
 * Issue 23: a venue for participants only (a confidential group of aldermen meets at an address
 * that is not published). The one owner of what the public sees of such a venue and of which full
 * venues a participant gets: the public document, agenda and feed show the date and the city; the
 * participant's e-mail, calendar item, manage page and own feed carry the whole address.
 */
import type { Network, Venue } from './schema.js';

/** Whether the venue's address is for participants only. */
export function isVenueHidden(venue: Venue | undefined): boolean {
  return !!venue && (venue.type === 'physical' || venue.type === 'hybrid') && venue.participantsOnly === true;
}

/**
 * The venue as the public may see it: a hidden one keeps its type, city and country (and, when
 * hybrid, the platform) and says that the rest is for participants; any other venue is unchanged.
 * @example publicVenue({ type: 'physical', participantsOnly: true, address: 'Achterom 7', city: 'Zwolle' })
 * // { type: 'physical', participantsOnly: true, city: 'Zwolle' }
 */
export function publicVenue(venue: Venue): Venue {
  if (!isVenueHidden(venue) || (venue.type !== 'physical' && venue.type !== 'hybrid')) return venue;
  const out: Extract<Venue, { type: 'physical' | 'hybrid' }> = { type: venue.type, participantsOnly: true };
  if (venue.city) out.city = venue.city;
  if (venue.country) out.country = venue.country;
  if (venue.type === 'hybrid' && venue.platform) (out as Extract<Venue, { type: 'hybrid' }>).platform = venue.platform;
  return out;
}

/**
 * The full venues, by session id, that the public document hides and this person may see: those
 * of `sessionIds` (the sessions they have a place at); undefined when there are none.
 */
export function participantVenues(network: Network, sessionIds: readonly string[]): Record<string, Venue> | undefined {
  let out: Record<string, Venue> | undefined;
  for (const s of network.sessions) if (s.venue && isVenueHidden(s.venue) && sessionIds.includes(s.id)) (out ??= {})[s.id] = s.venue;
  return out;
}

/**
 * The network as one person sees it (issue 23): the full venues of the sessions they have a
 * place at (`placeAt`), and what the public sees of every other hidden venue. A person who
 * waits for an intake answer or for a place has none yet: their e-mails and calendar files
 * carry the date and the city only.
 */
export function networkSeenBy(network: Network, placeAt: (sessionId: string) => boolean): Network {
  if (!network.sessions.some((s) => isVenueHidden(s.venue) && !placeAt(s.id))) return network;
  return { ...network, sessions: network.sessions.map((s) => (s.venue && isVenueHidden(s.venue) && !placeAt(s.id) ? { ...s, venue: publicVenue(s.venue) } : s)) };
}
