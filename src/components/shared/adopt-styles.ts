import type { CSSResult } from 'lit';

/**
 * Adds styles that came with a view loaded on demand (the filters, the problem view) to an
 * element's shadow root, once: a constructable stylesheet (what a strict Content-Security-Policy
 * allows), or a `<style>` where the browser has none, as Lit itself does.
 */
export function adoptStyles(root: ShadowRoot, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (sheet ? root.adoptedStyleSheets.includes(sheet) : [...root.querySelectorAll('style')].some((s) => s.textContent === styles.cssText)) return;
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else root.append(Object.assign(document.createElement('style'), { textContent: styles.cssText }));
}
