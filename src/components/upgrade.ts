/**
 * For CMS editors whose rich-text editor strips unknown tags: a plain
 * `<div data-leerkring="agenda" data-src="…">` is upgraded into `<leerkring-agenda src="…">`,
 * placed inside the div so the editor's own markup stays as it was. Each attribute the element
 * documents may be given as `data-*` (`data-network-id` → `network-id`); nothing else is copied.
 *
 * CMS sanitisers let any `data-*` through, so an editor without script rights can write
 * `data-onfocus` or `data-style`: copying every `data-*` would turn those into script and
 * overlays. URL attributes are copied only when they are http(s) or relative.
 */
import { isSafeUrl } from '../core/safe-url.js';
import { defineElement, isElementKind, type ElementKind } from './elements.js';
import { URL_ATTRIBUTES, warnUnsafeUrl } from './shared/url-attributes.js';

const UPGRADED = 'leerkringUpgraded';

/** The kinds a placeholder can name in `data-leerkring`. */
export type PlaceholderKind = ElementKind;

/**
 * The attributes a placeholder may set: exactly the element's public attributes, read from its
 * reactive property declarations, the same declarations `custom-elements.json` documents.
 * Nothing before the element is defined.
 */
export function placeholderAttributes(kind: PlaceholderKind): readonly string[] {
  const element = customElements.get(`leerkring-${kind}`) as { observedAttributes?: readonly string[] } | undefined;
  return element?.observedAttributes ?? [];
}

/** The kinds named by placeholders under `root` that are not upgraded yet. */
function pendingKinds(root: ParentNode): Set<ElementKind> {
  const kinds = new Set<ElementKind>();
  for (const host of root.querySelectorAll<HTMLElement>('[data-leerkring]:not(script)')) {
    const kind = host.dataset.leerkring ?? '';
    if (isElementKind(kind) && !host.dataset[UPGRADED]) kinds.add(kind);
  }
  return kinds;
}

/**
 * Upgrades the placeholders under `root` whose element is defined, and returns how many.
 * Placeholders of an element that is not defined yet wait (`watchFallbacks` loads it).
 */
export function upgradeFallbacks(root: ParentNode = document): number {
  let count = 0;
  for (const host of root.querySelectorAll<HTMLElement>('[data-leerkring]:not(script)')) {
    const kind = host.dataset.leerkring ?? '';
    if (!isElementKind(kind) || host.dataset[UPGRADED] || !customElements.get(`leerkring-${kind}`)) continue;
    const el = document.createElement(`leerkring-${kind}`);
    for (const name of placeholderAttributes(kind)) {
      const value = host.getAttribute(`data-${name}`);
      if (value === null) continue;
      if (URL_ATTRIBUTES.has(name) && !isSafeUrl(value)) {
        warnUnsafeUrl(`<div data-leerkring="${kind}">`, `data-${name}`);
        continue;
      }
      el.setAttribute(name, value);
    }
    if (host.id && kind === 'signup') {
      // Keep "#aanmelden" links working: the element takes over the anchor's role.
      el.id = `${host.id}-form`;
    }
    // Content the editor put in the div (a noscript fallback, a link) is kept for when scripts do not run.
    host.dataset[UPGRADED] = 'true';
    host.append(el);
    count++;
  }
  return count;
}

/**
 * Upgrades placeholders now and whenever a CMS inserts more later (tabs, accordions, lazy
 * blocks), loading each element's module first when it is not defined yet.
 */
export function watchFallbacks(): void {
  const run = () => {
    upgradeFallbacks(document);
    const waiting = [...pendingKinds(document)].filter((kind) => !customElements.get(`leerkring-${kind}`));
    for (const kind of waiting)
      defineElement(kind).then(
        () => upgradeFallbacks(document),
        (error: unknown) => console.error(`leerkring: <leerkring-${kind}> could not be loaded`, error),
      );
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
  new MutationObserver((records) => {
    if (records.some((r) => Array.from(r.addedNodes).some((n) => n instanceof Element && (n.matches('[data-leerkring]') || n.querySelector('[data-leerkring]'))))) run();
  }).observe(document.documentElement, { childList: true, subtree: true });
}
