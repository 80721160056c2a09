/**
 * The pieces of the lean document check (`network-check.generated.ts`): each answers only
 * "is this value certainly valid?". The generator writes the schema's structure with these,
 * and the rules that a pattern cannot say come from `document-rules.ts`, the functions the zod
 * schema calls too. Anything they cannot decide as zod would (a value zod would trim, for one)
 * counts as not valid here, so the page then asks the full validator, which has the last word
 * and the sentences.
 */
import type { AddIssue } from './document-rules.js';

export type Check = (value: unknown) => boolean;
type StringCheck = (value: string) => boolean;

/** A string passing every check; `trimmed` first where zod trims. */
export const str =
  (...checks: StringCheck[]): Check =>
  (v) =>
    typeof v === 'string' && checks.every((c) => c(v));

/** Zod would trim the value: only a value that trimming leaves as it is passes here. */
export const trimmed: StringCheck = (s) => s.trim() === s;
export const minLength =
  (n: number): StringCheck =>
  (s) =>
    s.length >= n;
export const maxLength =
  (n: number): StringCheck =>
  (s) =>
    s.length <= n;
export const pattern =
  (re: RegExp): StringCheck =>
  (s) =>
    re.test(s);

/** A finite number (a safe integer with `int`) within the bounds: [value, inclusive]. */
export const num =
  (int: boolean, min?: [number, boolean], max?: [number, boolean]): Check =>
  (v) =>
    typeof v === 'number' &&
    (int ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
    (!min || (min[1] ? v >= min[0] : v > min[0])) &&
    (!max || (max[1] ? v <= max[0] : v < max[0]));

export const bool: Check = (v) => typeof v === 'boolean';

/** One of these values (an enum or a literal). */
export const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v);

export const array =
  (item: Check, min = 0): Check =>
  (v) =>
    Array.isArray(v) && v.length >= min && v.every(item);

/**
 * An object with only these fields; a key written with a `_` in front names a field that may be
 * absent (`_theme`: no field of a document starts with `_`, and the key needs no quotes).
 */
export const object = (shape: Record<string, Check>, ...rules: Check[]): Check => {
  const fields = Object.entries(shape).map(([key, check]) => [key.replace(/^_/, ''), check, key[0] === '_'] as const);
  const keys = fields.map(([key]) => key);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!keys.includes(key)) return false;
    for (const [key, check, optional] of fields) {
      if (!Object.hasOwn(o, key)) {
        if (!optional) return false;
      } else if (!check(o[key])) return false;
    }
    return rules.every((r) => r(o));
  };
};

export const union =
  (...options: Check[]): Check =>
  (v) =>
    options.some((o) => o(v));

/** A cross-field rule: valid when it adds no issue. */
export const noIssue =
  (rule: (value: never, add: AddIssue) => void): Check =>
  (v) => {
    let ok = true;
    rule(v as never, () => {
      ok = false;
    });
    return ok;
  };
