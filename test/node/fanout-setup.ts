/**
 * The set-up the fan-out tests (fanout-robust, fanout-told) and network-changes share: a network
 * of two dated workshops where people register per session, the same network with both moved a
 * week on, and a registration service over a database that tells people of each saved revision
 * (as serve.ts wires it).
 */
import type { Network } from '../../src/core/index.js';
import type { Db } from '../../src/server/storage/db.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';
import type { RegistrationServiceOptions } from '../../src/server/services/context.js';
import { network } from './helpers.js';

/** Two workshops of two hours, people registering per session; by default "Werkplaats een" on 10 May 2030 and "Werkplaats twee" the day after. */
export function twoWorkshops(o: { id: string; title: string; capacity: number; titles?: [string, string]; starts?: [string, string] }): Network {
  const [first, second] = o.titles ?? ['Werkplaats een', 'Werkplaats twee'];
  const session = (id: string, title: string, start: string) => ({ id, title, type: 'workshop', start: `${start}T10:00`, end: `${start}T12:00` });
  const [a, b] = o.starts ?? ['2030-05-10', '2030-05-11'];
  return network({
    id: o.id,
    title: o.title,
    sessions: [session('een', first, a), session('twee', second, b)],
    registration: { mode: 'built-in', scope: 'session', capacity: o.capacity, fields: { organisation: 'optional', organisationType: 'off' } },
  });
}

/** The document with both sessions of twoWorkshops a week later. */
export function movedAWeek(doc: Network): any {
  const edited = structuredClone(doc) as any;
  for (const s of edited.sessions.slice(0, 2)) {
    const later = (t: string) => `${new Date(Date.parse(`${t}Z`) + 7 * 86400000).toISOString().slice(0, 16)}`;
    Object.assign(s, { start: later(s.start), end: later(s.end) });
  }
  return edited;
}

/** The registry of this network over `db` and a registration service (on `serviceDb`, by default `db`) that tells people of each saved revision. */
export async function fanoutStore(db: Db, doc: Network, options: RegistrationServiceOptions, serviceDb: Db = db) {
  const registry = await NetworkRegistry.open(db, [{ network: doc, raw: doc }]);
  const store = new RegistrationService(serviceDb, registry, options);
  registry.onRevision(async (tx, change) => {
    if (change.before) await store.tellRevision(tx, change.before, change.after, await registry.timeline(change.after, tx), change.revision);
  });
  return { registry, store };
}
