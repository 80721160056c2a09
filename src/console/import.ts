import { html, nothing, css } from 'lit';
import type { ImportResult } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { organiserEntryMessages } from '../core/i18n/organiser-entry.js';
import { consoleStyles } from './styles.js';
import { ConsolePage } from './page.js';
import { ConsoleDataChangedEvent } from './live.js';

/**
 * Text of a chosen file: UTF-8 (what "CSV UTF-8" and the console's export write), or else
 * Windows-1252, what Dutch Excel's plain "CSV (gescheiden door lijstscheidingsteken)" writes.
 */
async function fileText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Imports a list of participants (CSV): from a file or pasted. First a preview from the server
 * that says per row what will happen (a place, the waiting list, skipped) and each problem with
 * its line and column; only a list without problems can be confirmed, and then all rows are
 * registered in one transaction, or none.
 */
export class ConsoleImport extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      table {
        inline-size: 100%;
        border-collapse: collapse;
        margin-block: 0.5rem 1rem;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: 0.35rem 0.5rem 0.35rem 0;
        border-block-end: 1px solid var(--_leerkring-border);
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties = {
    network: { attribute: false },
    _result: { state: true },
    _done: { state: true },
    _busy: { state: true },
  };

  declare network: Network;
  declare _result: ImportResult | undefined;
  declare _done: string;
  declare _busy: boolean;
  /** The text the preview was made of: only that is confirmed. */
  #previewed = '';

  constructor() {
    super();
    this._result = undefined;
    this._done = '';
    this._busy = false;
  }

  protected override render() {
    const t = organiserEntryMessages(this.state.locale).import;
    const a = organiserEntryMessages(this.state.locale).add;
    const r = this._result;
    const problems = r ? r.fileProblems.length + r.rows.reduce((n, x) => n + x.problems.length, 0) : 0;
    const taken = r ? r.rows.filter((x) => x.outcome !== 'skipped').length : 0;
    return html`<p>${t.intro}</p>
      <form novalidate @submit=${this.#preview} @input=${() => (this._result = undefined)}>
        <div class="field">
          <label for="import-file">${t.file}</label>
          <input id="import-file" type="file" accept=".csv,text/csv,text/plain" @change=${this.#read} />
        </div>
        <div class="field">
          <label for="import-text">${t.paste}</label>
          <span class="hint" id="import-text-hint">${t.pasteHint}</span>
          <textarea id="import-text" class="code" rows="6" aria-describedby="import-text-hint"></textarea>
        </div>
        <div class="field">
          <div class="check"><input type="checkbox" id="import-send" checked aria-describedby="entry-send-hint" /><label for="import-send">${a.sendEmail}</label></div>
          <span class="hint" id="entry-send-hint">${a.sendEmailHint}</span>
        </div>
        <div class="field">
          <div class="check"><input type="checkbox" id="import-over" aria-describedby="import-over-hint" /><label for="import-over">${a.overCapacity}</label></div>
          <span class="hint" id="import-over-hint">${a.overCapacityHint}</span>
        </div>
        <button class="button secondary" type="submit">${t.preview}</button>
      </form>
      <div role="status" id="import-result" tabindex="-1">
        ${this._done ? html`<p>${this._done}</p>` : nothing}
        ${r ? html`<p>${problems ? t.problems(problems) : taken ? t.ready(taken) : t.nothing}</p>` : nothing}
      </div>
      ${r?.fileProblems.length ? html`<ul class="error-text">${r.fileProblems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}
      ${r?.notices.length ? html`<ul class="hint">${r.notices.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}
      ${r?.rows.length
        ? html`<table>
            <caption class="hint">${t.preview}</caption>
            <thead><tr><th scope="col">${t.line}</th><th scope="col">${t.name}</th><th scope="col">${t.outcome}</th></tr></thead>
            <tbody>
              ${r.rows.map(
                (x) => html`<tr>
                  <td>${x.line}</td>
                  <td><bdi>${x.name}</bdi><br /><span class="hint">${x.email}</span></td>
                  <td>
                    ${x.outcome === 'problem' ? nothing : x.overCapacity ? t.overCapacity : t.outcomes[x.outcome]}
                    ${x.problems.length ? html`<ul class="error-text">${x.problems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${r && !problems && taken && !r.committed ? html`<button class="button" type="button" @click=${this.#confirm}>${t.confirm(taken)}</button>` : nothing}`;
  }

  async #read(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    // The file's text goes into the box: what is read is what the organiser can see.
    this.renderRoot.querySelector<HTMLTextAreaElement>('#import-text')!.value = await fileText(file);
    this._result = undefined;
  }

  async #send(commit: boolean): Promise<ImportResult | undefined> {
    const csv = commit ? this.#previewed : this.renderRoot.querySelector<HTMLTextAreaElement>('#import-text')!.value;
    const sendEmail = this.renderRoot.querySelector<HTMLInputElement>('#import-send')!.checked;
    const overCapacity = this.renderRoot.querySelector<HTMLInputElement>('#import-over')!.checked;
    this.#previewed = csv;
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.call('importRegistrations', { params: { networkId: this.network.id }, body: { csv, commit, sendEmail, overCapacity } }));
    this._busy = false;
    if (r.ok) return r.value;
    const message = r.error.issues?.map((i) => i.message).join(' ') || r.error.message;
    return { committed: false, rows: [], fileProblems: [message], notices: [] };
  }

  async #preview(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._done = '';
    this._result = await this.#send(false);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#import-result')?.focus();
  }

  async #confirm(): Promise<void> {
    if (this._busy) return;
    const t = organiserEntryMessages(this.state.locale).import;
    const r = await this.#send(true);
    if (r?.committed) {
      this._done = t.done(r.rows.filter((x) => x.outcome !== 'skipped').length);
      this._result = undefined;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#import-text')!.value = '';
      this.dispatchEvent(new ConsoleDataChangedEvent());
    } else this._result = r;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#import-result')?.focus();
  }
}

customElements.get('leerkring-console-import') ?? customElements.define('leerkring-console-import', ConsoleImport);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-import': ConsoleImport;
  }
}
