import { html, nothing, type TemplateResult } from 'lit';
import type { NetworkChangePreview, NetworkRevision } from '../core/admin-api.js';
import type { Session } from '../core/schema.js';
import { sessionNames } from '../core/session-names.js';
import { ConsolePage } from './page.js';
import { bdi, sayingWho } from './bidi.js';

export type DocumentProblem = { path: string; message: string };

/**
 * What every page that edits a network document shares (the details form, the sessions page,
 * the JSON text): the server's dry run first (its problems, or who is told and the e-mail they
 * get), then a save based on the revision the owner saw (If-Match). A 412 says who saved in
 * between and keeps what this owner did; the page decides what "keeping" means for it.
 */
export class DocumentEditor extends ConsolePage {
  static override properties = {
    networkId: { attribute: false },
    _problems: { state: true },
    _preview: { state: true },
    _stale: { state: true },
    _notice: { state: true },
    _busy: { state: true },
  };

  declare networkId: string;
  /** The validator's problems from the last check or save, each with its path in the document. */
  declare _problems: DocumentProblem[] | undefined;
  /** Who would be told, and the e-mail: shown before the owner saves. */
  declare _preview: NetworkChangePreview | undefined;
  /** The revisions saved by others since this page loaded, after a 412. */
  declare _stale: NetworkRevision[] | undefined;
  declare _notice: string;
  declare _busy: boolean;

  constructor() {
    super();
    this._notice = '';
    this._busy = false;
  }

  /** E-mails the last save sends, as its preview said; undefined when it was saved unchecked. */
  protected savedEmails: number | undefined;

  /** Asks the server's dry run about `doc`: fills in the preview, or the problems, or says it failed. */
  protected async checkDocument(doc: unknown): Promise<void> {
    this._problems = undefined;
    this._preview = undefined;
    this._notice = '';
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.previewNetworkChanges(this.networkId, doc));
    this._busy = false;
    if (r.ok) this._preview = r.value;
    else if (r.status === 422) this._problems = (r.error as { issues?: DocumentProblem[] }).issues ?? [];
    else this._notice = this.m.failed;
  }

  /**
   * Saves `doc` over `revision`. Returns the new revision, 'stale' after a 412 (`_stale` then says
   * who saved in between) or undefined (the problems or the failure are on the page).
   */
  protected async saveDocument(doc: unknown, revision: number): Promise<number | 'stale' | undefined> {
    // How many e-mails the checked preview said this save sends (unknown without a check).
    this.savedEmails = this._preview?.emails;
    const sessions = (doc as { sessions?: unknown } | null)?.sessions;
    this.#savedSessions = Array.isArray(sessions) ? (sessions as Session[]).filter((s) => s && typeof s.id === 'string' && typeof s.title === 'string') : [];
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.saveNetwork(this.networkId, doc, revision));
    this._busy = false;
    this._preview = undefined;
    this._problems = undefined;
    if (r.ok) {
      this._stale = undefined;
      return r.value.revision;
    }
    if (r.status === 412) {
      this._stale = (r.error as { between?: NetworkRevision[] }).between ?? [];
      this._notice = '';
      return 'stale';
    }
    if (r.status === 422) this._problems = (r.error as { issues?: DocumentProblem[] }).issues ?? [];
    else this._notice = this.m.failed;
    return undefined;
  }

  /** Focuses the first of `ids` that is on the page: the message the owner must read first. */
  protected async focusFirst(...ids: string[]): Promise<void> {
    await this.updateComplete;
    for (const id of ids) {
      const el = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
      if (el) return el.focus();
    }
  }

  /**
   * What a revision changed, in words: its top-level fields, and its sessions by name (the title,
   * with the date where titles repeat) as `sessions` calls them; a session not among them by its id.
   */
  protected revisionWhat(r: NetworkRevision, sessions: readonly Session[]): string {
    const name = sessionNames(sessions, this.state.locale, this.m.attendance.noDate);
    return [...r.paths.filter((p) => p !== 'sessions'), ...r.sessions.map(name)].join(', ');
  }

  /** The sessions of the document last saved here: the names the stale list uses. */
  #savedSessions: readonly Session[] = [];

  protected authorOf(r: NetworkRevision): string {
    return r.authorName || this.m.sessions.by[r.author] || r.author;
  }

  /** Who saved in between, and what they changed, after the page's `intro`; `after` adds its own way out (reload). */
  protected renderStale(intro: string, after: TemplateResult | typeof nothing = nothing): TemplateResult | typeof nothing {
    const t = this.m.sessions;
    return this._stale
      ? html`<div role="alert" id="stale" tabindex="-1">
          <p>${intro}</p>
          <ul>
            ${this._stale.map((r) => {
              const what = this.revisionWhat(r, this.#savedSessions);
              return html`<li>${sayingWho((who) => t.staleItem(r.revision, who, what), bdi(this.authorOf(r)))}</li>`;
            })}
          </ul>
          ${after}
        </div>`
      : nothing;
  }

  /** The dry run's answer: per session who is told, how many e-mails, the first e-mail; then the save button. */
  protected renderPreview(heading: string, saveLabel: string, save: () => void): TemplateResult | typeof nothing {
    const m = this.m;
    const t = m.sessions;
    const p = this._preview;
    return p
      ? html`<h3 id="preview-heading" tabindex="-1">${heading}</h3>
          ${p.changes.some((c) => c.recipients)
            ? html`<ul>
                ${p.changes.map((c) => html`<li>${t.told(c.title, c.kinds.map((k) => t.kinds[k] ?? k).join(', '), c.recipients)}</li>`)}
              </ul>`
            : html`<p>${t.nobody}</p>`}
          ${p.emails ? html`<p>${m.revisionDiff.emails(p.emails)}</p>` : nothing}
          ${p.email
            ? html`<h4>${t.emailHeading}</h4>
                <p><strong>${p.email.subject}</strong></p>
                <pre class="mail">${p.email.text}</pre>`
            : nothing}
          <button class="button" type="button" ?disabled=${this._busy} @click=${save}>${saveLabel}</button>`
      : nothing;
  }
}
