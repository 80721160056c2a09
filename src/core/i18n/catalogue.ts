import type { Locale } from './format.js';

/**
 * A catalogue of sentences: Dutch always there, English and Frisian each added by its own module
 * when that is imported (a chunk of its own in the browser, loaded on request). `messages` and
 * `formMessages` are each one of these.
 */
export interface Catalogue<T> {
  /** Adds a locale's sentences (the English and Frisian modules call this when they are imported). */
  register(locale: Locale, words: T): void;
  /** Whether a locale's sentences are loaded; Dutch always is. */
  has(locale: Locale): boolean;
  /** Loads a locale's sentences. */
  load(locale: Locale): Promise<void>;
  /** The sentences for a locale; anything but a loaded "en" or "fy" gets Dutch, the default. */
  get(locale: string | undefined | null): T;
}

/** `load` imports the module of a locale other than Dutch, which registers itself. */
export function catalogue<T>(nl: T, load: (locale: Exclude<Locale, 'nl'>) => Promise<unknown>): Catalogue<T> {
  // A Map: a locale string from a page ("constructor") never reaches an object's prototype.
  const byLocale = new Map<unknown, T>([['nl', nl]]);
  return {
    register: (locale, words) => void byLocale.set(locale, words),
    has: (locale) => byLocale.has(locale),
    load: async (locale) => void (byLocale.has(locale) || (await load(locale as Exclude<Locale, 'nl'>))),
    get: (locale) => byLocale.get(locale) ?? nl,
  };
}
