/**
 * The questions about sessions with places of their own inside a series (core's
 * session-places.ts): "also coming?" per optional session, and one session of each choice group
 * with its time. Shared by the form, which loads this only for a network that has them, and the
 * manage page. The fields are `join:<session>` ("yes" or empty) and `choose:<group>` (a session).
 */
import { nothing, type TemplateResult } from 'lit';
import { html } from './heading.js';
import { choiceGroups, ownPlaceSessions, sessionTiming, sessionWhenText, type Locale, type Network, type Session } from '../../core/lean.js';
import { joinsProblems } from '../../core/session-places.js';
import { joinsMessages } from '../../core/i18n/joins.js';

export { joinsMessages, joinsProblems };

export interface JoinsView {
  /** The id of the first control: the error summary links to it. */
  id: string;
  checked(name: string, value: string): boolean;
  /** When a session is, as the element says it (its start, by default). */
  when?(session: Session): string | undefined;
  error?: TemplateResult | typeof nothing;
  describedBy?: string;
  invalid?: boolean;
}

export function joinsFields(network: Network, locale: Locale, v: JoinsView): TemplateResult[] {
  const m = joinsMessages(locale);
  const label = (x: Session) => {
    const when = v.when ? v.when(x) : sessionWhenText(sessionTiming(x), locale);
    return when ? `${x.title} (${when})` : x.title;
  };
  const asks = [
    ...ownPlaceSessions(network)
      .filter((x) => x.optional)
      .map((x) => [`join:${x.id}`, m.alsoComing(label(x)), [['yes', m.yes], ['', m.no]]] as const),
    ...[...choiceGroups(network)].map(([g, xs]) => [`choose:${g}`, m.chooseOne, xs.map((x) => [x.id, label(x)])] as const),
  ];
  return asks.map(
    ([name, legend, options], n) => html`<div class="field ${v.invalid ? 'invalid' : ''}" part="field">
      <fieldset aria-describedby=${(n === 0 && v.describedBy) || nothing}>
        <legend>${legend}</legend>
        ${n === 0 ? (v.error ?? nothing) : nothing}
        ${options.map(([value, text], i) => {
          const id = n === 0 && i === 0 ? v.id : `${v.id}-${n}-${i}`;
          return html`<div class="choice">
            <input type="radio" id=${id} name=${name} value=${value} ?checked=${v.checked(name, value)} aria-invalid=${v.invalid ? 'true' : 'false'} />
            <label for=${id}>${text}</label>
          </div>`;
        })}
      </fieldset>
    </div>`,
  );
}

/** The sessions a person joins, from the fields above in a form. */
export function joinsFromForm(data: FormData): string[] {
  return [...data.keys()].filter((k) => /^(join|choose):/.test(k) && data.get(k)).map((k) => (k[0] === 'j' ? k.slice(5) : String(data.get(k))));
}
