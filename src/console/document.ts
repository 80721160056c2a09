import { html, nothing } from 'lit';
import { DocumentEditor } from './document-editor.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; revision: number };

/**
 * For owners: the whole network document as JSON, so that everything the document can say is
 * editable without curl. The server's validator is the only judge: its problems (path and
 * sentence) are shown as they come, never re-checked here.
 */
export class ConsoleDocument extends DocumentEditor {
  static override properties = {
    ...DocumentEditor.properties,
    _load: { state: true },
    _text: { state: true },
  };

  declare _load: Load;
  /** The owner's text: kept through a 412 and a 422, so no typing is lost. */
  declare _text: string;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._text = '';
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

  async #check(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy) return;
    this._preview = undefined;
    this._notice = '';
    const doc = this.#parse();
    if (doc === undefined) return this.focusFirst('problems');
    await this.checkDocument(doc);
    return this.focusFirst('problems', 'preview-heading', 'notice');
  }

  async #save(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy) return;
    const doc = this.#parse();
    if (doc === undefined) return this.focusFirst('problems');
    const saved = await this.saveDocument(doc, this._load.revision);
    if (typeof saved === 'number') {
      this._notice = this.m.document.saved(saved, this.savedEmails);
      await this.#fetch(true);
    }
    // Someone saved in between: base the next save on their revision while keeping this
    // owner's text, so it is their choice what to keep.
    else if (saved === 'stale') await this.#fetch(false);
    return this.focusFirst('stale', 'problems', 'notice');
  }

  async #reload(): Promise<void> {
    this._stale = undefined;
    this._problems = undefined;
    this._preview = undefined;
    await this.#fetch(true);
    this._notice = this.m.document.reloaded;
    return this.focusFirst('notice');
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
      ${this.renderStale(t.stale, html`<button class="button secondary" type="button" @click=${this.#reload}>${t.reload}</button>`)}
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
      ${this.renderPreview(t.checked, t.save, () => this.#save())}`;
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
