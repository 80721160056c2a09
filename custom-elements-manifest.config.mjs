// `npm run manifest`: custom-elements.json from the JSDoc on the element classes, then the
// README's element reference from it (scripts/element-docs.mjs), so the two cannot drift.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // package.json names custom-elements.json itself; the analyzer must not rewrite it (the drift test writes elsewhere).
  packagejson: false,
  plugins: [
    {
      name: 'leerkring-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
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
