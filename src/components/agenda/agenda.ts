import { LitElement, nothing, type PropertyValues } from 'lit';
import { heading, html } from '../shared/heading.js';
import {
  formatDate,
  formatListParts,
  formatMonth,
  formatShortDate,
  formatTime,
  isSafeUrl,
  isSessionPast,
  messages,
  parseDateTime,
  registrationScope,
  whoMayJoin,
  documentLanguage,
  isOwnWords,
  safeUrl,
  sessionStart,
  sessionTiming,
  sessionsInOrder,
  amsterdamDate,
  atAmsterdamClock,
  type Availability,
  type Locale,
  type Messages,
  type Network,
  type Person,
  type Organisation,
  type ProgrammeItem,
    type Resource,
  type Session,
  type SessionType,
  spansDays,
  venueParts,
} from '../../core/lean.js';
import { NetworkSource, clock } from '../shared/network-source.js';
import { renderState, readyLocale } from '../shared/state-view.js';
import { baseStyles } from '../shared/styles.js';
import type { JsonLdController } from '../shared/json-ld.js';
import { registrationMailtoUrl, warnUnsafeUrl } from '../shared/safe-links.js';
import { agendaStyles } from './agenda.styles.js';
import { LeerkringSessionSelectEvent } from './session-select-event.js';
import type { NetworkState } from '../context.js';


/** A resource's title, linked only when its URL is safe to link to. */
function resourceTitle(r: Resource) {
  const href = safeUrl(r.url);
  return href ? html`<a href=${href}>${r.title}</a>` : r.title;
}

interface Row {
  session: Session;
  past: boolean;
  start: Date | undefined;
  /** "2030-05" for a dated session, "" for one without a date: the month group it belongs to. */
  month: string;
}

/** Below this many upcoming sessions an agenda shows them all; above it, a page at a time. */
const SHOW_ALL_UP_TO = 30;
/** A page ends with the month of its twentieth session, so a month is never cut in two. */
const PAGE_SIZE = 20;
/** Sessions drawn at once; the rest of a page follows in later frames, so a long page paints early. */
const FIRST_DRAW = 12;
const NEXT_DRAW = 40;
/** Filters in the page address: document words (a theme, a session type), never personal data. */
const THEME_PARAM = 'leerkring-theme';
const TYPE_PARAM = 'leerkring-type';

/** The index just after a page that starts at `from`: at least PAGE_SIZE rows, to the end of a month. */
function pageEnd(rows: readonly Row[], from: number): number {
  let end = Math.min(rows.length, from + PAGE_SIZE);
  while (end > from && end < rows.length && rows[end]!.month === rows[end - 1]!.month) end++;
  return end;
}

/** A message with something rendered (an isolated list, for example) where its text would go. */
function around(message: (text: string) => string, content: unknown) {
  const [before, after = ''] = message('\u0000').split('\u0000');
  return html`${before}${content}${after}`;
}

/** The network's own words inside our sentence, in the document's language (`ownLang`; WCAG 3.1.2). */
const own = (lang: Lang, words: unknown) => html`<span lang=${lang}>${words}</span>`;

function person(p: Person, lang: Lang) {
  const details = [p.role, p.organisation].filter((d): d is string => !!d);
  return details.length
    ? html`<bdi>${p.name}</bdi> (${details.map((d, i) => html`${i ? ', ' : ''}<bdi lang=${lang}>${d}</bdi>`)})`
    : html`<bdi>${p.name}</bdi>`;
}

type Lang = string | typeof nothing;

const organisation = (o: Organisation) => html`<bdi>${o.name}</bdi>`;

/**
 * @summary The sessions of a learning network: upcoming ones by month in date order, sessions still
 * to be dated after the dated ones they follow in the series, and an archive of past sessions with
 * their reports. A long agenda shows a page at a time ("Toon meer"); the theme and type filters are
 * kept in the page address (`leerkring-theme`, `leerkring-type`).
 *
 * @csspart session - One session.
 * @csspart title - A session's title.
 * @csspart date - A session's date and time.
 * @csspart status - A session's status (moved, cancelled) and the loading message.
 * @csspart eligibility - Who may register and what comes first, above the sessions.
 * @csspart availability - Whether and how people can register.
 * @csspart button - Register and retry buttons.
 * @csspart calendar - The "add to your calendar" disclosure.
 * @csspart filters - The theme and type filters.
 * @csspart programme - A session's programme (timed items).
 * @csspart subscribe - The links to subscribe to the network's calendar feed (webcal: and https).
 * @csspart error - The load error or the problems in an invalid document.
 * @fires leerkring-session-select - When someone chooses to register for a session (cancelable).
 * @cssprop --leerkring-accent-color - Links and buttons (falls back to `--utrecht-link-color`).
 * @cssprop --leerkring-border-color - Lines between sessions.
 * @cssprop --leerkring-muted-color - Secondary text.
 * @cssprop --leerkring-agenda-session-gap - Space between sessions.
 */
export class LeerkringAgenda extends LitElement {
  static override styles = [baseStyles, agendaStyles];

  static override properties = {
    src: {},
    api: {},
    networkId: { attribute: 'network-id' },
    show: {},
    limit: { type: Number },
    headingLevel: { type: Number, attribute: 'heading-level' },
    sessionLink: { attribute: 'session-link' },
    signupHref: { attribute: 'signup-href' },
    places: {},
    filters: {},
    structuredData: { attribute: 'structured-data' },
    now: {},
    _theme: { state: true },
    _type: { state: true },
    _upcomingShown: { state: true },
    _pastShown: { state: true },
  };

  /** URL (http(s) or relative) of the network document; without it the element uses an inline document or its `<leerkring-network>`. */
  declare src: string | undefined;
  /** Base URL (http(s) or relative) of the registration API, for live availability. */
  declare api: string | undefined;
  /** Network id to load from the API when there is no document. */
  declare networkId: string | undefined;
  /** Which sessions to show: "upcoming", "past" or "all". */
  declare show: 'upcoming' | 'past' | 'all';
  /** At most this many sessions per part (upcoming, past). */
  declare limit: number | undefined;
  /** The level of the element's top headings (2 by default); months and sessions go one and two deeper. */
  declare headingLevel: number;
  /** Link to a session's own page; `{id}` is replaced by the session id. Only an http(s) or relative URL is used. */
  declare sessionLink: string | undefined;
  /** Where "Aanmelden" leads for built-in registration, for example "#aanmelden" or a registration page. Only an http(s) or relative URL is used. */
  declare signupHref: string | undefined;
  /** How to show places: "exact" ("nog 3 plaatsen"), "coarse" ("nog enkele plaatsen") or "none". */
  declare places: 'exact' | 'coarse' | 'none';
  /** Theme and type filters: "auto" shows them for longer agendas. */
  declare filters: 'auto' | 'on' | 'off';
  /** Set to "off" to leave out the schema.org JSON-LD in the light DOM. */
  declare structuredData: 'on' | 'off';
  /** Fixed "now" (ISO date-time) for previews and tests. */
  declare now: string | undefined;
  declare private _theme: string;
  declare private _type: string;
  /** How many upcoming (and past) sessions "toon meer" has opened; undefined is the first page. */
  declare private _upcomingShown: number | undefined;
  declare private _pastShown: number | undefined;

  constructor() {
    super();
    this.show = 'all';
    this.headingLevel = 2;
    this.places = 'exact';
    this.filters = 'auto';
    this.structuredData = 'on';
    const query = new URLSearchParams(location.search);
    this._theme = query.get(THEME_PARAM) ?? '';
    this._type = query.get(TYPE_PARAM) ?? '';
  }

  /** How many of the shown sessions are drawn; grows frame by frame up to all of them. */
  #drawn = FIRST_DRAW;
  #cancelDraw: (() => void) | undefined;
  /** The session to focus once "toon meer" has drawn it. */
  #focusAfterUpdate: string | undefined;

  readonly #source = new NetworkSource(this);
  /** Made with the JSON-LD code, when that has loaded (see updated). */
  #jsonLd: JsonLdController | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancelDraw?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const [name, attribute] of [['signupHref', 'signup-href'], ['sessionLink', 'session-link']] as const) {
      if (changed.has(name) && this[name] !== undefined && !isSafeUrl(this[name])) warnUnsafeUrl('<leerkring-agenda>', attribute);
    }
  }

  protected override updated(_: PropertyValues): void {
    if (this.#focusAfterUpdate) {
      const target = this.renderRoot.querySelector<HTMLElement>(`[id="session-${CSS.escape(this.#focusAfterUpdate)}"]`);
      this.#focusAfterUpdate = undefined;
      if (target) {
        target.tabIndex = -1;
        target.focus();
      }
    }
    const state = this.#source.state;
    const network = this.structuredData !== 'off' && state.status === 'ready' ? state.network : undefined;
    if (!network) {
      this.#jsonLd?.set(undefined);
      return;
    }
    // Search engines read the JSON-LD, people do not: its code (the controller that keeps the
    // script in the light DOM included) loads after the agenda shows, and is used only if the
    // element still shows the same network by then.
    void import('./json-ld.js').then(({ networkJsonLd, JsonLdController }) => {
      const now = this.#source.state;
      if (this.isConnected && this.structuredData !== 'off' && now.status === 'ready' && now.network === network)
        (this.#jsonLd ??= new JsonLdController(this)).set(networkJsonLd(network, location.href.split('#')[0]!));
    });
  }

  protected override render() {
    const state = this.#source.state;
    const locale = readyLocale(this);
    if (!locale) return nothing;
    if (state.status !== 'ready' || !state.network) {
      // Inside <leerkring-network> the provider shows loading and errors once for all elements.
      return this.#source.fromContext ? nothing : renderState(state, locale, this);
    }
    return this.#renderAgenda(state, state.network, locale);
  }

  #rows(network: Network, now: Date): Row[] {
    return sessionsInOrder(network.sessions).map((session) => {
      const start = sessionStart(session);
      return { session, past: isSessionPast(session, now), start, month: start ? amsterdamDate(start).slice(0, 7) : '' };
    });
  }

  #setFilter(which: 'theme' | 'type', value: string): void {
    this[which === 'theme' ? '_theme' : '_type'] = value;
    this._upcomingShown = undefined;
    this._pastShown = undefined;
    this.#drawn = FIRST_DRAW;
    // The choice goes into the address, so a shared or reloaded link shows the same selection.
    this.#filters?.keepInAddress(which === 'theme' ? THEME_PARAM : TYPE_PARAM, value);
  }

  #showMore(part: 'upcoming' | 'past', rows: readonly Row[], shown: number): void {
    const end = part === 'upcoming' ? pageEnd(rows, shown) : Math.min(rows.length, shown + PAGE_SIZE);
    if (part === 'upcoming') {
      this._upcomingShown = end;
      this.#drawn = Math.max(this.#drawn, shown + FIRST_DRAW);
    } else this._pastShown = end;
    this.#focusAfterUpdate = rows[shown]?.session.id;
  }

  /** Draws the rest of a long page in later frames, so the first screenful appears at once. */
  #drawLater(total: number): void {
    if (this.#drawn >= total || this.#cancelDraw) return;
    const step = () => {
      this.#cancelDraw?.();
      this.#drawn += NEXT_DRAW;
      this.requestUpdate();
    };
    // The next frame; a page in a background tab gets no frames, so a timer finishes the job there.
    const frame = requestAnimationFrame(step);
    const timer = setTimeout(step, 100);
    this.#cancelDraw = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      this.#cancelDraw = undefined;
    };
  }

  #renderAgenda(state: NetworkState, network: Network, locale: Locale) {
    const m = messages(locale);
    const now = clock(this.now ?? state.now);
    // Sessions stay drawn as they were while only paging or progressive drawing changes, so a
    // thousand-session agenda does not redo a thousand sessions' dates and rules on every step.
    const key = [state, network, locale, now.getTime(), this.headingLevel, this.sessionLink, this.signupHref, this.places, this.#calendarsChanged];
    if (key.length !== this.#drawnFor.length || key.some((k, i) => k !== this.#drawnFor[i])) {
      this.#drawnFor = key;
      this.#drawnSessions = new WeakMap();
      this.#rowsCache = this.#rows(network, now);
    }
    const rows = this.#rowsCache;
    if (!rows.length) return html`<p part="status">${m.agenda.empty}</p>${this.#renderWhoMayJoin(network, locale)}${this.#renderSeriesAction(state, network, locale)}`;

    const themes = [...new Set(rows.map((r) => r.session.theme).filter((t): t is string => !!t))];
    const types = [...new Set(rows.map((r) => r.session.type))];
    const showFilters = this.filters === 'on' || (this.filters === 'auto' && rows.length >= 8 && (themes.length > 1 || types.length > 1));
    // A filter from the address that this document does not know is no filter.
    const theme = showFilters && themes.includes(this._theme) ? this._theme : '';
    const type = showFilters && (types as string[]).includes(this._type) ? this._type : '';
    const visible = rows.filter((r) => (!theme || r.session.theme === theme) && (!type || r.session.type === type));
    const limit = (list: Row[]) => (this.limit && this.limit > 0 ? list.slice(0, this.limit) : list);
    const upcoming = limit(visible.filter((r) => !r.past));
    // The archive shows the most recent first.
    const past = limit(visible.filter((r) => r.past).reverse());
    const upcomingShown = this._upcomingShown ?? (upcoming.length <= SHOW_ALL_UP_TO ? upcoming.length : pageEnd(upcoming, 0));
    const pastShown = this._pastShown ?? (past.length <= SHOW_ALL_UP_TO ? past.length : PAGE_SIZE);
    const h = this.headingLevel;
    const showUpcoming = this.show !== 'past';
    const showPast = this.show !== 'upcoming' && past.length > 0;
    const upcomingDrawn = showUpcoming ? Math.min(upcomingShown, this.#drawn) : 0;
    const pastDrawn = showPast ? Math.min(pastShown, Math.max(0, this.#drawn - upcomingDrawn)) : 0;
    this.#drawLater((showUpcoming ? upcomingShown : 0) + (showPast ? pastShown : 0));

    return html`
      ${showFilters ? this.#renderFilters(themes, types, visible.length, theme, type, m) : nothing}
      ${showUpcoming ? html`${this.#renderWhoMayJoin(network, locale)}${this.#renderSeriesAction(state, network, locale)}` : nothing}
      ${showUpcoming
        ? html`<section aria-labelledby="upcoming-heading">
            <${heading(h)} id="upcoming-heading">${m.agenda.upcoming}</${heading(h)}>
            ${upcoming.length ? this.#renderGroups(upcoming.slice(0, upcomingDrawn), state, network, locale, h + 1) : html`<p>${m.agenda.noUpcoming}</p>`}
            ${upcomingShown < upcoming.length ? this.#renderMore('upcoming', upcoming, upcomingShown, locale) : nothing}
            ${this.#renderSubscribe(state, network, locale)}
          </section>`
        : nothing}
      ${showPast
        ? html`<section aria-labelledby="past-heading" class="archive">
            <${heading(h)} id="past-heading">${m.agenda.past}</${heading(h)}>
            <ul class="sessions" role="list">
              ${past.slice(0, pastDrawn).map((r) => this.#renderSession(r, state, network, locale, h + 1))}
            </ul>
            ${pastShown < past.length ? this.#renderMore('past', past, pastShown, locale) : nothing}
          </section>`
        : nothing}
    `;
  }

  #renderMore(part: 'upcoming' | 'past', rows: readonly Row[], shown: number, locale: Locale) {
    return html`<p><button class="button secondary more" part="button" type="button" @click=${() => this.#showMore(part, rows, shown)}>
      ${messages(locale).agendaMore.showMore(rows.length - shown)}
    </button></p>`;
  }

  /** Subscribing to the network's feed, where an API serves one: webcal: for calendar apps, https for the rest. */
  #renderSubscribe(state: NetworkState, network: Network, locale: Locale) {
    if (!state.live || state.api === undefined) return nothing;
    const feed = new URL(`${state.api.replace(/\/+$/, '')}/api/networks/${encodeURIComponent(network.id)}/calendar.ics`, location.href);
    if (feed.protocol !== 'https:' && feed.protocol !== 'http:') return nothing;
    const a = messages(locale).agendaMore;
    return html`<p class="subscribe" part="subscribe">
      <a href=${`webcal:${feed.href.slice(feed.protocol.length)}`}>${a.subscribe}</a>
      <a href=${feed.href}>${a.feedAddress}</a>
    </p>`;
  }

  /** Upcoming sessions in date order, grouped into runs of the same month; undated ones form their own run. */
  #renderGroups(rows: Row[], state: NetworkState, network: Network, locale: Locale, level: number) {
    const m = messages(locale);
    const groups: { label: string; month: string; rows: Row[] }[] = [];
    for (const r of rows) {
      const last = groups[groups.length - 1];
      if (last && last.month === r.month) last.rows.push(r);
      else groups.push({ label: r.start ? formatMonth(locale, r.start) : m.agenda.tbdGroup, month: r.month, rows: [r] });
    }
    return groups.map(
      // A heading inside a plain element: a region per month would add a landmark for every month.
      (g, i) => html`<div class="month">
        <${heading(level)} id="month-${i}" class="month-heading">${g.label}</${heading(level)}>
        <ul class="sessions" role="list">
          ${g.rows.map((r) => this.#renderSession(r, state, network, locale, level + 1))}
        </ul>
      </div>`,
    );
  }

  /** The filters' code, loaded when an agenda first shows them (see filters.ts). */
  #filters: typeof import('./filters.js') | undefined;

  #renderFilters(themes: string[], types: SessionType[], count: number, theme: string, type: string, m: Messages) {
    if (this.#filters) return this.#filters.renderFilters(themes, types, count, theme, type, m, (which, value) => this.#setFilter(which, value));
    // Until then the agenda shows its sessions (a filter from the address already applied); a
    // failed load is tried again at the next render (the browser keeps one copy of the module).
    import('./filters.js').then(
      (filters) => {
        filters.adopt(this.renderRoot as ShadowRoot);
        this.#filters = filters;
        this.requestUpdate();
      },
      (error: unknown) => console.error('leerkring: the filters could not be loaded', error),
    );
    return nothing;
  }

  /** Who may register, said before anyone clicks through to a form (the form says it again). */
  #renderWhoMayJoin(network: Network, locale: Locale) {
    const notes = whoMayJoin(network, locale);
    if (!notes.length) return nothing;
    const lang = ownLang(network, locale);
    return html`<div class="notice" part="eligibility">${notes.map((n) => html`<p lang=${isOwnWords(network, n) ? lang : nothing}>${n}</p>`)}</div>`;
  }

  /** For whole-series registration: one availability line and action for the network. */
  #renderSeriesAction(state: NetworkState, network: Network, locale: Locale) {
    if (registrationScope(network) !== 'network' || !state.availability) return nothing;
    return html`<div class="series-action">${this.#renderAvailability(state.availability.network, state, network, locale, undefined)}</div>`;
  }

  #drawnFor: unknown[] = [];
  #drawnSessions = new WeakMap<Session, { level: number; result: unknown }>();
  #rowsCache: Row[] = [];
  #calendarsChanged = 0;

  #renderSession(row: Row, state: NetworkState, network: Network, locale: Locale, level: number) {
    const drawn = this.#drawnSessions.get(row.session);
    if (drawn?.level === level) return drawn.result;
    const result = this.#drawSession(row, state, network, locale, level);
    this.#drawnSessions.set(row.session, { level, result });
    return result;
  }

  #drawSession(row: Row, state: NetworkState, network: Network, locale: Locale, level: number) {
    const { session, past } = row;
    const m = messages(locale);
    const a = m.agenda;
    const timing = sessionTiming(session);
    const id = `session-${session.id}`;
    const sessionHref = safeUrl(this.sessionLink?.replace('{id}', encodeURIComponent(session.id)));
    const lang = ownLang(network, locale);
    const h = heading(level);
    // Plain text goes in as the textContent property where it can: a child slot costs a marker node.
    const title = sessionHref
      ? html`<${h} id=${id} class="title" part="title" lang=${lang}><a href=${sessionHref}>${session.title}</a></${h}>`
      : html`<${h} id=${id} class="title" part="title" lang=${lang} .textContent=${session.title}></${h}>`;
    const perSession = registrationScope(network) === 'session';
    const availability = perSession && !past ? state.availability?.sessions[session.id] : undefined;
    const resources = session.resources ?? [];
    // Only the parts a session has, in one list: every empty slot would still cost the page a
    // marker node, and a long agenda has a thousand sessions. No whitespace between the tags
    // for the same reason (each run of it is a text node).
    const more = [];
    // Names in <bdi> (person, organisation), so an Arabic or Hebrew name keeps its place and the commas stay between the names.
    if (session.partners?.length) more.push(html`<p>${around(a.partners, formatListParts(locale, session.partners.map(organisation)))}</p>`);
    if (session.facilitators?.length) more.push(html`<p>${around(a.facilitators, formatListParts(locale, session.facilitators.map((p) => person(p, lang))))}</p>`);
    if (session.speakers?.length) more.push(html`<p>${around(a.speakers, formatListParts(locale, session.speakers.map((p) => person(p, lang))))}</p>`);
    if (session.description) more.push(html`<p class="description" lang=${lang}>${session.description}</p>`);
    if (session.programme?.length) more.push(this.#renderProgramme(session, locale, level + 1, lang));
    if (availability) more.push(this.#renderAvailability(availability, state, network, locale, session));
    if (!past && timing.kind !== 'tbd' && session.status !== 'cancelled') more.push(this.#renderCalendar(network, session, locale));
    if (resources.length) more.push(this.#renderResources(resources, locale, level + 1, lang));
    // prettier-ignore
    return html`<li class="session" part="session" data-status=${session.status ?? 'scheduled'} ?data-past=${past}>${title}${this.#renderStatus(session, locale, lang)}<p class="when" part="date">${this.#renderWhen(session, timing, past, locale)}</p><p class="meta">${m.sessionType[session.type]}${session.theme ? html` · ${own(lang, session.theme)}` : nothing}</p>${this.#renderVenue(session, locale, past, lang)}${more}</li>`;
  }

  /** Cancelled or moved, with the editor's note when there is one ("vanwege de storm …"). */
  #renderStatus(session: Session, locale: Locale, lang: Lang) {
    const changed = session.status === 'cancelled' || session.status === 'moved';
    if (!changed && !session.statusNote) return nothing;
    const badge = changed ? html`<span class="badge ${session.status}">${this.#statusText(session, locale)}</span>` : nothing;
    return html`<p class="status" part="status">${badge}${session.statusNote ? html`${changed ? ' ' : ''}<span class="status-note" lang=${lang}>${session.statusNote}</span>` : nothing}</p>`;
  }

  /** The rarer parts (./rare.ts: the programme by day, reserved places), loaded when a session first needs one. */
  #rareParts: typeof import('./rare.js') | undefined;

  /** The rarer parts when they are here; otherwise starts loading them (drawn sessions are drawn again then). */
  #rare() {
    if (!this.#rareParts)
      void import('./rare.js').then((m) => {
        this.#rareParts = m;
        this.#calendarsChanged++;
        this.requestUpdate();
      });
    return this.#rareParts;
  }

  #renderProgramme(session: Session, locale: Locale, level: number, lang: Lang) {
    // Clock times on any fixed day read the same; formatTime stays the one owner of how they look.
    const clockText = (t: string) => formatTime(locale, atAmsterdamClock('2000-01-15', t));
    const item = (i: ProgrammeItem) => html`<li><span class="programme-time">${clockText(i.time)}${i.end ? `–${clockText(i.end)}` : ''}</span> <span lang=${lang}>${i.title}${i.description ? ` — ${i.description}` : ''}</span></li>`;
    // Items that name their day (issue 23) are shown by day once that code is here; until then, in one list.
    // prettier-ignore
    return html`<div class="programme" part="programme"><${heading(level)} class="resources-heading">${messages(locale).agendaMore.programme}</${heading(level)}>${(session.programme!.some((i) => i.day) && this.#rare()?.programmeDays(session, locale, level + 1, item)) || html`<ul role="list">${session.programme!.map(item)}</ul>`}</div>`;
  }

  #statusText(session: Session, locale: Locale): string {
    const a = messages(locale).agenda;
    if (session.status === 'cancelled') return a.cancelled;
    const earlier = session.movedFrom?.at(-1);
    const d = earlier ? parseDateTime(earlier) : undefined;
    return d ? a.movedFrom(formatShortDate(locale, d)) : a.moved;
  }

  #renderWhen(session: Session, timing: ReturnType<typeof sessionTiming>, past: boolean, locale: Locale) {
    const m = messages(locale);
    // Past without a date: its period is over and no date was ever set (see isSessionPast).
    if (timing.kind === 'tbd' && past && timing.period) return m.agendaMore.tbdPassed(timing.period);
    if (timing.kind === 'tbd') return timing.period ? m.date.tbdPeriod(timing.period) : m.date.tbd;
    if (timing.kind === 'date') {
      return html`<time datetime=${timing.date}>${formatDate(locale, timing.start)}</time>${session.doorsOpen ? `, ${m.agenda.doorsOpen(session.doorsOpen)}` : ''}`;
    }
    const from = formatTime(locale, timing.start);
    // A session over more days says on which day it ends.
    const to = timing.end ? (spansDays(timing) ? `${formatDate(locale, timing.end)}, ${formatTime(locale, timing.end)}` : formatTime(locale, timing.end)) : undefined;
    const rest = `, ${m.agenda.time(from, to)}${session.doorsOpen ? ` (${m.agenda.doorsOpen(session.doorsOpen)})` : ''}`;
    return html`<time datetime=${timing.start.toISOString()}>${formatDate(locale, timing.start)}</time>${rest}`;
  }

  #renderVenue(session: Session, locale: Locale, past: boolean, lang: Lang) {
    // The words and their order from core (issue 23); here only the note's own line.
    const [text, note] = venueParts(session.venue, locale, past);
    if (!text && !note) return nothing;
    // Plain text as a property, not a child slot: no marker node per session (see #renderSession).
    if (!note) return html`<p class="venue" .textContent=${text}></p>`;
    return html`<p class="venue">${text ? html`${text}<br />` : nothing}${own(lang, note)}</p>`;
  }

  #renderAvailability(av: Availability, state: NetworkState, network: Network, locale: Locale, session: Session | undefined) {
    const text = this.#availabilityText(av, state, locale);
    const canAct = av.state === 'open' || av.state === 'waitlist' || av.state === 'on-request';
    const parts = [];
    if (text) parts.push(html`<p>${text}</p>`);
    // Issue 23: reserved places left, with the network's explanation (./rare.ts).
    const reserved = state.live && this.places !== 'none' && av.reservedLeft;
    if (reserved) parts.push(this.#rare()?.reservedNote(network, session, reserved, locale, ownLang(network, locale)));
    if (canAct) parts.push(this.#renderRegisterAction(network, session, locale));
    return html`<div class="availability" part="availability" data-state=${av.state}>${parts}</div>`;
  }

  #availabilityText(av: Availability, state: NetworkState, locale: Locale): string {
    const a = messages(locale).availability;
    switch (av.state) {
      case 'open': {
        if (!state.live || this.places === 'none' || av.placesLeft === undefined) return '';
        return this.places === 'coarse' ? a.level[av.level] : a.placesLeft(av.placesLeft);
      }
      case 'waitlist':
        return a.waitlist;
      case 'full':
        return a.full;
      case 'not-yet-open':
        return av.opensAt ? a.notYetOpen(av.opensAt) : a.deadlinePassed;
      case 'invitation-only':
        // A closed network says who belongs rather than the bare "Alleen op uitnodiging".
        return state.network?.membership?.explanation ?? a.invitationOnly;
      case 'on-request':
        return a.onRequest;
      case 'closed':
        return av.closedReason === 'cancelled' ? a.cancelled : av.closedReason === 'past' ? a.past : av.closedReason === 'no-registration' ? '' : a.deadlinePassed;
    }
  }

  #renderRegisterAction(network: Network, session: Session | undefined, locale: Locale) {
    const a = messages(locale).agenda;
    const lang = ownLang(network, locale);
    const label = session ? around(a.registerFor, own(lang, session.title)) : a.register;
    // A target that is not a safe URL gets no action at all: a label that looks like a button
    // and does nothing would only mislead.
    switch (network.registration.mode) {
      case 'external': {
        const href = safeUrl(network.registration.url);
        return href
          ? html`<a class="button" part="button" href=${href}>${a.registerExternal}${session
              ? html`<span class="visually-hidden" lang=${lang}>: ${session.title}</span>`
              : nothing}</a>`
          : nothing;
      }
      case 'email': {
        const href = registrationMailtoUrl(network, locale, session?.id);
        return href ? html`<a class="button" part="button" href=${href}>${a.registerEmail}</a>` : nothing;
      }
      case 'built-in': {
        const select = (e: Event) => {
          const ok = this.dispatchEvent(new LeerkringSessionSelectEvent(network.id, session?.id));
          if (!ok) e.preventDefault();
        };
        const signupHref = safeUrl(this.signupHref);
        return signupHref
          ? html`<a class="button" part="button" href=${signupHref} @click=${select}>${label}</a>`
          : html`<button class="button" part="button" type="button" @click=${select}>${label}</button>`;
      }
      default:
        return nothing;
    }
  }

  /** Sessions whose "add to calendar" disclosure is open; only those render their links. */
  #openCalendars = new Set<string>();
  /** The links' code, loaded when the first disclosure opens (see add-to-calendar.ts). */
  #calendarLinks: typeof import('./add-to-calendar.js').calendarLinks | undefined;
  #loadingCalendarLinks = false;

  #loadCalendarLinks(): void {
    if (this.#calendarLinks || this.#loadingCalendarLinks) return;
    this.#loadingCalendarLinks = true;
    import('./add-to-calendar.js').then(
      ({ calendarLinks, adopt }) => {
        adopt(this.renderRoot as ShadowRoot);
        this.#calendarLinks = calendarLinks;
        this.#calendarsChanged++;
        this.requestUpdate();
      },
      // A dropped connection: the next time a disclosure opens, it is tried again.
      (error: unknown) => console.error('leerkring: the calendar links could not be loaded', error),
    ).finally(() => (this.#loadingCalendarLinks = false));
  }

  #renderCalendar(network: Network, session: Session, locale: Locale) {
    const a = messages(locale).agenda;
    const open = this.#openCalendars.has(session.id);
    const toggle = (e: Event) => {
      const isOpen = (e.target as HTMLDetailsElement).open;
      if (isOpen === this.#openCalendars.has(session.id)) return;
      if (isOpen) this.#openCalendars.add(session.id);
      else this.#openCalendars.delete(session.id);
      if (isOpen) this.#loadCalendarLinks();
      this.#calendarsChanged++;
      this.requestUpdate();
    };
    // While the links' code loads, the open disclosure is empty for a moment; focus stays on the summary.
    const links = open ? this.#calendarLinks?.(network, session, locale) : undefined;
    // prettier-ignore
    return html`<details class="calendar" part="calendar" ?open=${open} @toggle=${toggle}><summary>${a.addToCalendar}<span class="visually-hidden" lang=${ownLang(network, locale)} .textContent=${`: ${session.title}`}></span></summary>${links ?? nothing}</details>`;
  }

  #renderResources(resources: Resource[], locale: Locale, level: number, lang: Lang) {
    const a = messages(locale).agenda;
    // Names from the document keep the document's language; no whitespace between the tags (no text nodes).
    // prettier-ignore
    return html`<div class="resources"><${heading(level)} class="resources-heading">${a.resources}</${heading(level)}><ul>${resources
      .filter((r) => !r.participantsOnly)
      .map((r) => html`<li>${a.resourceType[r.type]}: ${own(lang, html`${resourceTitle(r)}${r.description ? ` — ${r.description}` : nothing}`)}</li>`)}</ul></div>`;
  }
}

customElements.get('leerkring-agenda') ?? customElements.define('leerkring-agenda', LeerkringAgenda);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-agenda': LeerkringAgenda;
  }
}

/** The network's own words keep the document's language where the page's differs (WCAG 3.1.2). */
function ownLang(network: Network, locale: Locale): string | typeof nothing {
  const lang = documentLanguage(network);
  return lang === locale ? nothing : lang;
}
