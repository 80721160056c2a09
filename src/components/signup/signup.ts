import { LitElement, nothing, type TemplateResult } from 'lit';
import { heading, html } from '../shared/heading.js';
import {
  ORGANISATION_TYPES,
  type ApiResult,
  type RegistrationClient,
  fieldUse,
  formatDate,
  sessionsInOrder,
  needsInvitation,
  isSessionPast,
  messages,
  formMessages,
  personalReasons,
  reasonText,
  registrationScope,
  checkRegistration,
  mailtoUrl,
  safeUrl,
  whoMayJoin,
  documentLanguage,
  isOwnWords,
  freesPlaceForWaitlist,
  type Availability,
  type FieldName,
  type Locale,
  type Network,
  type OrganisationType,
  type Problem,
  type Question,
  type Session,
  type RegistrationInput,
  sessionDaysText,
  sessionTiming,
  sessionWhenText,
} from '../../core/lean.js';
import { NetworkSource, clock } from '../shared/network-source.js';
import { renderState } from '../shared/state-view.js';
import { readyFormLocale } from '../shared/form-texts.js';
import { baseStyles } from '../shared/styles.js';
import { registrationMailtoUrl } from '../shared/safe-links.js';
import { signupStyles } from './signup.styles.js';
import { LeerkringRegisterEvent, LeerkringRegisteredEvent } from './register-event.js';
import type { NetworkState } from '../context.js';

/** What the person sees after submitting, or instead of the form. */
export type SignupOutcome =
  | { kind: 'confirmed' | 'pending'; sessionId?: string }
  | { kind: 'waitlisted'; position: number; sessionId?: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'full' | 'cancelled' | 'handled' };

type View =
  | { kind: 'form' }
  | { kind: 'outcome'; outcome: SignupOutcome };

/**
 * Asks the registration API. Its code (core/client.ts) loads the first time the form talks to the
 * server, once the form shows (the form token), so a page does not wait for it before the form
 * appears. Code that cannot load answers as a dropped connection does: the form offers to retry.
 */
async function callApi<T>(api: string, ask: (client: RegistrationClient) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  let client: RegistrationClient;
  try {
    client = new (await import('../../core/client.js')).RegistrationClient(api);
  } catch (error) {
    return { ok: false, status: 0, retryable: true, error: { code: 'network', message: String(error) } };
  }
  return ask(client);
}

/** Focus target meaning "the form's first field", whichever that is for this network. */
const FIRST_FIELD = ':first-field';

/** Where a problem's path points in the form: the id of the control to focus. */
/** Up to this many sessions to choose from are radio buttons; more become one grouped list. */
const SESSION_RADIOS_UP_TO = 8;

function controlId(path: string): string {
  return `f-${path.replace(/[^a-z0-9]+/gi, '-')}`;
}

/**
 * @summary Registration for a learning network, built from the network's own rules.
 *
 * The form's rarer parts (a price, choices between sessions, reserved places, a long list of
 * sessions) load on demand, for a network that has one of them. `updateComplete` resolves once
 * they have come and are shown (or could not come): wait for it before filling in or submitting
 * the form from script. A press on the submit button before they came waits for them and sends
 * only when they add nothing to see; where they do, the form shows them and sends on the next
 * press; where they cannot come, it sends nothing and says to load the page again.
 *
 * @csspart form - The form.
 * @csspart field - Each question with its label, hint and error.
 * @csspart button - Submit, retry and cancel buttons.
 * @csspart eligibility - Who may register and what comes first, above the form.
 * @csspart reserved - Reserved places left at the session chosen, for whom, and whether the person as typed may take one (issue 23).
 * @csspart price - What taking part costs (per organisation type where the network says so) and the free-cancellation term, above the form.
 * @csspart error-summary - The list of problems shown above the form after a failed submit.
 * @csspart status - Progress and outcome messages.
 * @csspart error - The load error or the problems in an invalid document.
 * @fires leerkring-register - With the validated registration, before it is sent (cancelable).
 * @fires leerkring-registered - When the server accepted the registration.
 * @cssprop --leerkring-input-border-color - Border of text fields.
 * @cssprop --leerkring-danger-color - Errors.
 */
export class LeerkringSignup extends LitElement {
  static override styles = [baseStyles, signupStyles];
  static override properties = {
    src: {},
    api: {},
    networkId: { attribute: 'network-id' },
    session: {},
    manageToken: { attribute: 'manage-token' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    now: {},
    _view: { state: true },
    _problems: { state: true },
    _busy: { state: true },
    _failed: { state: true },
    _type: { state: true },
    _sent: { state: true },
    _parts: { state: true },
  };

  /** URL (http(s) or relative) of the network document; without it the element uses an inline document or its `<leerkring-network>`. */
  declare src: string | undefined;
  /** Base URL (http(s) or relative) of the registration API. */
  declare api: string | undefined;
  /** Network id to load from the API when there is no document. */
  declare networkId: string | undefined;
  /** The session to preselect when people register per session. */
  declare session: string | undefined;
  /** A participant's token from their manage link: shows the manage page (`<leerkring-manage>`) for that registration instead of the form. */
  declare manageToken: string | undefined;
  /** The level of the element's heading (2 by default). */
  declare headingLevel: number;
  /** Fixed "now" (ISO date-time) for previews and tests. */
  declare now: string | undefined;
  declare private _view: View;
  declare private _problems: Problem[];
  declare private _busy: boolean;
  declare private _failed: boolean;
  declare private _type: string;
  /** After "send me a new link" from a duplicate refusal: the sentence that says what happened. */
  declare private _sent: string | undefined;
  /** A press came before the rarer parts: they have come and show something to read first, or could not come. */
  declare private _parts: 'shown' | 'failed' | undefined;

  readonly #source = new NetworkSource(this);
  /** The server's signed token from when the form was first shown (the minimum fill time counts from it). */
  #formToken: { networkId: string; token: Promise<string | undefined> } | undefined;
  #idempotencyKey: string | undefined;
  /** The registration the key was made for: a changed form is a new submission with a new key. */
  #idempotencyFor = '';
  #focusAfterRender: string | undefined;
  #values = new Map<string, string | boolean>();

  constructor() {
    super();
    this.headingLevel = 2;
    this._view = { kind: 'form' };
    this._problems = [];
    this._busy = false;
    this._failed = false;
    this._type = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('leerkring-session-select', this.#onSessionSelect);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('leerkring-session-select', this.#onSessionSelect);
  }

  #onSessionSelect = (e: Event): void => {
    const { networkId, sessionId } = e as unknown as { networkId: string; sessionId?: string };
    const network = this.#source.state.network;
    if (!network || network.id !== networkId) return;
    // This form takes over: the agenda's link would otherwise go on to its fragment, and that
    // navigation moves focus from the form heading to the body. Focusing the heading scrolls to it.
    e.preventDefault();
    if (sessionId) {
      this.session = sessionId;
      this.#values.set('sessionId', sessionId);
    }
    this._view = { kind: 'form' };
    this.#focusAfterRender = 'signup-heading';
  };

  /** For a page that handled `leerkring-register` itself: shows the outcome it got. */
  showOutcome(outcome: SignupOutcome): void {
    this.#show(outcome);
  }

  /** The calendar links' code (the agenda's "Zet in je agenda"), loaded for a confirmation only. */
  #calendarLinks: typeof import('../agenda/add-to-calendar.js').calendarLinks | undefined;

  /** Loads the calendar links for the confirmation; started when the form is sent, so they are usually there with it. */
  #loadCalendarLinks(): void {
    if (this.#calendarLinks) return;
    import('../agenda/add-to-calendar.js').then(
      ({ calendarLinks }) => {
        this.#calendarLinks = calendarLinks;
        this.requestUpdate();
      },
      // A dropped connection: the confirmation stands without the links (the e-mail carries the calendar file).
      (error: unknown) => console.error('leerkring: the calendar links could not be loaded', error),
    );
  }

  #show(outcome: SignupOutcome): void {
    if (outcome.kind === 'confirmed') this.#loadCalendarLinks();
    this._view = { kind: 'outcome', outcome };
    this._busy = false;
    this.#focusAfterRender = 'outcome-heading';
  }

  /** The form token for this network: the one asked for when the form was shown, or a new one. */
  #formTokenFor(api: string, networkId: string, fresh = false): Promise<string | undefined> {
    if (fresh || this.#formToken?.networkId !== networkId)
      this.#formToken = { networkId, token: callApi(api, (c) => c.formToken(networkId)).then((r) => (r.ok ? r.value.formToken : undefined)) };
    return this.#formToken.token;
  }

  protected override updated(): void {
    const { api, network } = this.#source.state;
    if (api !== undefined && network && this.renderRoot.querySelector('form')) void this.#formTokenFor(api, network.id);
    const id = this.#focusAfterRender;
    if (!id) return;
    const target =
      id === FIRST_FIELD
        ? this.renderRoot.querySelector<HTMLElement>('form [name]:not([tabindex])')
        : this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    if (target) {
      this.#focusAfterRender = undefined;
      target.focus();
      // focus() centres what is taller than the screen (a long summary at 200% text), its start lost above: show the start.
      if (id === 'error-summary') target.scrollIntoView();
    }
  }

  protected override render() {
    const state = this.#source.state;
    const locale = readyFormLocale(this);
    if (!locale) return nothing;
    if (state.status !== 'ready' || !state.network) return this.#source.fromContext ? nothing : renderState(state, locale, this);
    const network = state.network;
    const view = this._view;
    if (view.kind === 'outcome') return this.#renderOutcome(view.outcome, network, locale);
    // The manage page is its own element, loaded only when a manage link brings someone here;
    // the form only hands it the API and the token.
    if (this.manageToken && state.api !== undefined) {
      void import('../manage/manage.js');
      return html`<leerkring-manage .api=${state.api} .token=${this.manageToken} heading-level=${this.headingLevel} .now=${this.now}></leerkring-manage>`;
    }
    return this.#renderEntry(state, network, locale);
  }

  #contactLine(network: Network, locale: Locale) {
    const c = network.contact;
    if (!c?.email && !c?.name) return nothing;
    const mailto = mailtoUrl(c.email);
    // A name in <bdi>: an Arabic or Hebrew name keeps the order of our sentence around it.
    const who = mailto ? html`<a href=${mailto}><bdi>${c.name ?? c.email}</bdi></a>` : html`<bdi>${c.name ?? c.email}</bdi>`;
    const text = formMessages(locale).signup.contact('\u0000').split('\u0000');
    return html`<p>${text[0]}${who}${text[1]}</p>`;
  }

  /** A screen instead of the form: the heading takes focus when it replaces something the person did. */
  #screen(title: string, body: TemplateResult | typeof nothing, network: Network, locale: Locale) {
    const h = this.headingLevel;
    return html`<section class="outcome" part="status" aria-labelledby="outcome-heading">
      <${heading(h)} id="outcome-heading" tabindex="-1">${title}</${heading(h)}>
      ${body} ${this.#contactLine(network, locale)}
    </section>`;
  }

  /** The first thing a visitor sees: the form, or plainly why there is none. */
  #renderEntry(state: NetworkState, network: Network, locale: Locale) {
    const s = formMessages(locale).signup;
    const a = messages(locale).availability;
    const mode = network.registration.mode;
    // A target that is not a safe URL gets no action: a label that looks like a link and does nothing would mislead.
    if (mode === 'external') {
      const href = safeUrl(network.registration.url);
      return this.#screen(
        s.heading,
        html`<p>${s.externalText}</p>${href ? html`<p><a class="button" part="button" href=${href}>${s.externalLink}</a></p>` : nothing}`,
        network,
        locale,
      );
    }
    if (mode === 'email') {
      const href = registrationMailtoUrl(network, locale, this.session);
      return this.#screen(
        s.heading,
        html`${this.#eligibilityNotes(network, locale)}<p>${s.emailText(network.contact?.email ?? '')}</p>
          ${href ? html`<p><a class="button" part="button" href=${href}>${s.emailButton}</a></p>` : nothing}`,
        network,
        locale,
      );
    }
    const av = state.availability?.network;
    const closed = (title: string, text: string) => this.#screen(title, html`<p>${text}</p>`, network, locale);
    switch (av?.state) {
      case 'full':
        // The whole network is full here, also where people register per meeting: every meeting is.
        // Reserved places left (issue 23): the form, for those they are for.
        if (av.reservedLeft) break;
        return closed(s.fullHeading('network'), a.full);
      case 'not-yet-open':
        return closed(s.notYetOpenHeading, av.opensAt ? a.notYetOpen(av.opensAt) : a.deadlinePassed);
      case 'closed':
        return closed(s.closedHeading, av.closedReason === 'past' ? a.past : av.closedReason === 'cancelled' ? a.cancelled : a.deadlinePassed);
      case 'invitation-only':
        return closed(s.invitationOnlyHeading, network.membership?.explanation ?? a.invitationOnly);
    }
    return this.#renderForm(state, network, locale, av);
  }

  /** Who may register, said before anyone types: eligibility, invitations and where to ask for one, an intake. */
  #eligibilityNotes(network: Network, locale: Locale) {
    const notes = whoMayJoin(network, locale);
    if (!notes.length) return nothing;
    return html`<div class="notice" part="eligibility">${notes.map((n) => html`<p lang=${isOwnWords(network, n) ? this.#docLang(network, locale) : nothing}>${n}</p>`)}</div>`;
  }

  /** The document's language where it differs from the page's (WCAG 3.1.2): the network's own words keep it. */
  #docLang(network: Network, locale: Locale): string | typeof nothing {
    const lang = documentLanguage(network);
    return lang === locale ? nothing : lang;
  }

  /** One of our sentences around the network's own words (a title): those keep the document's language. */
  #sentenceWith(sentence: (words: string) => string, words: string): TemplateResult {
    const [before, after] = sentence('\u0000').split('\u0000');
    // <bdi>: a title or name in another script keeps its own direction inside our sentence.
    return html`${before}<bdi>${this.#own(words)}</bdi>${after}`;
  }

  /** The network's own words inside a sentence or label of ours. */
  #own(text: string): TemplateResult | string {
    const network = this.#source.state.network;
    const locale = readyFormLocale(this);
    const lang = network && locale ? this.#docLang(network, locale) : nothing;
    return lang === nothing ? text : html`<span lang=${lang}>${text}</span>`;
  }

  /**
   * A sentence of ours quoting the network's own words (a declaration, a question, the session
   * titles of "Kies één van: …", as the problem's `quoted` says): those keep the document's language.
   */
  #message(p: Problem, locale: Locale) {
    const text = p.message[locale];
    const w = p.quoted;
    // Where the sentence quotes them: after our own words, which may happen to match.
    const i = w ? text.lastIndexOf(w) : -1;
    return i < 0 ? text : this.#sentenceWith((x) => text.slice(0, i) + x + text.slice(i + w!.length), w!);
  }

  #problem(path: string): Problem | undefined {
    return this._problems.find((p) => p.path === path);
  }

  #errorFor(path: string, locale: Locale) {
    const p = this.#problem(path);
    return p ? html`<p class="error" id="${controlId(path)}-error"><span class="visually-hidden">${formMessages(locale).signup.errorLabel}</span> ${this.#message(p, locale)}</p>` : nothing;
  }

  #describedBy(path: string, ...extra: (string | false | undefined)[]): string {
    return [...extra.filter(Boolean), this.#problem(path) && `${controlId(path)}-error`].filter(Boolean).join(' ');
  }

  #value(name: string): string {
    const v = this.#values.get(name);
    return typeof v === 'string' ? v : '';
  }

  #textField(path: string, name: string, label: string, opts: { type?: string; autocomplete?: string; required: boolean; hint?: string; inputmode?: string; narrow?: boolean }, locale: Locale) {
    const s = formMessages(locale).signup;
    const id = controlId(path);
    const hintId = opts.hint ? `${id}-hint` : undefined;
    const invalid = !!this.#problem(path);
    return html`<div class="field ${invalid ? 'invalid' : ''}" part="field">
      <label for=${id}>${label}${opts.required ? '' : ` ${s.optional}`}</label>
      ${opts.hint ? html`<p class="hint" id=${hintId!}>${opts.hint}</p>` : nothing} ${this.#errorFor(path, locale)}
      <input
        id=${id}
        name=${name}
        type=${opts.type ?? 'text'}
        class=${opts.narrow ? 'narrow' : ''}
        .value=${this.#value(name)}
        autocomplete=${opts.autocomplete ?? 'off'}
        inputmode=${opts.inputmode ?? nothing}
        spellcheck="false"
        ?required=${opts.required}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${this.#describedBy(path, hintId) || nothing}
      />
    </div>`;
  }

  #personField(network: Network, field: FieldName, locale: Locale) {
    const use = fieldUse(network, field);
    if (use === 'off') return nothing;
    const s = formMessages(locale).signup;
    const required = use === 'required';
    if (field === 'organisationType') {
      const path = 'participant.organisationType';
      const id = controlId(path);
      const invalid = !!this.#problem(path);
      const type = this._type;
      const notEligible = this.#notEligible(network, type);
      return html`<div class="field ${invalid ? 'invalid' : ''}" part="field">
          <label for=${id}>${s.organisationType}${required ? '' : ` ${s.optional}`}</label>
          ${this.#errorFor(path, locale)}
          <select
            id=${id}
            name="organisationType"
            ?required=${required}
            aria-required=${required ? 'true' : nothing}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${this.#describedBy(path, `${id}-eligibility`)}
            @change=${(e: Event) => {
              this._type = (e.target as HTMLSelectElement).value;
              this.#values.set('organisationType', this._type);
            }}
          >
            <option value="">${s.choose}</option>
            ${ORGANISATION_TYPES.map((t) => html`<option value=${t} ?selected=${t === type}>${messages(locale).organisationType[t]}</option>`)}
          </select>
          <p class="error" id="${id}-eligibility" role="status">${notEligible && !invalid ? notEligible.message[locale] : ''}</p>
        </div>
        ${needsInvitation(network, type as OrganisationType | undefined)
          ? this.#textField('invitationCode', 'invitationCode', s.invitationCode, { required: true, autocomplete: 'off', hint: network.registration.invitation?.explanation }, locale)
          : nothing}`;
    }
    const listed = field === 'organisation' ? network.registration.organisations : undefined;
    if (listed) {
      // A network with a fixed list of organisations: a choice, so nobody is refused for spelling.
      const path = 'participant.organisation';
      const id = controlId(path);
      const invalid = !!this.#problem(path);
      const value = this.#value('organisation');
      return html`<div class="field ${invalid ? 'invalid' : ''}" part="field">
        <label for=${id}>${s.organisation}${required ? '' : ` ${s.optional}`}</label>
        ${this.#errorFor(path, locale)}
        <select
          id=${id}
          name="organisation"
          autocomplete="organization"
          ?required=${required}
          aria-required=${required ? 'true' : nothing}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${this.#describedBy(path) || nothing}
        >
          <option value="">${s.choose}</option>
          ${listed.map((o) => html`<option value=${o.name} ?selected=${o.name === value}>${o.name}</option>`)}
        </select>
      </div>`;
    }
    const config: Record<Exclude<FieldName, 'organisationType'>, [string, string, string]> = {
      organisation: [s.organisation, 'organization', 'text'],
      role: [s.role, 'organization-title', 'text'],
      phone: [s.phone, 'tel', 'tel'],
    };
    const [label, autocomplete, type] = config[field];
    return this.#textField(`participant.${field}`, field, label, { required, autocomplete, type }, locale);
  }

  #sessionChoice(network: Network, state: NetworkState, locale: Locale) {
    if (registrationScope(network) !== 'session') return nothing;
    const s = formMessages(locale).signup;
    const path = 'sessionId';
    const invalid = !!this.#problem(path);
    const choosable = sessionsInOrder(network.sessions).filter((x) => {
      const av = state.availability?.sessions[x.id];
      return av && (av.state === 'open' || av.state === 'waitlist');
    });
    const selected = this.#value('sessionId') || this.session || '';
    const form = this.renderRoot.querySelector('form');
    const label = (x: Session) => {
      const when = sessionDaysText(sessionTiming(x), locale) ?? messages(locale).date.tbd;
      const full = state.availability!.sessions[x.id]!.state === 'waitlist';
      // Full, but a reserved place left for the person as typed: no waiting list (the extras decide, with core's rule).
      const reserved = full && !!this.#extras?.reservedPlaceAt(network, state.availability, form, x.id);
      if (reserved) this.#partsShown = true;
      return `${x.title} (${when})${full && !reserved ? ` – ${s.sessionWaitlist}` : ''}`;
    };
    // A long series: one grouped list (./session-select.ts, with the form's rarer parts).
    if (choosable.length > SESSION_RADIOS_UP_TO) {
      this.#partsShown ||= !!this.#extras;
      return (
        this.#extras?.sessionSelect(choosable, locale, {
          id: controlId(path),
          selected,
          label,
          invalid,
          error: this.#errorFor(path, locale),
          describedBy: this.#describedBy(path),
          lang: this.#docLang(network, locale),
        }) ?? nothing
      );
    }
    return html`<div class="field ${invalid ? 'invalid' : ''}" part="field">
      <fieldset aria-describedby=${this.#describedBy(path) || nothing}>
        <legend>${s.session}</legend>
        ${this.#errorFor(path, locale)}
        ${choosable.map((x, i) => {
          const id = i === 0 ? controlId(path) : `${controlId(path)}-${i}`;
          return html`<div class="choice">
            <input type="radio" id=${id} name="sessionId" value=${x.id} ?checked=${x.id === selected} required aria-invalid=${invalid ? 'true' : 'false'} />
            <label for=${id}>${this.#own(x.title)}${label(x).slice(x.title.length)}</label>
          </div>`;
        })}
      </fieldset>
    </div>`;
  }

  /** The form's rarer parts (./extras.ts): the price, sessions with places of their own, reserved places (issue 23), a long list of sessions. */
  #extras: typeof import('./extras.js') | undefined;

  /** Their load, once started: whether they came. */
  #extrasLoading: Promise<boolean> | undefined;

  /** Set by each render of the form: something of the rarer parts is on it (a price, choices, reserved places, the long list). */
  #partsShown = false;

  /**
   * Loads the rarer parts, for a network that has one of them: the load, or undefined when they
   * are there or not needed. A load that failed is tried again only when `again` (a press on
   * the submit button), not on every render.
   */
  #loadExtras(network: Network, again = false): Promise<boolean> | undefined {
    if (this.#extras || !(network.price || network.sessions.length > SESSION_RADIOS_UP_TO || network.registration.reservedPlaces || network.sessions.some((x) => x.optional || x.chooseOne || x.reservedPlaces))) return undefined;
    if (again && this._parts === 'failed') this.#extrasLoading = undefined;
    return (this.#extrasLoading ??= import('./extras.js').then(
      (m) => {
        this.#extras = m;
        this.requestUpdate();
        return true;
      },
      (error: unknown) => {
        console.error('leerkring: the form\'s own parts could not be loaded', error);
        return false;
      },
    ));
  }

  /** Also waits for the rarer parts while they load, and for the render that shows them (see the class description). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    return (await this.#extrasLoading) && this.#extras ? super.getUpdateComplete() : done;
  }

  /** What is wrong with the sessions chosen, by core's joinsProblems, at "joins". */
  #joinsProblems(network: Network, joins: string[]): Problem[] {
    return this.#extras?.joinsProblems(network, joins) ?? [];
  }

  #joins(network: Network, locale: Locale) {
    // Whether to show them at all; the module decides the rest (core's session-places.ts).
    if (!this.#extras || !network.sessions.some((x) => x.optional || x.chooseOne)) return nothing;
    this.#partsShown = true;
    const path = 'joins';
    return this.#extras.joinsFields(network, locale, {
      id: controlId(path),
      checked: (name, value) => this.#values.has(name) && this.#value(name) === value,
      error: this.#errorFor(path, locale),
      describedBy: this.#describedBy(path),
      invalid: !!this.#problem(path),
    });
  }

  #declarations(network: Network, locale: Locale) {
    return (network.registration.declarations ?? []).map((d) => {
      const path = `declarations.${d.id}`;
      const id = controlId(path);
      const invalid = !!this.#problem(path);
      return html`<div class="field ${invalid ? 'invalid' : ''}" part="field">
        ${this.#errorFor(path, locale)}
        <div class="choice">
          <input
            type="checkbox"
            id=${id}
            name="declarations"
            value=${d.id}
            .checked=${this.#values.get(`declaration:${d.id}`) === true}
            ?required=${d.required !== false}
            aria-required=${d.required !== false ? 'true' : nothing}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${this.#describedBy(path) || nothing} />
          <label for=${id}>${this.#own(d.text)}${d.required === false ? ` ${formMessages(locale).signup.optional}` : ''}</label>
        </div>
      </div>`;
    });
  }

  #question(q: Question, locale: Locale) {
    const s = formMessages(locale).signup;
    const path = `answers.${q.id}`;
    const id = controlId(path);
    const invalid = !!this.#problem(path);
    const reasonId = q.reason ? `${id}-reason` : undefined;
    const label = html`${this.#own(q.label)}${q.required ? '' : ` ${s.optional}`}`;
    // One text node: Chromium drops a lone space between two template parts from the description it computes.
    // In another language than the page's, the reason is its own span, its space inside it.
    const reasonLang = this.#source.state.network ? this.#docLang(this.#source.state.network, locale) : nothing;
    const reason = !q.reason
      ? nothing
      : reasonLang === nothing
        ? html`<p class="hint" id=${reasonId!}>${`${s.why} ${q.reason}`}</p>`
        : html`<p class="hint" id=${reasonId!}>${s.why}<span lang=${reasonLang}>${` ${q.reason}`}</span></p>`;
    const describedBy = this.#describedBy(path, reasonId) || nothing;
    const name = `answer:${q.id}`;
    let control: TemplateResult;
    if (q.type === 'choice' || q.type === 'yes-no') {
      const options = q.type === 'choice' ? q.options ?? [] : [{ value: 'yes', label: s.yes }, { value: 'no', label: s.no }];
      control = html`<fieldset aria-describedby=${describedBy}>
        <legend>${label}</legend>
        ${reason} ${this.#errorFor(path, locale)}
        ${options.map(
          (o, i) => html`<div class="choice">
            <input
              type="radio"
              id=${i === 0 ? id : `${id}-${i}`}
              name=${name}
              value=${o.value}
              ?checked=${this.#value(name) === o.value}
              ?required=${!!q.required}
              aria-invalid=${invalid ? 'true' : 'false'}
            />
            <label for=${i === 0 ? id : `${id}-${i}`}>${q.type === 'choice' ? this.#own(o.label) : o.label}</label>
          </div>`,
        )}
      </fieldset>`;
    } else {
      const ariaInvalid = invalid ? 'true' : 'false';
      control = html`<label for=${id}>${label}</label>${reason} ${this.#errorFor(path, locale)}
        ${q.type === 'textarea'
          ? html`<textarea id=${id} name=${name} rows="4" .value=${this.#value(name)} ?required=${!!q.required} aria-invalid=${ariaInvalid} aria-describedby=${describedBy}></textarea>`
          : html`<input
              id=${id}
              name=${name}
              type="text"
              inputmode=${q.type === 'number' ? 'decimal' : nothing}
              class=${q.type === 'number' ? 'narrow' : ''}
              .value=${this.#value(name)}
              ?required=${!!q.required}
              aria-invalid=${ariaInvalid}
              aria-describedby=${describedBy}
            />`}`;
    }
    return html`<div class="field ${invalid ? 'invalid' : ''}" part="field">${control}</div>`;
  }

  #privacy(network: Network, locale: Locale) {
    const s = formMessages(locale).signup;
    const p = network.registration.privacy;
    const statement = safeUrl(p?.statementUrl);
    const h = this.headingLevel + 1;
    return html`<div class="privacy">
      <${heading(h)} id="privacy-heading">${s.privacyHeading}</${heading(h)}>
      <p>${s.privacyPurpose}</p>
      ${p?.retentionDays !== undefined ? html`<p>${s.privacyRetention(p.retentionDays)}</p>` : nothing}
      ${p?.controller ? html`<p>${s.privacyController(p.controller)}</p>` : nothing}
      ${statement ? html`<p><a href=${statement}>${s.privacyLink}</a></p>` : nothing}
    </div>`;
  }

  #renderForm(state: NetworkState, network: Network, locale: Locale, av: Availability | undefined) {
    const s = formMessages(locale).signup;
    const h = this.headingLevel;
    const inCompany = network.format === 'in-company';
    this.#loadExtras(network);
    // Reserved places at the target chosen, for the person as typed (the module decides, with core's rule).
    const reserved = this.#extras?.reservedView(network, state.availability, this.renderRoot.querySelector('form'), this.session, locale, this.#docLang(network, locale));
    const price = this.#extras?.priceNote(network, locale, this.#docLang(network, locale)) ?? nothing;
    // The session choice and the choices below add to it while the form renders.
    this.#partsShown = price !== nothing || (!!reserved && reserved.note !== nothing);
    const parts = this._parts;
    const submitLabel = inCompany ? s.submitRequest : av?.state === 'waitlist' && !reserved?.fits ? s.submitWaitlist : s.submit;
    return html`<section aria-labelledby="signup-heading">
      <${heading(h)} id="signup-heading" tabindex="-1">${inCompany ? s.requestHeading : s.heading}</${heading(h)}>
      ${parts
        ? html`<p class=${parts === 'failed' ? 'error' : 'notice'} id="parts-message" role="alert" tabindex="-1">${parts === 'failed' ? s.partsFailed : this.#extras?.partsShownWords[locale]}</p>`
        : nothing}
      ${this.#eligibilityNotes(network, locale)}${price}
      ${this._problems.length
        ? html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" id="error-summary" aria-labelledby="error-summary-title">
            <${heading(h + 1)} id="error-summary-title">${s.errorSummary}</${heading(h + 1)}>
            <ul>
              ${this._problems.map((p) =>
                // A problem with no field of its own (a spam check) has nowhere to link to.
                p.path && this.renderRoot.querySelector(`#${controlId(p.path)}`)
                  ? html`<li><a href="#${controlId(p.path)}" @click=${(e: Event) => this.#focusControl(e, p.path)}>${this.#message(p, locale)}</a>${p.code === 'duplicate' ? this.#askLink(state, locale) : nothing}</li>`
                  : html`<li>${this.#message(p, locale)}</li>`,
              )}
            </ul>
          </div>`
        : nothing}
      <form part="form" novalidate @submit=${(e: Event) => this.#submit(e, state, network, locale)} @change=${() => this.requestUpdate()}>
        <p class="hint">${s.allRequired}</p>
        ${this.#sessionChoice(network, state, locale)} ${reserved?.note} ${this.#joins(network, locale)}
        ${this.#textField('participant.name', 'name', s.name, { required: true, autocomplete: 'name' }, locale)}
        ${this.#textField('participant.email', 'email', s.email, { required: true, autocomplete: 'email', type: 'email', hint: s.emailHint, inputmode: 'email' }, locale)}
        ${this.#personField(network, 'organisation', locale)} ${this.#personField(network, 'organisationType', locale)}
        ${this.#personField(network, 'role', locale)} ${this.#personField(network, 'phone', locale)}
        ${inCompany && network.groupSize
          ? this.#textField('groupSize', 'groupSize', s.groupSize, { required: true, inputmode: 'numeric', hint: s.groupSizeHint(network.groupSize.max), narrow: true }, locale)
          : nothing}
        ${(network.registration.questions ?? []).map((q) => this.#question(q, locale))} ${this.#declarations(network, locale)}
        <div class="visually-hidden" aria-hidden="true">
          <label for="f-website">Website</label>
          <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
        ${this.#privacy(network, locale)}
        ${this._failed
          ? html`<p class="error" role="alert">${s.networkError}</p>`
          : nothing}
        <p role="status" part="status">${this._busy ? s.sending : ''}</p>
        <div><button class="button" part="button" type="submit">${this._failed ? s.retry : submitLabel}</button></div>
      </form>
    </section>`;
  }

  /** Registered already: the way to the manage link, by e-mail to the address that was typed. */
  #askLink(state: NetworkState, locale: Locale) {
    const m = formMessages(locale).signup;
    return html`<p><button class="button secondary" part="button" type="button" @click=${async () => {
        const email = this.#value('email');
        const r = await callApi(state.api!, (c) => c.requestManageLink(email, locale));
        this._sent = r.ok ? m.newLinkSent(email) : m.linkFailed;
      }}>${m.newLinkButton}</button></p>
      <p role="status">${this._sent}</p>`;
  }

  /**
   * The problems in the order of the form, as a person reads it top to bottom (the rules list them
   * in their own order). A problem without a field (a spam check) is about the whole form: first.
   */
  #setProblems(problems: Problem[]): void {
    const position = (p: Problem): Element | null => (p.path ? this.renderRoot.querySelector(`#${controlId(p.path)}`) : null);
    this._problems = problems
      .map((p, i) => ({ p, i, el: position(p) }))
      .sort((a, b) => {
        if (!a.el || !b.el) return a.el === b.el ? a.i - b.i : a.el ? 1 : -1;
        if (a.el === b.el) return a.i - b.i;
        return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      })
      .map(({ p }) => p);
  }

  #focusControl(e: Event, path: string): void {
    e.preventDefault();
    const el = this.renderRoot.querySelector<HTMLElement>(`#${controlId(path)}`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  }

  /** Reads the form into a registration, and remembers every value so nothing typed is lost on re-render. */
  #collect(form: HTMLFormElement, locale: Locale, network: Network): RegistrationInput {
    const data = new FormData(form);
    const get = (k: string) => {
      const v = data.get(k);
      return typeof v === 'string' ? v : '';
    };
    for (const [k, v] of data) if (typeof v === 'string' && k !== 'declarations') this.#values.set(k, v);
    const declarations = data.getAll('declarations').map(String);
    for (const d of network.registration.declarations ?? []) this.#values.set(`declaration:${d.id}`, declarations.includes(d.id));
    const answers: Record<string, string | boolean> = {};
    for (const q of network.registration.questions ?? []) {
      const v = get(`answer:${q.id}`);
      if (q.type === 'yes-no') {
        if (v) answers[q.id] = v === 'yes';
      } else if (v) answers[q.id] = v;
    }
    const groupSize = get('groupSize').trim();
    return {
      participant: {
        name: get('name'),
        email: get('email'),
        organisation: get('organisation'),
        organisationType: get('organisationType'),
        role: get('role'),
        phone: get('phone'),
      },
      ...(get('sessionId') && { sessionId: get('sessionId') }),
      joins: this.#extras?.joinsFromForm(data) ?? [],
      declarations,
      answers,
      invitationCode: get('invitationCode'),
      ...(groupSize && { groupSize: /^\d+$/.test(groupSize) ? Number(groupSize) : NaN }),
      website: get('website'),
      locale,
    };
  }

  async #submit(e: Event, state: NetworkState, network: Network, locale: Locale): Promise<void> {
    e.preventDefault();
    // A second click while the first submission is on its way must not register twice.
    if (this._busy) return;
    // Read before any wait: after its dispatch an event from a shadow tree has no target.
    const form = e.target as HTMLFormElement;
    // Only a load under way waits: a form with its parts goes on at once, busy before any wait.
    const parts = this.#loadExtras(network, true);
    this._parts = undefined;
    if (parts && !(await this.#partsReady(parts))) return;
    const input = this.#collect(form, locale, network);
    const checked = checkRegistration(network, input);
    const problems = [...(checked.ok ? [] : checked.problems), ...this.#joinsProblems(network, input.joins!)];
    // Stop a type of organisation that may not join here, with the reason at its field, instead of
    // sending a registration the server can only refuse.
    const notEligible = this.#notEligible(network, input.participant.organisationType);
    if (notEligible && !problems.some((p) => p.path === 'participant.organisationType')) problems.push(notEligible);
    if (!checked.ok || problems.length) {
      this.#setProblems(problems);
      this.#focusAfterRender = 'error-summary';
      return;
    }
    this._problems = [];
    this._sent = undefined;
    this.#loadCalendarLinks();
    const registration = { ...checked.value, website: input.website ?? '' };
    if (!this.dispatchEvent(new LeerkringRegisterEvent(network, registration))) {
      this.#show({ kind: 'handled' });
      return;
    }
    if (state.api === undefined) {
      this._failed = false;
      this.#show({ kind: 'rejected', message: formMessages(locale).signup.noServer });
      return;
    }
    this._busy = true;
    const sent: RegistrationInput = { ...registration, formToken: await this.#formTokenFor(state.api, network.id) };
    if (!sent.formToken) {
      // Ask again on the next try; without a token the server would take this for a bot.
      this.#formToken = undefined;
      this._busy = false;
      this._failed = true;
      return;
    }
    const sending = JSON.stringify(sent);
    if (!this.#idempotencyKey || this.#idempotencyFor !== sending) {
      this.#idempotencyKey = crypto.randomUUID();
      this.#idempotencyFor = sending;
    }
    const key = this.#idempotencyKey;
    const r = await callApi(state.api, (c) => c.register(network.id, sent, key));
    this._busy = false;
    if (!r.ok && r.retryable) {
      // Keep the key: the retry is the same submission and must count once.
      this._failed = true;
      return;
    }
    this._failed = false;
    this.#idempotencyKey = undefined;
    if (r.ok) {
      const { status, position } = r.value;
      this.#show(status === 'waitlisted' ? { kind: 'waitlisted', position: position ?? 1, ...(registration.sessionId && { sessionId: registration.sessionId }) } : { kind: status, ...(registration.sessionId && { sessionId: registration.sessionId }) });
      this.dispatchEvent(new LeerkringRegisteredEvent(network.id, status, position));
      state.refresh();
      return;
    }
    // A token too fresh or too old: a new one starts counting now, for when the person tries again.
    if (r.error.code === 'spam') void this.#formTokenFor(state.api, network.id, true);
    if (r.error.issues?.length) {
      this.#setProblems(r.error.issues.map((i) => ({ ...i, code: i.code ?? 'server', message: { nl: i.message, en: i.message, fy: i.message } })));
      this.#focusAfterRender = 'error-summary';
      return;
    }
    if (r.error.code === 'full' || r.error.code === 'waitlist-full') {
      this.#show({ kind: 'full' });
      state.refresh();
      return;
    }
    this.#show({ kind: 'rejected', message: r.error.message });
  }

  /**
   * Whether the form may send, its rarer parts loading at the press: they came while it waited
   * (busy at once, so a second click does nothing) and show nothing. Whatever they show (a price, choices) the
   * person sees before anything is sent: then, or when they could not come, a message says so
   * and takes focus, and nothing is sent.
   */
  async #partsReady(parts: Promise<boolean>): Promise<boolean> {
    this._busy = true;
    const came = await parts;
    // Rendered with them: #partsShown says what they show.
    await this.updateComplete;
    this._busy = false;
    if (came && !this.#partsShown) return true;
    this._parts = came ? 'shown' : 'failed';
    this.#focusAfterRender = 'parts-message';
    return false;
  }

  #notEligible(network: Network, type: string | undefined): Problem | undefined {
    if (!type || !(ORGANISATION_TYPES as readonly string[]).includes(type)) return undefined;
    const reason = personalReasons(network, { organisationType: type as OrganisationType, declarations: (network.registration.declarations ?? []).map((d) => d.id), invitation: 'valid' }, {}).find((r) => r.code === 'not-eligible');
    return reason && { path: 'participant.organisationType', code: reason.code, message: { nl: reasonText(reason, network, 'nl'), en: reasonText(reason, network, 'en'), fy: reasonText(reason, network, 'fy') } };
  }

  /** Back from a refusal to the form as it was left: every value is kept in #values. */
  #backToForm(): void {
    this._view = { kind: 'form' };
    this.#focusAfterRender = FIRST_FIELD;
  }

  #renderOutcome(outcome: SignupOutcome, network: Network, locale: Locale) {
    const s = formMessages(locale).signup;
    const a = messages(locale).availability;
    const session = 'sessionId' in outcome && outcome.sessionId ? network.sessions.find((x) => x.id === outcome.sessionId) : undefined;
    const title = session ? `${session.title} (${network.title})` : network.title;
    const who = network.contact?.name ?? network.organisers[0]?.name ?? '';
    switch (outcome.kind) {
      case 'confirmed': {
        // Until their code is there (or if it could not load) no list: the e-mail has the calendar file too.
        const links = this.#calendarLinks;
        const dated = (session ? [session] : network.sessions).filter((x) => (x.start || x.date) && !isSessionPast(x, clock(this.now ?? this.#source.state.now)) && x.status !== 'cancelled');
        return this.#screen(
          s.confirmedHeading,
          html`<p>${this.#sentenceWith((t) => s.confirmedText(t), title)}</p>
            ${dated.length && links
              ? html`<ul class="calendars">
                  ${dated.map((x) => html`<li>${this.#own(x.title)}: ${links(network, x, locale) ?? nothing}</li>`)}
                </ul>`
              : nothing}`,
          network,
          locale,
        );
      }
      case 'waitlisted':
        return this.#screen(s.waitlistedHeading, html`<p>${s.waitlistedText(outcome.position)}</p>`, network, locale);
      case 'pending': {
        const inCompany = network.format === 'in-company';
        return this.#screen(
          inCompany ? s.requestReceivedHeading : s.pendingHeading,
          html`<p lang=${network.registration.approval?.explanation ? this.#docLang(network, locale) : nothing}>${network.registration.approval?.explanation ?? reasonText({ code: inCompany ? 'on-request' : 'approval-required' }, network, locale)}</p>
            <p>${this.#sentenceWith((w) => s.pendingWho(w, network.registration.approval), who)}</p>`,
          network,
          locale,
        );
      }
      case 'full':
        return this.#screen(s.fullHeading(registrationScope(network)), html`<p>${a.full}</p>`, network, locale);
      case 'rejected':
        return this.#screen(
          s.rejectedHeading,
          html`<p>${outcome.message}</p>
            <p><button class="button secondary" part="button" type="button" @click=${() => this.#backToForm()}>${s.backToForm}</button></p>`,
          network,
          locale,
        );
      case 'cancelled':
        // Only a network with a waiting list passes the place on; the words must not promise one that does not exist.
        return this.#screen(s.cancelledHeading, html`<p>${s.cancelledText(freesPlaceForWaitlist(network, 'confirmed'))}</p>`, network, locale);
      case 'handled':
        return this.#screen(s.heading, html`<p>${s.handledByPage}</p>`, network, locale);
    }
  }
}

customElements.get('leerkring-signup') ?? customElements.define('leerkring-signup', LeerkringSignup);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-signup': LeerkringSignup;
  }
}
