import { safeUrl, sessionTiming, type Network, type Session } from '../../core/lean.js';

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
