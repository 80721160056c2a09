import { html, nothing } from 'lit';
import { messages, type Locale } from '../../core/lean.js';
import type { NetworkState } from '../context.js';

/**
 * The load error (with its retry button) and an invalid document's problems, each with its path
 * so the editor who pasted it knows what to correct. Rare states, so a chunk of its own that
 * `renderState` loads when an element first meets one, not on every page.
 */
export function renderProblem(state: NetworkState, locale: Locale) {
  const m = messages(locale).agenda;
  return state.status === 'error'
    ? html`<div role="alert" part="error">
        <p>${m.loadError}</p>
        ${state.error ? html`<button class="button secondary" part="button" type="button" @click=${state.refresh}>${m.retry}</button>` : nothing}
      </div>`
    : html`<div class="problems" role="alert" part="error">
        <p>${m.invalid}</p>
        <ul>
          ${(state.problems ?? []).map((p) => html`<li><code>${p.path || '(document)'}</code>: ${p.message[locale]}</li>`)}
        </ul>
      </div>`;
}
