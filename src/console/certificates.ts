import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { certificateHolders, formatHours, sessionMinutes } from '../core/certificate.js';
import { certificateConsoleMessages } from '../core/i18n/certificate-console.js';
import { ConsolePage } from './page.js';
import { bdi, sayingWho } from './bidi.js';
import { PagedList } from './paged-list.js';

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
    _lang: { state: true },
    _notice: { state: true },
  };

  declare network: Network;
  /** Raised by the network page when what the server holds may have changed. */
  declare version: number;
  /**
   * The registrations of the people drawn (every registration of each), a page of people at a
   * time; its total is how many people get a certificate. A page of `limit` holders is `limit`
   * people, however many registrations they have.
   */
  readonly #list = new PagedList<AdminRegistration>(this, {
    get: (limit, after) => this.state.admin.certificateHolders(this.network.id, { limit: String(limit), ...(after && { after }) }).then((r) => this.signedOutIf(r)),
    focusId: (first) => `holder-${first.id}`,
    perPage: (_, limit) => limit,
  });
  /** '' is each person's own language; 'nl' or 'en' for all. */
  declare _lang: '' | 'nl' | 'en';
  declare _notice: unknown;

  constructor() {
    super();
    this.version = 0;
    this._lang = '';
    this._notice = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('network') || changed.has('version')) this.loaded = this.#list.load();
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
    const items = this.#list.items;
    if (!items) return html`<section class="certificates"><h2>${c.heading}</h2><p role="status">${this.m.loading}</p></section>`;
    const holders = certificateHolders(this.network, items);
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
            <p><a class="button" href=${`/api/admin/networks/${encodeURIComponent(this.network.id)}/certificates.pdf${q}`} download>${c.all(this.#list.total)}</a></p>
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
            ${this.#list.footer(this.m, holders.length, 'holders-shown')}`
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
