import { html, nothing } from 'lit';
import type { DoorCounts } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { sessionsInOrder } from '../core/session-time.js';
import { ConsolePage } from './page.js';
import { sessionTitle } from './registration-card.js';

/**
 * "Wie kwam er": per session how many have a place there, how many came (the door's counts, one
 * small request per session) and how many wait (the kept counts the network page holds). It
 * never loads the registration list (issue 27): 50,000 registrations open as fast as 50. Who
 * came by name is on each session's check-in page, and in the registrations list's filter.
 */
export class ConsoleAttendanceOverview extends ConsolePage {
  static override properties = {
    network: { attribute: false },
    waiting: { attribute: false },
    version: { attribute: false },
    _counts: { state: true },
  };

  declare network: Network;
  /** How many wait for a session, from the kept counts. */
  declare waiting: (sessionId: string) => number;
  /** Raised by the network page when what the server holds may have changed. */
  declare version: number;
  /** The door's counts per session id; undefined until they arrive. */
  declare _counts: Map<string, DoorCounts> | undefined;
  #generation = 0;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('network') || changed.has('version')) this.loaded = this.#load();
  }

  /** A page of one per session, for the counts its answer carries: never the whole list. */
  async #load(): Promise<void> {
    const generation = ++this.#generation;
    const answers = await Promise.all(
      this.network.sessions.map(async (s) => [s.id, this.signedOutIf(await this.state.admin.registrations(this.network.id, { placeAt: s.id, limit: '1' }))] as const),
    );
    if (generation !== this.#generation) return;
    const counts = new Map<string, DoorCounts>();
    for (const [id, r] of answers) if (r.ok && r.value.counts) counts.set(id, r.value.counts);
    this._counts = counts;
  }

  protected override render() {
    const m = this.m;
    const a = m.attendance;
    const counts = this._counts;
    const sessions = sessionsInOrder(this.network.sessions);
    if (!sessions.length) return nothing;
    return html`<h3 id="overview-heading">${a.summary}</h3>
      ${!counts
        ? html`<p role="status">${m.loading}</p>`
        : html`<table class="attendance-overview" aria-labelledby="overview-heading">
            <thead>
              <tr><th scope="col">${a.session}</th><th scope="col">${a.placed}</th><th scope="col">${a.present}</th><th scope="col">${a.waiting}</th></tr>
            </thead>
            <tbody>
              ${sessions.map((s) => {
                const c = counts.get(s.id);
                return html`<tr data-session=${s.id}>
                  <th scope="row">${sessionTitle(m, this.state.locale, this.network, s.id)}</th>
                  <td>${c?.placed ?? '–'}</td>
                  <td>${c?.present ?? '–'}</td>
                  <td>${this.waiting(s.id)}</td>
                </tr>`;
              })}
            </tbody>
          </table>`}`;
  }
}

customElements.get('leerkring-console-attendance-overview') ?? customElements.define('leerkring-console-attendance-overview', ConsoleAttendanceOverview);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-attendance-overview': ConsoleAttendanceOverview;
  }
}
