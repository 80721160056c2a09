import { html, nothing } from 'lit';
import type { ReportNoticeResult } from '../core/admin-api.js';
import type { Resource } from '../core/schema.js';
import { ConsolePage } from './page.js';

/**
 * Telling the people who came to a session about one of its resources (a report, a recording, a
 * newsletter…, each worded by its type): a separate section the sessions tab places beside each
 * resource that is attached (saved) to a session. First it says who
 * will get it and shows the e-mail; only the organiser's second click sends, once per person.
 */
export class ConsoleReportNotice extends ConsolePage {
  static override properties = {
    networkId: { attribute: false },
    sessionId: { attribute: false },
    report: { attribute: false },
    _preview: { state: true },
    _notice: { state: true },
    _busy: { state: true },
  };

  declare networkId: string;
  declare sessionId: string;
  /** The resource as the saved document has it. */
  declare report: Pick<Resource, 'title' | 'url' | 'type'>;
  declare _preview: ReportNoticeResult | undefined;
  declare _notice: string;
  declare _busy: boolean;

  constructor() {
    super();
    this._notice = '';
    this._busy = false;
  }

  get #key(): string {
    return this.report.url ?? this.report.title;
  }

  async #ask(preview: boolean): Promise<void> {
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.reportNotice(this.networkId, this.sessionId, { report: this.#key, ...(preview && { preview: true }) }));
    this._busy = false;
    if (!r.ok) this._notice = this.m.failed;
    else if (preview) this._preview = r.value;
    else {
      this._preview = undefined;
      this._notice = this.m.reportNotice.sent(r.value.sent);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(preview && r.ok ? '.report-who' : '.report-status')?.focus();
  }

  protected override render() {
    const t = this.m.reportNotice;
    const p = this._preview;
    const toSend = p ? p.recipients - p.alreadyTold : 0;
    return html`<div class="report-notice">
      <p role="status" class="report-status status-line" tabindex="-1">${this._notice}</p>
      ${p
        ? html`<p class="report-who" id="report-who" tabindex="-1">${p.recipients ? t.who(p.recipients, p.alreadyTold, t.thisOne[this.report.type]) : t.nobody}</p>
            ${p.email && toSend
              ? html`<h4>${this.m.sessions.emailHeading}</h4>
                  <p><strong>${p.email.subject}</strong></p>
                  <pre class="mail">${p.email.text}</pre>`
              : nothing}
            <div class="toolbar">
              ${toSend ? html`<button class="button" type="button" ?disabled=${this._busy} @click=${() => this.#ask(false)}>${t.send(toSend)}</button>` : nothing}
              <button class="button secondary" type="button" @click=${() => (this._preview = undefined)}>${t.cancel}</button>
            </div>`
        : html`<button class="button secondary" type="button" ?disabled=${this._busy} @click=${() => this.#ask(true)}>
            ${t.ask[this.report.type]}<span class="visually-hidden"> ${t.askWhich(this.report.title)}</span>
          </button>`}
    </div>`;
  }
}

customElements.get('leerkring-console-report-notice') ?? customElements.define('leerkring-console-report-notice', ConsoleReportNotice);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-report-notice': ConsoleReportNotice;
  }
}
