// The five seed networks in the demo, each shown as it was on a day before its next session,
// so the agenda and registration can be tried. The documents keep their real dates.
export const DEMO_NETWORKS = [
  { id: 'aardgasvrij-leerkring', label: 'Leerkring aardgasvrije wijken', asOf: '2021-10-25T09:00:00+02:00' },
  { id: 'twentse-noabers', label: 'Leerkring Twentse Noabers', asOf: '2022-04-04T09:00:00+02:00' },
  { id: 'vitaal-platteland', label: 'Werkplaats Vitaal Platteland', asOf: '2019-11-04T09:00:00+01:00' },
  { id: 'groene-domein', label: 'Leernetwerk groene burgerinitiatieven', asOf: '2015-06-01T09:00:00+02:00' },
  { id: 'overheidsparticipatie-workshop', label: 'Workshop overheidsparticipatie', asOf: '' },
];
