/**
 * Sentences for a registration body of the wrong shape: a field of the wrong JSON type. Only a
 * program other than the form sends these, so they are kept apart from the form's catalogue
 * and browsers never download them.
 */
import type { Locale } from './format.js';

const nl = {
  string: 'Dit moet tekst zijn.',
  number: 'Dit moet een getal zijn.',
  boolean: 'Dit moet ja of nee zijn (true of false).',
  array: 'Dit moet een lijst zijn.',
  object: 'Dit moet een object zijn: { … }.',
  answer: 'Dit moet tekst, een getal of ja/nee (true of false) zijn.',
  choose: (options: readonly string[]) => `Kies een van: ${options.join(', ')}.`,
};

export type ShapeMessages = typeof nl;

const en: ShapeMessages = {
  string: 'This must be text.',
  number: 'This must be a number.',
  boolean: 'This must be yes or no (true or false).',
  array: 'This must be a list.',
  object: 'This must be an object: { … }.',
  answer: 'This must be text, a number or yes/no (true or false).',
  choose: (options: readonly string[]) => `Choose one of: ${options.join(', ')}.`,
};

export function shapeMessages(locale: Locale): ShapeMessages {
  return locale === 'en' ? en : nl;
}
