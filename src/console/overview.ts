import { html, nothing } from 'lit';
import { NOTIFY_PREFERENCES, type AdminNetworkSummary, type NotifyPreference } from '../core/admin-api.js';
import { NETWORK_KINDS } from '../core/constants.js';
import { ConsoleSessionChangedEvent } from './context.js';
import { formatDateTime, formatDate, type Locale } from '../core/i18n/format.js';
import { calendarMessages } from '../core/i18n/calendar.js';
import { ConsolePage } from './page.js';
import { LiveData } from './live.js';
import { networkHref } from './route.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; networks: AdminNetworkSummary[] };

/** The networks this organiser runs, each with places, intakes, the waiting list and the next session. */
export class ConsoleOverview extends ConsolePage {
  static override properties = { _load: { state: true }, _notifyNotice: { state: true }, _copy: { state: true }, _problems: { state: true }, _busy: { state: true } };
  declare _load: Load;
  declare _notifyNotice: string;
  /** Create as a copy of an existing network (else from scratch). */
  declare _copy: boolean;
  /** The server's problems with the new network, path and sentence. */
  declare _problems: { path: string; message: string }[] | undefined;
  declare _busy: boolean;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._notifyNotice = '';
    this._copy = false;
    this._busy = false;
  }

  /** Owners of some network and admins may create networks, as the API decides. */
  get #mayCreate(): boolean {
    const s = this.state.session;
    return s.installationAdmin || !!s.organiser?.isAdmin || s.networks.some((n) => n.role === 'owner');
  }

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const form = e.target as HTMLFormElement;
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';
    const id = v('new-id');
    const body = this._copy
      ? { copyFrom: v('new-source'), id, title: v('new-title'), shiftDays: Number(v('new-shift')) }
      : {
          document: {
            id,
            // Not public until the owner says so (in the details tab).
            draft: true,
            title: v('new-title'),
            kind: v('new-kind'),
            summary: v('new-summary'),
            organisers: [{ name: v('new-organiser') }],
            sessions: [],
            // Closed until the owner has said how people register (in the document tab).
            registration: { mode: 'closed' },
          },
        };
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.createNetwork(body));
    this._busy = false;
    if (r.ok) {
      this._problems = undefined;
      this.dispatchEvent(new ConsoleSessionChangedEvent(networkHref(r.value.document ? (r.value.document as { id: string }).id : id, 'document')));
      return;
    }
    this._problems = (r.error as { issues?: { path: string; message: string }[] }).issues ?? [{ path: '', message: r.error.message || this.m.failed }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#create-problems')?.focus();
  }

  /** The form field a problem's path points to, or undefined when it is about the document elsewhere. */
  #fieldOf(path: string): string | undefined {
    const top = path.split('.')[0] ?? '';
    const fields: Record<string, string> = { id: 'new-id', title: 'new-title', kind: 'new-kind', summary: 'new-summary', organisers: 'new-organiser', copyFrom: 'new-source' };
    return fields[top];
  }

  #fieldError(field: string) {
    const mine = (this._problems ?? []).filter((p) => this.#fieldOf(p.path) === field);
    return mine.length ? html`<span class="error-text" id=${`${field}-error`}>${mine.map((p) => p.message).join(' ')}</span>` : nothing;
  }

  #describedBy(field: string, hint?: string) {
    const ids = [hint, (this._problems ?? []).some((p) => this.#fieldOf(p.path) === field) ? `${field}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  #invalid(field: string) {
    return (this._problems ?? []).some((p) => this.#fieldOf(p.path) === field) ? 'true' : 'false';
  }

  #createForm(networks: AdminNetworkSummary[]) {
    if (!this.#mayCreate) return nothing;
    const t = this.m.create;
    const owned = networks.filter((n) => n.role === 'owner' || this.state.session.installationAdmin);
    const field = (id: string, label: string, input: unknown, hint?: string) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing} ${this.#fieldError(id)} ${input}
      </div>`;
    return html`<section aria-labelledby="create-heading">
      <h2 id="create-heading">${t.heading}</h2>
      ${this._problems
        ? html`<div class="error-summary" role="alert" id="create-problems" tabindex="-1" aria-labelledby="create-problems-title">
            <h3 id="create-problems-title">${t.problems}</h3>
            <ul>
              ${this._problems.map((p) => {
                const f = this.#fieldOf(p.path);
                const text = `${p.path ? `${p.path}: ` : ''}${p.message}`;
                return html`<li>${f ? html`<a href=${`#${f}`} @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector<HTMLElement>(`#${f}`)?.focus())}>${text}</a>` : text}</li>`;
              })}
            </ul>
          </div>`
        : nothing}
      <form novalidate @submit=${this.#create}>
        <fieldset>
          <legend>${t.how}</legend>
          <div class="check">
            <input type="radio" name="new-how" id="new-scratch" ?checked=${!this._copy} @change=${() => (this._copy = false)} />
            <label for="new-scratch">${t.scratch}</label>
          </div>
          ${owned.length
            ? html`<div class="check">
                <input type="radio" name="new-how" id="new-copy" ?checked=${this._copy} @change=${() => (this._copy = true)} />
                <label for="new-copy">${t.copy}</label>
              </div>`
            : nothing}
        </fieldset>
        ${this._copy
          ? field('new-source', t.source, html`<select id="new-source" name="new-source" aria-invalid=${this.#invalid('new-source')} aria-describedby=${this.#describedBy('new-source')}>
              ${owned.map((n) => html`<option value=${n.id}>${n.title}</option>`)}
            </select>`)
          : nothing}
        ${this._copy
          ? field(
              'new-shift',
              t.shift,
              html`<select id="new-shift" name="new-shift" aria-describedby="new-shift-hint">
                ${[364, 728, 182, 0].map((d) => html`<option value=${d}>${t.shifts[d]}</option>`)}
              </select>`,
              t.shiftHint,
            )
          : nothing}
        ${field('new-id', t.id, html`<input id="new-id" name="new-id" type="text" autocomplete="off" spellcheck="false" aria-invalid=${this.#invalid('new-id')} aria-describedby=${this.#describedBy('new-id', 'new-id-hint')} />`, t.idHint)}
        ${field('new-title', t.title, html`<input id="new-title" name="new-title" type="text" autocomplete="off" aria-invalid=${this.#invalid('new-title')} aria-describedby=${this.#describedBy('new-title', this._copy ? 'new-title-hint' : undefined)} />`, this._copy ? t.copyTitleHint : undefined)}
        ${this._copy
          ? nothing
          : html`${field('new-kind', t.kind, html`<select id="new-kind" name="new-kind" aria-invalid=${this.#invalid('new-kind')} aria-describedby=${this.#describedBy('new-kind')}>
              ${NETWORK_KINDS.map((k) => html`<option value=${k}>${calendarMessages(this.state.locale).kind[k]}</option>`)}
            </select>`)}
            ${field('new-summary', t.summary, html`<textarea id="new-summary" name="new-summary" rows="3" aria-invalid=${this.#invalid('new-summary')} aria-describedby=${this.#describedBy('new-summary')}></textarea>`)}
            ${field('new-organiser', t.organiser, html`<input id="new-organiser" name="new-organiser" type="text" autocomplete="organization" aria-invalid=${this.#invalid('new-organiser')} aria-describedby=${this.#describedBy('new-organiser')} />`)}`}
        <button class="button" type="submit" ?disabled=${this._busy}>${t.submit}</button>
      </form>
    </section>`;
  }

  async #saveNotify(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const choice = this.renderRoot.querySelector<HTMLInputElement>('input[name="notify"]:checked')?.value as NotifyPreference | undefined;
    if (!choice) return;
    const r = this.signedOutIf(await this.state.admin.setNotify(choice));
    this._notifyNotice = r.ok ? this.m.notify.saved : this.m.failed;
  }

  #notify() {
    const organiser = this.state.session.organiser;
    if (!organiser) return nothing;
    const t = this.m.notify;
    return html`<section aria-labelledby="notify-heading">
      <h2 id="notify-heading">${t.heading}</h2>
      <form novalidate @submit=${this.#saveNotify}>
        <fieldset>
          <legend>${t.intro}</legend>
          ${NOTIFY_PREFERENCES.map(
            (p) => html`<div class="check">
              <input type="radio" name="notify" id=${`notify-${p}`} value=${p} ?checked=${organiser.notify === p} />
              <label for=${`notify-${p}`}>${t[p]}</label>
            </div>`,
          )}
        </fieldset>
        <button class="button secondary" type="submit">${t.save}</button>
        <p role="status" class="status-line">${this._notifyNotice}</p>
      </form>
    </section>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch();
  }

  async #fetch(): Promise<void> {
    this._load = { status: 'loading' };
    const r = this.signedOutIf(await this.state.admin.networks());
    this._load = r.ok ? { status: 'ready', networks: r.value.networks } : { status: 'error' };
  }

  /** Changes by others (a new registration, an intake done by a colleague), while the page shows. */
  readonly #live = new LiveData(this, async () => {
    if (this._load.status !== 'ready') return;
    const r = this.signedOutIf(await this.state.admin.networks());
    if (r.ok && this._load.status === 'ready') this._load = { status: 'ready', networks: r.value.networks };
  });

  protected override render() {
    const m = this.m;
    const o = m.overview;
    const locale = this.state.locale;
    const load = this._load;
    return html`<h1 tabindex="-1">${o.heading}</h1>
      ${load.status === 'loading'
        ? html`<p role="status">${m.loading}</p>`
        : load.status === 'error'
          ? html`<div role="alert"><p>${m.loadError}</p><button class="button" type="button" @click=${() => (this.loaded = this.#fetch())}>${m.retry}</button></div>`
          : load.networks.length === 0
            ? html`<p>${o.none}</p>`
            : html`<ul class="cards">
                ${load.networks.map(
                  (n) => html`<li class="card">
                    <h2><a href=${networkHref(n.id)}>${n.title}</a></h2>
                    <p class="muted">${calendarMessages(locale).kind[n.kind]} · ${m.role[n.role]}${n.draft ? html` · <strong>${m.draft}</strong>` : nothing}</p>
                    <dl class="facts">
                      <dt>${o.placesTaken}</dt>
                      <dd>${n.places.taken}${n.places.capacity !== undefined ? ` / ${n.places.capacity}` : ''}</dd>
                      <dt>${o.placesLeft}</dt>
                      <dd>${n.places.left ?? o.noLimit}</dd>
                      <dt>${o.pending}</dt>
                      <dd>${n.pending > 0 ? html`<a href=${networkHref(n.id, 'intake')}>${n.pending}</a>` : n.pending}</dd>
                      <dt>${o.waiting}</dt>
                      <dd>${n.waiting > 0 ? html`<a href=${networkHref(n.id, 'waitlist')}>${n.waiting}</a>` : n.waiting}</dd>
                      <dt>${o.next}</dt>
                      <dd>${n.nextSession ? html`${n.nextSession.title}<br />${when(locale, n.nextSession.start, n.nextSession.dateOnly)}` : o.noNext}</dd>
                    </dl>
                  </li>`,
                )}
              </ul>`}
      ${load.status === 'ready' ? this.#createForm(load.networks) : nothing} ${this.#notify()}`;
  }
}

function when(locale: Locale, start: string, dateOnly?: boolean): string {
  const d = new Date(start);
  return dateOnly ? formatDate(locale, d) : formatDateTime(locale, d);
}

customElements.get('leerkring-console-overview') ?? customElements.define('leerkring-console-overview', ConsoleOverview);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-overview': ConsoleOverview;
  }
}
