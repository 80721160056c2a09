// `npm run manifest`: custom-elements.json from the JSDoc on the element classes, then the
// README's element reference from it (scripts/element-docs.mjs), so the two cannot drift.
import { readdirSync } from 'node:fs';

// The analyzer lists modules in the order the file system returns them, which differs between
// machines. The manifest is sorted below; CEM_REVERSE=1 feeds the files in reverse order so a
// test can prove the output does not depend on that order.
const files = readdirSync('src/components', { recursive: true })
  .map((f) => `src/components/${f}`)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.styles.ts'))
  .sort();
if (process.env.CEM_REVERSE === '1') files.reverse();

export default {
  globs: files,
  exclude: ['src/components/**/*.styles.ts'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // package.json names custom-elements.json itself; the analyzer must not rewrite it (the drift test writes elsewhere).
  packagejson: false,
  plugins: [
    {
      name: 'leerkring-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules) {
          for (const d of mod.declarations ?? []) {
            if (!d.customElement) continue;
            // Internal reactive state (`_view`, `_problems`) is not an API; events are documented by @fires.
            d.attributes = (d.attributes ?? []).filter((a) => !a.name.startsWith('_'));
            d.members = (d.members ?? []).filter((m) => !m.name.startsWith('_') && !m.name.startsWith('#') && m.privacy !== 'private');
            d.events = (d.events ?? []).filter((e) => e.name?.startsWith('leerkring-') && e.description);
          }
        }
      },
    },
  ],
};
