import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { treeshake } from './scripts/treeshake.mjs';
import { templateWhitespace } from './scripts/template-whitespace.mjs';

// Chunk names carry a content hash; remove the previous build's so dist/ holds one set.
for (const f of readdirSync('dist', { withFileTypes: true }))
  if (f.isFile() && /^leerkring.*\.js$/.test(f.name)) rmSync(`dist/${f.name}`);

// Warnings that say nothing about our code: tsc's decorator helper tests `this` at module
// level, and zod ships comments rollup cannot place and an internal import cycle.
function onwarn(warning, warn) {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
}

const plugins = () => [
  nodeResolve({ exportConditions: ['browser', 'production'] }),
  templateWhitespace(),
  // A second compress pass folds what the first one uncovered (31 B gzip on an agenda page with its own document).
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    // What a CMS page loads: every element, Lit included. The calendar-file generator is a
    // separate chunk loaded only when someone asks for an .ics download.
    input: 'dist/components/bundle.js',
    preserveEntrySignatures: 'allow-extension',
    onwarn,
    treeshake,
    // Six hash characters (36 bits, the least rollup allows here) still change with every change
    // of a chunk; each name is written in the loader and the chunks that import it, and random
    // characters do not compress: 46 B gzip on an agenda page with its own document, 75 B with a form.
    output: { dir: 'dist', entryFileNames: 'leerkring.js', chunkFileNames: 'leerkring-[name]-[hash:6].js', format: 'es', manualChunks: await elementChunks() },
    plugins: [...plugins(), integrity()],
  },
  {
    // The organiser console at /beheer/: one file of its own, never loaded by public pages.
    input: 'dist/console/index.js',
    onwarn,
    treeshake,
    output: { file: 'dist/leerkring-console.js', format: 'es', inlineDynamicImports: true },
    plugins: plugins(),
  },
];

/**
 * dist/leerkring.js is a loader; each element's module is a chunk fetched when its tag appears.
 * Left to itself rollup also cuts what the elements share into several small chunks, and every
 * file is compressed on its own: an agenda page would fetch five files and lose about 2 KB gzip
 * to the cuts. So a first pass learns rollup's own cut (after tree-shaking), and every chunk
 * that the agenda or the network needs is merged into the agenda's chunk: an agenda page
 * fetches the loader and that chunk; a page with a form fetches the form's chunk on top. The
 * network element rides along on every agenda page (about 0.6 KB gzip) because nearly every
 * page has one, and as a file of its own it cost those pages 1 KB. What only the form, the
 * validator, the calendar writer, English or the placeholders need stays in a chunk of its own.
 */
async function elementChunks() {
  const build = await rollup({ input: 'dist/components/bundle.js', preserveEntrySignatures: 'allow-extension', onwarn: () => {}, treeshake, plugins: [nodeResolve({ exportConditions: ['browser', 'production'] })] });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const chunks = new Map(output.filter((c) => c.type === 'chunk').map((c) => [c.fileName, c]));
  /** The first pass's chunk that holds a module (rollup may put more than one module in it, so not by its facade). */
  const chunkHolding = (module) => [...chunks.values()].find((c) => Object.keys(c.modules).some((id) => module.test(id)));
  const users = new Map();
  /** Whether a chunk goes into the agenda's chunk: the agenda or the network needs it. */
  const upFront = (used) => !!used && (used.has('agenda') || used.has('network'));
  for (const chunk of chunks.values()) {
    const element = /components[\\/](network|agenda|signup)[\\/]\1\.js$/.exec(chunk.facadeModuleId ?? '')?.[1];
    if (!element || chunk.isEntry) continue;
    const visit = (name) => {
      if (!users.has(name)) users.set(name, new Set());
      if (users.get(name).has(element)) return;
      users.get(name).add(element);
      for (const next of chunks.get(name).imports) if (!chunks.get(next).isEntry) visit(next);
    };
    visit(chunk.fileName);
  }
  /** The chunks reachable through static imports from the one holding `module`, short of those `stop` keeps out and the entry. */
  const partsFrom = (module, stop) => {
    const parts = new Set();
    const visit = (name) => {
      if (parts.has(name) || stop(name) || chunks.get(name).isEntry) return;
      parts.add(name);
      for (const next of chunks.get(name).imports) visit(next);
    };
    const root = chunkHolding(module);
    if (root) visit(root.fileName);
    return parts;
  };
  // The lean document check takes the rules it shares with the full validator along: a page
  // with a valid document of its own fetches one file for it, and the validator comes only
  // for a document with errors.
  const checkParts = partsFrom(/core[\\/]network-check\.generated\.js$/, (name) => users.has(name));
  // The availability rules load only where the page works availability out itself (no API);
  // what they need and the agenda does not (when registration opens and closes, finding a
  // session) goes with them, in one file, rather than in small files of its own.
  const availabilityParts = partsFrom(/core[\\/]availability\.js$/, (name) => upFront(users.get(name)));
  // Every module gets its chunk by name: a module left to rollup would follow any module of a
  // named chunk that imports it (a barrel such as core/lean.js would pull the form's texts in).
  const plan = new Map();
  const named = new Map();
  for (const chunk of chunks.values()) named.set(chunk.name, (named.get(chunk.name) ?? 0) + 1);
  for (const chunk of chunks.values()) {
    const used = users.get(chunk.fileName) ?? new Set();
    // The loader's own modules stay in the loader (the chunk holding the entry becomes leerkring.js).
    let name = chunk.isEntry
      ? 'loader'
      : upFront(used)
        ? 'agenda'
        : checkParts.has(chunk.fileName)
          ? 'network-check'
          : availabilityParts.has(chunk.fileName)
            ? 'availability'
            : chunk.name;
    // Chunks of one name become one chunk: a shared chunk named like a module loaded on demand
    // (shared/json-ld.js and agenda/json-ld.js; the form's sentences and the manage page, both
    // "manage") takes its folder into its name instead.
    if (name === chunk.name && named.get(name) > 1 && !chunk.facadeModuleId) {
      // Named after its largest module: the form's sentences are "i18n-form".
      const [largest = ''] = Object.entries(chunk.modules).sort((a, b) => b[1].renderedLength - a[1].renderedLength)[0] ?? [];
      name = largest.split(/[\\/]/).slice(-2).join('-').replace(/\.js$/, '');
    }
    for (const id of Object.keys(chunk.modules)) plan.set(id, name);
  }
  return (id) => plan.get(id);
}

/** Writes dist/integrity.json: the Subresource Integrity hash (sha384) of every file the build wrote. */
function integrity() {
  return {
    name: 'integrity',
    generateBundle(_options, bundle) {
      const hashes = {};
      for (const [name, file] of Object.entries(bundle)) {
        const content = file.type === 'chunk' ? file.code : file.source;
        hashes[name] = `sha384-${createHash('sha384').update(content).digest('base64')}`;
      }
      this.emitFile({ type: 'asset', fileName: 'integrity.json', source: JSON.stringify(hashes, null, 2) + '\n' });
    },
  };
}
