import { html, nothing } from 'lit';
import type { NetworkRevision } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { revisionDifferences } from '../core/revision-diff.js';
import { ConsolePage } from './page.js';

/**
 * The readable difference between two revisions of a network, for the history in the sessions
 * tab: pick an older and a newer version (by default the one in use and the one before it), or
 * compare one with the version before it. The sentences are core's `revisionDifferences`.
 */
export class ConsoleRevisionDiff extends ConsolePage {
  static override properties = {
    networkId: { attribute: false },
    revisions: { attribute: false },
    _from: { state: true },
    _to: { state: true },
    _result: { state: true },
    _busy: { state: true },
    _failed: { state: true },
  };

  declare networkId: string;
  /** Every revision, newest first (as the API lists them). */
  declare revisions: NetworkRevision[];
  declare _from: number | undefined;
  declare _to: number | undefined;
  declare _result: { from: number; to: number; lines: string[] } | undefined;
  declare _busy: boolean;
  declare _failed: boolean;

  constructor() {
    super();
    this.revisions = [];
    this._busy = false;
    this._failed = false;
  }

  /** Revisions stay readable for the whole page: each is fetched once. */
  readonly #documents = new Map<number, Promise<Network | undefined>>();

  #document(revision: number): Promise<Network | undefined> {
    let d = this.#documents.get(revision);
    if (!d) {
      d = this.state.admin.revision(this.networkId, revision).then((r) => {
        this.signedOutIf(r);
        if (!r.ok) this.#documents.delete(revision);
        // Stored revisions were checked when they were saved.
        return r.ok ? (r.value.document as Network) : undefined;
      });
      this.#documents.set(revision, d);
    }
    return d;
  }

  /** Compares two revisions and shows the sentences; the older one first whatever the order given. */
  async compare(a: number, b: number): Promise<void> {
    const [from, to] = a <= b ? [a, b] : [b, a];
    this._busy = true;
    this._failed = false;
    const [before, after] = await Promise.all([this.#document(from), this.#document(to)]);
    this._busy = false;
    if (!before || !after) {
      this._failed = true;
      this._result = undefined;
    } else this._result = { from, to, lines: revisionDifferences(before, after, this.state.locale) };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#diff-result')?.focus();
  }

  #selected(name: 'from' | 'to'): number {
    const sorted = this.revisions.map((r) => r.revision).sort((x, y) => y - x);
    const chosen = name === 'from' ? this._from : this._to;
    return chosen ?? (name === 'to' ? sorted[0]! : (sorted[1] ?? sorted[0]!));
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    void this.compare(this.#selected('from'), this.#selected('to'));
  }

  #select(name: 'from' | 'to') {
    const t = this.m.sessions;
    const value = this.#selected(name);
    return html`<div class="field">
      <label for=${`diff-${name}`}>${this.m.revisionDiff[name]}</label>
      <select
        id=${`diff-${name}`}
        @change=${(e: Event) => {
          const v = Number((e.target as HTMLSelectElement).value);
          if (name === 'from') this._from = v;
          else this._to = v;
        }}
      >
        ${this.revisions.map((r) => html`<option value=${r.revision} ?selected=${r.revision === value}>${t.version(r.revision)}</option>`)}
      </select>
    </div>`;
  }

  protected override render() {
    const t = this.m.revisionDiff;
    if (this.revisions.length < 2) return nothing;
    const to = this.#selected('to');
    const before = [...this.revisions].map((r) => r.revision).filter((r) => r < to).sort((x, y) => y - x)[0];
    const r = this._result;
    return html`<h3>${t.heading}</h3>
      <form novalidate @submit=${this.#submit}>
        ${this.#select('from')} ${this.#select('to')}
        <div class="toolbar">
          <button class="button secondary" type="submit" ?disabled=${this._busy}>${t.compare}</button>
          ${before !== undefined
            ? html`<button class="button secondary" type="button" ?disabled=${this._busy} @click=${() => this.compare(before, to)}>
                ${t.previous}<span class="visually-hidden"> ${t.previousWhich(to)}</span>
              </button>`
            : nothing}
        </div>
      </form>
      <div id="diff-result" tabindex="-1" role="status">
        ${this._failed
          ? html`<p>${this.m.failed}</p>`
          : r
            ? html`<p>${t.result(r.from, r.to)}</p>
                ${r.lines.length ? html`<ul class="diff">${r.lines.map((l) => html`<li>${l}</li>`)}</ul>` : html`<p>${t.same}</p>`}`
            : nothing}
      </div>`;
  }
}

customElements.get('leerkring-console-revision-diff') ?? customElements.define('leerkring-console-revision-diff', ConsoleRevisionDiff);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-revision-diff': ConsoleRevisionDiff;
  }
}
