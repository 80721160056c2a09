import * as z from 'zod/mini';
import { networkSchema } from './schema.js';
import { fieldDescription } from './schema-descriptions.js';

export const NETWORK_SCHEMA_ID = 'https://raw.githubusercontent.com/leerkring/leerkring/main/schema/network.schema.json';

/** The JSON Schema (2020-12) of a network document, generated from the zod schema so it cannot drift. */
export function networkJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(networkSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  describe(schema, '');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: NETWORK_SCHEMA_ID,
    title: 'leerkring network document',
    description: 'One learning network (leernetwerk, leerkring, werkplaats, …): its sessions and how people register.',
    ...schema,
  };
}

/**
 * Gives each property its description (schema-descriptions.ts), by its path in the document
 * ("sessions[].venue.joinUrl"): through lists and through the variants of a union alike.
 */
function describe(node: unknown, path: string): void {
  if (Array.isArray(node)) return node.forEach((n) => describe(n, path));
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.properties && typeof n.properties === 'object')
    for (const [key, value] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
      const at = path ? `${path}.${key}` : key;
      const description = fieldDescription(at);
      if (description && value && typeof value === 'object') value.description = description;
      describe(value, at);
    }
  if (n.items) describe(n.items, `${path}[]`);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (n[k]) describe(n[k], path);
}
