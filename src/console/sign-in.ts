import { LitElement, html, nothing } from 'lit';
import type { AdminClient } from '../core/admin-client.js';
import { consoleMessages } from '../core/i18n/console.js';
import type { Locale } from '../core/i18n/format.js';
import { consoleStyles } from './styles.js';

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

/**
 * Sign-in without a password: an e-mail address in, a one-time link out. The answer is the
 * same whether or not the address belongs to an organiser, so the page never tells a stranger
 * who organises what.
 */
export class ConsoleSignIn extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    client: { attribute: false },
    locale: { attribute: false },
    notice: { attribute: false },
    _sent: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  declare client: AdminClient;
  declare locale: Locale;
  declare notice: 'link-failed' | 'signed-out' | 'expired' | undefined;
  declare _sent: string | undefined;
  declare _error: string | undefined;
  declare _busy: boolean;

  constructor() {
    super();
    this.locale = 'nl';
    this._busy = false;
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const m = consoleMessages(this.locale).signIn;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#email')!;
    const email = input.value.trim();
    this._error = !email ? m.emailMissing : EMAIL.test(email) ? undefined : m.emailInvalid;
    if (this._error) {
      await this.updateComplete;
      input.focus();
      return;
    }
    this._busy = true;
    const r = await this.client.login(email, this.locale);
    this._busy = false;
    if (!r.ok && r.status !== 429) {
      this._error = r.error.code === 'invalid' ? m.emailInvalid : consoleMessages(this.locale).failed;
      await this.updateComplete;
      input.focus();
      return;
    }
    this._sent = email;
    await this.focusHeading();
  }

  protected override render() {
    const m = consoleMessages(this.locale).signIn;
    if (this._sent)
      return html`<h1 tabindex="-1">${m.sentHeading}</h1>
        <p role="status">${m.sent(this._sent)}</p>
        <button class="button secondary" type="button" @click=${this.#again}>${m.again}</button>`;
    const notice =
      this.notice === 'link-failed' ? m.linkFailed : this.notice === 'expired' ? m.expired : this.notice === 'signed-out' ? m.signedOut : undefined;
    return html`<h1 tabindex="-1">${m.heading}</h1>
      ${notice ? html`<p role=${this.notice === 'link-failed' ? 'alert' : 'status'}>${notice}</p>` : nothing}
      <p>${m.intro}</p>
      <form novalidate @submit=${this.#submit}>
        <div class="field">
          <label for="email">${m.email}</label>
          <span class="hint" id="email-hint">${m.emailHint}</span>
          ${this._error ? html`<span class="error-text" id="email-error">${this._error}</span>` : nothing}
          <input
            id="email"
            type="email"
            name="email"
            autocomplete="email"
            spellcheck="false"
            required
            aria-required="true"
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby=${this._error ? 'email-hint email-error' : 'email-hint'}
          />
        </div>
        <button class="button" type="submit">${m.submit}</button>
      </form>`;
  }

  async #again(): Promise<void> {
    this._sent = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus();
  }
}

customElements.get('leerkring-console-sign-in') ?? customElements.define('leerkring-console-sign-in', ConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-sign-in': ConsoleSignIn;
  }
}
