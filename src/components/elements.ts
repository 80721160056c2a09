/**
 * Every public element and the module that defines it: the one table that the on-demand
 * loader (dist/leerkring.js) and the `data-leerkring` placeholders read. A new element is one
 * line here; its kind is its tag without `leerkring-`.
 */
export const ELEMENTS = {
  network: () => import('./network/network.js'),
  agenda: () => import('./agenda/agenda.js'),
  signup: () => import('./signup/signup.js'),
  manage: () => import('./manage/manage.js'),
  about: () => import('./about/about.js'),
  catalogue: () => import('./catalogue/catalogue.js'),
} satisfies Record<string, () => Promise<unknown>>;

/** The kinds a page can use: `<leerkring-{kind}>` or `<div data-leerkring="{kind}">`. */
export type ElementKind = keyof typeof ELEMENTS;

export const ELEMENT_KINDS = Object.keys(ELEMENTS) as ElementKind[];

export function isElementKind(kind: string): kind is ElementKind {
  return Object.hasOwn(ELEMENTS, kind);
}

const loading = new Map<ElementKind, Promise<void>>();

/**
 * Defines `<leerkring-{kind}>`, loading its module the first time (at once when it is already
 * defined, as after importing `leerkring/components`). A module that failed to load (the
 * connection dropped) is tried again the next time.
 */
export function defineElement(kind: ElementKind): Promise<void> {
  if (customElements.get(`leerkring-${kind}`)) return Promise.resolve();
  let pending = loading.get(kind);
  if (!pending) {
    pending = ELEMENTS[kind]().then(
      () => undefined,
      (error: unknown) => {
        loading.delete(kind);
        throw error;
      },
    );
    loading.set(kind, pending);
  }
  return pending;
}
