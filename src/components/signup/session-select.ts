/**
 * A long series as one list to choose from, grouped by month in date order (sessions without a
 * date in their own group): a hundred radio buttons are a page of their own on a phone. Loaded
 * with the form's rarer parts (./extras.ts), only for a network with more sessions than radios.
 */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../shared/heading.js';
import { formatMonth, formMessages, messages, sessionStart, type Locale, type Session } from '../../core/lean.js';

export interface SessionSelectView {
  /** The id of the control: the error summary links to it. */
  id: string;
  selected: string;
  label(session: Session): string;
  invalid: boolean;
  error: TemplateResult | typeof nothing;
  describedBy: string;
  /**
   * The document's language where it differs from the page's. An <option> holds text only, so
   * its title cannot have a <span lang> of its own: the option takes the document's language, the
   * title being what it names (WCAG 3.1.2).
   */
  lang: string | typeof nothing;
}

export function sessionSelect(choosable: Session[], locale: Locale, v: SessionSelectView) {
  const s = formMessages(locale).signup;
  const groups: { label: string; sessions: Session[] }[] = [];
  for (const x of choosable) {
    const start = sessionStart(x);
    const name = start ? formatMonth(locale, start) : messages(locale).agenda.tbdGroup;
    const last = groups[groups.length - 1];
    if (last?.label === name) last.sessions.push(x);
    else groups.push({ label: name, sessions: [x] });
  }
  return html`<div class="field ${v.invalid ? 'invalid' : ''}" part="field">
    <label for=${v.id}>${s.session}</label>
    ${v.error}
    <select id=${v.id} name="sessionId" required aria-required="true" aria-invalid=${v.invalid ? 'true' : 'false'} aria-describedby=${v.describedBy || nothing}>
      <option value="" ?selected=${!v.selected}>${s.choose}</option>
      ${groups.map(
        (g) => html`<optgroup label=${g.label}>
          ${g.sessions.map((x) => html`<option value=${x.id} lang=${v.lang} ?selected=${x.id === v.selected}>${v.label(x)}</option>`)}
        </optgroup>`,
      )}
    </select>
  </div>`;
}
