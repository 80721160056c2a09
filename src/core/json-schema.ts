import * as z from 'zod/mini';
import { networkSchema } from './schema.js';

export const NETWORK_SCHEMA_ID = 'https://raw.githubusercontent.com/leerkring/leerkring/main/schema/network.schema.json';

/** The JSON Schema (2020-12) of a network document, generated from the zod schema so it cannot drift. */
export function networkJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(networkSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: NETWORK_SCHEMA_ID,
    title: 'leerkring network document',
    description: 'One learning network (leernetwerk, leerkring, werkplaats, …): its sessions and how people register.',
    ...schema,
  };
}
