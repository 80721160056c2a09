import { html, nothing } from 'lit';
import type { DoorCounts } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { sessionsInOrder } from '../core/session-time.js';
import { ConsolePage } from './page.js';
import { attendedHref, type Attended } from './route.js';
import { sessionTitle } from './registration-card.js';

/**
 * "Wie kwam er": per session how many have a place there, how many came (the door's counts, one
 * small request per session) and how many wait (the kept counts the network page holds). It
 * never loads the registration list (issue 27): 50,000 registrations open as fast as 50. Who
 * came, and who had a place and did not come, by name: each of those counts links to the
 * registrations list with that filter chosen, which pages through the server.
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
  /** The door's counts per session id, with how many had a place and did not come; undefined until they arrive. */
  declare _counts: Map<string, DoorCounts & { absent: number }> | undefined;
  #generation = 0;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('network') || changed.has('version')) this.loaded = this.#load();
  }

  /**
   * A page of one per session, for the counts its answer carries: never the whole list. It asks
   * for who had a place and did not come, so how many match is how many did not come.
   */
  async #load(): Promise<void> {
    const generation = ++this.#generation;
    const answers = await Promise.all(
      this.network.sessions.map(async (s) => [s.id, this.signedOutIf(await this.state.admin.registrations(this.network.id, { placeAt: s.id, attendedAt: s.id, present: 'no', limit: '1' }))] as const),
    );
    if (generation !== this.#generation) return;
    const counts = new Map<string, DoorCounts & { absent: number }>();
    for (const [id, r] of answers) if (r.ok && r.value.counts) counts.set(id, { ...r.value.counts, absent: r.value.total ?? 0 });
    this._counts = counts;
  }

  /** A count that opens the registrations list of those people; its name says whom it counts. */
  #who(n: number, a: Attended, what: string) {
    return html`<a href=${attendedHref(this.network.id, a)} aria-label=${`${n}: ${what}`}>${n}</a>`;
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
              <tr><th scope="col">${a.session}</th><th scope="col">${a.placed}</th><th scope="col">${a.present}</th><th scope="col">${a.absent}</th><th scope="col">${a.waiting}</th></tr>
            </thead>
            <tbody>
              ${sessions.map((s) => {
                const c = counts.get(s.id);
                const title = sessionTitle(m, this.state.locale, this.network, s.id);
                return html`<tr data-session=${s.id}>
                  <th scope="row">${title}</th>
                  <td>${c?.placed ?? '–'}</td>
                  <td>${c ? this.#who(c.present, { sessionId: s.id, present: 'yes' }, m.registrations.came(title)) : '–'}</td>
                  <td>${c ? this.#who(c.absent, { sessionId: s.id, present: 'no' }, m.registrations.notCame(title)) : '–'}</td>
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
