import { amsterdamDate, atAmsterdamClock, safeUrl, sessionTiming, type Network, type Person, type Session } from '../../core/lean.js';

/** The agenda loads this module after it shows: the controller that puts the JSON-LD in the light DOM comes with it. */
export { JsonLdController } from '../shared/json-ld.js';

/** Speakers and facilitators: schema.org's performer ("a presenter"), with role and organisation. */
function performer(p: Person): object {
  return {
    '@type': 'Person',
    name: p.name,
    ...(p.role && { jobTitle: p.role }),
    ...(p.organisation && { affiliation: { '@type': 'Organization', name: p.organisation } }),
  };
}

/** The programme's timed items as sub-events on the session's day. */
function programme(session: Session, day: string): object[] {
  return (session.programme ?? []).map((item) => ({
    '@type': 'Event',
    name: item.title,
    startDate: atAmsterdamClock(day, item.time).toISOString(),
    ...(item.end && { endDate: atAmsterdamClock(day, item.end).toISOString() }),
    ...(item.description && { description: item.description }),
  }));
}

function place(session: Session): object | undefined {
  const v = session.venue;
  if (!v) return undefined;
  if (v.type === 'online') return { '@type': 'VirtualLocation', name: v.platform ?? 'Online' };
  const address = v.type === 'to-be-announced' ? { addressLocality: v.city } : { streetAddress: v.address, postalCode: v.postalCode, addressLocality: v.city };
  const physical = { '@type': 'Place', ...(v.type !== 'to-be-announced' && v.name && { name: v.name }), address: { '@type': 'PostalAddress', addressCountry: (v.type !== 'to-be-announced' && v.country) || 'NL', ...address } };
  return v.type === 'hybrid' ? [physical, { '@type': 'VirtualLocation', name: v.platform ?? 'Online' }] : physical;
}

/**
 * schema.org EventSeries with one Event per dated session, so search engines see what the
 * shadow DOM shows. Sessions without a date are left out; no date is invented.
 */
export function networkJsonLd(network: Network, pageUrl: string): object {
  const events = network.sessions.flatMap((s) => {
    const t = sessionTiming(s);
    if (t.kind === 'tbd') return [];
    const start = t.kind === 'date' ? t.date : t.start.toISOString();
    const day = t.kind === 'date' ? t.date : amsterdamDate(t.start);
    const performers = [...(s.speakers ?? []), ...(s.facilitators ?? [])].map(performer);
    const items = programme(s, day);
    const attendanceMode = s.venue?.type === 'online' ? 'OnlineEventAttendanceMode' : s.venue?.type === 'hybrid' ? 'MixedEventAttendanceMode' : 'OfflineEventAttendanceMode';
    return [
      {
        '@type': 'Event',
        '@id': `${pageUrl}#${s.id}`,
        name: s.title,
        startDate: start,
        ...(t.kind === 'exact' && t.end && { endDate: t.end.toISOString() }),
        eventStatus: `https://schema.org/${s.status === 'cancelled' ? 'EventCancelled' : s.status === 'moved' ? 'EventRescheduled' : 'EventScheduled'}`,
        eventAttendanceMode: `https://schema.org/${attendanceMode}`,
        ...(place(s) && { location: place(s) }),
        ...(s.description && { description: s.description }),
        organizer: network.organisers.map((o) => ({ '@type': 'Organization', name: o.name })),
        ...(performers.length && { performer: performers }),
        ...(items.length && { subEvent: items }),
      },
    ];
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'EventSeries',
    name: network.title,
    description: network.summary,
    url: safeUrl(network.url, { relative: false }) ?? pageUrl,
    inLanguage: network.language ?? 'nl',
    organizer: network.organisers.map((o) => ({ '@type': 'Organization', name: o.name })),
    subEvent: events,
  };
}
