/**
 * The entry of dist/leerkring.js, the file CMS pages load: a small loader. Each element's
 * module (with Lit and the core it needs) is fetched when its tag or a `data-leerkring`
 * placeholder appears in the page, now or later, so a page pays only for the elements it shows:
 * a page with an agenda never downloads the registration form and its texts. Importing
 * `leerkring/components` from npm defines every element at once instead.
 *
 * Elements in a shadow root of the site's own are not seen from the document: call
 * `defineElement('agenda')` for those (or import `leerkring/components`). `watchFallbacks()`
 * (the placeholders) is fetched with the first `data-leerkring` placeholder.
 */
import { ELEMENT_KINDS, defineElement } from './elements.js';

export { defineElement, ELEMENT_KINDS, type ElementKind } from './elements.js';

const TAGS = ELEMENT_KINDS.map((kind) => `leerkring-${kind}`);
const SELECTOR = TAGS.join(',');

/** Loads the module of every leerkring tag under `root` (or `root` itself) that is not defined yet. */
function defineUsed(root: Element | Document): void {
  ELEMENT_KINDS.forEach((kind, i) => {
    const tag = TAGS[i]!;
    if (customElements.get(tag) || !((root instanceof Element && root.localName === tag) || root.querySelector(tag))) return;
    defineElement(kind).catch((error: unknown) => console.error(`leerkring: <${tag}> could not be loaded`, error));
  });
}

// Placeholders need their own code (the attribute rules), so it is fetched with the first one.
const PLACEHOLDER = '[data-leerkring]:not(script)';
let placeholders: Promise<unknown> | undefined;
function watchPlaceholders(): void {
  placeholders ??= import('./upgrade.js').then(
    ({ watchFallbacks }) => watchFallbacks(),
    (error: unknown) => {
      placeholders = undefined;
      console.error('leerkring: the placeholder code could not be loaded', error);
    },
  );
}

new MutationObserver((records) => {
  for (const record of records)
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      if (node.matches(SELECTOR) || node.querySelector(SELECTOR)) defineUsed(node);
      if (node.matches(PLACEHOLDER) || node.querySelector(PLACEHOLDER)) watchPlaceholders();
    }
}).observe(document.documentElement, { childList: true, subtree: true });
defineUsed(document);
if (document.querySelector(PLACEHOLDER)) watchPlaceholders();
