import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetwork, formatProblem, type Network } from '../core/index.js';

export class NetworkFolderError extends Error {}

/**
 * Reads and validates every network document (*.json) in a folder. Any invalid document stops
 * start-up with the file, the path in it and the sentence saying what is wrong.
 */
export function loadNetworks(folder: string): Map<string, Network> {
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new NetworkFolderError(`${folder}: folder not found`);
  }
  const networks = new Map<string, Network>();
  const errors: string[] = [];
  for (const f of files) {
    const file = join(folder, f);
    const result = parseNetwork(readFileSync(file, 'utf8'));
    if (!result.ok) {
      errors.push(...result.problems.map((p) => `${file}: ${formatProblem(p, 'en')}`));
      continue;
    }
    if (networks.has(result.value.id)) errors.push(`${file}: id: "${result.value.id}" is used by another document as well`);
    networks.set(result.value.id, result.value);
  }
  if (errors.length) throw new NetworkFolderError(errors.join('\n'));
  if (!networks.size) throw new NetworkFolderError(`${folder}: no network documents (*.json) found`);
  return networks;
}
