import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { certificateHolders, formatHours, sessionMinutes } from '../core/certificate.js';
import { certificateConsoleMessages } from '../core/i18n/certificate-console.js';
import { ConsolePage } from './page.js';
import { bdi, sayingWho } from './bidi.js';
import { PAGE_SIZE, firstPages } from './pages.js';

/**
 * Certificates of attendance (issue 24), in the Export tab: who gets one (core decides, from the
 * attendance recorded), each person's PDF and an e-mail with it, and everyone's at once.
 * Downloads are plain links to the organiser API: the session cookie goes along, no name or
 * address is in them (registration ids only). The people come from the server a page at a
 * time (issue 27): opening the tab at 50,000 registrations reads one page of holders, not the
 * network; core's certificateHolders groups each page's registrations per person.
 */
export class ConsoleCertificates extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    version: { attribute: false },
    _items: { state: true },
    _next: { state: true },
    _total: { state: true },
    _lang: { state: true },
    _notice: { state: true },
  };

  declare network: Network;
  /** Raised by the network page when what the server holds may have changed. */
  declare version: number;
  /** The registrations of the people drawn (every registration of each), undefined until the first page arrives. */
  declare _items: AdminRegistration[] | undefined;
  declare _next: string | null;
  /** How many people get a certificate. */
  declare _total: number;
  /** '' is each person's own language; 'nl' or 'en' for all. */
  declare _lang: '' | 'nl' | 'en';
  declare _notice: unknown;

  constructor() {
    super();
    this.version = 0;
    this._next = null;
    this._total = 0;
    this._lang = '';
    this._notice = '';
  }

  #generation = 0;
  /** How many people are drawn: a page of PAGE_SIZE at first, as many again on "Meer laden". */
  #shown = PAGE_SIZE;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('network') || changed.has('version')) this.loaded = this.#load();
  }

  #page(limit: number, after?: string) {
    return this.state.admin.certificateHolders(this.network.id, { limit: String(limit), ...(after && { after }) }).then((r) => this.signedOutIf(r));
  }

  /** Loads as many people as are drawn (a page at first), every registration of each. */
  async #load(): Promise<void> {
    const generation = ++this.#generation;
    // A page of `limit` holders is `limit` people, however many registrations they have.
    const page = await firstPages((limit, after) => this.#page(limit, after), this.#shown, (_, limit) => limit);
    if (!page || generation !== this.#generation) return;
    this._items = page.items;
    this._next = page.next;
    this._total = page.total;
  }

  async #more(): Promise<void> {
    if (!this._next || !this._items) return;
    const generation = ++this.#generation;
    const r = await this.#page(PAGE_SIZE, this._next);
    if (!r.ok || generation !== this.#generation) return;
    const first = r.value.registrations[0];
    this.#shown += PAGE_SIZE;
    this._items = [...this._items, ...r.value.registrations];
    this._next = r.value.next;
    this._total = r.value.total;
    await this.updateComplete;
    if (first) this.renderRoot.querySelector<HTMLElement>(`#holder-${CSS.escape(first.id)}`)?.focus();
  }

  #query(): string {
    return this._lang ? `?lang=${this._lang}` : '';
  }

  async #send(r: AdminRegistration): Promise<void> {
    const c = certificateConsoleMessages(this.state.locale);
    const result = this.signedOutIf(await this.state.admin.sendCertificate(r.id));
    this._notice = result.ok ? sayingWho(c.sent, bdi(r.participant.name)) : c.failed;
  }

  override render() {
    const locale = this.state.locale;
    const c = certificateConsoleMessages(locale);
    if (!this._items) return html`<section class="certificates"><h2>${c.heading}</h2><p role="status">${this.m.loading}</p></section>`;
    const holders = certificateHolders(this.network, this._items);
    const q = this.#query();
    return html`<section class="certificates" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">${c.heading}</h2>
      <p class="hint">${c.intro}</p>
      ${holders.length
        ? html`<div class="field">
              <label for="certificate-lang">${c.language}</label>
              <select id="certificate-lang" @change=${(e: Event) => (this._lang = (e.target as HTMLSelectElement).value as '' | 'nl' | 'en')}>
                <option value="" ?selected=${!this._lang}>${c.ownLanguage}</option>
                <option value="nl" lang="nl" ?selected=${this._lang === 'nl'}>Nederlands</option>
                <option value="en" lang="en" ?selected=${this._lang === 'en'}>English</option>
              </select>
            </div>
            <p><a class="button" href=${`/api/admin/networks/${encodeURIComponent(this.network.id)}/certificates.pdf${q}`} download>${c.all(this._total)}</a></p>
            <h3>${c.people}</h3>
            <p role="status" class="status-line">${this._notice}</p>
            <ul class="cards">
              ${repeat(
                holders,
                (h) => h.registrations[0]!.id,
                (h) => {
                  const r = h.registrations[0]!;
                  const minutes = h.sessions.reduce((n, s) => n + (sessionMinutes(s) ?? 0), 0);
                  return html`<li class="card" data-registration=${r.id}>
                    <p><strong id=${`holder-${r.id}`} tabindex="-1">${bdi(r.participant.name)}</strong>${r.participant.organisation ? html`<br /><span class="muted">${bdi(r.participant.organisation)}</span>` : nothing}</p>
                    <p>${c.sessions(h.sessions.length, formatHours(locale, minutes))}</p>
                    <div class="row">
                      <a class="button" href=${`/api/admin/registrations/${encodeURIComponent(r.id)}/certificate.pdf${q}`} download aria-label=${c.downloadLabel(r.participant.name)}>${c.download}</a>
                      <button type="button" aria-label=${c.sendLabel(r.participant.name)} @click=${() => this.#send(r)}>${c.send}</button>
                    </div>
                  </li>`;
                },
              )}
            </ul>
            ${this._next
              ? html`<p class="no-print">
                  <span id="holders-shown">${this.m.registrations.shownOf(holders.length, this._total)}</span>
                  <button class="button secondary" type="button" aria-describedby="holders-shown" @click=${() => void this.#more()}>${this.m.registrations.more}</button>
                </p>`
              : nothing}`
        : html`<p>${c.none}</p>`}
    </section>`;
  }
}

customElements.get('leerkring-console-certificates') ?? customElements.define('leerkring-console-certificates', ConsoleCertificates);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-certificates': ConsoleCertificates;
  }
}
