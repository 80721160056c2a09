import { html, nothing } from 'lit';
import { ORGANISER_ROLES, type AuditEntry, type NetworkOrganiser, type OrganiserRole } from '../core/admin-api.js';
import { formatDateTime } from '../core/i18n/format.js';
import type { Network } from '../core/schema.js';
import { sessionNames } from '../core/session-names.js';
import { ConsolePage } from './page.js';
import { bdi, sayingWho } from './bidi.js';

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; organisers: NetworkOrganiser[]; audit: AuditEntry[] };

/** For owners: who organises this network (add, remove), and the audit log of what was done. */
export class ConsoleOrganisers extends ConsolePage {
  static override properties = {
    networkId: { attribute: false },
    network: { attribute: false },
    _load: { state: true },
    _error: { state: true },
    _notice: { state: true },
    _confirm: { state: true },
  };

  declare networkId: string;
  /** The network, for the names of its sessions in the audit log. */
  declare network: Network | undefined;
  declare _load: Load;
  declare _error: boolean;
  declare _notice: string;
  /** The organiser whose removal waits for a yes. */
  declare _confirm: string | undefined;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._error = false;
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch();
  }

  async #fetch(): Promise<void> {
    const [organisers, audit] = await Promise.all([this.state.admin.organisers(this.networkId), this.state.admin.audit(this.networkId)]);
    this.signedOutIf(organisers);
    this._load = organisers.ok && audit.ok ? { status: 'ready', organisers: organisers.value.organisers, audit: audit.value.entries } : { status: 'error' };
  }

  async #add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector<HTMLInputElement>('#org-email')!;
    const email = input.value.trim();
    this._error = !EMAIL.test(email);
    if (this._error) {
      await this.updateComplete;
      input.focus();
      return;
    }
    const name = form.querySelector<HTMLInputElement>('#org-name')!.value.trim();
    const role = (form.querySelector<HTMLInputElement>('input[name="role"]:checked')?.value ?? 'organiser') as OrganiserRole;
    const r = this.signedOutIf(await this.state.admin.setOrganiser(this.networkId, { email, role, ...(name && { name }) }));
    // The server's sentence when the name belongs to someone who also organises elsewhere.
    this._notice = r.ok ? this.m.organisers.added(email) : r.status === 409 ? this.m.organisers.lastOwner : r.error.code === 'name-elsewhere' ? r.error.message : this.m.failed;
    if (r.ok) form.reset();
    await this.#fetch();
  }

  async #remove(o: NetworkOrganiser): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.removeOrganiser(this.networkId, o.id));
    this._confirm = undefined;
    this._notice = r.ok ? this.m.organisers.removed(o.email) : r.status === 409 ? this.m.organisers.lastOwner : this.m.failed;
    await this.#fetch();
  }

  async #ask(o: NetworkOrganiser): Promise<void> {
    this._confirm = o.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#remove-yes-${CSS.escape(o.id)}`)?.focus();
  }

  /**
   * What an entry in the audit log did: to whom a role was given or from whom it was taken (the
   * log keeps ids only; names come from who organises now), and the sessions it was about, by
   * name (with the date where titles repeat).
   */
  #what(e: AuditEntry, organisers: NetworkOrganiser[]) {
    const t = this.m.organisers;
    const d = e.detail;
    const whom = () => {
      const o = organisers.find((x) => x.id === d.organiserId);
      return o ? bdi(o.name || o.email) : html`${t.auditFormer}`;
    };
    const role = this.m.role[d.role as OrganiserRole] ?? String(d.role ?? '');
    const action =
      e.action === 'role-set'
        ? sayingWho((w) => t.auditRoleSet(w, role), whom())
        : e.action === 'role-removed'
          ? sayingWho(t.auditRoleRemoved, whom())
          : (t.action[e.action] ?? e.action);
    const ids = typeof d.sessionId === 'string' ? [d.sessionId] : Array.isArray(d.sessions) ? d.sessions.filter((s): s is string => typeof s === 'string') : [];
    if (!ids.length) return action;
    const name = sessionNames(this.network?.sessions ?? [], this.state.locale, this.m.attendance.noDate);
    return html`${action} (${t.auditSessions(ids.length, ids.map(name).join(', '))})`;
  }

  protected override render() {
    const m = this.m;
    const t = m.organisers;
    const locale = this.state.locale;
    const me = this.state.session.organiser?.id;
    const load = this._load;
    if (load.status === 'loading') return html`<p role="status">${m.loading}</p>`;
    if (load.status === 'error') return html`<p role="alert">${m.loadError}</p>`;
    const who = (e: AuditEntry) =>
      e.actor.kind === 'organiser' ? sayingWho(t.auditBy.organiser, bdi(e.actor.name || e.actor.email || '?')) : t.auditBy[e.actor.kind];
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      <p role="status" class="status-line">${this._notice}</p>
      <ul class="cards">
        ${load.organisers.map(
          (o) => html`<li class="card">
            <h3>${bdi(o.name || o.email)} ${o.id === me ? t.you : nothing}</h3>
            <p>${o.email} · ${m.role[o.role]}</p>
            ${this._confirm === o.id
              ? html`<div class="toolbar">
                  <button class="button" type="button" id=${`remove-yes-${o.id}`} @click=${() => this.#remove(o)}>
                    ${t.remove}<span class="visually-hidden"> (${o.email})</span>
                  </button>
                  <button class="button secondary" type="button" @click=${() => (this._confirm = undefined)}>${m.waitlist.removeNo}</button>
                </div>`
              : html`<button class="button secondary" type="button" @click=${() => this.#ask(o)}>${t.remove}<span class="visually-hidden"> (${o.email})</span></button>`}
          </li>`,
        )}
      </ul>
      <h3>${t.add}</h3>
      <form novalidate @submit=${this.#add}>
        <div class="field">
          <label for="org-email">${t.email}</label>
          ${this._error ? html`<span class="error-text" id="org-email-error">${t.emailInvalid}</span>` : nothing}
          <input
            id="org-email"
            type="email"
            autocomplete="off"
            spellcheck="false"
            required
            aria-required="true"
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby=${this._error ? 'org-email-error' : nothing}
          />
        </div>
        <div class="field">
          <label for="org-name">${t.name}</label>
          <input id="org-name" type="text" maxlength="200" autocomplete="off" />
        </div>
        <fieldset>
          <legend>${t.role}</legend>
          ${ORGANISER_ROLES.map(
            (r) => html`<div class="check">
              <input type="radio" name="role" id=${`role-${r}`} value=${r} ?checked=${r === 'organiser'} />
              <label for=${`role-${r}`}>${m.role[r]}</label>
            </div>`,
          )}
        </fieldset>
        <button class="button" type="submit">${t.save}</button>
      </form>
      <h3>${t.audit}</h3>
      ${load.audit.length === 0
        ? html`<p>${t.auditNone}</p>`
        : html`<ul>
            ${load.audit.map((e) => html`<li>${formatDateTime(locale, new Date(e.at))}: ${who(e)}, ${this.#what(e, load.organisers)}</li>`)}
          </ul>`}`;
  }
}

customElements.get('leerkring-console-organisers') ?? customElements.define('leerkring-console-organisers', ConsoleOrganisers);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-organisers': ConsoleOrganisers;
  }
}
