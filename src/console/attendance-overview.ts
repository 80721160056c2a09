import { html, nothing } from 'lit';
import type { SessionAttendanceCounts } from '../core/admin-api.js';
import type { Network } from '../core/schema.js';
import { sessionsInOrder } from '../core/session-time.js';
import { ConsolePage } from './page.js';
import { attendedHref, type Attended } from './route.js';
import { sessionTitle } from './registration-card.js';

/**
 * "Wie kwam er": per session how many have a place there, how many came and did not (one request
 * for every session, issue 27) and how many wait (the kept counts the network page holds). It
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
  /** The counts per session id; undefined until they arrive. */
  declare _counts: Map<string, SessionAttendanceCounts> | undefined;
  #generation = 0;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('network') || changed.has('version')) this.loaded = this.#load();
  }

  /** Every session's counts, in one request. */
  async #load(): Promise<void> {
    const generation = ++this.#generation;
    const r = this.signedOutIf(await this.state.admin.attendanceCounts(this.network.id));
    if (generation !== this.#generation) return;
    this._counts = new Map(r.ok ? r.value.sessions.map((c) => [c.sessionId, c]) : []);
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
