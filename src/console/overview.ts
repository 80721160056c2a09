import { html, nothing } from 'lit';
import { NOTIFY_PREFERENCES, type AdminNetworkSummary, type NotifyPreference } from '../core/admin-api.js';
import { formatDateTime, formatDate } from '../core/i18n/format.js';
import { messages } from '../core/i18n/messages.js';
import { ConsolePage } from './page.js';
import { networkHref } from './route.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; networks: AdminNetworkSummary[] };

/** The networks this organiser runs, each with places, intakes, the waiting list and the next session. */
export class ConsoleOverview extends ConsolePage {
  static override properties = { _load: { state: true }, _notifyNotice: { state: true } };
  declare _load: Load;
  declare _notifyNotice: string;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._notifyNotice = '';
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
                    <p class="muted">${messages(locale).kind[n.kind]} · ${m.role[n.role]}</p>
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
      ${this.#notify()}`;
  }
}

function when(locale: 'nl' | 'en', start: string, dateOnly?: boolean): string {
  const d = new Date(start);
  return dateOnly ? formatDate(locale, d) : formatDateTime(locale, d);
}

customElements.get('leerkring-console-overview') ?? customElements.define('leerkring-console-overview', ConsoleOverview);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-overview': ConsoleOverview;
  }
}
