import { html, nothing } from 'lit';
import type { MessagePreview, MessageStatus, SentMessage } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { formatDateTime } from '../core/i18n/format.js';
import { sessionsInOrder } from '../core/session-time.js';
import { sessionNames } from '../core/session-names.js';
import { ConsolePage } from './page.js';

/** The groups an organiser writes to, and which statuses each stands for. */
const AUDIENCES: Record<'confirmed' | 'waitlisted' | 'everyone', MessageStatus[]> = {
  confirmed: ['confirmed'],
  waitlisted: ['waitlisted'],
  everyone: ['confirmed', 'waitlisted', 'pending'],
};
type Audience = keyof typeof AUDIENCES;

type History = { status: 'loading' } | { status: 'error' } | { status: 'ready'; messages: SentMessage[] };

/**
 * Messages to a group of participants: write, look at the e-mail exactly as the first
 * recipient will get it, then send it through the outbox. Below, what was sent to whom.
 */
export class ConsoleMessages extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    _preview: { state: true },
    _errors: { state: true },
    _notice: { state: true },
    _history: { state: true },
    _busy: { state: true },
  };

  declare network: Network;
  declare _preview: MessagePreview | undefined;
  declare _errors: { subject?: boolean; body?: boolean };
  declare _notice: string;
  declare _history: History;
  declare _busy: boolean;

  constructor() {
    super();
    this._errors = {};
    this._notice = '';
    this._history = { status: 'loading' };
    this._busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetchHistory();
  }

  async #fetchHistory(): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.messages(this.network.id));
    this._history = r.ok ? { status: 'ready', messages: r.value.messages } : { status: 'error' };
  }

  #read(): { sessionId?: string; statuses: MessageStatus[]; subject: string; body: string } | undefined {
    const root = this.renderRoot;
    const audience = (root.querySelector<HTMLInputElement>('input[name="audience"]:checked')?.value ?? 'confirmed') as Audience;
    const sessionId = root.querySelector<HTMLSelectElement>('#session')?.value || undefined;
    const subject = root.querySelector<HTMLInputElement>('#subject')!.value.trim();
    const body = root.querySelector<HTMLTextAreaElement>('#body')!.value.trim();
    this._errors = { ...(!subject && { subject: true }), ...(!body && { body: true }) };
    if (!subject || !body) {
      void this.updateComplete.then(() => root.querySelector<HTMLElement>(!subject ? '#subject' : '#body')?.focus());
      return undefined;
    }
    return { ...(sessionId && { sessionId }), statuses: AUDIENCES[audience], subject, body };
  }

  async #previewIt(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const message = this.#read();
    if (!message || this._busy) return;
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.previewMessage(this.network.id, message));
    this._busy = false;
    this._notice = '';
    if (!r.ok) {
      this._preview = undefined;
      this._notice = r.status === 422 ? this.m.messages.noRecipients : this.m.failed;
      return;
    }
    this._preview = r.value;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#preview-heading')?.focus();
  }

  async #send(): Promise<void> {
    const message = this.#read();
    if (!message || this._busy) return;
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.sendMessage(this.network.id, message));
    this._busy = false;
    if (!r.ok) {
      this._notice = r.status === 422 ? this.m.messages.noRecipients : this.m.failed;
      return;
    }
    this._preview = undefined;
    this._notice = this.m.messages.sent(r.value.recipients);
    this.renderRoot.querySelector<HTMLFormElement>('form')!.reset();
    await this.#fetchHistory();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
  }

  /** Any change to the message makes the preview out of date. */
  #changed(): void {
    this._preview = undefined;
  }

  protected override render() {
    const m = this.m;
    const t = m.messages;
    const locale = this.state.locale;
    const names = sessionNames(this.network.sessions, locale, m.attendance.noDate);
    const errors = this._errors;
    const field = (id: 'subject' | 'body', error: string) =>
      errors[id] ? html`<span class="error-text" id=${`${id}-error`}>${error}</span>` : nothing;
    const described = (id: 'subject' | 'body', hint?: string) => [hint, errors[id] ? `${id}-error` : undefined].filter(Boolean).join(' ') || nothing;
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      <p role="status" class="status-line" id="notice" tabindex="-1">${this._notice}</p>
      <form novalidate @submit=${this.#previewIt} @input=${this.#changed} @change=${this.#changed}>
        <fieldset>
          <legend>${t.audience}</legend>
          ${(Object.keys(AUDIENCES) as Audience[]).map(
            (a, i) => html`<div class="check">
              <input type="radio" name="audience" id=${`audience-${a}`} value=${a} ?checked=${i === 0} />
              <label for=${`audience-${a}`}>${t[a]}</label>
            </div>`,
          )}
        </fieldset>
        ${this.network.sessions.length > 1
          ? html`<div class="field">
              <label for="session">${t.session}</label>
              <select id="session">
                <option value="">${t.anySession}</option>
                ${sessionsInOrder(this.network.sessions).map((s) => html`<option value=${s.id}>${names(s.id)}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="subject">${t.subject}</label>
          ${field('subject', t.subjectMissing)}
          <input id="subject" type="text" maxlength="200" required aria-required="true" aria-invalid=${errors.subject ? 'true' : 'false'} aria-describedby=${described('subject')} />
        </div>
        <div class="field">
          <label for="body">${t.body}</label>
          <span class="hint" id="body-hint">${t.bodyHint}</span>
          ${field('body', t.bodyMissing)}
          <textarea id="body" rows="8" required aria-required="true" aria-invalid=${errors.body ? 'true' : 'false'} aria-describedby=${described('body', 'body-hint')}></textarea>
        </div>
        <button class="button secondary" type="submit">${t.preview}</button>
      </form>
      ${this._preview
        ? html`<section class="card" aria-labelledby="preview-heading">
            <h3 id="preview-heading" tabindex="-1">${t.previewHeading}</h3>
            <p>${t.recipients(this._preview.recipients)}</p>
            <p><strong>${t.subject}:</strong> ${this._preview.subject}</p>
            <pre class="mail">${this._preview.text}</pre>
            <button class="button" type="button" @click=${this.#send}>${t.send(this._preview.recipients)}</button>
          </section>`
        : nothing}
      <h3>${t.history}</h3>
      ${this._history.status === 'loading'
        ? html`<p>${m.loading}</p>`
        : this._history.status === 'error'
          ? html`<p role="alert">${m.loadError}</p>`
          : this._history.messages.length === 0
            ? html`<p>${t.none}</p>`
            : html`<ul class="cards">
                ${this._history.messages.map(
                  (x) => html`<li class="card">
                    <h4>${x.subject}</h4>
                    <p class="muted">${formatDateTime(locale, new Date(x.at))} · ${t.sentTo(x.recipients.length)}</p>
                    ${x.delivery
                      ? html`<p class="delivery">
                          ${t.delivery(x.delivery.sent, x.delivery.waiting)}${x.delivery.failed ? html` <strong class="error-text">${t.failedDelivery(x.delivery.failed)}</strong>` : nothing}
                        </p>`
                      : nothing}
                    <details>
                      <summary>${t.body}</summary>
                      <pre class="mail">${x.body}</pre>
                    </details>
                    <details>
                      <summary>${t.who}</summary>
                      <ul>
                        ${x.recipients.map((r) => html`<li><bdi>${r.name}</bdi> (${r.email})</li>`)}
                      </ul>
                    </details>
                  </li>`,
                )}
              </ul>`}`;
  }
}

customElements.get('leerkring-console-messages') ?? customElements.define('leerkring-console-messages', ConsoleMessages);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-messages': ConsoleMessages;
  }
}
