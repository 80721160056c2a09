import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { QUESTION_TYPES } from '../core/constants.js';
import { questionsEditorMessages } from '../core/i18n/questions-editor.js';
import { DocumentEditor } from './document-editor.js';

type Doc = Record<string, unknown>;
type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; revision: number; document: Doc };

/** A question as the form here holds it: what the owner typed, with a key that stays while it moves. */
interface Draft {
  key: number;
  id?: string;
  label: string;
  type: (typeof QUESTION_TYPES)[number];
  required: boolean;
  reason: string;
  /** One option label per line; the values of options that keep their label stay. */
  options: string;
  oldOptions: { value: string; label: string }[];
  min: string;
  max: string;
}

/** An id from a label, as the document's ids are written (`a-z`, digits, `-`). */
function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'vraag';
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

/**
 * For owners: the questions of the registration form as a form (add, edit, reorder, remove),
 * instead of only in the JSON. Saving is the document's own path (DocumentEditor): the server's
 * check first, then a save on the revision loaded; after a 412 the questions typed here are kept
 * on top of the newer document.
 */
export class ConsoleQuestions extends DocumentEditor {
  static override properties = {
    ...DocumentEditor.properties,
    _load: { state: true },
    _drafts: { state: true },
  };

  declare _load: Load;
  declare _drafts: Draft[];
  #nextKey = 0;
  #checked: Doc | undefined;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._drafts = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch();
  }

  async #fetch(): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.networkDocument(this.networkId));
    if (!r.ok) {
      this._load = { status: 'error' };
      return;
    }
    this._load = { status: 'ready', revision: r.value.revision, document: r.value.document as Doc };
    this._drafts = this.#draftsOf(r.value.document as Doc);
  }

  #draftsOf(doc: Doc): Draft[] {
    const questions = ((doc.registration as Doc | undefined)?.questions ?? []) as Record<string, unknown>[];
    return questions.map((q) => ({
      key: this.#nextKey++,
      id: String(q.id),
      label: String(q.label ?? ''),
      type: (q.type as Draft['type']) ?? 'text',
      required: q.required === true,
      reason: typeof q.reason === 'string' ? q.reason : '',
      options: ((q.options ?? []) as { label: string }[]).map((o) => o.label).join('\n'),
      oldOptions: (q.options ?? []) as Draft['oldOptions'],
      min: q.min === undefined ? '' : String(q.min),
      max: q.max === undefined ? '' : String(q.max),
    }));
  }

  /** The document with the questions as this form has them. */
  #document(base: Doc): Doc {
    const doc = structuredClone(base);
    const registration = { ...((doc.registration as Doc | undefined) ?? {}) };
    const taken = new Set(this._drafts.flatMap((d) => (d.id ? [d.id] : [])));
    const questions = this._drafts.map((d) => {
      const q: Doc = { id: d.id ?? unique(slug(d.label), taken), label: d.label.trim(), type: d.type };
      if (d.required) q.required = true;
      if (d.reason.trim()) q.reason = d.reason.trim();
      if (d.type === 'choice') {
        const values = new Set<string>();
        q.options = d.options
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((label) => ({ value: unique(d.oldOptions.find((o) => o.label === label)?.value ?? slug(label), values), label }));
      }
      if (d.type === 'number') {
        for (const k of ['min', 'max'] as const) {
          const v = d[k].trim().replace(',', '.');
          if (v) q[k] = Number.isFinite(Number(v)) ? Number(v) : v;
        }
      }
      return q;
    });
    if (questions.length) registration.questions = questions;
    else delete registration.questions;
    doc.registration = registration;
    return doc;
  }

  #set(key: number, change: Partial<Draft>): void {
    this._drafts = this._drafts.map((d) => (d.key === key ? { ...d, ...change } : d));
    this._preview = undefined;
  }

  async #move(index: number, by: -1 | 1, which: 'up' | 'down'): Promise<void> {
    const to = index + by;
    if (to < 0 || to >= this._drafts.length) return;
    const drafts = [...this._drafts];
    [drafts[index], drafts[to]] = [drafts[to]!, drafts[index]!];
    this._drafts = drafts;
    this._preview = undefined;
    this._notice = questionsEditorMessages(this.state.locale).moved(to + 1);
    // Focus goes with the question: its same button, or the other one at the end of the list.
    const key = drafts[to]!.key;
    await this.updateComplete;
    const button = this.renderRoot.querySelector<HTMLButtonElement>(`#q-${key}-${which}`);
    (button && !button.disabled ? button : this.renderRoot.querySelector<HTMLElement>(`#q-${key}-${which === 'up' ? 'down' : 'up'}`))?.focus();
  }

  async #remove(index: number): Promise<void> {
    this._drafts = this._drafts.filter((_, i) => i !== index);
    this._preview = undefined;
    this._notice = questionsEditorMessages(this.state.locale).removed;
    await this.focusFirst('q-notice');
  }

  async #add(): Promise<void> {
    const key = this.#nextKey++;
    this._drafts = [...this._drafts, { key, label: '', type: 'text', required: false, reason: '', options: '', oldOptions: [], min: '', max: '' }];
    this._preview = undefined;
    await this.focusFirst(`q-${key}-label`);
  }

  async #check(e: Event): Promise<void> {
    e.preventDefault();
    if (this._load.status !== 'ready' || this._busy) return;
    this.#checked = this.#document(this._load.document);
    await this.checkDocument(this.#checked);
    return this.focusFirst('q-problems', 'preview-heading', 'q-notice');
  }

  async #save(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy || !this.#checked) return;
    const saved = await this.saveDocument(this.#checked, this._load.revision);
    if (typeof saved === 'number') {
      const drafts = this._drafts;
      await this.#fetch();
      // New questions got their ids on save; what is typed stays as typed.
      if (drafts.length !== this._drafts.length) this._drafts = drafts;
      this._notice = this.m.document.saved(saved, this.savedEmails);
    } else if (saved === 'stale') {
      // The questions typed here stay; they go on top of the newer document at the next check.
      const newer = this.signedOutIf(await this.state.admin.networkDocument(this.networkId));
      if (newer.ok) this._load = { status: 'ready', revision: newer.value.revision, document: newer.value.document as Doc };
    }
    return this.focusFirst('stale', 'q-problems', 'q-notice');
  }

  /** The server's problems of question `index` (`registration.questions[2].label`), and those of no question. */
  #problemsOf(index: number | undefined): string[] {
    return (this._problems ?? [])
      .filter((p) => {
        const m = /^registration\.questions\[(\d+)\]/.exec(p.path);
        return index === undefined ? !m : m !== null && Number(m[1]) === index;
      })
      .map((p) => p.message);
  }

  #question(d: Draft, i: number, count: number): TemplateResult {
    const t = questionsEditorMessages(this.state.locale);
    const id = `q-${d.key}`;
    const problems = this.#problemsOf(i);
    const input = (field: 'label' | 'reason' | 'min' | 'max', label: string, extra: { hint?: string; numeric?: boolean } = {}) =>
      html`<div class="field">
        <label for=${`${id}-${field}`}>${label}</label>
        ${extra.hint ? html`<span class="hint" id=${`${id}-${field}-hint`}>${extra.hint}</span>` : nothing}
        <input
          id=${`${id}-${field}`}
          type="text"
          autocomplete="off"
          inputmode=${extra.numeric ? 'decimal' : nothing}
          .value=${d[field]}
          aria-describedby=${[extra.hint ? `${id}-${field}-hint` : '', field === 'label' && problems.length ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing}
          aria-invalid=${field === 'label' && problems.length ? 'true' : 'false'}
          @input=${(e: Event) => this.#set(d.key, { [field]: (e.target as HTMLInputElement).value })}
        />
      </div>`;
    return html`<fieldset class="card">
      <legend>${t.question(i + 1)}</legend>
      ${problems.length ? html`<p class="error-text" id=${`${id}-error`}>${problems.join(' ')}</p>` : nothing}
      ${input('label', t.label)}
      <div class="field">
        <label for=${`${id}-type`}>${t.type}</label>
        <select id=${`${id}-type`} @change=${(e: Event) => this.#set(d.key, { type: (e.target as HTMLSelectElement).value as Draft['type'] })}>
          ${QUESTION_TYPES.map((k) => html`<option value=${k} ?selected=${d.type === k}>${t.types[k]}</option>`)}
        </select>
      </div>
      ${d.type === 'choice'
        ? html`<div class="field">
            <label for=${`${id}-options`}>${t.options}</label>
            <textarea id=${`${id}-options`} rows="4" .value=${d.options} @input=${(e: Event) => this.#set(d.key, { options: (e.target as HTMLTextAreaElement).value })}></textarea>
          </div>`
        : nothing}
      ${d.type === 'number' ? html`${input('min', t.min, { numeric: true })}${input('max', t.max, { numeric: true })}` : nothing}
      <div class="check">
        <input id=${`${id}-required`} type="checkbox" .checked=${d.required} @change=${(e: Event) => this.#set(d.key, { required: (e.target as HTMLInputElement).checked })} />
        <label for=${`${id}-required`}>${t.required}</label>
      </div>
      ${input('reason', t.reason, { hint: t.reasonHint })}
      <div class="row">
        <button class="button secondary" type="button" id=${`${id}-up`} ?disabled=${i === 0} @click=${() => this.#move(i, -1, 'up')}>${t.up(i + 1)}</button>
        <button class="button secondary" type="button" id=${`${id}-down`} ?disabled=${i === count - 1} @click=${() => this.#move(i, 1, 'down')}>${t.down(i + 1)}</button>
        <button class="button secondary" type="button" id=${`${id}-remove`} @click=${() => this.#remove(i)}>${t.remove(i + 1)}</button>
      </div>
    </fieldset>`;
  }

  protected override render() {
    const m = this.m;
    const t = questionsEditorMessages(this.state.locale);
    const load = this._load;
    if (load.status === 'loading') return html`<p role="status">${m.loading}</p>`;
    if (load.status === 'error') return html`<p role="alert">${m.loadError}</p>`;
    const general = this.#problemsOf(undefined);
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      ${this._problems
        ? html`<div class="error-summary" role="alert" id="q-problems" tabindex="-1">
            <h3>${m.document.problems}</h3>
            <ul>
              ${this._problems.map((p) => {
                const at = /^registration\.questions\[(\d+)\]/.exec(p.path);
                const d = at ? this._drafts[Number(at[1])] : undefined;
                return html`<li>${d ? html`<a href=${`#q-${d.key}-label`} @click=${(e: Event) => (e.preventDefault(), this.renderRoot.querySelector<HTMLElement>(`#q-${d.key}-label`)?.focus())}>${t.question(Number(at![1]) + 1)}: ${p.message}</a>` : p.message}</li>`;
              })}
            </ul>
          </div>`
        : nothing}
      ${general.length && !this._problems ? html`<p class="error-text">${general.join(' ')}</p>` : nothing}
      ${this.renderStale(t.stale)}
      <p role="status" class="status-line" id="q-notice" tabindex="-1">${this._notice}</p>
      <form novalidate @submit=${this.#check}>
        ${this._drafts.length ? nothing : html`<p>${t.none}</p>`}
        ${repeat(this._drafts, (d) => d.key, (d, i) => this.#question(d, i, this._drafts.length))}
        <p><button class="button secondary" type="button" id="q-add" @click=${this.#add}>${t.add}</button></p>
        <button class="button" type="submit" ?disabled=${this._busy}>${t.check}</button>
      </form>
      ${this.renderPreview(t.checked, t.save, () => this.#save())}`;
  }
}

customElements.get('leerkring-console-questions') ?? customElements.define('leerkring-console-questions', ConsoleQuestions);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-questions': ConsoleQuestions;
  }
}
