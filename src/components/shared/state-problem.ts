import { css, html, nothing, type LitElement, type ReactiveControllerHost } from 'lit';
import { messages, type Locale } from '../../core/lean.js';
import type { NetworkState } from '../context.js';
import { adoptStyles } from './adopt-styles.js';

/** The problem view's styles, here rather than in every element's own: they come with its code. */
const styles = css`
  .problems {
    border-inline-start: 5px solid var(--_leerkring-danger);
    padding-inline-start: 1em;
  }
  .problems code {
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .problems {
      border-inline-start-color: CanvasText;
    }
  }
`;

/**
 * The load error (with its retry button) and an invalid document's problems, each with its path
 * so the editor who pasted it knows what to correct. Rare states, so a chunk of its own that
 * `renderState` loads when an element first meets one, not on every page.
 */
export function renderProblem(state: NetworkState, locale: Locale, host: ReactiveControllerHost) {
  const m = messages(locale).agenda;
  adoptStyles((host as LitElement).renderRoot as ShadowRoot, styles);
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
