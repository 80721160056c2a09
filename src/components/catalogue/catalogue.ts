import { LitElement, nothing, css, type PropertyValues } from 'lit';
import { heading, html } from '../shared/heading.js';
import { aboutMessages } from '../../core/i18n/about.js';
import { calendarMessages } from '../../core/i18n/calendar.js';
import {
  formatDate,
  formatDateTime,
  formatList,
  isSafeUrl,
  messages,
  RegistrationClient,
  safeUrl,
  type Locale,
  type NetworkKind,
  type NetworkSummary,
  type OrganisationType,
} from '../../core/lean.js';
import { baseStyles } from '../shared/styles.js';
import { readyLocale } from '../shared/state-view.js';
import { warnUnsafeUrl } from '../shared/safe-links.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; networks: NetworkSummary[] };

/** "vandaag"-free wording of when the next session is: a date and time, a date, or its period. */
function nextText(n: NetworkSummary, locale: Locale): string {
  const c = aboutMessages(locale).catalogue;
  const s = n.nextSession;
  if (!s) return c.noNext;
  const when = s.start
    ? formatDateTime(locale, new Date(s.start))
    : s.date
      ? formatDate(locale, new Date(`${s.date}T12:00:00Z`))
      : s.period
        ? messages(locale).date.tbdPeriod(s.period)
        : messages(locale).date.tbd;
  return c.next(when);
}

function availabilityText(n: NetworkSummary, locale: Locale): string {
  const a = messages(locale).availability;
  const av = n.availability;
  switch (av.state) {
    case 'open':
      return av.placesLeft !== undefined ? `${a.open}, ${a.placesLeft(av.placesLeft)}` : a.open;
    case 'waitlist':
      return a.waitlist;
    case 'full':
      return a.full;
    case 'not-yet-open':
      return av.opensAt ? a.notYetOpen(new Date(av.opensAt)) : a.deadlinePassed;
    case 'invitation-only':
      return a.invitationOnly;
    case 'on-request':
      return a.onRequest;
    case 'closed':
      return av.closedReason === 'no-registration' ? '' : av.closedReason === 'past' ? a.past : a.deadlinePassed;
  }
}

/**
 * @summary The networks of a registration server as cards, with kind, audience, next session and
 * whether places are left, filtered by audience, theme and kind; each card links to the network's page.
 *
 * @csspart filters - The audience, theme and kind filters.
 * @csspart card - One network.
 * @csspart title - A network's title (a link when `network-link` is set).
 * @csspart availability - Whether people can register and how many places are left.
 * @csspart status - The loading message and the number of networks shown.
 * @csspart error - The load error.
 * @csspart button - The retry button.
 * @cssprop --leerkring-border-color - The cards' border.
 * @cssprop --leerkring-muted-color - Kind and next session.
 */
export class LeerkringCatalogue extends LitElement {
  static override styles = [
    baseStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em 1em;
        margin-block-end: 0.5em;
      }
      .filters label {
        display: block;
      }
      /* A long theme must not widen the page at 320 px (WCAG 1.4.10): the select wraps to its row. */
      .filters > * {
        min-inline-size: 0;
        max-inline-size: 100%;
      }
      select {
        font: inherit;
        min-block-size: 2.75em;
        max-inline-size: 100%;
      }
      ul.cards {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 1em;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
      }
      .card {
        border: 1px solid var(--_leerkring-border);
        border-radius: var(--_leerkring-radius);
        padding: 0.75em 1em;
      }
      .kind,
      .next {
        color: var(--_leerkring-muted);
      }
    `,
  ];

  static override properties = {
    api: {},
    networkLink: { attribute: 'network-link' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    filters: {},
    _load: { state: true },
    _audience: { state: true },
    _theme: { state: true },
    _kind: { state: true },
  };

  /** Base URL (http(s) or relative) of the registration API; empty means this page's own origin. */
  declare api: string | undefined;
  /** Link to a network's page; `{id}` is replaced by the network id. Only an http(s) or relative URL is used. */
  declare networkLink: string | undefined;
  /** The level of each card's heading (2 by default). */
  declare headingLevel: number;
  /** Audience, theme and kind filters: "auto" shows them from six networks on. */
  declare filters: 'auto' | 'on' | 'off';
  declare private _load: Load;
  declare private _audience: string;
  declare private _theme: string;
  declare private _kind: string;

  constructor() {
    super();
    this.headingLevel = 2;
    this.filters = 'auto';
    this._load = { status: 'loading' };
    this._audience = '';
    this._theme = '';
    this._kind = '';
  }

  #abort: AbortController | undefined;
  #loaded: Promise<void> = Promise.resolve();

  /** Settles when the networks are loaded (or failed to load). */
  get loadComplete(): Promise<void> {
    return this.#loaded;
  }

  /** Loads the list again. */
  refresh(): void {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this._load = { status: 'loading' };
    if (this.api !== undefined && !isSafeUrl(this.api)) {
      warnUnsafeUrl('<leerkring-catalogue>', 'api');
      this._load = { status: 'error' };
      return;
    }
    const client = new RegistrationClient(this.api ?? '');
    this.#loaded = client.listNetworks(abort.signal).then(
      (r) => {
        if (!abort.signal.aborted) this._load = r.ok ? { status: 'ready', networks: r.value.networks } : { status: 'error' };
      },
      () => {
        if (!abort.signal.aborted) this._load = { status: 'error' };
      },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || !this.#abort) this.refresh();
    if (changed.has('networkLink') && this.networkLink !== undefined && !isSafeUrl(this.networkLink)) warnUnsafeUrl('<leerkring-catalogue>', 'network-link');
  }

  #link(id: string): string | undefined {
    return this.networkLink === undefined ? undefined : safeUrl(this.networkLink.replaceAll('{id}', encodeURIComponent(id)));
  }

  protected override render() {
    const locale = readyLocale(this);
    if (!locale) return nothing;
    const c = aboutMessages(locale).catalogue;
    const load = this._load;
    if (load.status === 'loading') return html`<p role="status" part="status">${c.loading}</p>`;
    if (load.status === 'error')
      return html`<div role="alert" part="error">
        <p>${c.loadError}</p>
        <button class="button secondary" part="button" type="button" @click=${() => this.refresh()}>${messages(locale).agenda.retry}</button>
      </div>`;
    const all = load.networks;
    if (!all.length) return html`<p part="status">${c.empty}</p>`;
    const audiences = [...new Set(all.flatMap((n) => n.audience?.organisationTypes ?? []))];
    const themes = [...new Set(all.flatMap((n) => n.themes ?? []))].sort((a, b) => a.localeCompare(b, locale));
    const kinds = [...new Set(all.map((n) => n.kind))];
    const shown = all.filter(
      (n) =>
        (!this._audience || n.audience?.organisationTypes?.includes(this._audience as OrganisationType)) &&
        (!this._theme || n.themes?.includes(this._theme)) &&
        (!this._kind || n.kind === this._kind),
    );
    const showFilters = this.filters === 'on' || (this.filters === 'auto' && all.length >= 6);
    return html`${showFilters ? this.#renderFilters(locale, audiences, themes, kinds, shown.length) : nothing}
      ${shown.length ? html`<ul class="cards">${shown.map((n) => this.#renderCard(n, locale))}</ul>` : html`<p>${c.none}</p>`}`;
  }

  #renderFilters(locale: Locale, audiences: OrganisationType[], themes: string[], kinds: NetworkKind[], count: number) {
    const m = messages(locale);
    const c = aboutMessages(locale).catalogue;
    const select = (id: string, label: string, value: string, options: [string, string][], set: (v: string) => void) =>
      options.length > 1 || value
        ? html`<div>
            <label for=${id}>${label}</label>
            <select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!value}>${c.filterAll}</option>
              ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
            </select>
          </div>`
        : nothing;
    return html`<div class="filters" part="filters">
        ${select('f-audience', c.filterAudience, this._audience, audiences.map((t) => [t, m.organisationType[t]]), (v) => (this._audience = v))}
        ${select('f-theme', c.filterTheme, this._theme, themes.map((t) => [t, t]), (v) => (this._theme = v))}
        ${select('f-kind', c.filterKind, this._kind, kinds.map((k) => [k, calendarMessages(locale).kind[k]]), (v) => (this._kind = v))}
      </div>
      <p role="status" part="status">${c.result(count)}</p>`;
  }

  #renderCard(n: NetworkSummary, locale: Locale) {
    const m = messages(locale);
    const href = this.#link(n.id);
    const h = heading(this.headingLevel);
    const types = n.audience?.organisationTypes?.map((t) => m.organisationType[t].toLowerCase()) ?? [];
    const availability = availabilityText(n, locale);
    // The network's own words keep its language inside a page in another; our words around them keep the page's (WCAG 3.1.2).
    const lang = (n.language ?? 'nl') === locale ? nothing : (n.language ?? 'nl');
    return html`<li class="card" part="card">
      <${h} part="title" lang=${lang}>${href ? html`<a href=${href}>${n.title}</a>` : n.title}</${h}>
      <p class="kind">${calendarMessages(locale).kind[n.kind]}</p>
      <p lang=${lang}>${n.summary}</p>
      ${types.length ? html`<p>${aboutMessages(locale).catalogue.audienceLine(formatList(locale, types))}</p>` : nothing}
      <p class="next">${nextText(n, locale)}</p>
      ${availability ? html`<p part="availability" data-state=${n.availability.state}>${availability}</p>` : nothing}
    </li>`;
  }
}

customElements.get('leerkring-catalogue') ?? customElements.define('leerkring-catalogue', LeerkringCatalogue);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-catalogue': LeerkringCatalogue;
  }
}
