// Compiles the zod schema of a network document (src/core/schema.ts) into the lean check a page
// runs on a document it gives itself: src/core/network-check.generated.ts. Zod stays the one
// owner of the rules; this only writes its structure out with the pieces of src/core/lean-check.ts
// and points at the same rule functions (src/core/document-rules.ts). Anything in the schema this
// does not know how to write stops the generator, so the check can never quietly be looser.
//
//   node --import tsx scripts/network-check.ts          writes the file
//   node --import tsx scripts/network-check.ts --check  exits 1 if the file is not current
import { readFileSync, writeFileSync } from 'node:fs';
import { fullValidatorOnly, networkSchema, objectRuleOfCheck } from '../src/core/schema.ts';
import { valueRules } from '../src/core/document-rules.ts';

const OUT = new URL('../src/core/network-check.generated.ts', import.meta.url);

// zod/mini keeps each schema's definition in `_zod.def`; only what the schema uses is handled.
interface Def {
  type: string;
  [key: string]: unknown;
}
type ZodLike = { _zod: { def: Def } };
const defOf = (s: unknown): Def => (s as ZodLike)._zod.def;

/**
 * Optional fields few documents use, whose checks would cost every agenda page with its own
 * document bytes (issue 11's 25 KB budget): the lean check answers "not certain" for a document
 * with one of them, so the page loads the full validator, which says yes or no as always.
 */
const RARE = [
  '$.sessions[].reservedPlaces',
  '$.registration.reservedPlaces',
  '$.registration.invitation.allExcept',
  '$.registration.invitation.codes[].sessions',
  '$.sessions[].programme[].day',
];

const consts = new Map<string, string>();
/** Every composite check becomes a constant, once per distinct text: the schema repeats text() many times. */
function hoist(expression: string): string {
  let name = consts.get(expression);
  if (!name) consts.set(expression, (name = `c${consts.size}`));
  return name;
}

function fail(path: string, what: string): never {
  throw new Error(`scripts/network-check.ts: ${path}: ${what} is not supported; teach the generator and lean-check.ts, or keep the schema to what they know`);
}

function customCheck(check: unknown, path: string): string {
  const rule = objectRuleOfCheck.get(check as object);
  if (rule) return `noIssue(objectRules.${rule})`;
  const fn = defOf(check).fn;
  const name = Object.entries(valueRules).find(([, f]) => f === fn)?.[0];
  if (!name) fail(path, 'a refinement that is not one of valueRules or objectRules');
  return name;
}

function stringCheck(check: unknown, path: string): string {
  const d = defOf(check) as unknown as Record<string, unknown> & { check: string };
  switch (d.check) {
    case 'overwrite': {
      const tx = d.tx as (s: string) => string;
      if (tx(' a ') !== 'a' || tx('a b') !== 'a b') fail(path, 'a string overwrite other than trim');
      return 'trimmed';
    }
    case 'min_length':
      return `minLength(${d.minimum as number})`;
    case 'max_length':
      return `maxLength(${d.maximum as number})`;
    case 'string_format':
      if (d.format !== 'regex') fail(path, `string format ${String(d.format)}`);
      return `pattern(${String(d.pattern as RegExp)})`;
    case 'custom': {
      const name = customCheck(check, path);
      return name.startsWith('noIssue(') ? fail(path, 'an object rule on a string') : `valueRules.${name}`;
    }
    default:
      return fail(path, `string check ${d.check}`);
  }
}

function compile(schema: unknown, path: string): string {
  const d = defOf(schema);
  const checks = (d.checks as unknown[] | undefined) ?? [];
  switch (d.type) {
    case 'string':
      return hoist(`str(${checks.map((c) => stringCheck(c, path)).join(', ')})`);
    case 'number': {
      if (d.check !== undefined && !(d.check === 'number_format' && d.format === 'safeint')) fail(path, `number format ${String(d.format)}`);
      let min = 'undefined';
      let max = 'undefined';
      for (const c of checks) {
        const cd = defOf(c) as unknown as { check: string; value: number; inclusive: boolean };
        if (cd.check === 'greater_than') min = `[${cd.value}, ${cd.inclusive}]`;
        else if (cd.check === 'less_than') max = `[${cd.value}, ${cd.inclusive}]`;
        else fail(path, `number check ${cd.check}`);
      }
      const args = [String(d.check === 'number_format'), min, max];
      while (args.at(-1) === 'undefined') args.pop();
      return hoist(`num(${args.join(', ')})`);
    }
    case 'boolean':
      if (checks.length) fail(path, 'a boolean with checks');
      return 'bool';
    case 'enum':
      if (checks.length) fail(path, 'an enum with checks');
      return hoist(`oneOf(${Object.values(d.entries as Record<string, string>).map((v) => JSON.stringify(v)).join(', ')})`);
    case 'literal':
      if (checks.length) fail(path, 'a literal with checks');
      return hoist(`oneOf(${(d.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`);
    case 'array': {
      let min = 0;
      for (const c of checks) {
        const cd = defOf(c) as unknown as { check: string; minimum: number };
        if (cd.check !== 'min_length') fail(path, `array check ${cd.check}`);
        min = Math.max(min, cd.minimum);
      }
      const item = compile(d.element, `${path}[]`);
      return hoist(min ? `array(${item}, ${min})` : `array(${item})`);
    }
    case 'object': {
      // A strict object: zod refuses a field it does not know; any other catchall would not.
      if (!d.catchall || defOf(d.catchall).type !== 'never') fail(path, 'an object that is not strict');
      // A field that may be absent is written with a `_` before its key (lean-check.ts): the keys are not repeated in a list.
      const fields: string[] = [];
      for (const [key, value] of Object.entries(d.shape as Record<string, unknown>)) {
        if (key.startsWith('_')) fail(`${path}.${key}`, 'a key starting with _');
        let inner = value;
        let name = key;
        if (defOf(inner).type === 'optional') {
          // A rare optional field is left out: a document that uses it is not certainly valid here,
          // and the full validator (loaded then) decides. Never a required field.
          if (RARE.includes(`${path}.${key}`)) continue;
          name = `_${key}`;
          inner = defOf(inner).innerType;
        }
        fields.push(`${JSON.stringify(name)}: ${compile(inner, `${path}.${key}`)}`);
      }
      // The rules of RARE fields only fire where such a field is, and the lean check refuses those documents.
      const rules = checks.filter((c) => !fullValidatorOnly.has(c as object)).map((c) => {
        const name = customCheck(c, path);
        return name.startsWith('noIssue(') ? name : fail(path, 'a value rule on an object');
      });
      return hoist(`object({ ${fields.join(', ')} }${rules.map((r) => `, ${r}`).join('')})`);
    }
    case 'union':
      if (checks.length) fail(path, 'a union with checks');
      return hoist(`union(${(d.options as unknown[]).map((o, i) => compile(o, `${path}|${i}`)).join(', ')})`);
    default:
      return fail(path, `a ${d.type} schema`);
  }
}

const root = compile(networkSchema, '$');
const body = [...consts].map(([expression, name]) => `const ${name} = ${expression};`).join('\n');
const pieces = ['array', 'bool', 'maxLength', 'minLength', 'noIssue', 'num', 'object', 'oneOf', 'pattern', 'str', 'trimmed', 'union'].filter((p) => new RegExp(`\\b${p}\\b`).test(body));
const text = `// Generated by scripts/network-check.ts from the zod schema in schema.ts: do not edit.
// \`node --import tsx scripts/network-check.ts\` writes it again; a test checks that it is current.
import { ${pieces.join(', ')} } from './lean-check.js';
import { objectRules, valueRules } from './document-rules.js';
import type { Network } from './schema.js';

${body}

/**
 * Whether a network document is certainly valid, decided as the zod schema would, without zod.
 * \`false\` means "ask the full validator" (\`parseNetwork\`): it may still be valid (a value zod
 * would trim), and only the full validator says what is wrong, and where.
 */
export function isCertainlyValid(value: unknown): value is Network {
  return ${root}(value);
}
`;

const current = (() => {
  try {
    return readFileSync(OUT, 'utf8');
  } catch {
    return undefined;
  }
})();
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('src/core/network-check.generated.ts is not current: run node --import tsx scripts/network-check.ts');
    process.exit(1);
  }
} else if (current !== text) {
  writeFileSync(OUT, text);
  console.log(`wrote src/core/network-check.generated.ts (${consts.size} checks)`);
}

