// The seed networks in the demo, each shown as it was on a day before its next session,
// so the agenda and registration can be tried. The documents keep their real dates.
export const DEMO_NETWORKS = [
  { id: 'aardgasvrij-leerkring', label: 'Leerkring aardgasvrije wijken', asOf: '2021-10-25T09:00:00+02:00' },
  { id: 'twentse-noabers', label: 'Leerkring Twentse Noabers', asOf: '2022-04-04T09:00:00+02:00' },
  { id: 'vitaal-platteland', label: 'Werkplaats Vitaal Platteland', asOf: '2019-11-04T09:00:00+01:00' },
  { id: 'groene-domein', label: 'Leernetwerk groene burgerinitiatieven', asOf: '2015-06-01T09:00:00+02:00' },
  { id: 'overheidsparticipatie-workshop', label: 'Workshop overheidsparticipatie', asOf: '' },
  { id: 'klimaatadaptatie-reeks', label: 'Lunchreeks klimaatadaptatie', asOf: '' },
];

/**
 * The demo's clock per network: each network's `asOf` at `start`, running on from there, so
 * waiting lists and deadlines still behave as in real time. Networks without `asOf` use real time.
 */
export function demoClock(start = Date.now()) {
  const offsets = new Map(DEMO_NETWORKS.filter((n) => n.asOf).map((n) => [n.id, Date.parse(n.asOf) - start]));
  return (id) => new Date(Date.now() + (offsets.get(id) ?? 0));
}
