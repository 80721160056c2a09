// `npm run size`: gzip sizes of what a page loads, measured on real builds.
//  - dist/leerkring.js: every element, Lit and the schemas (what a CMS page loads up front);
//  - an agenda-only bundle (<leerkring-network> + <leerkring-agenda>), built here in memory;
//  - chunks loaded on demand (the .ics generator), counted separately.
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { treeshake } from './treeshake.mjs';

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function bundle(entries) {
  const virtual = 'virtual:entry';
  const build = await rollup({
    input: virtual,
    onwarn: () => {},
    treeshake,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === virtual ? id : null), load: (id) => (id === virtual ? entries.map((e) => `import '${e}';`).join('\n') : null) },
      nodeResolve({ exportConditions: ['browser', 'production'] }),
      terser({ ecma: 2022, module: true, format: { comments: false } }),
    ],
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
  const lazy = output.filter((o) => o.type === 'chunk' && !o.isEntry);
  return { initial: Buffer.from(entry.code), lazy: lazy.map((c) => Buffer.from(c.code)) };
}

const rows = [];
const full = readFileSync('dist/leerkring.js');
rows.push(['dist/leerkring.js (all elements, loaded up front)', full]);
for (const f of readdirSync('dist').filter((f) => /^leerkring-.*\.js$/.test(f)))
  rows.push([`dist/${f} (on demand)`, readFileSync(`dist/${f}`)]);
const agenda = await bundle([new URL('../dist/components/network/network.js', import.meta.url).pathname, new URL('../dist/components/agenda/agenda.js', import.meta.url).pathname]);
rows.push(['agenda-only: <leerkring-network> + <leerkring-agenda> (up front)', agenda.initial]);

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'bundle'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
for (const [name, buf] of rows) console.log(`${name.padEnd(width)}  ${kb(buf.length).padStart(9)}  ${kb(gz(buf)).padStart(9)}  ${kb(br(buf)).padStart(9)}`);

// Pages that give the document themselves (src or inline JSON) also load the document validator
// (zod and the schema) before anything shows; pages that get it from the registration API do not.
const validator = readdirSync('dist').find((f) => /^leerkring-parse-network-.*\.js$/.test(f));
const validatorGz = validator ? gz(readFileSync(`dist/${validator}`)) : 0;
const budgets = [
  ['agenda-only up front, network from the API', gz(agenda.initial), 20 * 1024],
  ['agenda-only up front, own document (+ validator chunk)', gz(agenda.initial) + validatorGz, 20 * 1024],
  ['dist/leerkring.js up front, network from the API', gz(full), 30 * 1024],
  ['dist/leerkring.js up front, own document (+ validator chunk)', gz(full) + validatorGz, 30 * 1024],
];
console.log('');
for (const [name, size, budget] of budgets)
  console.log(`${size <= budget ? 'within' : 'OVER'} budget: ${name} ${kb(size)} gzip (budget ${kb(budget)})`);
