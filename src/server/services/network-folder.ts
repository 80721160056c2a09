/**
 * Network documents in a folder (*.json): read and validated at start-up (`--networks`) and by
 * `leerkring import`. What the registry does with them is ./networks.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetwork, formatProblem, type Network } from '../../core/index.js';

export class NetworkFolderError extends Error {}

/** A network document as written (`raw`) and as the code reads it (`network`). */
export interface NetworkDocument {
  network: Network;
  raw: unknown;
}

/**
 * Reads and validates every network document (*.json) in a folder. Any invalid document stops
 * start-up with the file, the path in it and the sentence saying what is wrong.
 */
export function readNetworkFolder(folder: string): NetworkDocument[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new NetworkFolderError(`${folder}: folder not found`);
  }
  const documents = new Map<string, NetworkDocument>();
  const errors: string[] = [];
  for (const f of files) {
    const file = join(folder, f);
    const text = readFileSync(file, 'utf8');
    const result = parseNetwork(text);
    if (!result.ok) {
      errors.push(...result.problems.map((p) => `${file}: ${formatProblem(p, 'en')}`));
      continue;
    }
    if (documents.has(result.value.id)) errors.push(`${file}: id: "${result.value.id}" is used by another document as well`);
    documents.set(result.value.id, { network: result.value, raw: JSON.parse(text) });
  }
  if (errors.length) throw new NetworkFolderError(errors.join('\n'));
  if (!documents.size) throw new NetworkFolderError(`${folder}: no network documents (*.json) found`);
  return [...documents.values()];
}

export function loadNetworks(folder: string): Map<string, Network> {
  return new Map(readNetworkFolder(folder).map((d) => [d.network.id, d.network]));
}
