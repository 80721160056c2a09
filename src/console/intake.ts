import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { ConsolePage } from './page.js';
import { sayingWho } from './bidi.js';
import { ConsoleDataChangedEvent } from './live.js';
import { registrationCard, who } from './registration-card.js';
import { PagedList } from './paged-list.js';

/**
 * The intake queue: the people waiting for an organiser's decision, first to arrive at the top,
 * a page at a time from the server (issue 27), so a queue of 5,000 opens as fast as one of 5.
 * "Meer laden" adds the next page and moves focus to its first person. Accepting or rejecting
 * those selected goes one at a time, in the order shown; the page then loads as many again.
 */
export class ConsoleIntake extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    version: { attribute: false },
    _selected: { state: true },
    _reasonError: { state: true },
    _notice: { state: true },
  };

  declare network: Network;
  /** Raised by the network page when what the server holds may have changed. */
  declare version: number;
  /** The intakes, a page at a time from the server. */
  readonly #list = new PagedList<AdminRegistration>(this, {
    get: (limit, after) => this.state.admin.registrations(this.network.id, { status: 'pending', limit: String(limit), ...(after && { after }) }).then((r) => this.signedOutIf(r)),
    focusId: (first) => `who-${first.id}`,
  });
  declare _selected: Set<string>;
  declare _reasonError: boolean;
  declare _notice: string;
  #busy = false;

  constructor() {
    super();
    this.version = 0;
    this._selected = new Set();
    this._reasonError = false;
    this._notice = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('network') || changed.has('version')) this.loaded = this.#load(changed.has('network') && !changed.get('network'));
  }

  async #load(first: boolean): Promise<void> {
    if (!(await this.#list.load(first))) return;
    // Someone chosen who is no longer in the queue is no longer chosen.
    const ids = new Set(this.#list.items!.map((x) => x.id));
    if ([...this._selected].some((id) => !ids.has(id))) this._selected = new Set([...this._selected].filter((id) => ids.has(id)));
  }

  protected override render() {
    const m = this.m;
    const t = m.intake;
    const pending = this.#list.items ?? [];
    const selected = pending.filter((r) => this._selected.has(r.id));
    const all = pending.length > 0 && selected.length === pending.length;
    const card = { m, locale: this.state.locale, saveNote: (x: AdminRegistration) => void this.#saveNote(x) };
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      <p role="status" class="status-line">${this.#list.items ? this._notice : m.loading}</p>
      ${!this.#list.items
        ? nothing
        : pending.length === 0
          ? html`<p>${t.none}</p>`
          : html`<div class="check">
                <input id="all" type="checkbox" .checked=${all} @change=${(e: Event) => this.#selectAll(pending, (e.target as HTMLInputElement).checked)} />
                <label for="all">${t.selectAll}</label>
              </div>
              <ol class="cards">
                ${repeat(
                  pending,
                  (x) => x.id,
                  (x) => html`<li class="card">
                    ${registrationCard(
                      card,
                      this.network,
                      x,
                      html`<div class="check">
                        <input id=${`sel-${x.id}`} type="checkbox" .checked=${this._selected.has(x.id)} @change=${(e: Event) => this.#select(x.id, (e.target as HTMLInputElement).checked)} />
                        <label for=${`sel-${x.id}`}>${sayingWho(t.select, who(x))}</label>
                      </div>`,
                    )}
                  </li>`,
                )}
              </ol>
              ${this.#list.footer(m, pending.length)}
              ${this.#decision(selected)}`}`;
  }

  #decision(selected: AdminRegistration[]): TemplateResult {
    const t = this.m.intake;
    return html`<div class="field">
        <label for="reason">${t.reason}</label>
        <span class="hint" id="reason-hint">${t.reasonHint}</span>
        ${this._reasonError ? html`<span class="error-text" id="reason-error">${t.reasonMissing}</span>` : nothing}
        <textarea id="reason" aria-invalid=${this._reasonError ? 'true' : 'false'} aria-describedby=${this._reasonError ? 'reason-hint reason-error' : 'reason-hint'}></textarea>
      </div>
      <div class="toolbar">
        <button class="button" type="button" @click=${() => this.#decide(selected, 'accept')}>${selected.length ? t.acceptSelected(selected.length) : t.accept}</button>
        <button class="button secondary" type="button" @click=${() => this.#decide(selected, 'reject')}>${selected.length ? t.rejectSelected(selected.length) : t.reject}</button>
      </div>`;
  }

  #select(id: string, on: boolean): void {
    const next = new Set(this._selected);
    if (on) next.add(id);
    else next.delete(id);
    this._selected = next;
  }

  #selectAll(pending: AdminRegistration[], on: boolean): void {
    this._selected = on ? new Set(pending.map((r) => r.id)) : new Set();
  }

  async #decide(selected: AdminRegistration[], action: 'accept' | 'reject'): Promise<void> {
    if (this.#busy) return;
    const t = this.m.intake;
    const reasonEl = this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')!;
    const reason = reasonEl.value.trim();
    if (!selected.length) {
      this._notice = t.noneSelected;
      return;
    }
    if (action === 'reject' && !reason) {
      this._reasonError = true;
      await this.updateComplete;
      reasonEl.focus();
      return;
    }
    this._reasonError = false;
    this.#busy = true;
    let failed = 0;
    // One at a time, in the order shown: each decision may move the waiting list.
    for (const r of selected) {
      const res = this.signedOutIf(action === 'accept' ? await this.state.admin.accept(r.id, reason || undefined) : await this.state.admin.reject(r.id, reason));
      if (!res.ok) failed++;
    }
    this.#busy = false;
    const done = selected.length - failed;
    this._notice = [done ? (action === 'accept' ? t.accepted(done) : t.rejected(done)) : '', failed ? t.failed(failed) : ''].filter(Boolean).join(' ');
    if (!failed) reasonEl.value = '';
    this._selected = new Set();
    // The network page loads again (the counts in the tabs), and raises `version`: this list follows.
    this.dispatchEvent(new ConsoleDataChangedEvent());
  }

  async #saveNote(x: AdminRegistration): Promise<void> {
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>(`#note-${CSS.escape(x.id)}`)!.value;
    const r = this.signedOutIf(await this.state.admin.setNote(x.id, note));
    this._notice = r.ok ? this.m.registrations.noteSaved : this.m.failed;
    if (r.ok) this.dispatchEvent(new ConsoleDataChangedEvent());
  }
}

customElements.get('leerkring-console-intake') ?? customElements.define('leerkring-console-intake', ConsoleIntake);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-intake': ConsoleIntake;
  }
}
