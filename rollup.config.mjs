import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, rmSync } from 'node:fs';

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
    input: 'dist/components/index.js',
    preserveEntrySignatures: 'allow-extension',
    onwarn,
    output: { dir: 'dist', entryFileNames: 'leerkring.js', chunkFileNames: 'leerkring-[name]-[hash].js', format: 'es' },
    plugins: plugins(),
  },
];
