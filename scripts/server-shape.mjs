// The server's shape (issue 26): no file in src/server over 400 lines, no function over 80,
// a service never imports Fastify, a repository never composes e-mail. `node
// scripts/server-shape.mjs` prints what breaks a rule and exits 1; test/node/server-shape.test.ts
// holds the same rules in the test suite.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';

export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 80;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod']);

function nameOf(node, parent) {
  if (node.id?.name) return node.id.name;
  if (node.key) return node.key.name ?? node.key.id?.name ?? node.key.value ?? '(computed)';
  if (parent?.type === 'VariableDeclarator') return parent.id.name;
  if (parent?.type === 'ClassProperty' || parent?.type === 'ClassPrivateProperty' || parent?.type === 'ObjectProperty') return parent.key.name ?? parent.key.id?.name ?? parent.key.value;
  return '(anonymous)';
}

/** Every function of a TypeScript source with its first line and length in lines. */
export function functionsOf(source) {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript', 'decorators-legacy'] });
  const out = [];
  const walk = (node, parent) => {
    if (!node || typeof node.type !== 'string') return;
    if (FUNCTION_TYPES.has(node.type)) out.push({ name: nameOf(node, parent), line: node.loc.start.line, lines: node.loc.end.line - node.loc.start.line + 1 });
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'leadingComments' || key === 'trailingComments') continue;
      const value = node[key];
      if (Array.isArray(value)) for (const child of value) walk(child, node);
      else if (value && typeof value === 'object') walk(value, node);
    }
  };
  walk(ast.program, undefined);
  return out;
}

/** The TypeScript files below a folder, with their paths relative to `root`. */
export function sourceFiles(dir, root = process.cwd()) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => relative(root, join(dir, f)))
    .sort();
}

const imports = (source) => [...source.matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);

/** What breaks the server's shape, one sentence each. */
export function shapeProblems(root = process.cwd()) {
  const problems = [];
  for (const file of sourceFiles(join(root, 'src/server'), root)) {
    const source = readFileSync(join(root, file), 'utf8');
    const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) problems.push(`${file} has ${lines} lines (at most ${MAX_FILE_LINES})`);
    for (const f of functionsOf(source)) {
      if (f.lines > MAX_FUNCTION_LINES) problems.push(`${file}:${f.line} function ${f.name} has ${f.lines} lines (at most ${MAX_FUNCTION_LINES})`);
    }
    const from = imports(source);
    if (file.includes('/services/') && from.some((m) => m === 'fastify' || m.startsWith('@fastify/') || m.includes('/http/'))) problems.push(`${file} is a service and imports Fastify or the HTTP layer`);
    if (file.includes('/storage/') && from.some((m) => /\/mail(\/|\.js$)/.test(m) || m.includes('/services/') || m.includes('/http/'))) problems.push(`${file} is storage and imports mail, a service or the HTTP layer`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = shapeProblems();
  for (const p of problems) console.log(p);
  console.log(problems.length ? `${problems.length} problems` : 'the server keeps its shape');
  process.exit(problems.length ? 1 : 0);
}
