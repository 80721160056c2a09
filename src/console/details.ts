import { html, nothing, type TemplateResult } from 'lit';
import { NETWORK_KINDS, REGISTRATION_MODES } from '../core/constants.js';
import { calendarMessages } from '../core/i18n/calendar.js';
import type { ConsoleMessages } from '../core/i18n/console.js';
import { DocumentEditor } from './document-editor.js';

type Doc = Record<string, unknown>;
type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; revision: number; document: Doc };
type Kind = 'text' | 'textarea' | 'number' | 'checkbox' | 'kind' | 'mode' | 'when';
type Group = 'network' | 'contact' | 'registration' | 'privacy';

/**
 * The fields, by their path in the document, in the groups the form shows; the validator's
 * problems come back on the same paths. What is not here (lists such as organisers, questions
 * and sessions' programmes) is edited in the JSON tab.
 */
const FIELDS: { path: string; kind: Kind; group: Group; input?: 'email' | 'tel' | 'url' }[] = [
  { path: 'title', kind: 'text', group: 'network' },
  { path: 'draft', kind: 'checkbox', group: 'network' },
  { path: 'subtitle', kind: 'text', group: 'network' },
  { path: 'summary', kind: 'textarea', group: 'network' },
  { path: 'description', kind: 'textarea', group: 'network' },
  { path: 'kind', kind: 'kind', group: 'network' },
  { path: 'url', kind: 'text', group: 'network', input: 'url' },
  { path: 'contact.name', kind: 'text', group: 'contact' },
  { path: 'contact.role', kind: 'text', group: 'contact' },
  { path: 'contact.email', kind: 'text', group: 'contact', input: 'email' },
  { path: 'contact.phone', kind: 'text', group: 'contact', input: 'tel' },
  { path: 'registration.mode', kind: 'mode', group: 'registration' },
  { path: 'registration.url', kind: 'text', group: 'registration', input: 'url' },
  { path: 'registration.capacity', kind: 'number', group: 'registration' },
  { path: 'registration.waitlist.enabled', kind: 'checkbox', group: 'registration' },
  { path: 'registration.waitlist.limit', kind: 'number', group: 'registration' },
  { path: 'registration.opens', kind: 'when', group: 'registration' },
  { path: 'registration.closes', kind: 'when', group: 'registration' },
  { path: 'registration.approval.required', kind: 'checkbox', group: 'registration' },
  { path: 'registration.approval.explanation', kind: 'textarea', group: 'registration' },
  { path: 'registration.approval.contactWithinDays', kind: 'number', group: 'registration' },
  { path: 'registration.maxPerOrganisation', kind: 'number', group: 'registration' },
  { path: 'registration.reminderDaysBefore', kind: 'number', group: 'registration' },
  { path: 'registration.privacy.controller', kind: 'text', group: 'privacy' },
  { path: 'registration.privacy.statementUrl', kind: 'text', group: 'privacy', input: 'url' },
  { path: 'registration.privacy.retentionDays', kind: 'number', group: 'privacy' },
];

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

function get(doc: Doc, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Doc)[k] : undefined), doc);
}

/** Sets a value at a path (undefined removes it), creating objects on the way only for a value. */
function set(doc: Doc, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = doc;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') {
      if (value === undefined) return;
      o[k] = {};
    }
    o = o[k] as Doc;
  }
  const last = keys.at(-1)!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/**
 * For owners: the network's details (title, texts, kind, registration rules) as a form. The
 * server's validator is the one judge: its problems are shown at the field their path names.
 */
export class ConsoleDetails extends DocumentEditor {
  static override properties = {
    ...DocumentEditor.properties,
    _load: { state: true },
  };

  declare _load: Load;
  /** The document as the form says it, checked and then saved. */
  #draft: Doc | undefined;

  constructor() {
    super();
    this._load = { status: 'loading' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch();
  }

  async #fetch(): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.networkDocument(this.networkId));
    this._load = r.ok ? { status: 'ready', revision: r.value.revision, document: r.value.document as Doc } : { status: 'error' };
  }

  #read(): Doc | undefined {
    if (this._load.status !== 'ready') return undefined;
    const doc = structuredClone(this._load.document);
    for (const f of FIELDS) {
      const el = this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(f.path)}`);
      if (!el) continue;
      if (f.kind === 'checkbox') {
        if (el.checked || get(doc, f.path) !== undefined) set(doc, f.path, el.checked);
      } else if (f.kind === 'when') {
        const date = el.value.trim();
        const time = this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(f.path)}-time`)?.value.trim() ?? '';
        const was = get(doc, f.path);
        // Unchanged in the form: the stored value stays as it was (with its seconds or offset).
        if (typeof was === 'string' && date === was.slice(0, 10) && time === was.slice(11, 16)) continue;
        set(doc, f.path, date ? (time ? `${date}T${time}` : date) : undefined);
      } else {
        const v = el.value.trim();
        set(doc, f.path, v === '' ? undefined : f.kind === 'number' && /^-?\d+$/.test(v) ? Number(v) : v);
      }
    }
    return doc;
  }

  async #check(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this.#draft = this.#read();
    if (!this.#draft) return;
    const timeOnly = FIELDS.filter(
      (f) => f.kind === 'when' && !this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(f.path)}`)?.value && this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(f.path)}-time`)?.value,
    );
    if (timeOnly.length) {
      this._preview = undefined;
      this._notice = '';
      this._problems = timeOnly.map((f) => ({ path: f.path, message: this.m.details.dateMissing }));
    } else await this.checkDocument(this.#draft);
    return this.focusFirst('problems', 'preview-heading', 'notice');
  }

  async #save(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy || !this.#draft) return;
    const saved = await this.saveDocument(this.#draft, this._load.revision);
    if (typeof saved === 'number') {
      // The notice comes with the newer revision, so it is shown and focused at once.
      await this.#fetch();
      this._notice = this.m.document.saved(saved, this.savedEmails);
    } else if (saved === 'stale') {
      // The form keeps what the owner typed: their edits (the fields that differ from what they
      // loaded) go on top of the newer revision, which the next check and save are based on.
      const seen = this._load.document;
      const draft = this.#draft;
      const newer = this.signedOutIf(await this.state.admin.networkDocument(this.networkId));
      if (newer.ok && this._load.status === 'ready') {
        const document = structuredClone(newer.value.document as Doc);
        for (const f of FIELDS) {
          const mine = get(draft, f.path);
          if (JSON.stringify(mine) !== JSON.stringify(get(seen, f.path))) set(document, f.path, mine);
        }
        this._load = { ...this._load, revision: newer.value.revision, document };
      }
    }
    return this.focusFirst('stale', 'problems', 'notice');
  }

  /** The form field a problem belongs to: the longest field path its path starts with. */
  #fieldOf(path: string): string | undefined {
    return FIELDS.map((f) => f.path)
      .filter((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`))
      .sort((a, b) => b.length - a.length)[0];
  }

  #group(doc: Doc, group: Group, t: ConsoleMessages['details']): TemplateResult[] {
    return FIELDS.filter((f) => f.group === group).map((f) => this.#field(doc, f.path, f.kind, t, f.input));
  }

  #field(doc: Doc, path: string, kind: Kind, t: ConsoleMessages['details'], input?: 'email' | 'tel' | 'url'): TemplateResult {
    const id = fieldId(path);
    const label = t.labels[path] ?? path;
    const mine = (this._problems ?? []).filter((p) => this.#fieldOf(p.path) === path);
    const hint = t.hints[path];
    const describedBy = [hint ? `${id}-hint` : '', mine.length ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const invalid = mine.length ? 'true' : 'false';
    const value = get(doc, path);
    const extra = html`${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
    ${mine.length ? html`<span class="error-text" id=${`${id}-error`}>${mine.map((p) => p.message).join(' ')}</span>` : nothing}`;
    if (kind === 'checkbox')
      return html`<div class="check">
        <input id=${id} type="checkbox" .checked=${value === true} aria-invalid=${invalid} aria-describedby=${describedBy} />
        <label for=${id}>${label}</label>
        ${extra}
      </div>`;
    const str = value === undefined ? '' : String(value);
    if (kind === 'when')
      return html`<div class="field">
        <label for=${id}>${label}</label>${extra}
        <input id=${id} type="date" .value=${str.slice(0, 10)} aria-invalid=${invalid} aria-describedby=${describedBy} />
        <label for=${`${id}-time`}>${t.timeOf(label)}</label>
        <input id=${`${id}-time`} type="time" .value=${str.slice(11, 16)} aria-describedby=${hint ? `${id}-hint` : nothing} />
      </div>`;
    const control =
      kind === 'textarea'
        ? html`<textarea id=${id} rows="4" .value=${str} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>`
        : kind === 'kind' || kind === 'mode'
          ? html`<select id=${id} aria-invalid=${invalid} aria-describedby=${describedBy}>
              ${(kind === 'kind' ? NETWORK_KINDS : REGISTRATION_MODES).map(
                (k) => html`<option value=${k} ?selected=${k === value}>${kind === 'kind' ? calendarMessages(this.state.locale).kind[k as 'other'] : (t.modes[k] ?? k)}</option>`,
              )}
            </select>`
          : html`<input
              id=${id}
              type="text"
              inputmode=${kind === 'number' ? 'numeric' : (input ?? nothing)}
              autocomplete="off"
              spellcheck=${input ? 'false' : nothing}
              .value=${str}
              aria-invalid=${invalid}
              aria-describedby=${describedBy}
            />`;
    return html`<div class="field"><label for=${id}>${label}</label>${extra}${control}</div>`;
  }

  protected override render() {
    const m = this.m;
    const t = m.details;
    const load = this._load;
    if (load.status === 'loading') return html`<p role="status">${m.loading}</p>`;
    if (load.status === 'error') return html`<p role="alert">${m.loadError}</p>`;
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      ${this._problems
        ? html`<div class="error-summary" role="alert" id="problems" tabindex="-1" aria-labelledby="problems-title">
            <h3 id="problems-title">${m.document.problems}</h3>
            <ul>
              ${this._problems.map((p) => {
                const f = this.#fieldOf(p.path);
                const text = `${f ? `${t.labels[f] ?? f}: ` : ''}${p.message}`;
                return html`<li>${f ? html`<a href=${`#${fieldId(f)}`} @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector<HTMLElement>(`#${fieldId(f)}`)?.focus())}>${text}</a>` : text}</li>`;
              })}
            </ul>
          </div>`
        : nothing}
      ${this.renderStale(m.sessions.stale)}
      <p role="status" class="status-line" id="notice" tabindex="-1">${this._notice}</p>
      <form novalidate @submit=${this.#check} @input=${() => (this._preview = undefined)}>
        ${this.#group(load.document, 'network', t)}
        ${(['contact', 'registration', 'privacy'] as const).map(
          (g) => html`<fieldset>
            <legend>${t[g]}</legend>
            ${this.#group(load.document, g, t)}
          </fieldset>`,
        )}
        <button class="button" type="submit" ?disabled=${this._busy}>${m.document.check}</button>
      </form>
      ${this.renderPreview(t.checked, m.document.save, () => this.#save())}`;
  }
}

customElements.get('leerkring-console-details') ?? customElements.define('leerkring-console-details', ConsoleDetails);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-details': ConsoleDetails;
  }
}
