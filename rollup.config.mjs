import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const plugins = () => [
  nodeResolve({ exportConditions: ['browser', 'production'] }),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
];

export default [
  {
    // What a CMS page loads: every element, Lit included. The calendar-file generator is a
    // separate chunk loaded only when someone asks for an .ics download.
    input: 'dist/components/index.js',
    output: { dir: 'dist', entryFileNames: 'leerkring.js', chunkFileNames: 'leerkring-[name]-[hash].js', format: 'es' },
    plugins: plugins(),
  },
];
