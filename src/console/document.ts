import { html, nothing } from 'lit';
import type { NetworkChangePreview, NetworkRevision } from '../core/admin-api.js';
import { ConsolePage } from './page.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; revision: number };
type Problem = { path: string; message: string };

/**
 * For owners: the whole network document as JSON, so that everything the document can say is
 * editable without curl. The server's validator is the only judge: its problems (path and
 * sentence) are shown as they come, never re-checked here.
 */
export class ConsoleDocument extends ConsolePage {
  static override properties = {
    networkId: { attribute: false },
    _load: { state: true },
    _text: { state: true },
    _problems: { state: true },
    _preview: { state: true },
    _stale: { state: true },
    _notice: { state: true },
    _busy: { state: true },
  };

  declare networkId: string;
  declare _load: Load;
  /** The owner's text: kept through a 412 and a 422, so no typing is lost. */
  declare _text: string;
  declare _problems: Problem[] | undefined;
  declare _preview: NetworkChangePreview | undefined;
  declare _stale: NetworkRevision[] | undefined;
  declare _notice: string;
  declare _busy: boolean;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._text = '';
    this._notice = '';
    this._busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch(true);
  }

  /** Loads the newest revision; `replace` also puts its document in the text area. */
  async #fetch(replace: boolean): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.networkDocument(this.networkId));
    if (!r.ok) {
      this._load = { status: 'error' };
      return;
    }
    this._load = { status: 'ready', revision: r.value.revision };
    if (replace) this._text = JSON.stringify(r.value.document, null, 2);
  }

  /** The text as a document, or undefined after showing why it is not JSON. */
  #parse(): unknown {
    try {
      return JSON.parse(this._text);
    } catch {
      this._problems = [{ path: '', message: this.m.document.notJson }];
      return undefined;
    }
  }

  /** Focuses the first of `ids` that is on the page: the message the owner must read first. */
  async #focus(...ids: string[]): Promise<void> {
    await this.updateComplete;
    for (const id of ids) {
      const el = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
      if (el) return el.focus();
    }
  }

  async #check(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy) return;
    this._problems = undefined;
    this._preview = undefined;
    this._notice = '';
    const doc = this.#parse();
    if (doc === undefined) return this.#focus('problems');
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.previewNetworkChanges(this.networkId, doc));
    this._busy = false;
    if (r.ok) this._preview = r.value;
    else if (r.status === 422) this._problems = (r.error as { issues?: Problem[] }).issues ?? [];
    else this._notice = this.m.failed;
    return this.#focus('problems', 'preview-heading', 'notice');
  }

  async #save(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy) return;
    const doc = this.#parse();
    if (doc === undefined) return this.#focus('problems');
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.saveNetwork(this.networkId, doc, this._load.revision));
    this._busy = false;
    this._preview = undefined;
    this._problems = undefined;
    if (r.ok) {
      this._stale = undefined;
      this._notice = this.m.document.saved(r.value.revision);
      await this.#fetch(true);
    } else if (r.status === 412) {
      // Someone saved in between: say what, and base the next save on their revision while
      // keeping this owner's text, so it is their choice what to keep.
      this._stale = (r.error as { between?: NetworkRevision[] }).between ?? [];
      this._notice = '';
      await this.#fetch(false);
    } else if (r.status === 422) this._problems = (r.error as { issues?: Problem[] }).issues ?? [];
    else this._notice = this.m.failed;
    return this.#focus('stale', 'problems', 'notice');
  }

  async #reload(): Promise<void> {
    this._stale = undefined;
    this._problems = undefined;
    this._preview = undefined;
    await this.#fetch(true);
    this._notice = this.m.document.reloaded;
    return this.#focus('notice');
  }

  #who(r: NetworkRevision): string {
    return r.authorName || this.m.sessions.by[r.author] || r.author;
  }

  protected override render() {
    const m = this.m;
    const t = m.document;
    const load = this._load;
    if (load.status === 'loading') return html`<p role="status">${m.loading}</p>`;
    if (load.status === 'error') return html`<p role="alert">${m.loadError}</p>`;
    const describedBy = ['document-hint', ...(this._problems ? ['problems-list'] : [])].join(' ');
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      ${this._problems
        ? html`<div class="error-summary" role="alert" id="problems" tabindex="-1" aria-labelledby="problems-title">
            <h3 id="problems-title">${t.problems}</h3>
            <ul id="problems-list">
              ${this._problems.map((p) => html`<li><a href="#document" @click=${this.#toField}>${p.path ? `${p.path}: ` : ''}${p.message}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      ${this._stale
        ? html`<div role="alert" id="stale" tabindex="-1">
            <p>${t.stale}</p>
            <ul>
              ${this._stale.map((r) => html`<li>${m.sessions.staleItem(r.revision, this.#who(r), [...r.paths, ...r.sessions].join(', '))}</li>`)}
            </ul>
            <button class="button secondary" type="button" @click=${this.#reload}>${t.reload}</button>
          </div>`
        : nothing}
      <p role="status" class="status-line" id="notice" tabindex="-1">${this._notice}</p>
      <div class="field">
        <label for="document">${t.label(load.revision)}</label>
        <span class="hint" id="document-hint">${t.hint}</span>
        <textarea
          id="document"
          class="code"
          rows="30"
          spellcheck="false"
          autocapitalize="off"
          autocomplete="off"
          aria-invalid=${this._problems ? 'true' : 'false'}
          aria-describedby=${describedBy}
          .value=${this._text}
          @input=${(e: Event) => ((this._text = (e.target as HTMLTextAreaElement).value), (this._preview = undefined))}
        ></textarea>
      </div>
      <div class="toolbar">
        <button class="button" type="button" ?disabled=${this._busy} @click=${this.#check}>${t.check}</button>
      </div>
      ${this._preview
        ? html`<h3 id="preview-heading" tabindex="-1">${t.checked}</h3>
            ${this._preview.changes.some((c) => c.recipients)
              ? html`<ul>
                  ${this._preview.changes.map((c) => html`<li>${m.sessions.told(c.title, c.kinds.map((k) => m.sessions.kinds[k] ?? k).join(', '), c.recipients)}</li>`)}
                </ul>`
              : html`<p>${m.sessions.nobody}</p>`}
            ${this._preview.email
              ? html`<h4>${m.sessions.emailHeading}</h4>
                  <p><strong>${this._preview.email.subject}</strong></p>
                  <pre class="mail">${this._preview.email.text}</pre>`
              : nothing}
            <button class="button" type="button" ?disabled=${this._busy} @click=${this.#save}>${t.save}</button>`
        : nothing}`;
  }

  /** The summary's links go to the text area (the field every path points into). */
  #toField(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#document')?.focus();
  }
}

customElements.get('leerkring-console-document') ?? customElements.define('leerkring-console-document', ConsoleDocument);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-document': ConsoleDocument;
  }
}
