import { html, nothing } from 'lit';
import type { ApiToken } from '../core/admin-api.js';
import { formatDateTime } from '../core/i18n/format.js';
import { ConsolePage } from './page.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; tokens: ApiToken[] };

/** Personal API tokens: made here, shown once, listed by name, revoked here. */
export class ConsoleTokens extends ConsolePage {
  static override properties = {
    _load: { state: true },
    _secret: { state: true },
    _error: { state: true },
    _notice: { state: true },
  };
  declare _load: Load;
  declare _secret: string | undefined;
  declare _error: boolean;
  declare _notice: string;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._error = false;
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch();
  }

  async #fetch(): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.tokens());
    this._load = r.ok ? { status: 'ready', tokens: r.value.tokens } : { status: 'error' };
  }

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#name')!;
    const name = input.value.trim();
    this._error = !name;
    if (!name) {
      await this.updateComplete;
      input.focus();
      return;
    }
    const r = this.signedOutIf(await this.state.admin.createToken(name));
    if (!r.ok) {
      this._notice = this.m.failed;
      return;
    }
    input.value = '';
    this._secret = r.value.secret;
    this._notice = '';
    await this.#fetch();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#secret')?.focus();
  }

  async #revoke(t: ApiToken): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.revokeToken(t.id));
    this._notice = r.ok ? this.m.tokens.revoked : this.m.failed;
    await this.#fetch();
  }

  protected override render() {
    const m = this.m;
    const t = m.tokens;
    const locale = this.state.locale;
    const load = this._load;
    return html`<h1 tabindex="-1">${t.heading}</h1>
      <p>${t.intro}</p>
      <p role="status" class="status-line">${this._notice}</p>
      ${this._secret
        ? html`<div id="secret" tabindex="-1" class="card">
            <p>${t.created}</p>
            <code class="secret">${this._secret}</code>
          </div>`
        : nothing}
      <form novalidate @submit=${this.#create}>
        <div class="field">
          <label for="name">${t.name}</label>
          <span class="hint" id="name-hint">${t.nameHint}</span>
          ${this._error ? html`<span class="error-text" id="name-error">${t.nameMissing}</span>` : nothing}
          <input
            id="name"
            type="text"
            maxlength="100"
            required
            aria-required="true"
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby=${this._error ? 'name-hint name-error' : 'name-hint'}
          />
        </div>
        <button class="button" type="submit">${t.create}</button>
      </form>
      ${load.status === 'loading'
        ? html`<p role="status">${m.loading}</p>`
        : load.status === 'error'
          ? html`<p role="alert">${m.loadError}</p>`
          : load.tokens.length === 0
            ? html`<p>${t.none}</p>`
            : html`<ul class="cards">
                ${load.tokens.map(
                  (k) => html`<li class="card">
                    <h2>${k.name}</h2>
                    <dl class="facts">
                      <dt>${t.createdAt}</dt>
                      <dd>${formatDateTime(locale, new Date(k.createdAt))}</dd>
                      <dt>${t.lastUsed}</dt>
                      <dd>${k.lastUsedAt ? formatDateTime(locale, new Date(k.lastUsedAt)) : t.never}</dd>
                    </dl>
                    <button class="button secondary" type="button" @click=${() => this.#revoke(k)}>${t.revoke}<span class="visually-hidden"> ${t.revokeWhich(k.name)}</span></button>
                  </li>`,
                )}
              </ul>`}`;
  }
}

customElements.get('leerkring-console-tokens') ?? customElements.define('leerkring-console-tokens', ConsoleTokens);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-tokens': ConsoleTokens;
  }
}
