import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { certificateHolders, formatHours, sessionMinutes } from '../core/certificate.js';
import { certificateConsoleMessages } from '../core/i18n/certificate-console.js';
import { ConsolePage } from './page.js';
import { bdi, sayingWho } from './bidi.js';

/**
 * Certificates of attendance (issue 24), in the Export tab: who gets one (core decides, from the
 * attendance recorded), each person's PDF and an e-mail with it, and everyone's at once.
 * Downloads are plain links to the organiser API: the session cookie goes along, no name or
 * address is in them (registration ids only).
 */
export class ConsoleCertificates extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    registrations: { attribute: false },
    _lang: { state: true },
    _notice: { state: true },
  };

  declare network: Network;
  declare registrations: AdminRegistration[];
  /** '' is each person's own language; 'nl' or 'en' for all. */
  declare _lang: '' | 'nl' | 'en';
  declare _notice: unknown;

  constructor() {
    super();
    this._lang = '';
    this._notice = '';
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
    const holders = certificateHolders(this.network, this.registrations);
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
            <p><a class="button" href=${`/api/admin/networks/${encodeURIComponent(this.network.id)}/certificates.pdf${q}`} download>${c.all(holders.length)}</a></p>
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
                    <p><strong>${bdi(r.participant.name)}</strong>${r.participant.organisation ? html`<br /><span class="muted">${bdi(r.participant.organisation)}</span>` : nothing}</p>
                    <p>${c.sessions(h.sessions.length, formatHours(locale, minutes))}</p>
                    <div class="row">
                      <a class="button" href=${`/api/admin/registrations/${encodeURIComponent(r.id)}/certificate.pdf${q}`} download aria-label=${c.downloadLabel(r.participant.name)}>${c.download}</a>
                      <button type="button" aria-label=${c.sendLabel(r.participant.name)} @click=${() => this.#send(r)}>${c.send}</button>
                    </div>
                  </li>`;
                },
              )}
            </ul>`
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
