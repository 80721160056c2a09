import { parseNetwork, type Network } from '../../src/core/index.js';

export const SEED_IDS = [
  'groene-domein',
  'aardgasvrij-leerkring',
  'twentse-noabers',
  'vitaal-platteland',
  'overheidsparticipatie-workshop',
] as const;
export type SeedId = (typeof SEED_IDS)[number];

/** Raw JSON of a demo network document, fetched from the test server. */
export async function seedJson(id: SeedId): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(`/demo/data/${id}.json`, location.origin));
  if (!res.ok) throw new Error(`cannot load ${id}: ${res.status}`);
  return res.json();
}

/** A demo network, parsed; fails the test when the document is invalid. */
export async function seed(id: SeedId): Promise<Network> {
  const result = parseNetwork(await seedJson(id));
  if (!result.ok) throw new Error(`${id} is invalid: ${JSON.stringify(result.problems)}`);
  return result.value;
}
