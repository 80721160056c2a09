import { html, nothing, type TemplateResult } from 'lit';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network, Session } from '../core/schema.js';
import { registrationScope } from '../core/policy.js';
import { sessionNames } from '../core/session-names.js';
import { sessionStart } from '../core/session-time.js';
import { formatDate, formatDateTime, type Locale } from '../core/i18n/format.js';
import { messages } from '../core/i18n/messages.js';
import type { ConsoleMessages } from '../core/i18n/console.js';
import { feeText } from '../core/price.js';

/**
 * Who a registration is, in one line: name, and organisation where there is one. Each in <bdi>,
 * so an Arabic or Hebrew name keeps its own direction and the order of the line around it.
 */
export function who(r: AdminRegistration): TemplateResult {
  return r.participant.organisation ? html`<bdi>${r.participant.name}</bdi> (<bdi>${r.participant.organisation}</bdi>)` : html`<bdi>${r.participant.name}</bdi>`;
}

export function sessionWhen(locale: Locale, s: Session): string | undefined {
  const start = sessionStart(s);
  if (!start) return undefined;
  return s.start ? formatDateTime(locale, start) : formatDate(locale, start);
}

/** What a session is called in the console: its title, with its date where titles repeat; the whole series by name. */
export function sessionTitle(m: ConsoleMessages, locale: Locale, network: Network, id: string | undefined): string {
  if (!id || id === 'network') return m.registrations.wholeSeries;
  return sessionNames(network.sessions, locale, m.attendance.noDate)(id);
}

export interface CardContext {
  m: ConsoleMessages;
  locale: Locale;
  /** Saves the organisers' note typed in the card's textarea. */
  saveNote(x: AdminRegistration): void;
}

/** One registration as a card: the same on the registrations list, the intake and the waiting list. */
export function registrationCard(c: CardContext, network: Network, x: AdminRegistration, extra?: TemplateResult): TemplateResult {
  const { m, locale } = c;
  const r = m.registrations;
  const p = x.participant;
  const questions = network.registration.questions ?? [];
  const declarations = network.registration.declarations ?? [];
  const answer = (v: unknown) => (v === true ? r.yes : v === false ? r.no : v === undefined || v === '' ? r.noAnswer : String(v));
  return html`<div class="row">
      <h3 id=${`who-${x.id}`} tabindex="-1"><bdi>${p.name}</bdi></h3>
      <span class="badge">${m.status[x.status] ?? x.status}${x.position ? html` · ${r.position(x.position)}` : nothing}</span>
    </div>
    ${extra ?? nothing}
    <dl class="facts">
      <dt>${r.email}</dt>
      <dd>${p.email}</dd>
      ${p.organisation ? html`<dt>${r.organisation}</dt><dd><bdi>${p.organisation}</bdi></dd>` : nothing}
      ${typeof x.groupSize === 'number' ? html`<dt>${r.groupSize}</dt><dd>${x.groupSize}</dd>` : nothing}
      ${x.organisationType ? html`<dt>${r.organisationType}</dt><dd>${messages(locale).organisationType[x.organisationType as 'municipality'] ?? x.organisationType}</dd>` : nothing}
      ${p.role ? html`<dt>${r.role}</dt><dd>${p.role}</dd>` : nothing}
      ${p.phone ? html`<dt>${r.phone}</dt><dd>${p.phone}</dd>` : nothing}
      ${registrationScope(network) === 'session' ? html`<dt>${r.session}</dt><dd>${sessionTitle(m, locale, network, x.sessionId)}</dd>` : nothing}
      <dt>${r.registeredAt}</dt>
      <dd>${formatDateTime(locale, new Date(x.createdAt))}</dd>
      ${x.reason ? html`<dt>${r.reason}</dt><dd>${x.reason}</dd>` : nothing}
      ${x.cancellationFee ? html`<dt>${r.cancellationFee}</dt><dd>${feeText(x.cancellationFee, locale, '')}</dd>` : nothing}
    </dl>
    ${declarations.length
      ? html`<details>
          <summary>${r.declarations}</summary>
          <ul>
            ${declarations.map((d) => html`<li>${x.declarations.includes(d.id) ? '✓' : '✗'} ${d.text}</li>`)}
          </ul>
        </details>`
      : nothing}
    ${questions.length
      ? html`<details>
          <summary>${r.answers}</summary>
          <dl class="facts">${questions.map((q) => html`<dt>${q.label}</dt><dd>${answer(x.answers[q.id])}</dd>`)}</dl>
        </details>`
      : nothing}
    <details ?open=${!!x.note}>
      <summary>${r.note}</summary>
      <div class="field">
        <label for=${`note-${x.id}`}>${r.note}</label>
        <span class="hint" id=${`note-hint-${x.id}`}>${r.noteHint}</span>
        <textarea id=${`note-${x.id}`} maxlength="2000" aria-describedby=${`note-hint-${x.id}`} .value=${x.note ?? ''}></textarea>
      </div>
      <button class="button secondary" type="button" @click=${() => c.saveNote(x)}>${r.noteSave}</button>
    </details>`;
}
