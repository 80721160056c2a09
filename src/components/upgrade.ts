/**
 * For CMS editors whose rich-text editor strips unknown tags: a plain
 * `<div data-leerkring="agenda" data-src="…">` is upgraded into `<leerkring-agenda src="…">`,
 * placed inside the div so the editor's own markup stays as it was. Every `data-*` attribute
 * becomes the element attribute of the same name (`data-network-id` → `network-id`).
 */
const KINDS = new Set(['network', 'agenda', 'signup']);
const UPGRADED = 'leerkringUpgraded';

export function upgradeFallbacks(root: ParentNode = document): number {
  let count = 0;
  for (const host of root.querySelectorAll<HTMLElement>('[data-leerkring]:not(script)')) {
    const kind = host.dataset.leerkring ?? '';
    if (!KINDS.has(kind) || host.dataset[UPGRADED]) continue;
    const el = document.createElement(`leerkring-${kind}`);
    for (const attr of Array.from(host.attributes)) {
      if (!attr.name.startsWith('data-') || attr.name === 'data-leerkring' || attr.name === 'data-leerkring-upgraded') continue;
      el.setAttribute(attr.name.slice(5), attr.value);
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
