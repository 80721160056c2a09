import type { Locale } from './format.js';

/**
 * A catalogue of sentences: Dutch always there, English added by its own module when that is
 * imported (a chunk of its own in the browser, loaded on request). `messages` and
 * `formMessages` are each one of these.
 */
export interface Catalogue<T> {
  /** Adds a locale's sentences (the English module calls this when it is imported). */
  register(locale: Locale, words: T): void;
  /** Whether a locale's sentences are loaded; Dutch always is. */
  has(locale: Locale): boolean;
  /** Loads a locale's sentences. */
  load(locale: Locale): Promise<void>;
  /** The sentences for a locale; anything but a loaded "en" gets Dutch, the default. */
  get(locale: string | undefined | null): T;
}

export function catalogue<T>(nl: T, loadEnglish: () => Promise<unknown>): Catalogue<T> {
  const byLocale: Partial<Record<Locale, T>> = { nl };
  return {
    register: (locale, words) => void (byLocale[locale] = words),
    has: (locale) => byLocale[locale] !== undefined,
    load: async (locale) => {
      if (locale === 'en' && !byLocale.en) await loadEnglish();
    },
    get: (locale) => (locale === 'en' ? byLocale.en : undefined) ?? nl,
  };
}
