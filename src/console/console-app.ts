import { LitElement, css, html, nothing } from 'lit';
import { ContextProvider } from '@lit/context';
import { AdminClient } from '../core/admin-client.js';
import { RegistrationClient } from '../core/client.js';
import type { SessionInfo } from '../core/admin-api.js';
import { consoleMessages } from '../core/i18n/console.js';
import type { Locale } from '../core/i18n/format.js';
import { consoleContext, ConsoleSessionChangedEvent, ConsoleUnauthorizedEvent, type ConsoleState } from './context.js';
import { consoleStyles } from './styles.js';
import { parseRoute, type Route } from './route.js';
import './sign-in.js';
import './overview.js';
import './network-page.js';
import { bdi, sayingWho } from './bidi.js';
import './tokens.js';

type View =
  | { kind: 'starting' }
  | { kind: 'signed-out'; notice?: 'link-failed' | 'signed-out' | 'expired' }
  | { kind: 'signed-in'; session: SessionInfo }
  /** A sign-in link arrived while `session` is signed in: switch only when the person says so. */
  | { kind: 'switch'; session: SessionInfo; token: string }
  | { kind: 'error' };

const LANG_KEY = 'leerkring-console-lang';

/**
 * @summary The organiser console: sign-in, the networks an organiser runs, and the daily work on each.
 *
 * Served by the reference server at `/beheer/`. Routes live in the fragment (`#/netwerk/<id>/intake`),
 * which holds ids only, never personal data; a sign-in link arrives as `#login=<token>` and is
 * removed from the address bar at once. Without a session it is exchanged for a session cookie
 * straight away; while someone is signed in, the console first asks whether to switch to the
 * link's account (a link can be someone else's, opened to sign this person in as them).
 */
export class LeerkringConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        min-block-size: 100vh;
      }
      header.bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.5rem 1rem;
        border-block-end: 2px solid var(--_leerkring-border);
      }
      header.bar .product {
        font-weight: 700;
        font-size: 1.1rem;
        color: inherit;
        text-decoration: none;
      }
      header.bar .who {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      main {
        padding: 1rem;
        max-inline-size: 72rem;
        margin-inline: auto;
      }
      .skip {
        position: absolute;
        inset-inline-start: -9999px;
      }
      .skip:focus {
        position: static;
      }
      @media print {
        header.bar {
          display: none;
        }
      }
    `,
  ];
  static override properties = {
    api: {},
    _view: { state: true },
    _route: { state: true },
    _locale: { state: true },
  };

  /** Origin of the organiser API; the console's own origin by default. */
  declare api: string;
  declare _view: View;
  declare _route: Route;
  declare _locale: Locale;

  #admin!: AdminClient;
  /** A sign-in token kept while the session check failed, for the retry. */
  #pendingLogin: string | undefined;
  #public!: RegistrationClient;
  readonly #provider = new ContextProvider(this, { context: consoleContext });
  // A sign-in link opened in a tab that shows the console already arrives as a hash change.
  readonly #onHash = () => (/^#login=/.test(location.hash) ? void this.#start() : this.#navigate());

  constructor() {
    super();
    this.api = '';
    this._view = { kind: 'starting' };
    this._route = parseRoute('');
    this._locale = readLocale();
    this.addEventListener(ConsoleSessionChangedEvent.eventName, async (e) => {
      const r = await this.#admin.session();
      if (r.ok) this._view = { kind: 'signed-in', session: r.value };
      location.hash = e.href;
    });
    this.addEventListener(ConsoleUnauthorizedEvent.eventName, () => {
      this._view = { kind: 'signed-out', notice: 'expired' };
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#admin = new AdminClient(this.api, { locale: () => this._locale });
    this.#public = new RegistrationClient(this.api || location.origin);
    addEventListener('hashchange', this.#onHash);
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#onHash);
  }

  /** Resolves when the console knows whether someone is signed in (for tests). */
  started: Promise<void> = Promise.resolve();

  async #start(): Promise<void> {
    this.started = (async () => {
      const login = /^#login=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1] ?? this.#pendingLogin;
      this.#pendingLogin = undefined;
      if (login) {
        // The token is single-use; take it out of the address bar and history before anything else.
        history.replaceState(null, '', `${location.pathname}${location.search}#/`);
        const current = await this.#admin.session();
        if (current.ok) {
          this._view = { kind: 'switch', session: current.value, token: login };
          return;
        }
        if (current.status !== 401) {
          this.#pendingLogin = login;
          this._view = { kind: 'error' };
          return;
        }
        return this.#redeem(login);
      }
      const r = await this.#admin.session();
      if (r.ok) return this.#signedIn(r.value);
      this._view = r.status === 401 ? { kind: 'signed-out' } : { kind: 'error' };
    })();
    await this.started;
    this.#navigate();
  }

  async #redeem(token: string): Promise<void> {
    const r = await this.#admin.signIn(token);
    if (r.ok) return this.#signedIn(r.value);
    this._view = r.retryable ? { kind: 'error' } : { kind: 'signed-out', notice: 'link-failed' };
  }

  /** The answer to "switch account?": yes uses the link, no forgets it. */
  async #switch(view: View & { kind: 'switch' }, yes: boolean): Promise<void> {
    if (!yes) return this.#signedIn(view.session);
    this._view = { kind: 'starting' };
    await this.#redeem(view.token);
    this.#navigate();
  }

  #signedIn(session: SessionInfo): void {
    this._view = { kind: 'signed-in', session };
    this.#navigate();
  }

  #navigate(): void {
    this._route = parseRoute(location.hash);
    this.#focusHeading();
  }

  /** After a page change, focus moves to the new page's heading, as a screen reader user expects. */
  async #focusHeading(): Promise<void> {
    await this.updateComplete;
    const page = this.renderRoot.querySelector('main > *') as (HTMLElement & { focusHeading?: () => Promise<void> }) | null;
    if (page?.focusHeading) await page.focusHeading();
    else this.renderRoot.querySelector<HTMLElement>('main h1[tabindex]')?.focus();
  }

  #setLocale(locale: Locale): void {
    this._locale = locale;
    try {
      localStorage.setItem(LANG_KEY, locale);
    } catch {
      // Storage can be off; the choice then lasts for this page only.
    }
    document.documentElement.lang = locale;
  }

  async #signOut(everywhere: boolean): Promise<void> {
    const r = everywhere ? await this.#admin.signOutEverywhere() : await this.#admin.signOut();
    if (r.ok || r.status === 401) {
      this._view = { kind: 'signed-out', notice: 'signed-out' };
      history.replaceState(null, '', `${location.pathname}#/`);
    }
  }

  protected override willUpdate(): void {
    if (this._view.kind === 'signed-in')
      this.#provider.setValue({ admin: this.#admin, public: this.#public, session: this._view.session, locale: this._locale });
    const m = consoleMessages(this._locale);
    document.title = m.product;
    this.lang = this._locale;
    // The page's language too, also after a reload in English (the choice is kept in storage).
    document.documentElement.lang = this._locale;
  }

  protected override render() {
    const m = consoleMessages(this._locale);
    const other: Locale = this._locale === 'nl' ? 'en' : 'nl';
    const view = this._view;
    const who =
      view.kind === 'signed-in'
        ? html`<div class="who">
            <span>${sayingWho(m.signedInAs, bdi(view.session.organiser?.name || view.session.organiser?.email || m.installationAdmin))}</span>
            <button class="button secondary" type="button" @click=${() => this.#signOut(false)}>${m.signOut}</button>
            <button class="button secondary" type="button" @click=${() => this.#signOut(true)}>${m.signOutEverywhere}</button>
          </div>`
        : nothing;
    return html`
      <a class="skip" href="#inhoud" @click=${this.#skip}>${m.skipLink}</a>
      <header class="bar">
        <a class="product" href="#/">${m.product}</a>
        ${view.kind === 'signed-in'
          ? html`<nav aria-label=${m.nav.label}><a href="#/">${m.nav.overview}</a> · <a href="#/sleutels">${m.nav.tokens}</a></nav>`
          : nothing}
        ${who}
        <button class="button secondary" type="button" lang=${other} aria-label=${m.languageLabel} @click=${() => this.#setLocale(other)}>
          ${m.language}
        </button>
      </header>
      <main id="inhoud" tabindex="-1">${this.#page(view)}</main>
    `;
  }

  #skip(e: Event): void {
    e.preventDefault();
    (this.renderRoot.querySelector('main') as HTMLElement).focus();
  }

  #page(view: View) {
    const m = consoleMessages(this._locale);
    switch (view.kind) {
      case 'starting':
        return html`<p role="status">${m.loading}</p>`;
      case 'error':
        return html`<div role="alert">
          <p>${m.loadError}</p>
          <button class="button" type="button" @click=${() => void this.#start()}>${m.retry}</button>
        </div>`;
      case 'switch': {
        const t = m.switchAccount;
        const name = bdi(view.session.organiser?.name || view.session.organiser?.email || m.installationAdmin);
        return html`<section aria-labelledby="switch-heading">
          <h1 id="switch-heading" tabindex="-1">${t.heading}</h1>
          <p>${sayingWho(t.current, name)}</p>
          <p>${t.explain}</p>
          <p>${t.question}</p>
          <div class="toolbar">
            <button class="button" type="button" @click=${() => void this.#switch(view, true)}>${t.confirm}</button>
            <button class="button secondary" type="button" @click=${() => void this.#switch(view, false)}>${sayingWho(t.stay, name)}</button>
          </div>
        </section>`;
      }
      case 'signed-out':
        return html`<leerkring-console-sign-in .client=${this.#admin} .locale=${this._locale} .notice=${view.notice}></leerkring-console-sign-in>`;
      case 'signed-in': {
        const r = this._route;
        if (r.page === 'tokens') return html`<leerkring-console-tokens></leerkring-console-tokens>`;
        if (r.page === 'network')
          return html`<leerkring-console-network .networkId=${r.networkId} .tab=${r.tab} .sessionId=${r.sessionId} .attended=${r.attended}></leerkring-console-network>`;
        return html`<leerkring-console-overview></leerkring-console-overview>`;
      }
    }
  }
}

function readLocale(): Locale {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === 'en' || stored === 'nl') return stored;
  } catch {
    // Storage may be off.
  }
  return document.documentElement.lang?.startsWith('en') ? 'en' : 'nl';
}

customElements.get('leerkring-console') ?? customElements.define('leerkring-console', LeerkringConsole);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console': LeerkringConsole;
  }
}

export type { ConsoleState };
