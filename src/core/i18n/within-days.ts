/**
 * A module of its own: only the registration form and the e-mails say it, so an agenda page
 * does not load it.
 */
import { plural, type Locale } from './format.js';

/** The promise of an intake's first contact: "binnen 10 werkdagen" / "within 1 day"; working days unless the document says otherwise. */
export function withinDays(locale: Locale, days: number, working = true): string {
  if (locale === 'fy') return plural(locale, days, working ? { one: 'binnen {n} wurkdei', other: 'binnen {n} wurkdagen' } : { one: 'binnen {n} dei', other: 'binnen {n} dagen' });
  if (locale === 'en') return plural(locale, days, working ? { one: 'within {n} working day', other: 'within {n} working days' } : { one: 'within {n} day', other: 'within {n} days' });
  return plural(locale, days, working ? { one: 'binnen {n} werkdag', other: 'binnen {n} werkdagen' } : { one: 'binnen {n} dag', other: 'binnen {n} dagen' });
}
