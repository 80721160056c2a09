import type { Network, Resource } from './schema.js';
import { publicVenue } from './venue-privacy.js';

/** Whether the public may see a network: a draft is its organisers' only (issue 24). */
export const isPublic = (network: Pick<Network, 'draft'>): boolean => network.draft !== true;

/**
 * The network as the public may see it: without online join links (those go to accepted
 * participants only), participants-only resources and the hashes of invitation codes.
 */
export function publicNetwork(network: Network): Network {
  // A JSON document: a JSON round trip is a faithful deep copy.
  const out = JSON.parse(JSON.stringify(network)) as Network;
  const publicResources = (list: Resource[] | undefined) => list?.filter((r) => !r.participantsOnly);
  if (out.resources) out.resources = publicResources(out.resources)!;
  for (const s of out.sessions) {
    if (s.venue) s.venue = publicVenue(s.venue);
    if (s.venue && 'joinUrl' in s.venue) delete s.venue.joinUrl;
    if (s.resources) s.resources = publicResources(s.resources)!;
  }
  if (out.registration.invitation?.codes) delete out.registration.invitation.codes;
  delete out.draft;
  return out;
}
