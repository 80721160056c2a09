import { networkSchema, type Network } from './schema.js';
import { jsonProblem, toProblems, type Problem } from './problems.js';
import { networkWarnings } from './network-warnings.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
/** `warnings`: what loads but is probably not what the editor meant (an hour that does not exist, a contradiction with a default). */
export type NetworkParseResult = { ok: true; value: Network; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Validates a network document. Never throws on bad input: it returns the typed network,
 * or every problem at once, each with its JSON path and a sentence in Dutch and English.
 * A string is parsed as JSON text first.
 * @example
 * const result = parseNetwork(await (await fetch(src)).text());
 * if (!result.ok) result.problems.forEach((p) => console.log(formatProblem(p)));
 */
export function parseNetwork(input: unknown): NetworkParseResult {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (error) {
      return { ok: false, problems: [jsonProblem(error)] };
    }
  }
  const result = networkSchema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data, warnings: networkWarnings(result.data) };
  return { ok: false, problems: toProblems(result.error.issues, networkSchema, data) };
}
