/** Date and number formatting in Europe/Amsterdam, for the UI languages (Dutch, English, Frisian). */
import { TIME_ZONE } from '../time.js';

export type Locale = 'nl' | 'en' | 'fy';
export const LOCALES: readonly Locale[] = ['nl', 'en', 'fy'];

/** The tag Intl formats each locale with; fy.ts turns Frisian into Dutch forms where Intl has no Frisian (Chromium). */
export const BCP47: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB', fy: 'fy-NL' };
/** The date formatters made so far, by locale and options; fy.ts wraps the Frisian ones where Intl has no Frisian. */
export const dateFormats = new Map<string, { format(d: Date): string }>();

function fmt(locale: Locale, options: Intl.DateTimeFormatOptions): { format(d: Date): string } {
  const key = locale + JSON.stringify(options);
  if (!dateFormats.has(key)) dateFormats.set(key, new Intl.DateTimeFormat(BCP47[locale], { timeZone: TIME_ZONE, ...options }));
  return dateFormats.get(key)!;
}

/** "donderdag 21 april 2022" / "Thursday 21 April 2022" */
export function formatDate(locale: Locale, instant: Date): string {
  return fmt(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** "21 apr. 2022" / "21 Apr 2022" */
export function formatShortDate(locale: Locale, instant: Date): string {
  return fmt(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(instant);
}

/** "19.30" / "19:30": both on the 24-hour clock; Dutch (and Frisian) government style writes a point. */
export function formatTime(locale: Locale, instant: Date): string {
  const time = fmt(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return locale === 'en' ? time : time.replace(':', '.');
}

/** "april 2022" / "April 2022", for grouping an agenda by month. */
export function formatMonth(locale: Locale, instant: Date): string {
  return fmt(locale, { month: 'long', year: 'numeric' }).format(instant);
}

/** "donderdag 21 april 2022, 19.30 uur" / "Thursday 21 April 2022, 19:30" / "tongersdei 21 april 2022, 19.30 oere" */
export function formatDateTime(locale: Locale, instant: Date): string {
  return `${formatDate(locale, instant)}, ${formatTime(locale, instant)}${locale == 'en' ? '' : locale == 'fy' ? ' oere' : ' uur'}`;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
/** Picks the plural form: Dutch and English both distinguish one and other. */
export function pluralForm(locale: Locale, n: number): 'one' | 'other' {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(BCP47[locale])));
  return rules.select(n) === 'one' ? 'one' : 'other';
}

/** "1 plaats" / "3 plaatsen": `forms` are the one and other wordings, `{n}` is replaced. */
export function plural(locale: Locale, n: number, forms: { one: string; other: string }): string {
  return forms[pluralForm(locale, n)].replace('{n}', String(n));
}

/** Formats a list: "A, B en C" / "A, B and C". */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(BCP47[locale], { type: 'conjunction' }).format(items);
}

/**
 * A list with each item kept as it is (a rendered name, for example), joined by the locale's
 * separators: for elements that isolate every name on its own.
 */
export function formatListParts<T>(locale: Locale, items: readonly T[]): (T | string)[] {
  let i = 0;
  return new Intl.ListFormat(BCP47[locale], { type: 'conjunction' })
    .formatToParts(items.map((_, n) => String(n)))
    .map((p) => (p.type === 'element' ? items[i++]! : p.value));
}

/** Formats a choice: "A, B of C" / "A, B or C". */
export function formatOrList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(BCP47[locale], { type: 'disjunction' }).format(items);
}
