import { html, nothing } from 'lit';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { sessionNames } from '../core/session-names.js';
import { sessionsInOrder } from '../core/session-time.js';
import { organiserEntryMessages } from '../core/i18n/organiser-entry.js';
import { ConsolePage } from './page.js';
import { ConsoleDataChangedEvent } from './live.js';

/**
 * Moves a registration to another session (networks with registration per session). The server
 * decides as for someone the organiser adds there: a full session means the waiting list, unless
 * the organiser knowingly gives a place; the person gets the e-mail of their own move.
 */
export class ConsoleMove extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    registration: { attribute: false },
    _error: { state: true },
    _notice: { state: true },
    _busy: { state: true },
  };

  declare network: Network;
  declare registration: AdminRegistration;
  declare _error: string;
  declare _notice: string;
  declare _busy: boolean;

  constructor() {
    super();
    this._error = '';
    this._notice = '';
    this._busy = false;
  }

  protected override render() {
    const t = organiserEntryMessages(this.state.locale);
    const a = t.add;
    const names = sessionNames(this.network.sessions, this.state.locale, this.m.attendance.noDate);
    const others = sessionsInOrder(this.network.sessions).filter((s) => s.id !== this.registration.sessionId && s.status !== 'cancelled');
    return html`${this._error ? html`<p role="alert" class="error-text" id="move-error" tabindex="-1">${this._error}</p>` : nothing}
      <form novalidate @submit=${this.#submit}>
        <p class="hint" id="move-hint">${t.move.hint}</p>
        <div class="field">
          <label for="move-to">${t.move.to}</label>
          <select id="move-to" required aria-describedby="move-hint">
            ${others.map((s) => html`<option value=${s.id}>${names(s.id)}</option>`)}
          </select>
        </div>
        <div class="field">
          <div class="check"><input type="checkbox" id="move-over" aria-describedby="move-over-hint" /><label for="move-over">${a.overCapacity}</label></div>
          <span class="hint" id="move-over-hint">${a.overCapacityHint}</span>
        </div>
        <button class="button" type="submit">${t.move.submit}</button>
      </form>
      <p role="status" class="status-line" id="move-notice" tabindex="-1">${this._notice}</p>`;
  }

  async #submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const sessionId = this.renderRoot.querySelector<HTMLSelectElement>('#move-to')!.value;
    const overCapacity = this.renderRoot.querySelector<HTMLInputElement>('#move-over')!.checked;
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.call('moveRegistration', { params: { id: this.registration.id }, body: { sessionId, overCapacity } }));
    this._busy = false;
    const t = organiserEntryMessages(this.state.locale);
    if (!r.ok) {
      this._error = r.error.message;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#move-error')?.focus();
      return;
    }
    this._error = '';
    const title = sessionNames(this.network.sessions, this.state.locale, this.m.attendance.noDate)(sessionId);
    this._notice = `${t.move.done(this.registration.participant.name, title)} ${this.m.status[r.value.status] ?? ''}.`;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#move-notice')?.focus();
    this.dispatchEvent(new ConsoleDataChangedEvent());
  }
}

customElements.get('leerkring-console-move') ?? customElements.define('leerkring-console-move', ConsoleMove);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-move': ConsoleMove;
  }
}
