import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ADMIN_ROUTES, roleAllows, type AdminRegistration } from '../core/admin-api.js';
import type { Network, Session } from '../core/schema.js';
import { hasOwnPlace, registrationScope } from '../core/policy.js';
import { placePastCapacity } from '../core/waitlist.js';
import { countsOf } from '../core/reserved-places.js';
import { fitsTargetReservation } from '../core/reserved-fit.js';
import type { PlaceCounts } from '../core/availability.js';
import { sessionsInOrder } from '../core/session-time.js';
import { ConsolePage } from './page.js';
import { sayingWho } from './bidi.js';
import { networkHref, TABS, type Attended, type Tab } from './route.js';
import { ConsoleDataChangedEvent, LiveData } from './live.js';
import { registrationCard, sessionTitle, sessionWhen, who } from './registration-card.js';
import './registrations-list.js';
import './check-in.js';
import './intake.js';
import './messages.js';
import './organisers.js';
import './sessions.js';
import './document.js';
import './details.js';
import './registration-entry.js';
import './questions-editor.js';
import './certificates.js';
import './feedback.js';
import './attendance-overview.js';

/** Which registrations a tab needs: none (the list pages itself, or counts do), or the waiting list. */
type Scope = 'none' | 'waitlisted';

type Load =
  | { status: 'loading' }
  | { status: 'error'; notFound?: boolean }
  | { status: 'ready'; network: Network; scope: Scope; registrations: AdminRegistration[]; counts: { pending: number; waiting: number }; taken: Taken; version: number };

/**
 * Places taken (confirmed and intakes), per target, from the kept counts; who waits, per session;
 * and per target ('network' or a session id) the counts as core reads them back (`countsOf`, with
 * the reserved places held, issue 23).
 */
type Taken = { network: number; sessions: Record<string, number>; waiting: Record<string, number>; counts: Record<string, PlaceCounts> };

/**
 * Check-in at one session, the intake queue and the Export tab page through the server
 * themselves, and the attendance overview reads counts (issue 27).
 */
function scopeOf(tab: Tab): Scope {
  return tab === 'waitlist' ? 'waitlisted' : 'none';
}

/**
 * One network's daily work: its registrations (search and filter), the intake queue, the
 * waiting list, attendance at the door, and the export.
 */
export class ConsoleNetwork extends ConsolePage {
  static override properties = {
    networkId: { attribute: false },
    tab: { attribute: false },
    sessionId: { attribute: false },
    attended: { attribute: false },
    _load: { state: true },
    _notice: { state: true },
    _busy: { state: true },
    _confirmRemove: { state: true },
    _confirmPlace: { state: true },
  };

  declare networkId: string;
  declare tab: Tab;
  declare sessionId: string | undefined;
  /** The registrations list's filter on who came to a session, from the route. */
  declare attended: Attended | undefined;
  declare _load: Load;
  /** What the page says after an action; a person's name in it stays in its own <bdi> (a template). */
  declare _notice: string | TemplateResult;
  declare _busy: boolean;
  /** The registration whose removal waits for a yes. */
  declare _confirmRemove: string | undefined;
  /** The registration whose place past the capacity waits for a yes. */
  declare _confirmPlace: string | undefined;

  constructor() {
    super();
    this.tab = 'registrations';
    this._load = { status: 'loading' };
    this._notice = '';
    this._busy = false;
    new LiveData(this, () => this.#reload());
    this.addEventListener(ConsoleDataChangedEvent.eventName, () => void this.#reload());
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('networkId')) this.loaded = this.#fetch();
    // Every tab shows what the server holds now, not what it held when the network was opened.
    else if (changed.has('tab') || changed.has('sessionId')) void this.#reload();
    if (changed.has('tab')) this._notice = '';
  }

  /** Counts loads; an answer to an older one than the latest is out of date and is dropped. */
  #generation = 0;

  /**
   * What a tab needs from the server: the document with the kept counts of intakes and the
   * waiting list beside its availability (one request: a reload never asks for every network's
   * summary), and only the registrations the tab shows. The registrations tab pages through the
   * server itself (registrations-list.ts), so a network of 50,000 is never loaded whole to open
   * it (issue 27).
   */
  async #get(networkId: string, scope: Scope) {
    const none = { ok: true as const, status: 200, value: { registrations: [] as AdminRegistration[] } };
    const [doc, regs] = await Promise.all([
      this.state.admin.network(networkId),
      scope === 'none' ? none : this.state.admin.registrations(networkId, { status: scope }),
    ]);
    this.signedOutIf(regs);
    this.signedOutIf(doc);
    const a = doc.ok ? doc.value.availability : undefined;
    const sessions = Object.entries(a?.sessions ?? {});
    const taken: Taken = {
      network: a?.network.taken ?? 0,
      sessions: Object.fromEntries(sessions.map(([k, v]) => [k, v.taken])),
      waiting: Object.fromEntries(sessions.map(([k, v]) => [k, v.waitlisted])),
      counts: Object.fromEntries([...(a ? [['network', countsOf(a.network)] as const] : []), ...sessions.map(([k, v]) => [k, countsOf(v)] as const)]),
    };
    // A network that is not among those this organiser may run is refused by the API (403).
    const refused = !doc.ok && doc.status === 403;
    return { doc, regs, counts: { pending: doc.ok ? doc.value.pending : 0, waiting: doc.ok ? doc.value.waiting : 0 }, taken, refused };
  }

  async #fetch(): Promise<void> {
    this._load = { status: 'loading' };
    this.#generation++;
    const scope = scopeOf(this.tab);
    const { doc, regs, counts, taken, refused } = await this.#get(this.networkId, scope);
    if (doc.ok && regs.ok && !refused) this._load = { status: 'ready', network: doc.value.network, scope, registrations: regs.value.registrations, counts, taken, version: 0 };
    else this._load = { status: 'error', notFound: refused || (!regs.ok && (regs.status === 403 || regs.status === 404)) || (!doc.ok && doc.status === 404) };
  }

  /**
   * Loads the network and its registrations again (after an action, on a tab switch, on a poll),
   * keeping the page as it is: the cards are keyed by registration, so what someone is typing
   * and where focus is stay where they were. An answer overtaken by a later load is dropped, so
   * a slow poll cannot undo what an action just did.
   */
  async #reload(): Promise<void> {
    if (this._load.status !== 'ready') return;
    const generation = ++this.#generation;
    const networkId = this.networkId;
    const scope = scopeOf(this.tab);
    const { doc, regs, counts, taken } = await this.#get(networkId, scope);
    if (generation !== this.#generation || networkId !== this.networkId || this._load.status !== 'ready') return;
    const same = doc.ok && JSON.stringify(doc.value.network) === JSON.stringify(this._load.network);
    if (regs.ok)
      this._load = {
        ...this._load,
        network: doc.ok && !same ? doc.value.network : this._load.network,
        scope,
        registrations: regs.value.registrations,
        counts,
        taken,
        version: this._load.version + 1,
      };
  }

  protected override render() {
    const m = this.m;
    const load = this._load;
    if (load.status === 'loading') return html`<h1 tabindex="-1">${m.loading}</h1>`;
    if (load.status === 'error')
      return html`<h1 tabindex="-1">${load.notFound ? m.noAccess : m.loadError}</h1>
        <p><a href="#/">${m.back}</a></p>
        ${load.notFound ? nothing : html`<button class="button" type="button" @click=${() => (this.loaded = this.#fetch())}>${m.retry}</button>`}`;
    const { network } = load;
    return html`<p class="no-print"><a href="#/">${m.back}</a></p>
      <h1 tabindex="-1">${network.title}</h1>
      ${network.draft ? html`<p class="draft-note"><strong>${m.draft}</strong> ${m.draftHint}</p>` : nothing}
      <nav class="tabs" aria-label=${m.tabs.label}>
        <ul>
          ${this.#tabs().map(
            (t) => html`<li>
              <a href=${networkHref(network.id, t)} aria-current=${t === this.tab ? 'page' : 'false'}>${m.tabs[t]}${this.#tabCount(t, load.counts)}</a>
            </li>`,
          )}
        </ul>
      </nav>
      ${load.scope === scopeOf(this.tab) ? this.#tab(network, load.registrations) : html`<p role="status">${m.loading}</p>`}`;
  }

  /** Who organises the network and its audit log are for owners only, as the API decides. */
  #tabs(): readonly Tab[] {
    const s = this.state.session;
    const role = s.installationAdmin ? 'owner' : s.networks.find((n) => n.id === this.networkId)?.role;
    if (roleAllows(role, ADMIN_ROUTES.listOrganisers.role)) return TABS;
    return TABS.filter((t) => t !== 'organisers' && !((t === 'sessions' || t === 'details' || t === 'document') && !roleAllows(role, ADMIN_ROUTES.putNetworkDocument.role)));
  }

  /** The intakes and the waiting list in the tabs, from the kept counts. */
  #tabCount(t: Tab, counts: { pending: number; waiting: number }): string {
    if (t === 'intake') return ` (${counts.pending})`;
    if (t === 'waitlist') return ` (${counts.waiting})`;
    return '';
  }

  #tab(network: Network, regs: AdminRegistration[]): TemplateResult {
    switch (this.tab) {
      case 'intake':
        return html`<leerkring-console-intake .network=${network} .version=${this.#version()}></leerkring-console-intake>`;
      case 'waitlist':
        return this.#waitlist(network, regs);
      case 'attendance':
        return this.#attendance(network);
      case 'exports':
        return this.#exports(network);
      case 'organisers':
        return html`<leerkring-console-organisers .networkId=${network.id} .network=${network}></leerkring-console-organisers>`;
      case 'feedback':
        return html`<leerkring-console-feedback .network=${network}></leerkring-console-feedback>`;
      case 'messages':
        return html`<leerkring-console-messages .network=${network}></leerkring-console-messages>`;
      case 'sessions':
        return html`<leerkring-console-sessions .networkId=${network.id}></leerkring-console-sessions>`;
      case 'details':
        return html`<leerkring-console-details .networkId=${network.id}></leerkring-console-details>
          <leerkring-console-questions .networkId=${network.id}></leerkring-console-questions>`;
      case 'document':
        return html`<leerkring-console-document .networkId=${network.id}></leerkring-console-document>`;
      default:
        return this.#registrations(network);
    }
  }

  /** What each session is called here: its title, with its date where titles repeat. */
  #sessionTitle(network: Network, id: string | undefined): string {
    return sessionTitle(this.m, this.state.locale, network, id);
  }

  // Registrations ----------------------------------------------------------------------------

  #registrations(network: Network): TemplateResult {
    return html`<leerkring-console-registrations .network=${network} .attended=${this.attended} .version=${this.#version()} .notice=${this._notice}></leerkring-console-registrations>`;
  }

  /** Raised after every load: the tabs that page through the server load again. */
  #version(): number {
    return this._load.status === 'ready' ? this._load.version : 0;
  }

  #card = (network: Network, x: AdminRegistration, extra?: TemplateResult): TemplateResult =>
    registrationCard({ m: this.m, locale: this.state.locale, saveNote: (r) => void this.#saveNote(r) }, network, x, extra);

  async #saveNote(x: AdminRegistration): Promise<void> {
    const note = this.renderRoot.querySelector<HTMLTextAreaElement>(`#note-${CSS.escape(x.id)}`)!.value;
    const r = this.signedOutIf(await this.state.admin.setNote(x.id, note));
    this._notice = r.ok ? this.m.registrations.noteSaved : this.m.failed;
    if (r.ok) await this.#reload();
  }

  // Waiting list -------------------------------------------------------------------------------

  #waitlist(network: Network, regs: AdminRegistration[]): TemplateResult {
    const w = this.m.waitlist;
    const waiting = regs.filter((r) => r.status === 'waitlisted');
    const targets = [...new Set(waiting.map((r) => r.target))];
    return html`<h2 id="waitlist-heading" tabindex="-1">${w.heading}</h2>
      <p>${w.intro}</p>
      <p role="status" class="status-line" id="notice" tabindex="-1">${this._notice}</p>
      ${waiting.length === 0
        ? html`<p>${w.none}</p>`
        : targets.map((target) => {
            const list = waiting.filter((r) => r.target === target).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
            return html`${registrationScope(network) === 'session' ? html`<h3>${this.#sessionTitle(network, target)}</h3>` : nothing}
              <ol class="cards">
                ${repeat(
                  list,
                  (x) => x.id,
                  (x) => html`<li class="card">${this.#card(network, x, this.#waitlistActions(network, regs, x))}</li>`,
                )}
              </ol>`;
          })}`;
  }

  /** What can be done for one person on the waiting list: a place (past the capacity after a yes), or off the list (after a yes, with a reason they are told). */
  #waitlistActions(network: Network, regs: AdminRegistration[], x: AdminRegistration): TemplateResult {
    const w = this.m.waitlist;
    if (this._confirmRemove === x.id)
      return html`<div class="confirm" role="group" aria-labelledby=${`confirm-${x.id}`}><form novalidate @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.#remove(x))}>
        <p id=${`confirm-${x.id}`}>${sayingWho(w.removeConfirm, who(x))}</p>
        <div class="field">
          <label for=${`remove-reason-${x.id}`}>${w.removeReason}</label>
          <span class="hint" id=${`remove-reason-hint-${x.id}`}>${sayingWho(w.removeReasonHint, html`<bdi>${x.participant.name}</bdi>`)}</span>
          <input
            id=${`remove-reason-${x.id}`}
            type="text"
            maxlength="2000"
            autocomplete="off"
            aria-describedby=${`confirm-${x.id} remove-reason-hint-${x.id}`}
          />
        </div>
        <div class="toolbar">
          <button class="button" type="submit" id=${`remove-yes-${x.id}`}>${w.removeYes}</button>
          <button class="button secondary" type="button" @click=${() => this.#cancelRemove(x)}>${w.removeNo}</button>
        </div>
      </form></div>`;
    if (this._confirmPlace === x.id) {
      const past = this.#pastCapacity(network, regs, x);
      return html`<div class="confirm" role="group" aria-labelledby=${`place-warning-${x.id}`}>
        <p id=${`place-warning-${x.id}`} tabindex="-1">
          ${past ? w.pastCapacity(past.taken, past.capacity) : nothing} ${sayingWho(w.pastCapacityAsk, who(x))}
        </p>
        <div class="toolbar">
          <button class="button" type="button" id=${`move-up-yes-${x.id}`} @click=${() => this.#moveUp(x)}>${w.pastCapacityYes}</button>
          <button class="button secondary" type="button" @click=${() => this.#cancelPlace(x)}>${w.pastCapacityNo}</button>
        </div>
      </div>`;
    }
    return html`<div class="toolbar">
      <button class="button" type="button" id=${`move-up-${x.id}`} @click=${() => this.#askPlace(network, regs, x)}>
        ${w.moveUp}<span class="visually-hidden"> ${sayingWho(w.moveUpWho, who(x))}</span>
      </button>
      <button class="button secondary" type="button" id=${`remove-${x.id}`} @click=${() => this.#askRemove(x)}>
        ${w.remove}<span class="visually-hidden"> (${who(x)})</span>
      </button>
    </div>`;
  }

  /** Whether a place for `x` goes past the capacity of what they wait for, reserved places counted (the rules are core's). */
  #pastCapacity(network: Network, regs: AdminRegistration[], x: AdminRegistration) {
    // The places taken come from the kept counts (the public availability), not from a list the tab may not hold whole.
    const kept = this._load.status === 'ready' ? this._load.taken.counts[x.target] : undefined;
    const counts = kept ?? { confirmed: regs.filter((r) => r.target === x.target && (r.status === 'confirmed' || r.status === 'pending')).length, pending: 0, waitlisted: 0 };
    const sessionId = x.target === 'network' ? undefined : x.target;
    const fits = fitsTargetReservation(network, sessionId, { organisation: x.participant.organisation, organisationType: x.organisationType });
    return placePastCapacity(network, counts, sessionId, fits);
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #askPlace(network: Network, regs: AdminRegistration[], x: AdminRegistration): Promise<void> {
    if (!this.#pastCapacity(network, regs, x)) return this.#moveUp(x);
    this._confirmRemove = undefined;
    this._confirmPlace = x.id;
    // Focus on the warning itself, not on its yes: Enter pressed twice gives no place.
    await this.#focus(`#place-warning-${CSS.escape(x.id)}`);
  }

  async #cancelPlace(x: AdminRegistration): Promise<void> {
    this._confirmPlace = undefined;
    await this.#focus(`#move-up-${CSS.escape(x.id)}`);
  }

  async #askRemove(x: AdminRegistration): Promise<void> {
    this._confirmPlace = undefined;
    this._confirmRemove = x.id;
    await this.#focus(`#remove-reason-${CSS.escape(x.id)}`);
  }

  async #cancelRemove(x: AdminRegistration): Promise<void> {
    this._confirmRemove = undefined;
    await this.#focus(`#remove-${CSS.escape(x.id)}`);
  }

  /** Who comes after `x` on the same waiting list now (before it changes), if anyone. */
  #nextOnList(x: AdminRegistration): string | undefined {
    if (this._load.status !== 'ready') return undefined;
    const list = this._load.registrations.filter((r) => r.status === 'waitlisted' && r.target === x.target).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    const i = list.findIndex((r) => r.id === x.id);
    return (list[i + 1] ?? list[i - 1])?.id;
  }

  async #remove(x: AdminRegistration): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    const reason = this.renderRoot.querySelector<HTMLInputElement>(`#remove-reason-${CSS.escape(x.id)}`)?.value.trim();
    const next = this.#nextOnList(x);
    const r = this.signedOutIf(await this.state.admin.remove(x.id, reason || undefined));
    this._busy = false;
    if (r.ok) this._confirmRemove = undefined;
    this._notice = r.ok ? sayingWho(this.m.waitlist.removed, who(x)) : this.m.waitlist.failed;
    await this.#reload();
    if (!r.ok) return;
    // Focus stays in the list: on the next person (or the one before), else on the list's heading.
    await this.updateComplete;
    const person = next ? this.renderRoot.querySelector<HTMLElement>(`#who-${CSS.escape(next)}`) : null;
    (person ?? this.renderRoot.querySelector<HTMLElement>('#waitlist-heading'))?.focus();
  }

  async #moveUp(x: AdminRegistration): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.moveUp(x.id));
    this._busy = false;
    this._confirmPlace = undefined;
    this._notice = r.ok ? sayingWho(this.m.waitlist.movedUp, who(x)) : this.m.waitlist.failed;
    // Focus on what happened, never on the next person's same button (Enter twice, two places).
    await this.#focus('#notice');
    await this.#reload();
  }

  // Attendance --------------------------------------------------------------------------------

  #attendance(network: Network): TemplateResult {
    const a = this.m.attendance;
    const locale = this.state.locale;
    const session = this.sessionId ? network.sessions.find((s) => s.id === this.sessionId) : undefined;
    if (session) {
      return html`<leerkring-console-check-in .network=${network} .session=${session} .version=${this.#version()}></leerkring-console-check-in>`;
    }
    return html`<h2>${a.heading}</h2>
      <h3>${a.choose}</h3>
      <ul>
        ${sessionsInOrder(network.sessions).map(
          (s) => html`<li>
            <a href=${networkHref(network.id, 'attendance', s.id)}>${this.#sessionTitle(network, s.id)}</a>
            <span class="muted">— ${sessionWhen(locale, s) ?? a.noDate}${this.#ownPlaces(network, s)}</span>
          </li>`,
        )}
      </ul>
      <leerkring-console-attendance-overview .network=${network} .waiting=${this.#waiting} .version=${this.#version()}></leerkring-console-attendance-overview>`;
  }

  /**
   * Who waits for a session, from the kept counts: its own waiting list (registration per session,
   * or a session with places of its own inside a series), else those waiting for the series
   * (not the sum over all waiting lists, which counts a session's own list too).
   */
  #waiting = (sessionId: string): number => {
    if (this._load.status !== 'ready') return 0;
    const network = this._load.network;
    const session = network.sessions.find((x) => x.id === sessionId);
    const own = registrationScope(network) === 'session' || (session !== undefined && hasOwnPlace(network, session));
    return own ? (this._load.taken.waiting[sessionId] ?? 0) : (this._load.taken.counts['network']?.waitlisted ?? 0);
  };

  /** Issue 23: inside a series, a session with places of its own says them: ", 38 van 40 plaatsen, 3 wachtend". */
  #ownPlaces(network: Network, s: Session): string {
    if (this._load.status !== 'ready' || s.capacity === undefined || !hasOwnPlace(network, s)) return '';
    const t = this._load.taken;
    return `, ${this.m.attendance.places(t.sessions[s.id] ?? 0, s.capacity, t.waiting[s.id] ?? 0)}`;
  }

  // Export ------------------------------------------------------------------------------------

  #exports(network: Network): TemplateResult {
    const e = this.m.exports;
    return html`<h2>${e.heading}</h2>
      <p><a class="button" href=${`/api/admin/networks/${encodeURIComponent(network.id)}/registrations.csv`} download>${e.csv}</a></p>
      <p class="hint">${e.csvHint}</p>
      <leerkring-console-certificates .network=${network} .version=${this.#version()}></leerkring-console-certificates>`;
  }
}

customElements.get('leerkring-console-network') ?? customElements.define('leerkring-console-network', ConsoleNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-network': ConsoleNetwork;
  }
}
