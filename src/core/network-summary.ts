/**
 * What a list of networks shows per network (`GET /api/networks`, `<leerkring-catalogue>`):
 * enough to choose one, without the whole document.
 */
import type { Network, NetworkKind, OrganisationType } from './schema.js';
import type { Availability } from './availability.js';
import { isSessionPast, sessionStart } from './session-time.js';

export interface NetworkSummary {
  id: string;
  kind: NetworkKind;
  title: string;
  subtitle?: string;
  summary: string;
  language?: 'nl' | 'en' | 'fy';
  availability: Availability;
  audience?: { organisationTypes?: OrganisationType[]; tags?: string[] };
  themes?: string[];
  /** The first session still to come that is not cancelled: dated ones first, else one with a period. */
  nextSession?: { id: string; title: string; start?: string; date?: string; period?: string };
}

/** The summary of one network as it stands at `now`. */
export function networkSummary(network: Network, availability: Availability, now: Date): NetworkSummary {
  const upcoming = network.sessions.filter((s) => s.status !== 'cancelled' && !isSessionPast(s, now));
  const dated = upcoming
    .map((s) => ({ s, t: sessionStart(s)?.getTime() }))
    .filter((x): x is { s: (typeof upcoming)[number]; t: number } => x.t !== undefined)
    .sort((a, b) => a.t - b.t)[0]?.s;
  const next = dated ?? upcoming.find((s) => !s.start && !s.date);
  const a = network.audience;
  return {
    id: network.id,
    kind: network.kind,
    title: network.title,
    ...(network.subtitle && { subtitle: network.subtitle }),
    summary: network.summary,
    ...(network.language && { language: network.language }),
    availability,
    ...((a?.organisationTypes?.length || a?.tags?.length) && {
      audience: { ...(a.organisationTypes && { organisationTypes: a.organisationTypes }), ...(a.tags && { tags: a.tags }) },
    }),
    ...(network.themes?.length && { themes: network.themes }),
    ...(next && {
      nextSession: {
        id: next.id,
        title: next.title,
        ...(next.start && { start: sessionStart(next)!.toISOString() }),
        ...(next.date && { date: next.date }),
        ...(next.period && { period: next.period }),
      },
    }),
  };
}
