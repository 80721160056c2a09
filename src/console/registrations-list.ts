import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { REGISTRATION_STATUSES, type AdminQuery, type AdminRegistration } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { fieldUse, registrationScope } from '../core/policy.js';
import { sessionsInOrder } from '../core/session-time.js';
import { messages } from '../core/i18n/messages.js';
import { ConsolePage } from './page.js';
import { ConsoleDataChangedEvent } from './live.js';
import { registrationCard, sessionTitle } from './registration-card.js';
import { sayingWho } from './bidi.js';
import { PagedList } from './paged-list.js';
import type { Attended } from './route.js';

type Query = AdminQuery<'listRegistrations'>;
type Bulk = 'cancel' | 'place' | 'message';

const ACTIVE = new Set(['confirmed', 'waitlisted', 'pending']);
/** Whom an action on the chosen people is for: cancelling and messages the active ones, a place those waiting. */
const applies = (action: Bulk, x: AdminRegistration) => (action === 'place' ? x.status === 'waitlisted' : ACTIVE.has(x.status));

/**
 * A network's registrations as organisers look through them: search and filters run on the
 * server, and the list draws one page at a time (issue 27), so a network of 50,000 opens as
 * fast as one of 50. "Meer laden" is a plain button that adds the next page below; everything
 * drawn stays in the page, so the browser's find-in-page and printing see it. The network page
 * raises `version` after every action, tab switch and poll: the list then loads again as many
 * as it shows, and the cards are keyed, so focus and typing stay where they were.
 */
export class ConsoleRegistrations extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    attended: { attribute: false },
    version: { attribute: false },
    notice: { attribute: false },
    _status: { state: true },
    _session: { state: true },
    _type: { state: true },
    _answer: { state: true },
    _attended: { state: true },
    _all: { state: true },
    _saved: { state: true },
    _selected: { state: true },
    _action: { state: true },
    _missing: { state: true },
  };

  declare network: Network;
  /** The attendance filter the route asks for (a link from "Wie kwam er"); chosen in the list when it changes. */
  declare attended: Attended | undefined;
  /** Raised by the network page when what the server holds may have changed. */
  declare version: number;
  /** What the network page says after an action. */
  declare notice: string | TemplateResult;
  declare _status: string;
  declare _session: string;
  declare _type: string;
  /** `questionId=value`, or empty. */
  declare _answer: string;
  /** `sessionId:yes|no`, or empty. */
  declare _attended: string;
  /**
   * The registrations that match, a page at a time from the server; its total is how many match.
   * It holds the search too: a key typed draws nothing, and once typing pauses one request asks
   * for the text (redrawing 50 cards per key cost more than the search itself, issue 27).
   */
  readonly #list = new PagedList<AdminRegistration>(this, {
    get: (limit, after) => this.state.admin.registrations(this.network.id, { ...this.#filters(), limit: String(limit), ...(after && { after }) }).then((r) => this.signedOutIf(r)),
    focusId: (first) => `who-${first.id}`,
  });
  /** How many the network has in all. */
  declare _all: number;
  declare _saved: string;
  /** The registrations chosen for an action on several at once (issue 24, item 4). */
  declare _selected: Set<string>;
  /** The action waiting for a yes, with how many it is for. */
  declare _action: Bulk | undefined;
  declare _missing: boolean;
  #busy = false;

  constructor() {
    super();
    this.version = 0;
    this.notice = '';
    this._status = '';
    this._session = '';
    this._type = '';
    this._answer = '';
    this._attended = '';
    this._all = 0;
    this._saved = '';
    this._selected = new Set();
    this._missing = false;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('attended')) this._attended = this.attended ? `${this.attended.sessionId}:${this.attended.present}` : '';
    const filters = ['_status', '_session', '_type', '_answer', '_attended', 'attended'].some((k) => changed.has(k));
    if (changed.has('network') && !changed.get('network')) this.loaded = this.#load(true, true);
    else if (filters) this.loaded = this.#load(true, false);
    else if (changed.has('version') || changed.has('network')) this.loaded = this.#load(false, true);
  }

  #filters(): Query {
    const [question, answer] = this._answer ? [this._answer.slice(0, this._answer.indexOf('=')), this._answer.slice(this._answer.indexOf('=') + 1)] : [];
    const [attendedAt, present] = this._attended ? (this._attended.split(':') as [string, 'yes' | 'no']) : [];
    return {
      ...(this.#list.query.trim() && { q: this.#list.query.trim() }),
      ...(this._status && { status: this._status as Query['status'] }),
      ...(this._session && { session: this._session }),
      ...(this._type && { organisationType: this._type }),
      ...(question && { question, answer }),
      ...(attendedAt && { attendedAt, present }),
    };
  }

  /**
   * Draws the registrations that match (one page with `first`, else as many as drawn); with
   * `fresh` (first load, after a change) also how many the network has in all, which a new
   * search or filter does not change.
   */
  async #load(first: boolean, fresh: boolean): Promise<void> {
    const filtered = Object.keys(this.#filters()).length > 0;
    const [drawn, all] = await Promise.all([this.#list.load(first), filtered && (fresh || !this._all) ? this.state.admin.registrations(this.network.id, { limit: '1' }) : undefined]);
    if (!drawn) return;
    const total = this.#list.total;
    this._all = all?.ok ? (all.value.total ?? total) : filtered ? this._all || total : total;
  }

  protected override render() {
    const network = this.network;
    const m = this.m;
    const r = m.registrations;
    const locale = this.state.locale;
    const items = this.#list.items;
    const perSession = registrationScope(network) === 'session';
    const card = { m, locale, saveNote: (x: AdminRegistration) => void this.#saveNote(x) };
    const select = (id: string, label: string, value: string, set: (v: string) => void, any: string, options: [string, string][]) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!value}>${any}</option>
          ${options.map(([v, text]) => html`<option value=${v} ?selected=${value === v}>${text}</option>`)}
        </select>
      </div>`;
    const sessions = sessionsInOrder(network.sessions);
    const types = messages(locale).organisationType as Record<string, string>;
    const answers = (network.registration.questions ?? []).flatMap((q): [string, string][] =>
      q.type === 'yes-no'
        ? [[`${q.id}=true`, `${q.label}: ${r.yes}`], [`${q.id}=false`, `${q.label}: ${r.no}`]]
        : q.type === 'choice'
          ? (q.options ?? []).map((o): [string, string] => [`${q.id}=${o.value}`, `${q.label}: ${o.label}`])
          : [],
    );
    return html`<h2>${r.heading}</h2>
      <leerkring-console-entry-tools .network=${network}></leerkring-console-entry-tools>
      <div class="toolbar filters" role="search">
        <div class="field">
          <label for="q">${r.search}</label>
          <input
            id="q"
            type="search"
            autocomplete="off"
            .value=${this.#list.typed}
            @input=${(e: Event) => this.#list.type((e.target as HTMLInputElement).value, () => (this.loaded = this.#load(true, false)))}
          />
        </div>
        ${select('status', r.status, this._status, (v) => (this._status = v), r.all, REGISTRATION_STATUSES.map((s): [string, string] => [s, m.status[s] ?? s]))}
        ${perSession
          ? select('session', r.session, this._session, (v) => (this._session = v), r.all, sessions.map((s) => [s.id, sessionTitle(m, locale, network, s.id)]))
          : nothing}
        ${fieldUse(network, 'organisationType') !== 'off'
          ? select('type', r.organisationType, this._type, (v) => (this._type = v), r.anyType, Object.entries(types))
          : nothing}
        ${answers.length ? select('answer', r.answer, this._answer, (v) => (this._answer = v), r.anyAnswer, answers) : nothing}
        ${sessions.length
          ? select('attended', r.attendance, this._attended, (v) => (this._attended = v), r.anyAttendance, sessions.flatMap((s): [string, string][] => {
              const title = sessionTitle(m, locale, network, s.id);
              return [[`${s.id}:yes`, r.came(title)], [`${s.id}:no`, r.notCame(title)]];
            }))
          : nothing}
      </div>
      <p role="status" class="status-line" id="list-status" tabindex="-1">
        ${!items ? r.loading : this._all ? r.count(this.#list.total, this._all) : r.empty} ${this._saved || this.notice}
      </p>
      ${items && this._all && !this.#list.total ? html`<p>${r.none}</p>` : nothing}
      ${items?.length ? this.#bulk(items) : nothing}
      <ul class="cards">
        ${repeat(items ?? [], (x) => x.id, (x) => html`<li class="card">
            ${registrationCard(card, network, x, this.#choose(x))}
            <leerkring-console-registration-actions .network=${network} .registration=${x}></leerkring-console-registration-actions>
          </li>`)}
      </ul>
      ${this.#list.footer(m, items?.length ?? 0)}`;
  }

  #choose(x: AdminRegistration): TemplateResult {
    return html`<div class="check">
      <input id=${`sel-${x.id}`} type="checkbox" .checked=${this._selected.has(x.id)} @change=${(e: Event) => this.#select([x.id], (e.target as HTMLInputElement).checked)} />
      <label for=${`sel-${x.id}`}>${sayingWho(this.m.registrations.bulk.select, html`<bdi>${x.participant.name}</bdi>`)}</label>
    </div>`;
  }

  #select(ids: string[], on: boolean): void {
    const next = new Set(this._selected);
    for (const id of ids) on ? next.add(id) : next.delete(id);
    this._selected = next;
  }

  /** Choosing everyone drawn, and what can be done with those chosen; every action asks first, saying for how many. */
  #bulk(items: AdminRegistration[]): TemplateResult {
    const b = this.m.registrations.bulk;
    const chosen = items.filter((x) => this._selected.has(x.id));
    const all = chosen.length === items.length;
    const action = this._action;
    const count = action ? chosen.filter((x) => applies(action, x)).length : 0;
    const ask = { cancel: b.confirmCancel, place: b.confirmPlace, message: b.confirmMessage };
    return html`<div class="check">
        <input id="sel-all" type="checkbox" .checked=${all} @change=${(e: Event) => this.#select(items.map((x) => x.id), (e.target as HTMLInputElement).checked)} />
        <label for="sel-all">${b.selectShown}</label>
      </div>
      ${chosen.length
        ? html`<div class="bulk" role="group" aria-labelledby="bulk-label">
            <p id="bulk-label">${b.label}: ${b.chosen(chosen.length)}</p>
            <div class="toolbar">
              ${(['cancel', 'place', 'message'] as const).map(
                (a) => html`<button class="button secondary" type="button" id=${`bulk-${a}`} @click=${() => void this.#ask(a)}>${b[a]}</button>`,
              )}
            </div>
          </div>`
        : nothing}
      ${action
        ? html`<div class="confirm" role="group" aria-labelledby="bulk-confirm">
            <form novalidate @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.#run(action, chosen.filter((x) => applies(action, x))))}>
              <p id="bulk-confirm" tabindex="-1">${count ? ask[action](count) : b.nobody}</p>
              ${action === 'message' && count
                ? html`${this._missing ? html`<p class="error-text" id="bulk-missing">${b.missing}</p>` : nothing}
                    <div class="field">
                      <label for="bulk-subject">${b.subject}</label>
                      <input id="bulk-subject" type="text" maxlength="200" autocomplete="off" required aria-invalid=${this._missing ? 'true' : 'false'} />
                    </div>
                    <div class="field">
                      <label for="bulk-body">${b.body}</label>
                      <textarea id="bulk-body" maxlength="10000" required aria-invalid=${this._missing ? 'true' : 'false'}></textarea>
                    </div>`
                : nothing}
              <div class="toolbar">
                ${count ? html`<button class="button" type="submit" id="bulk-yes">${b.yes}</button>` : nothing}
                <button class="button secondary" type="button" @click=${() => void this.#closeAsk(action)}>${b.no}</button>
              </div>
            </form>
          </div>`
        : nothing}`;
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #ask(action: Bulk): Promise<void> {
    this._action = action;
    this._missing = false;
    // Focus on what will happen and for how many, not on its yes.
    await this.#focus('#bulk-confirm');
  }

  async #closeAsk(action: Bulk): Promise<void> {
    this._action = undefined;
    await this.#focus(`#bulk-${action}`);
  }

  async #run(action: Bulk, people: AdminRegistration[]): Promise<void> {
    if (this.#busy || !people.length) return;
    const b = this.m.registrations.bulk;
    let done = 0;
    let failed = 0;
    if (action === 'message') {
      const subject = this.renderRoot.querySelector<HTMLInputElement>('#bulk-subject')!.value.trim();
      const body = this.renderRoot.querySelector<HTMLTextAreaElement>('#bulk-body')!.value.trim();
      if (!subject || !body) {
        this._missing = true;
        return this.#focus(subject ? '#bulk-body' : '#bulk-subject');
      }
      this.#busy = true;
      const r = this.signedOutIf(
        await this.state.admin.sendMessage(this.network.id, { statuses: ['confirmed', 'waitlisted', 'pending'], registrationIds: people.map((x) => x.id), subject, body }),
      );
      if (r.ok) done = r.value.recipients;
      else failed = people.length;
    } else {
      this.#busy = true;
      // One at a time, in the order shown: each may move the waiting list.
      for (const x of people) {
        const r = this.signedOutIf(action === 'cancel' ? await this.state.admin.remove(x.id) : await this.state.admin.moveUp(x.id));
        if (r.ok) done++;
        else failed++;
      }
    }
    this.#busy = false;
    this._action = undefined;
    this._missing = false;
    this._selected = new Set();
    this._saved = [done ? b.done(done) : '', failed ? b.failed(failed) : ''].filter(Boolean).join(' ');
    this.dispatchEvent(new ConsoleDataChangedEvent());
    await this.#focus('#list-status');
  }

  async #saveNote(x: AdminRegistration): Promise<void> {
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>(`#note-${CSS.escape(x.id)}`)!.value;
    const r = this.signedOutIf(await this.state.admin.setNote(x.id, note));
    this._saved = r.ok ? this.m.registrations.noteSaved : this.m.failed;
    if (r.ok) this.dispatchEvent(new ConsoleDataChangedEvent());
  }
}

customElements.get('leerkring-console-registrations') ?? customElements.define('leerkring-console-registrations', ConsoleRegistrations);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-registrations': ConsoleRegistrations;
  }
}
