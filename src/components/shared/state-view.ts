import { html, nothing, type TemplateResult } from 'lit';
import type { ReactiveControllerHost } from 'lit';
import { hasMessages, loadMessages, messages, toLocale, type Locale } from '../../core/lean.js';
import type { NetworkState } from '../context.js';

/**
 * The loading, error and invalid-document states, shared by every element. An invalid document
 * lists each problem with its path, so the editor who pasted it knows what to correct.
 */
export function renderState(state: NetworkState, locale: Locale): TemplateResult | typeof nothing {
  const m = messages(locale).agenda;
  switch (state.status) {
    case 'loading':
      return html`<p role="status" part="status">${m.loading}</p>`;
    case 'error':
      return html`<div role="alert" part="error">
        <p>${m.loadError}</p>
        ${state.error ? html`<button class="button secondary" part="button" type="button" @click=${state.refresh}>${m.retry}</button>` : nothing}
      </div>`;
    case 'invalid':
      return html`<div class="problems" role="alert" part="error">
        <p>${m.invalid}</p>
        <ul>
          ${(state.problems ?? []).map((p) => html`<li><code>${p.path || '(document)'}</code>: ${p.message[locale]}</li>`)}
        </ul>
      </div>`;
    default:
      return nothing;
  }
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
