import type { ReactiveControllerHost } from 'lit';
import { hasFormMessages, loadFormMessages, type Locale } from '../../core/lean.js';
import { readyLocale } from './state-view.js';

/**
 * `readyLocale` for the elements that show the form's texts (the form, the manage page): the
 * form's English is a chunk of its own, so a Dutch form page never downloads it. The first call
 * on an English page starts loading it and returns undefined; the element renders again when it
 * is there.
 */
export function readyFormLocale(host: ReactiveControllerHost & HTMLElement): Locale | undefined {
  const locale = readyLocale(host);
  if (!locale || hasFormMessages(locale)) return locale;
  void loadFormMessages(locale).then(() => host.requestUpdate());
  return undefined;
}
