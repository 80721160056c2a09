import { html, nothing, type TemplateResult } from 'lit';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network, Question } from '../core/schema.js';
import { ORGANISATION_TYPES } from '../core/constants.js';
import { fieldUse, registrationScope, type FieldName } from '../core/policy.js';
import { keepsRegistrations } from '../core/closed-group.js';
import { sessionNames } from '../core/session-names.js';
import { sessionsInOrder } from '../core/session-time.js';
import { formMessages } from '../core/i18n/form.js';
import { messages } from '../core/i18n/messages.js';
import { organiserEntryMessages, type OrganiserEntryMessages } from '../core/i18n/organiser-entry.js';
import { ConsolePage } from './page.js';
import { ConsoleDataChangedEvent } from './live.js';
import './move.js';
import './import.js';

/** A problem the server named, at the path of its field (`participant.email`, `answers.lunch`); '' for the whole form. */
type Issue = { path: string; message: string };

const FIELDS: FieldName[] = ['organisation', 'organisationType', 'role', 'phone'];

/** The id of the control a problem's path belongs to: the summary links there, focus goes there. */
function controlId(network: Network, path: string): string | undefined {
  const [head, rest] = [path.slice(0, path.indexOf('.') < 0 ? path.length : path.indexOf('.')), path.slice(path.indexOf('.') + 1)];
  if (head === 'participant') return `entry-${rest}`;
  if (head === 'sessionId') return 'entry-session';
  if (head === 'groupSize') return 'entry-groupSize';
  if (head === 'declarations') return `entry-d-${rest}`;
  if (head === 'answers') {
    const q = network.registration.questions?.find((x) => x.id === rest);
    return q ? `entry-q-${q.id}${q.type === 'yes-no' ? '-yes' : ''}` : undefined;
  }
  return undefined;
}

/**
 * An organiser registers someone themselves (a phone call, a paper list), or corrects the
 * details of a registration (`registration` set). The fields are the form's own (the network's
 * fields, questions and declarations); the server decides with the same rules as the public
 * form and its sentences come back at the fields they name. After a change the page loads again
 * (`ConsoleDataChangedEvent`).
 */
export class ConsoleRegistrationEntry extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    registration: { attribute: false },
    _issues: { state: true },
    _notice: { state: true },
    _busy: { state: true },
  };

  declare network: Network;
  /** The registration to correct; without it the form adds someone. */
  declare registration: AdminRegistration | undefined;
  declare _issues: Issue[];
  declare _notice: string;
  declare _busy: boolean;

  constructor() {
    super();
    this._issues = [];
    this._notice = '';
    this._busy = false;
  }

  get #t(): OrganiserEntryMessages {
    return organiserEntryMessages(this.state.locale);
  }

  #issue(id: string): string | undefined {
    const mine = this._issues.filter((i) => controlId(this.network, i.path) === id);
    return mine.length ? mine.map((i) => i.message).join(' ') : undefined;
  }

  /** A label, hint and error wired to one control. */
  #described(id: string, hint?: string): { describedBy: string | undefined; error: TemplateResult | typeof nothing; invalid: 'true' | 'false' } {
    const error = this.#issue(id);
    const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return { describedBy: ids || undefined, error: error ? html`<span class="error-text" id=${`${id}-error`}>${error}</span>` : nothing, invalid: error ? 'true' : 'false' };
  }

  #text(id: string, label: string, value: string, options: { type?: string; required?: boolean; hint?: string; inputmode?: string } = {}): TemplateResult {
    const f = formMessages(this.state.locale).signup;
    const d = this.#described(id, options.hint);
    return html`<div class="field">
      <label for=${id}>${label}${options.required ? nothing : html` <span class="hint">${f.optional}</span>`}</label>
      ${options.hint ? html`<span class="hint" id=${`${id}-hint`}>${options.hint}</span>` : nothing}
      ${d.error}
      <input id=${id} type=${options.type ?? 'text'} inputmode=${options.inputmode ?? nothing} autocomplete="off" ?required=${options.required} value=${value} aria-invalid=${d.invalid} aria-describedby=${d.describedBy ?? nothing} />
    </div>`;
  }

  #question(q: Question, value: unknown): TemplateResult {
    const f = formMessages(this.state.locale).signup;
    const id = `entry-q-${q.id}`;
    const optional = q.required ? nothing : html` <span class="hint">${f.optional}</span>`;
    if (q.type === 'yes-no') {
      const d = this.#described(`${id}-yes`);
      return html`<fieldset aria-describedby=${d.describedBy ?? nothing}>
        <legend>${q.label}${optional}</legend>
        ${d.error}
        <div class="check"><input type="radio" id=${`${id}-yes`} name=${id} value="yes" ?checked=${value === true} /><label for=${`${id}-yes`}>${f.yes}</label></div>
        <div class="check"><input type="radio" id=${`${id}-no`} name=${id} value="no" ?checked=${value === false} /><label for=${`${id}-no`}>${f.no}</label></div>
      </fieldset>`;
    }
    if (q.type === 'choice') {
      const d = this.#described(id);
      return html`<div class="field">
        <label for=${id}>${q.label}${optional}</label>
        ${d.error}
        <select id=${id} aria-invalid=${d.invalid} aria-describedby=${d.describedBy ?? nothing}>
          <option value="">${f.choose}</option>
          ${(q.options ?? []).map((o) => html`<option value=${o.value} ?selected=${value === o.value}>${o.label}</option>`)}
        </select>
      </div>`;
    }
    if (q.type === 'textarea') {
      const d = this.#described(id);
      return html`<div class="field">
        <label for=${id}>${q.label}${optional}</label>
        ${d.error}
        <textarea id=${id} aria-invalid=${d.invalid} aria-describedby=${d.describedBy ?? nothing}>${typeof value === 'string' ? value : ''}</textarea>
      </div>`;
    }
    return this.#text(id, q.label, value === undefined ? '' : String(value), { required: !!q.required, ...(q.type === 'number' && { inputmode: 'decimal' }) });
  }

  protected override render() {
    const n = this.network;
    const locale = this.state.locale;
    const f = formMessages(locale).signup;
    const t = this.#t;
    const x = this.registration;
    const p = x?.participant;
    const perSession = !x && registrationScope(n) === 'session';
    const names = sessionNames(n.sessions, locale, this.m.attendance.noDate);
    const types = messages(locale).organisationType as Record<string, string>;
    return html`${this._issues.length
        ? html`<div class="error-summary" role="alert" id="entry-errors" tabindex="-1" aria-labelledby="entry-errors-title">
            <h3 id="entry-errors-title">${t.add.errorSummary}</h3>
            <ul>
              ${this._issues.map((i) => {
                const id = controlId(n, i.path);
                return html`<li>${id ? html`<a href=${`#${id}`} @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus())}>${i.message}</a>` : i.message}</li>`;
              })}
            </ul>
          </div>`
        : nothing}
      <form novalidate @submit=${this.#submit}>
        ${x ? nothing : html`<p>${t.add.intro}</p>`}
        ${this.#text('entry-name', f.name, p?.name ?? '', { required: true })}
        ${this.#text('entry-email', f.email, p?.email ?? '', { type: 'email', required: true })}
        ${FIELDS.filter((k) => fieldUse(n, k) !== 'off').map((k) => {
          const required = fieldUse(n, k) === 'required';
          if (k !== 'organisationType') return this.#text(`entry-${k}`, f[k], p?.[k] ?? '', { required, ...(k === 'phone' && { type: 'tel' }) });
          const d = this.#described('entry-organisationType');
          return html`<div class="field">
            <label for="entry-organisationType">${f.organisationType}${required ? nothing : html` <span class="hint">${f.optional}</span>`}</label>
            ${d.error}
            <select id="entry-organisationType" aria-invalid=${d.invalid} aria-describedby=${d.describedBy ?? nothing}>
              <option value="">${f.choose}</option>
              ${ORGANISATION_TYPES.map((o) => html`<option value=${o} ?selected=${p?.organisationType === o}>${types[o]}</option>`)}
            </select>
          </div>`;
        })}
        ${n.format === 'in-company' && n.groupSize ? this.#text('entry-groupSize', f.groupSize, x?.groupSize ? String(x.groupSize) : '', { required: true, inputmode: 'numeric' }) : nothing}
        ${perSession ? this.#sessionSelect(n, names, t) : nothing}
        ${(n.registration.questions ?? []).map((q) => this.#question(q, x?.answers[q.id]))}
        ${(n.registration.declarations ?? []).map((dcl) => {
          const d = this.#described(`entry-d-${dcl.id}`);
          return html`${d.error}<div class="check">
              <input type="checkbox" id=${`entry-d-${dcl.id}`} ?checked=${x?.declarations.includes(dcl.id)} aria-invalid=${d.invalid} aria-describedby=${d.describedBy ?? nothing} />
              <label for=${`entry-d-${dcl.id}`}>${dcl.text}</label>
            </div>`;
        })}
        ${x
          ? nothing
          : html`<div class="field">
                <div class="check"><input type="checkbox" id="entry-send" checked aria-describedby="entry-send-hint" /><label for="entry-send">${t.add.sendEmail}</label></div>
                <span class="hint" id="entry-send-hint">${t.add.sendEmailHint}</span>
              </div>
              <div class="field">
                <div class="check"><input type="checkbox" id="entry-over" aria-describedby="entry-over-hint" /><label for="entry-over">${t.add.overCapacity}</label></div>
                <span class="hint" id="entry-over-hint">${t.add.overCapacityHint}</span>
              </div>`}
        <button class="button" type="submit">${x ? t.edit.submit : t.add.submit}</button>
      </form>
      <p role="status" class="status-line" id="entry-notice" tabindex="-1">${this._notice}</p>`;
  }

  #sessionSelect(n: Network, names: (id: string) => string, t: OrganiserEntryMessages): TemplateResult {
    const d = this.#described('entry-session');
    return html`<div class="field">
      <label for="entry-session">${t.add.session}</label>
      ${d.error}
      <select id="entry-session" required aria-invalid=${d.invalid} aria-describedby=${d.describedBy ?? nothing}>
        <option value="">${t.add.chooseSession}</option>
        ${sessionsInOrder(n.sessions)
          .filter((s) => s.status !== 'cancelled')
          .map((s) => html`<option value=${s.id}>${names(s.id)}</option>`)}
      </select>
    </div>`;
  }

  /** The registration as the public form would send it, read from the controls. */
  #body(): Record<string, unknown> {
    const n = this.network;
    const $ = <E extends HTMLElement>(id: string) => this.renderRoot.querySelector<E>(`#${id}`);
    const value = (id: string) => $<HTMLInputElement>(id)?.value.trim() ?? '';
    const participant: Record<string, string> = { name: value('entry-name'), email: value('entry-email') };
    for (const k of FIELDS) if (fieldUse(n, k) !== 'off' && value(`entry-${k}`)) participant[k] = value(`entry-${k}`);
    const answers: Record<string, string | boolean> = {};
    for (const q of n.registration.questions ?? []) {
      if (q.type === 'yes-no') {
        if ($<HTMLInputElement>(`entry-q-${q.id}-yes`)?.checked) answers[q.id] = true;
        else if ($<HTMLInputElement>(`entry-q-${q.id}-no`)?.checked) answers[q.id] = false;
      } else if (value(`entry-q-${q.id}`)) answers[q.id] = value(`entry-q-${q.id}`);
    }
    const declarations = (n.registration.declarations ?? []).filter((d) => $<HTMLInputElement>(`entry-d-${d.id}`)?.checked).map((d) => d.id);
    const session = value('entry-session');
    const group = value('entry-groupSize');
    // No locale: the person's e-mails are in the network's default language, not the console's.
    return { participant, answers, declarations, ...(session && { sessionId: session }), ...(group && { groupSize: Number(group) }) };
  }

  async #submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._busy = true;
    const x = this.registration;
    const t = this.#t;
    const over = this.renderRoot.querySelector<HTMLInputElement>('#entry-over')?.checked ?? false;
    const send = this.renderRoot.querySelector<HTMLInputElement>('#entry-send')?.checked ?? true;
    const registration = this.#body();
    const r = this.signedOutIf(
      x
        ? await this.state.admin.call('editRegistration', { params: { id: x.id }, body: { registration } })
        : await this.state.admin.call('addRegistration', { params: { networkId: this.network.id }, body: { registration, overCapacity: over, sendEmail: send } }),
    );
    this._busy = false;
    if (!r.ok) {
      const issues = (r.error as { issues?: Issue[] }).issues;
      // Full without a waiting list: say how the organiser can still give a place.
      const full = !x && (r.error.code === 'full' || r.error.code === 'waitlist-full') ? ` ${t.add.full}` : '';
      this._issues = issues?.length ? issues : [{ path: '', message: `${r.error.message}${full}` }];
      this._notice = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#entry-errors')?.focus();
      return;
    }
    this._issues = [];
    const name = (registration.participant as { name: string }).name;
    this._notice = x ? (r.value.overCapacity ? t.edit.doneOver : t.edit.done) : r.value.overCapacity ? t.add.doneOver(name) : t.add.done(name, this.m.status[r.value.status] ?? r.value.status);
    if (!x) this.renderRoot.querySelector('form')?.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#entry-notice')?.focus();
    this.dispatchEvent(new ConsoleDataChangedEvent());
  }
}

/**
 * Forms behind <details>, drawn only while their <details> is open: a page of 50 cards holds 50
 * closed <details> and a form only for the one opened.
 */
abstract class LazyDetails extends ConsolePage {
  static override properties = { _open: { state: true } };
  declare _open: Set<string>;

  constructor() {
    super();
    this._open = new Set();
  }

  protected details(key: string, summary: string, content: () => TemplateResult) {
    return html`<details
      @toggle=${(e: Event) => {
        const next = new Set(this._open);
        if ((e.currentTarget as HTMLDetailsElement).open) next.add(key);
        else next.delete(key);
        this._open = next;
      }}
    >
      <summary>${summary}</summary>
      ${this._open.has(key) ? content() : nothing}
    </details>`;
  }
}

/** Above the registrations list: add someone, and import a list. */
export class ConsoleEntryTools extends LazyDetails {
  static override properties = { ...LazyDetails.properties, network: { attribute: false } };
  declare network: Network;

  protected override render() {
    const t = organiserEntryMessages(this.state.locale);
    if (!keepsRegistrations(this.network)) return nothing;
    return html`${this.details('add', t.add.open, () => html`<leerkring-console-registration-entry .network=${this.network}></leerkring-console-registration-entry>`)}
    ${this.details('import', t.import.heading, () => html`<leerkring-console-import .network=${this.network}></leerkring-console-import>`)}`;
  }
}

/** On a registration's card: correct the details, and move to another session. */
export class ConsoleRegistrationActions extends LazyDetails {
  static override properties = { ...LazyDetails.properties, network: { attribute: false }, registration: { attribute: false } };
  declare network: Network;
  declare registration: AdminRegistration;

  protected override render() {
    const t = organiserEntryMessages(this.state.locale);
    const x = this.registration;
    if (!['confirmed', 'waitlisted', 'pending'].includes(x.status)) return nothing;
    return html`${this.details('edit', t.edit.open, () => html`<leerkring-console-registration-entry .network=${this.network} .registration=${x}></leerkring-console-registration-entry>`)}
    ${registrationScope(this.network) === 'session'
      ? this.details('move', t.move.open, () => html`<leerkring-console-move .network=${this.network} .registration=${x}></leerkring-console-move>`)
      : nothing}`;
  }
}

customElements.get('leerkring-console-registration-entry') ?? customElements.define('leerkring-console-registration-entry', ConsoleRegistrationEntry);
customElements.get('leerkring-console-entry-tools') ?? customElements.define('leerkring-console-entry-tools', ConsoleEntryTools);
customElements.get('leerkring-console-registration-actions') ?? customElements.define('leerkring-console-registration-actions', ConsoleRegistrationActions);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-registration-entry': ConsoleRegistrationEntry;
    'leerkring-console-entry-tools': ConsoleEntryTools;
    'leerkring-console-registration-actions': ConsoleRegistrationActions;
  }
}
