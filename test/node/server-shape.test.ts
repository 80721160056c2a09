// The server's shape (issue 26): files and functions small enough to read, and the layers apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionsOf, shapeProblems } from '../../scripts/server-shape.mjs';

test('the shape check measures functions: a long one is found, with its name and length', () => {
  const long = `export function big() {\n${'  call();\n'.repeat(85)}}\nconst small = () => 1;\nclass A { #m() {\n return 1;\n} }\n`;
  const found = functionsOf(long) as { name: string; lines: number }[];
  assert.deepEqual(
    found.map((f) => [f.name, f.lines]),
    [['big', 87], ['small', 1], ['m', 3]],
  );
});

test('src/server keeps its shape: no file over 400 lines, no function over 80, services without Fastify, storage without mail', () => {
  assert.deepEqual(shapeProblems(), []);
});
