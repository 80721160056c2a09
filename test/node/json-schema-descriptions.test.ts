// Issue 23: the JSON Schema of a network document gives every property a description (editors
// show it on hover and in completion), in English, with the Dutch words of the screens where they
// differ. Walks the schema the CLI prints (`leerkring schema`) and names every property without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

type Node = Record<string, unknown>;

/** Every property of every object in the schema, with its path, and whether it has a description. */
function properties(node: unknown, path: string, out: { path: string; description?: string }[]): void {
  if (Array.isArray(node)) return node.forEach((n) => properties(n, path, out));
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (n.properties && typeof n.properties === 'object')
    for (const [key, value] of Object.entries(n.properties as Node)) {
      const description = (value as Node).description;
      out.push({ path: `${path}.${key}`, ...(typeof description === 'string' && { description }) });
      properties(value, `${path}.${key}`, out);
    }
  for (const k of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', '$defs', 'definitions'] as const) if (n[k]) properties(n[k], k === 'items' ? `${path}[]` : path, out);
}

test('every property of the JSON Schema has a description', () => {
  const schema = JSON.parse(execFileSync(process.execPath, ['bin/leerkring.js', 'schema'], { encoding: 'utf8' }));
  const all: { path: string; description?: string }[] = [];
  properties(schema, '', all);
  assert.ok(all.length > 150, `the walk finds the properties (${all.length})`);
  const missing = [...new Set(all.filter((p) => !p.description?.trim()).map((p) => p.path))];
  assert.equal(missing.length, 0, `${missing.length} properties without a description:\n${missing.join('\n')}`);
});

test('descriptions are English and name the Dutch words of the screens where they differ', () => {
  const schema = JSON.parse(execFileSync(process.execPath, ['bin/leerkring.js', 'schema'], { encoding: 'utf8' }));
  const all: { path: string; description?: string }[] = [];
  properties(schema, '', all);
  const at = (path: string) => all.find((p) => p.path === path)?.description ?? '';
  assert.match(at('.sessions'), /bijeenkomst/);
  assert.match(at('.registration.waitlist'), /wachtlijst/);
  assert.match(at('.registration.freeCancellationDaysBefore'), /free/i);
  assert.match(at('.sessions[].venue'), /locatie/);
});
