import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { registrationScope } from '../core/policy.js';
import { matchesSearch } from '../core/search.js';
import { sessionsInOrder } from '../core/session-time.js';
import { ConsolePage } from './page.js';
import { ConsoleDataChangedEvent } from './live.js';
import { registrationCard, sessionTitle } from './registration-card.js';

const STATUSES = ['confirmed', 'pending', 'waitlisted', 'rejected', 'cancelled'] as const;

/**
 * A network's registrations as organisers look through them: search, filters and the cards.
 * The network page gives it the network and keeps it current; a note saved here makes the page
 * load again.
 */
export class ConsoleRegistrations extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    registrations: { attribute: false },
    notice: { attribute: false },
    _query: { state: true },
    _status: { state: true },
    _session: { state: true },
    _saved: { state: true },
  };

  declare network: Network;
  declare registrations: AdminRegistration[];
  /** What the network page says after an action. */
  declare notice: string | TemplateResult;
  declare _query: string;
  declare _status: string;
  declare _session: string;
  declare _saved: string;

  constructor() {
    super();
    this.registrations = [];
    this.notice = '';
    this._query = '';
    this._status = '';
    this._session = '';
    this._saved = '';
  }

  protected override render() {
    const network = this.network;
    const regs = this.registrations;
    const m = this.m;
    const r = m.registrations;
    const shown = regs.filter(
      (x) =>
        (!this._status || x.status === this._status) &&
        (!this._session || x.sessionId === this._session) &&
        matchesSearch(this._query, [x.participant.name, x.participant.email, x.participant.organisation]),
    );
    const perSession = registrationScope(network) === 'session';
    const card = { m, locale: this.state.locale, saveNote: (x: AdminRegistration) => void this.#saveNote(x) };
    return html`<h2>${r.heading}</h2>
      <div class="toolbar" role="search">
        <div class="field">
          <label for="q">${r.search}</label>
          <input id="q" type="search" autocomplete="off" .value=${this._query} @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="status">${r.status}</label>
          <select id="status" @change=${(e: Event) => (this._status = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this._status}>${r.all}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this._status === s}>${m.status[s]}</option>`)}
          </select>
        </div>
        ${perSession
          ? html`<div class="field">
              <label for="session">${r.session}</label>
              <select id="session" @change=${(e: Event) => (this._session = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this._session}>${r.all}</option>
                ${sessionsInOrder(network.sessions).map(
                  (s) => html`<option value=${s.id} ?selected=${this._session === s.id}>${sessionTitle(m, this.state.locale, network, s.id)}</option>`,
                )}
              </select>
            </div>`
          : nothing}
      </div>
      <p role="status" class="status-line">${regs.length ? r.count(shown.length, regs.length) : r.empty} ${this._saved || this.notice}</p>
      ${regs.length && !shown.length ? html`<p>${r.none}</p>` : nothing}
      <ul class="cards">
        ${repeat(shown, (x) => x.id, (x) => html`<li class="card">${registrationCard(card, network, x)}</li>`)}
      </ul>`;
  }

  async #saveNote(x: AdminRegistration): Promise<void> {
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>(`#note-${CSS.escape(x.id)}`)!.value;
    const r = this.signedOutIf(await this.state.admin.setNote(x.id, note));
    this._saved = r.ok ? this.m.registrations.noteSaved : this.m.failed;
    if (r.ok) this.dispatchEvent(new ConsoleDataChangedEvent());
  }
}

customElements.get('leerkring-console-registrations') ?? customElements.define('leerkring-console-registrations', ConsoleRegistrations);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-registrations': ConsoleRegistrations;
  }
}
