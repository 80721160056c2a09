import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { treeshake } from './scripts/treeshake.mjs';

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
  terser({ ecma: 2022, module: true, format: { comments: false } }),
];

export default [
  {
    // What a CMS page loads: every element, Lit included. The calendar-file generator is a
    // separate chunk loaded only when someone asks for an .ics download.
    input: 'dist/components/bundle.js',
    preserveEntrySignatures: 'allow-extension',
    onwarn,
    treeshake,
    output: { dir: 'dist', entryFileNames: 'leerkring.js', chunkFileNames: 'leerkring-[name]-[hash].js', format: 'es' },
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
