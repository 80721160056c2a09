// `npm run size`: gzip sizes of what a page downloads, measured on the real build in dist/.
// dist/leerkring.js is a loader: each element's chunk (with what it needs, found by following
// the chunk's static imports) is fetched when its tag or placeholder appears. Every file is
// compressed on its own, as a browser receives it. Budgets (issue 11):
//  - a page with an agenda whose network comes from the registration API: ≤ 20 KB gzip before
//    the agenda shows (the loader, and the agenda's chunk, which holds <leerkring-network> too);
//  - the same page with its own document (src or inline JSON): ≤ 25 KB, with the lean check
//    generated from the schema (src/core/network-check.generated.ts); the full validator (zod,
//    the schema, the problem sentences) loads only for a document that check does not pass;
//  - the signup form and its texts load only on pages with a <leerkring-signup>.
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const files = readdirSync('dist').filter((f) => /^leerkring.*\.js$/.test(f) && f !== 'leerkring-console.js');
const code = new Map(files.map((f) => [f, readFileSync(`dist/${f}`)]));
/** The chunks a file imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import("./x.js")`. */
const staticImports = (f) => [...code.get(f).toString().matchAll(/import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]);
function closure(names, seen = new Set()) {
  for (const f of names) {
    if (seen.has(f)) continue;
    seen.add(f);
    closure(staticImports(f), seen);
  }
  return seen;
}
const chunk = (name) => {
  const f = files.find((x) => new RegExp(`^leerkring-${name}-[\\w-]{6}\\.js$`).test(x));
  if (!f) throw new Error(`dist/ has no chunk for ${name}`);
  return f;
};
/** "312 B to spare" or "40 B over": budgets are close enough that a rounded KB hides which way they go. */
const margin = (n, budget) => (n <= budget ? `${budget - n} B to spare` : `${n - budget} B over`);
const total = (set) => [...set].reduce((n, f) => n + gz(code.get(f)), 0);

const rows = [['dist/leerkring.js (the loader, up front)', readFileSync('dist/leerkring.js')]];
for (const f of files.filter((f) => f !== 'leerkring.js').sort()) rows.push([`dist/${f} (on demand)`, code.get(f)]);
rows.push(['dist/leerkring-console.js (the console, its own page)', readFileSync('dist/leerkring-console.js')]);
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
for (const [name, buf] of rows) console.log(`${name.padEnd(width)}  ${kb(buf.length).padStart(9)}  ${kb(gz(buf)).padStart(9)}  ${kb(br(buf)).padStart(9)}`);

const page = (...elements) => closure(['leerkring.js', ...elements.map(chunk)]);
// <leerkring-network> is in the agenda's chunk (see rollup.config.mjs).
const agendaApi = page('agenda');
// Without the API a page works out availability itself: that code comes with its own document.
const agendaOwn = page('agenda', 'network-check', 'availability');
const agendaInvalid = page('agenda', 'network-check', 'parse-network', 'availability');
const formApi = page('agenda', 'signup');
const formOwn = page('agenda', 'signup', 'network-check', 'availability');
const budgets = [
  ['agenda page, network from the API (loader + agenda and network)', agendaApi, 20 * 1024],
  ['agenda page, own document (+ lean check and availability)', agendaOwn, 25 * 1024],
  ['page with agenda and signup form, from the API', formApi, 35 * 1024],
  ['page with agenda and signup form, own document', formOwn, 45 * 1024],
];
console.log('\nWhat a page downloads before its elements show (gzip, each file on its own):');
for (const [name, set, budget] of budgets)
  console.log(`${total(set) <= budget ? 'within' : 'OVER'} budget: ${name} ${kb(total(set))} (budget ${kb(budget)}, ${margin(total(set), budget)}; ${set.size} files)`);
console.log(`for reference: agenda page whose own document has errors (+ full validator and its sentences) ${kb(total(agendaInvalid))} (${agendaInvalid.size} files)`);
const formOnly = [...code.keys()].filter((f) => /^leerkring-signup-/.test(f));
const leaked = formOnly.filter((f) => agendaOwn.has(f));
console.log(leaked.length ? `OVER budget: the signup form is loaded on agenda pages (${leaked.join(', ')})` : 'within budget: the signup form and its texts load only on pages with a <leerkring-signup>');
if (budgets.some(([, set, budget]) => total(set) > budget) || leaked.length) process.exitCode = 1;
