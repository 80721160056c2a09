import { html, nothing, type TemplateResult } from 'lit';
import type { ReactiveControllerHost } from 'lit';
import { hasMessages, loadMessages, messages, toLocale, type Locale } from '../../core/lean.js';
import type { NetworkState } from '../context.js';

/** The code for the error and invalid-document states (see state-problem.ts), once loaded. */
let problem: typeof import('./state-problem.js') | undefined;

/**
 * The loading, error and invalid-document states, shared by every element. The last two come
 * from a chunk loaded when an element first meets one: until then the element shows nothing,
 * and it renders again when the code is there (its alert is announced when it appears).
 */
export function renderState(state: NetworkState, locale: Locale, host: ReactiveControllerHost): TemplateResult | typeof nothing {
  if (state.status === 'loading') return html`<p role="status" part="status">${messages(locale).agenda.loading}</p>`;
  if (state.status === 'ready') return nothing;
  if (problem) return problem.renderProblem(state, locale, host);
  import('./state-problem.js').then(
    (loaded) => {
      problem = loaded;
      host.requestUpdate();
    },
    // Offline, say: the console is the only place left to say so.
    (error: unknown) => console.error('leerkring: the error message could not be loaded', error),
  );
  return nothing;
}

/** The locale for an element: its own `lang`, or the nearest ancestor's; Dutch by default. */
export function elementLocale(el: HTMLElement): Locale {
  return toLocale(el.closest('[lang]')?.getAttribute('lang'));
}

/**
 * The element's locale once its messages are loaded. English (and Frisian) is a separate chunk: the first
 * call starts loading it and returns undefined, and the element renders again when it is there.
 */
export function readyLocale(host: ReactiveControllerHost & HTMLElement): Locale | undefined {
  const locale = elementLocale(host);
  if (hasMessages(locale)) return locale;
  void loadMessages(locale).then(() => host.requestUpdate());
  return undefined;
}
