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
        // Each event has its own class (leerkring-session-select -> LeerkringSessionSelectEvent):
        // the manifest names it, so framework types can give handlers the event's fields.
        const declared = new Set(customElementsManifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.name)));
        for (const mod of customElementsManifest.modules)
          for (const d of mod.declarations ?? [])
            for (const e of d.events ?? []) {
              const name = `${e.name.replace(/(^|-)([a-z])/g, (_, _dash, c) => c.toUpperCase())}Event`;
              if (!declared.has(name)) throw new Error(`${d.tagName} fires ${e.name}, but there is no class ${name}`);
              e.type = { text: name };
            }
        // The package ships the compiled modules, not src/: name those.
        const shipped = (value) => {
          if (Array.isArray(value)) value.forEach(shipped);
          else if (value && typeof value === 'object')
            for (const [key, v] of Object.entries(value)) {
              if ((key === 'path' || key === 'module') && typeof v === 'string') value[key] = v.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
              else shipped(v);
            }
        };
        shipped(customElementsManifest.modules);
        // Re-exports name their module relative to the importing file; the manifest's paths are from the package root.
        for (const mod of customElementsManifest.modules)
          for (const e of mod.exports ?? [])
            if (e.declaration?.module?.startsWith('.')) e.declaration.module = new URL(e.declaration.module, `file:///${mod.path}`).pathname.slice(1);
      },
    },
  ],
};
