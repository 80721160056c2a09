import { css, html, nothing } from 'lit';
import type { Messages, SessionType } from '../../core/lean.js';
import { adoptStyles } from '../shared/adopt-styles.js';

/**
 * The theme and type filters of a long agenda. Only an agenda of eight or more sessions with
 * more than one theme or type shows them, so their code is a chunk of its own, loaded when an
 * agenda first needs them (see LeerkringAgenda#renderFilters), not on every agenda page.
 * `choose` gets which filter changed ("theme" or "type") and its new value ("" is all).
 */
export function renderFilters(themes: string[], types: SessionType[], count: number, theme: string, type: string, m: Messages, choose: (which: 'theme' | 'type', value: string) => void) {
  const a = m.agenda;
  const pick = (which: 'theme' | 'type') => (e: Event) => choose(which, (e.target as HTMLSelectElement).value);
  return html`<div class="filters" part="filters" role="group" aria-label="${a.filterTheme} / ${a.filterType}">
    ${themes.length > 1
      ? html`<label
          >${a.filterTheme}
          <select @change=${pick('theme')}>
            <option value="">${a.filterAll}</option>
            ${themes.map((t) => html`<option value=${t} ?selected=${t === theme}>${t}</option>`)}
          </select></label
        >`
      : nothing}
    ${types.length > 1
      ? html`<label
          >${a.filterType}
          <select @change=${pick('type')}>
            <option value="">${a.filterAll}</option>
            ${types.map((t) => html`<option value=${t} ?selected=${t === type}>${m.sessionType[t]}</option>`)}
          </select></label
        >`
      : nothing}
    <p role="status" class="filter-count">${a.filterResult(count)}</p>
  </div>`;
}

/** The filters' styles, here rather than in the agenda's own: only an agenda that shows them fetches them. */
const styles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    align-items: end;
    margin-block-end: 1em;
  }
  .filters label {
    display: flex;
    flex-direction: column;
    font-weight: 600;
  }
  .filters select {
    min-block-size: 44px;
    font: inherit;
    max-inline-size: 100%;
  }
  .filter-count {
    margin: 0;
  }
`;

/** Adds the filters' styles to an agenda's shadow root. */
export const adopt = (root: ShadowRoot) => adoptStyles(root, styles);

/** Puts a filter in the page address (`leerkring-theme`, `leerkring-type`), so a shared or reloaded link shows the same selection. */
export function keepInAddress(param: string, value: string): void {
  const url = new URL(location.href);
  if (value) url.searchParams.set(param, value);
  else url.searchParams.delete(param);
  try {
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  } catch {
    // A sandboxed frame may not change its address; the filter still works on the page.
  }
}
