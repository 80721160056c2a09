// Issue 23: the README's "Network documents" shows every field the issue added with an example in
// JSON that reads as JSON, so an editor can copy it: optional sessions, choose-one groups, places
// of a session's own in a series, relative deadlines, a price per organisation type, Frisian, a
// draft, and the day of a programme item in a session over more days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const README = readFileSync('README.md', 'utf8');
const start = README.indexOf('\n## Network documents\n');
const section = README.slice(start, README.indexOf('\n## ', start + 10));
/** The JSON examples of the section, each read as the members of one object (or a whole object). */
const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

test('the JSON examples of "Network documents" read as JSON', () => {
  assert.ok(examples.length >= 3, `${examples.length} examples`);
  for (const e of examples) assert.doesNotThrow(() => JSON.parse(e.startsWith('{') ? e : `{${e}}`), e.slice(0, 80));
});

test('every field issue 23 added has an example', () => {
  const all = examples.join('\n');
  const wanted: [string, RegExp][] = [
    ['optional', /"optional":\s*true/],
    ['chooseOne', /"chooseOne":\s*"/],
    ['capacity of a session in a series', /"scope":\s*"network"[\s\S]*|"capacity":\s*\d+[\s\S]*"scope":\s*"network"/],
    ['closesDaysBefore', /"closesDaysBefore":\s*\d+/],
    ['freeCancellationDaysBefore', /"freeCancellationDaysBefore":\s*\d+/],
    ['price per organisation type', /"type":\s*"per-organisation-type"/],
    ['language fy', /"language":\s*"fy"/],
    ['draft', /"draft":\s*true/],
    ['programme day', /"programme":\s*\[[\s\S]*"day":\s*2/],
  ];
  const missing = wanted.filter(([, pattern]) => !pattern.test(all)).map(([name]) => name);
  assert.deepEqual(missing, [], `no example for: ${missing.join(', ')}`);
});
