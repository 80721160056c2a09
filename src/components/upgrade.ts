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
import { isSafeUrl } from '../core/lean.js';
import { LeerkringNetwork } from './network/network.js';
import { LeerkringAgenda } from './agenda/agenda.js';
import { LeerkringSignup } from './signup/signup.js';
import { URL_ATTRIBUTES, warnUnsafeUrl } from './shared/safe-links.js';

const ELEMENTS = { network: LeerkringNetwork, agenda: LeerkringAgenda, signup: LeerkringSignup } as const;
const UPGRADED = 'leerkringUpgraded';

/** The kinds a placeholder can name in `data-leerkring`. */
export type PlaceholderKind = keyof typeof ELEMENTS;

/**
 * The attributes a placeholder may set: exactly the element's public attributes, read from its
 * reactive property declarations, the same declarations `custom-elements.json` documents.
 */
export function placeholderAttributes(kind: PlaceholderKind): readonly string[] {
  return ELEMENTS[kind].observedAttributes;
}

export function upgradeFallbacks(root: ParentNode = document): number {
  let count = 0;
  for (const host of root.querySelectorAll<HTMLElement>('[data-leerkring]:not(script)')) {
    const kind = host.dataset.leerkring ?? '';
    if (!Object.hasOwn(ELEMENTS, kind) || host.dataset[UPGRADED]) continue;
    const el = document.createElement(`leerkring-${kind}`);
    for (const name of placeholderAttributes(kind as PlaceholderKind)) {
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

/** Upgrades placeholders now and whenever a CMS inserts more later (tabs, accordions, lazy blocks). */
export function watchFallbacks(): void {
  const run = () => upgradeFallbacks(document);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
  new MutationObserver((records) => {
    if (records.some((r) => Array.from(r.addedNodes).some((n) => n instanceof Element && (n.matches('[data-leerkring]') || n.querySelector('[data-leerkring]'))))) run();
  }).observe(document.documentElement, { childList: true, subtree: true });
}
