/** Finding a session of a network by its id. */
import type { Network, Session } from './schema.js';

/**
 * Sessions by id, per sessions list: looking each session up in the list made availability for
 * every session quadratic (63 ms at 5,000 sessions). Documents are not changed in place; should
 * one be (a list of another length, an entry with another id), the index is made again.
 */
const sessionIndex = new WeakMap<readonly Session[], { length: number; byId: Map<string, Session> }>();

function indexSessions(list: readonly Session[]): Map<string, Session> {
  const byId = new Map<string, Session>();
  // The first of two equal ids wins, as a search through the list would find it.
  for (const s of list) if (!byId.has(s.id)) byId.set(s.id, s);
  sessionIndex.set(list, { length: list.length, byId });
  return byId;
}

/** Finds a session by id. */
export function findSession(network: Network, id: string | undefined): Session | undefined {
  if (id === undefined) return undefined;
  const list = network.sessions;
  const kept = sessionIndex.get(list);
  const byId = kept && kept.length === list.length ? kept.byId : indexSessions(list);
  const found = byId.get(id);
  // A miss or a changed entry costs one pass over the list, as the search before the index did.
  return found !== undefined && found.id === id ? found : byId === kept?.byId ? indexSessions(list).get(id) : found;
}
