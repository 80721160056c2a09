import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AdminRegistration, DoorCounts } from '../core/admin-api.js';
import type { Network, Session } from '../core/schema.js';
import { attendanceList } from '../core/export.js';
import { sessionStart } from '../core/session-time.js';
import { sessionNames } from '../core/session-names.js';
import { formatDate, formatDateTime } from '../core/i18n/format.js';
import { ConsolePage } from './page.js';
import { consoleStyles } from './styles.js';
import { firstPages } from './pages.js';
import { PagedList } from './paged-list.js';

/** Waits before trying a failed save again: 1 s, 2 s, 4 s … up to 30 s. */
const backoff = (attempt: number) => Math.min(30000, 1000 * 2 ** attempt);

/**
 * Check-in at the door, made for a phone: search as you type, one tap per person, and every
 * tap kept. The people with a place at the session come from the server a page at a time, in
 * arrival order, and the search runs there by core's rule (issue 27): 40 names or 5,000 open
 * as fast, and "zoe kok" finds "Zoë Kok". "Meer laden" adds the next page and moves focus to
 * its first person; the print button fetches everyone for the paper list first, and the paper
 * list is drawn only for printing (the button, or the browser's beforeprint). A tap changes the screen at once and is saved in the background, one request at a
 * time in tap order; a save that fails (no signal in the hall) stays queued and is tried again
 * until it succeeds, and the page says how many are still waiting. Nothing is written to
 * storage: the queue lives in memory, and leaving the page with unsaved taps asks first.
 */
export class ConsoleCheckIn extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      ul.people {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
      ul.people button {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 1rem;
        inline-size: 100%;
        min-block-size: 56px;
        padding: 0.5rem 1rem;
        font: inherit;
        font-size: 1.1rem;
        text-align: start;
        border: 2px solid var(--_leerkring-border);
        border-radius: var(--_leerkring-radius);
        background: var(--_leerkring-surface);
        color: inherit;
        cursor: pointer;
      }
      ul.people button[aria-pressed='true'] {
        border-color: var(--_leerkring-accent);
        background: var(--_leerkring-accent);
        color: var(--leerkring-button-color, #fff);
      }
      .state {
        font-weight: 700;
        text-align: end;
      }
      .unsaved {
        font-style: italic;
        font-weight: 400;
      }
      #q {
        inline-size: 100%;
        font-size: 1.1rem;
      }
      .sheet {
        display: none;
      }
      .sheet table {
        inline-size: 100%;
        border-collapse: collapse;
      }
      .sheet th,
      .sheet td {
        border: 1px solid #000;
        padding: 0.5rem;
        text-align: start;
      }
      .sheet td.sign {
        inline-size: 35%;
      }
      /* On paper: the sheet with a column to sign, instead of the buttons. */
      @media print {
        .sheet {
          display: block;
        }
        .screen {
          display: none;
        }
      }
    `,
  ];
  static override properties = {
    network: { attribute: false },
    session: { attribute: false },
    version: { attribute: false },
    _all: { state: true },
    _presentAll: { state: true },
    _sheet: { state: true },
    _printing: { state: true },
    _queue: { state: true },
  };

  declare network: Network;
  declare session: Session;
  /** Raised by the network page when what the server holds may have changed. */
  declare version: number;
  /** The people with a place who match the search, a page at a time from the server; its total is how many match. */
  readonly #list: PagedList<AdminRegistration, { counts?: DoorCounts }> = new PagedList(this, {
    get: (limit, after) => {
      const q = this.#list.query.trim();
      return this.#page(q ? { q } : {}, limit, after).then((r) => (r.ok && this.#remember(r.value.registrations), r));
    },
    focusId: (first) => `in-${first.id}`,
  });
  /** How many have a place at the session; how many of those the server has as present. */
  declare _all: number;
  declare _presentAll: number;
  /** Everyone with a place, fetched for the paper list. */
  declare _sheet: AdminRegistration[] | undefined;
  /**
   * The browser prints (Ctrl+P): the paper list is of what is drawn. Only then, or with `_sheet`,
   * is the paper list in the page: drawn on every search it cost ten times the list itself.
   */
  declare _printing: boolean;
  /** Taps not yet saved: the latest value per registration id, in tap order. */
  declare _queue: Map<string, boolean>;

  #flushing: Promise<void> | undefined;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #touched = false;
  /** What the server last said about each person seen: present or not. */
  readonly #saved = new Map<string, boolean>();
  readonly #online = () => this.#retryNow();
  // Lit draws in a microtask, which runs before the browser lays the page out for paper.
  readonly #beforePrint = () => (this._printing = true);
  readonly #afterPrint = () => (this._printing = false);
  readonly #beforeUnload = (e: BeforeUnloadEvent) => {
    if (this._queue.size) e.preventDefault();
  };

  constructor() {
    super();
    this.version = 0;
    this._all = 0;
    this._presentAll = 0;
    this._printing = false;
    this._queue = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.#online);
    addEventListener('beforeunload', this.#beforeUnload);
    addEventListener('beforeprint', this.#beforePrint);
    addEventListener('afterprint', this.#afterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.#online);
    removeEventListener('beforeunload', this.#beforeUnload);
    removeEventListener('beforeprint', this.#beforePrint);
    removeEventListener('afterprint', this.#afterPrint);
    clearTimeout(this.#retryTimer);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session') || changed.has('network')) {
      this.#list.clear();
      // The paper list fetched for another session is not this one's.
      this._sheet = undefined;
      this.loaded = this.#load(true);
    } else if (changed.has('version')) this.loaded = this.#load(false);
  }

  #page(query: { q?: string; attendedAt?: string; present?: 'yes' }, limit: number, after?: string) {
    return this.state.admin
      .registrations(this.network.id, { placeAt: this.session.id, ...query, limit: String(limit), ...(after && { after }) })
      .then((r) => this.signedOutIf(r));
  }

  #remember(items: readonly AdminRegistration[]): void {
    for (const p of items) this.#saved.set(p.id, p.attendance[this.session.id] === true);
  }

  /**
   * Draws the people who match the search (a page with `first`); the same answer says how many
   * have a place and how many of them are present (one request, issue 27).
   */
  async #load(first: boolean): Promise<void> {
    if (!(await this.#list.load(first))) return;
    const counts = this.#list.extra?.counts;
    this._all = counts?.placed ?? this.#list.total;
    this._presentAll = counts?.present ?? 0;
  }

  /** What the organiser sees: a tap not yet saved, else what the server last said. */
  #isPresent(id: string): boolean {
    return this._queue.get(id) ?? this.#saved.get(id) === true;
  }

  /** The paper list has everyone with a place, not only those drawn: fetched first, then printed. */
  async #print(): Promise<void> {
    const everyone = await firstPages((limit, after) => this.#page({}, limit, after), Number.MAX_SAFE_INTEGER);
    if (everyone) {
      this.#remember(everyone.items);
      this._sheet = everyone.items;
    }
    await this.updateComplete;
    print();
    // Printed: the paper list leaves the page; Ctrl+P draws what is shown then, the button fetches again.
    this._sheet = undefined;
  }

  /** Present now: what the server counts, with the taps not yet saved. */
  #presentCount(): number {
    let n = this._presentAll;
    for (const [id, present] of this._queue) n += Number(present) - Number(this.#saved.get(id) === true);
    return n;
  }

  /** Resolves when every tap so far is saved (tests wait for it; the UI shows it). */
  async settled(): Promise<void> {
    while (this._queue.size) await (this.#flushing ?? this.#flush());
  }

  /** Tries the queued saves again at once (the device came back online, or a test asks). */
  retryNow(): Promise<void> {
    return this.#retryNow();
  }

  #retryNow(): Promise<void> {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#attempt = 0;
    return this.#flushing ?? this.#flush();
  }

  #tap(id: string): void {
    const next = !this.#isPresent(id);
    const queue = new Map(this._queue);
    queue.delete(id); // re-insert so the order is the order of the last tap
    queue.set(id, next);
    this._queue = queue;
    this.#touched = true;
    if (!this.#retryTimer) void (this.#flushing ?? this.#flush());
  }

  #flush(): Promise<void> {
    this.#flushing = (async () => {
      while (this._queue.size) {
        const [id, present] = this._queue.entries().next().value as [string, boolean];
        const r = this.signedOutIf(await this.state.admin.attendance(id, this.session.id, present));
        if (!r.ok && r.retryable) {
          // Keep the tap and try again later; the organiser carries on meanwhile.
          this.#retryTimer = setTimeout(() => void this.#retryNow(), backoff(this.#attempt++));
          return;
        }
        this.#attempt = 0;
        // A newer tap on the same person may have arrived while this one was on its way.
        if (this._queue.get(id) === present) {
          const queue = new Map(this._queue);
          queue.delete(id);
          this._queue = queue;
        }
        // Saved: the count follows without asking again (a tap is one write, issue 27); the next
        // poll brings what other doors did. Refused for good (the registration is gone): the
        // screen shows what the server knows.
        if (r.ok) {
          this._presentAll += Number(present) - Number(this.#saved.get(id) === true);
          this.#saved.set(id, present);
        }
      }
    })().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  protected override render() {
    const m = this.m;
    const a = m.attendance;
    const locale = this.state.locale;
    const start = sessionStart(this.session);
    const shown = this.#list.items ?? [];
    const sheet = this._sheet || this._printing ? attendanceList(this.network, this._sheet ?? shown, this.session.id, locale) : undefined;
    return html`${sheet
        ? html`<div class="sheet">
            <h2>${sheet.heading}: ${sheet.session.title}</h2>
            <p>${sheet.networkTitle}<br />${[sheet.session.date, sheet.session.time, sheet.session.venue].filter(Boolean).join(' · ')}<br />${sheet.count}</p>
            <table>
              <thead>
                <tr><th scope="col">${sheet.columns.name}</th><th scope="col">${sheet.columns.organisation}</th><th scope="col">${sheet.columns.signature}</th></tr>
              </thead>
              <tbody>
                ${sheet.people.map((p) => html`<tr><td><bdi>${p.name}</bdi></td><td><bdi>${p.organisation}</bdi></td><td class="sign">${this.#isPresent(p.id) ? '✓' : ''}</td></tr>`)}
              </tbody>
            </table>
          </div>`
        : nothing}
      <div class="screen"><h2>${a.heading}: ${sessionNames(this.network.sessions, locale, a.noDate)(this.session.id)}</h2>
      <p class="muted">${start ? (this.session.start ? formatDateTime(locale, start) : formatDate(locale, start)) : a.noDate}</p>
      <p class="no-print">${a.intro}</p>
      <p role="status" class="status-line">
        ${this.#list.items ? html`${a.count(this.#presentCount(), this._all)}.` : m.loading}
        ${this._queue.size ? a.saving(this._queue.size) : this.#touched ? a.saved : nothing}
      </p>
      ${this.#list.items && this._all === 0 && !this.#list.query.trim()
        ? html`<p>${a.none}</p>`
        : html`<div class="field no-print">
              <label for="q">${a.search}</label>
              <input id="q" type="search" autocomplete="off" .value=${this.#list.typed} @input=${(e: Event) => this.#list.type((e.target as HTMLInputElement).value, () => (this.loaded = this.#load(true)))} />
            </div>
            ${this.#list.items && shown.length === 0 ? html`<p>${a.noMatch}</p>` : nothing}
            <ul class="people">
              ${repeat(shown, (p) => p.id, (p) => {
                const present = this.#isPresent(p.id);
                return html`<li>
                  <button type="button" id=${`in-${p.id}`} aria-pressed=${present ? 'true' : 'false'} @click=${() => this.#tap(p.id)}>
                    <span><bdi>${p.participant.name}</bdi>${p.participant.organisation ? html`<br /><small><bdi>${p.participant.organisation}</bdi></small>` : nothing}</span>
                    <span class="state" aria-hidden="true"
                      >${present ? a.present : a.notPresent}${this._queue.has(p.id) ? html` <span class="unsaved">(${a.unsaved})</span>` : nothing}</span
                    >
                  </button>
                </li>`;
              })}
            </ul>
            ${this.#list.footer(m, shown.length)}
            <p class="no-print"><button class="button secondary" type="button" @click=${() => void this.#print()}>${a.print}</button></p>`}</div>`;
  }
}

customElements.get('leerkring-console-check-in') ?? customElements.define('leerkring-console-check-in', ConsoleCheckIn);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-check-in': ConsoleCheckIn;
  }
}
