import { LitElement, nothing, type TemplateResult } from 'lit';
import { heading, html } from '../shared/heading.js';
import {
  RegistrationClient,
  cancelClosedText,
  findSession,
  formMessages,
  hasManageMessages,
  feeText,
  loadManageMessages,
  manageMessages,
  freesPlaceForWaitlist,
  manageActions,
  messages,
  sessionTiming,
  safeUrl,
  webcalUrl,
  type AvailabilitySnapshot,
  type Locale,
  type Network,
  type RegistrationView,
  sessionWhenText,
  ownPlaceSessions,
  venueParts,
} from '../../core/lean.js';
import { joinsFields, joinsFromForm, joinsMessages } from '../shared/joins-fields.js';
import { loadNetwork } from '../shared/load-network.js';
import { clock } from '../shared/network-source.js';
import { elementLocale } from '../shared/state-view.js';
import { readyFormLocale } from '../shared/form-texts.js';
import { baseStyles } from '../shared/styles.js';
import { isSafeUrl } from '../../core/lean.js';
import { warnUnsafeUrl } from '../shared/safe-links.js';
import { manageStyles } from './manage.styles.js';
import { certificatePageMessages } from '../../core/i18n/certificate-page.js';

interface Loaded {
  registration: RegistrationView;
  network: Network;
  availability?: AvailabilitySnapshot;
}

/** What the person is doing on the page; each step has a heading that takes focus when it appears. */
type Step = 'overview' | 'confirm-cancel' | 'switch' | 'confirm-erase' | 'joins';

type View =
  | { kind: 'loading' }
  /** No token, or one that no longer finds a registration: the way to a new link. */
  | { kind: 'ask'; missing: boolean }
  | { kind: 'error' }
  | { kind: 'ready'; data: Loaded; step: Step; notice?: { heading: string; text: string } }
  | { kind: 'erased' };

/** The manage token from the page address: after "#" (`#token=…`), which browsers never send to a server. */
export function tokenFromFragment(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
}

/**
 * @summary A participant's own registration, opened through the link in their e-mail: what it is
 * for, and cancel (with a confirmation step), leave the waiting list, move to another session,
 * delete their data, or ask for a new link by e-mail.
 *
 * The token comes from the page address after "#" (`/aanmelding#token=…`), never from the query
 * string, so it stays out of server logs; or from the `token` property.
 *
 * @csspart button - Every button.
 * @csspart status - Loading and outcome messages.
 * @csspart details - The list with the network, session, date, name and status.
 * @csspart error - Load errors and field errors.
 * @cssprop --leerkring-accent-color - Buttons and the outcome's border.
 * @cssprop --leerkring-danger-color - Errors.
 */
export class LeerkringManage extends LitElement {
  static override styles = [baseStyles, manageStyles];
  static override properties = {
    api: {},
    token: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    now: {},
    _view: { state: true },
    _busy: { state: true },
    _failed: { state: true },
    _fieldError: { state: true },
    _sentTo: { state: true },
  };

  /** Base URL (http(s) or relative; empty for the page's own origin) of the registration API. */
  declare api: string | undefined;
  /** The manage token; read from the page address (`#token=…`) when not set. Never an attribute, so it is not in the page's markup. */
  declare token: string | undefined;
  /** The level of the element's heading (2 by default). */
  declare headingLevel: number;
  /** Fixed "now" (ISO date-time) for previews and tests. */
  declare now: string | undefined;
  declare private _view: View;
  declare private _busy: boolean;
  declare private _failed: boolean;
  /** The problem with the field on the current step (the e-mail address, or no session chosen). */
  declare private _fieldError: string;
  /** The address a new link was asked for, once the server took the request. */
  declare private _sentTo: string | undefined;

  #loadedFor: string | undefined;
  #focusAfterRender: string | undefined;
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.headingLevel = 2;
    this._view = { kind: 'loading' };
    this._busy = false;
    this._failed = false;
    this._fieldError = '';
  }

  /** A new link opened in the same tab changes only the fragment: load the registration it names. */
  #hashChanged = (): void => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#hashChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#hashChanged);
    this.#abort?.abort();
    this.#loadedFor = undefined;
  }

  #client(): RegistrationClient | undefined {
    if (this.api === undefined) return undefined;
    if (!isSafeUrl(this.api)) {
      warnUnsafeUrl('<leerkring-manage>', 'api');
      return undefined;
    }
    return new RegistrationClient(this.api);
  }

  #currentToken(): string | undefined {
    return this.token ?? tokenFromFragment(location.hash);
  }

  protected override willUpdate(): void {
    const token = this.#currentToken();
    const key = `${this.api}|${token}`;
    if (this.api !== undefined && key !== this.#loadedFor) {
      this.#loadedFor = key;
      this._failed = false;
      this._fieldError = '';
      this._sentTo = undefined;
      void this.#load(token);
    }
  }

  /** Loads the registration and its network (with live availability, for moving to another session). */
  async #load(token: string | undefined, notice?: { heading: string; text: string }): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const client = this.#client();
    if (!client) return;
    if (!token) {
      this._view = { kind: 'ask', missing: false };
      return;
    }
    if (!notice) this._view = { kind: 'loading' };
    const r = await client.getRegistration(token);
    if (abort.signal.aborted) return;
    if (!r.ok) {
      this._view = r.status === 404 ? { kind: 'ask', missing: true } : { kind: 'error' };
      return;
    }
    try {
      const state = await loadNetwork({ api: this.api!, networkId: r.value.networkId, now: clock(this.now), signal: abort.signal, locale: elementLocale(this) });
      if (abort.signal.aborted) return;
      if (state.status !== 'ready' || !state.network) throw new Error('network');
      this._view = {
        kind: 'ready',
        data: { registration: r.value, network: state.network, ...(state.availability && { availability: state.availability }) },
        step: 'overview',
        ...(notice && { notice }),
      };
      if (notice) this.#focusAfterRender = 'notice-heading';
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') return;
      this._view = { kind: 'error' };
    }
  }

  protected override updated(): void {
    const id = this.#focusAfterRender;
    if (!id) return;
    const target = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    if (target) {
      this.#focusAfterRender = undefined;
      target.focus();
    }
  }

  #step(step: Step, focus: string): void {
    if (this._view.kind !== 'ready') return;
    const { notice: _, ...rest } = this._view;
    this._view = { ...rest, step };
    this._failed = false;
    this._fieldError = '';
    this.#focusAfterRender = focus;
  }

  /** Runs a change; on success the registration is loaded again and the outcome is announced at the top. */
  async #act(run: (client: RegistrationClient, token: string) => Promise<{ ok: boolean; status: number; error?: { message: string } }>, done: () => View | { heading: string; text: string }): Promise<void> {
    const client = this.#client();
    const token = this.#currentToken();
    if (!client || !token || this._busy) return;
    this._busy = true;
    this._failed = false;
    this._fieldError = '';
    const r = await run(client, token);
    this._busy = false;
    if (!r.ok) {
      if (r.status === 409 || r.status === 422) this._fieldError = r.error?.message ?? '';
      else this._failed = true;
      this.#focusAfterRender = 'action-error';
      return;
    }
    const next = done();
    if ('kind' in next) {
      this._view = next;
      this.#focusAfterRender = 'outcome-heading';
    } else await this.#load(token, next);
  }

  #cancel(data: Loaded, locale: Locale): Promise<void> {
    const m = manageMessages(locale);
    const waiting = data.registration.status === 'waitlisted';
    const freed = freesPlaceForWaitlist(data.network, data.registration.status);
    return this.#act(
      (c, t) => c.cancel(t),
      () => ({ heading: waiting ? m.leftHeading : m.cancelledHeading, text: m.cancelledText(freed) }),
    );
  }

  #switch(form: HTMLFormElement, locale: Locale): Promise<void> | void {
    const m = manageMessages(locale);
    const chosen = new FormData(form).get('sessionId');
    if (typeof chosen !== 'string' || !chosen) {
      this._fieldError = m.switchChoose;
      this.#focusAfterRender = 'switch-first';
      return;
    }
    return this.#act(
      (c, t) => c.switchSession(t, chosen),
      () => ({ heading: m.switchedHeading, text: m.switchedText }),
    );
  }

  /** Which optional sessions, and which session of each choice group, the person comes to (core's session-places.ts). */
  #changeJoins(form: HTMLFormElement, locale: Locale): Promise<void> {
    const joins = joinsFromForm(new FormData(form));
    return this.#act(
      (c, t) => c.changeJoins(t, joins),
      () => ({ heading: joinsMessages(locale).saved, text: manageMessages(locale).switchedText }),
    );
  }

  #erase(): Promise<void> {
    return this.#act(
      (c, t) => c.erase(t),
      () => ({ kind: 'erased' }),
    );
  }

  async #askLink(form: HTMLFormElement, locale: Locale): Promise<void> {
    const client = this.#client();
    if (!client || this._busy) return;
    const email = String(new FormData(form).get('email') ?? '').trim();
    const m = formMessages(locale);
    this._sentTo = undefined;
    this._failed = false;
    if (!email) {
      this._fieldError = m.form.error.email;
      this.#focusAfterRender = 'new-link-email';
      return;
    }
    this._busy = true;
    const r = await client.requestManageLink(email, locale);
    this._busy = false;
    if (r.ok) {
      this._fieldError = '';
      this._sentTo = email;
      this.#focusAfterRender = 'new-link-sent';
    } else if (r.status === 422) {
      this._fieldError = r.error.message;
      this.#focusAfterRender = 'new-link-email';
    } else {
      this._failed = true;
      this.#focusAfterRender = 'action-error';
    }
  }

  /** `readyFormLocale`, and the manage page's own texts (a chunk of their own in English and Frisian) loaded too. */
  #readyLocale(): Locale | undefined {
    const locale = readyFormLocale(this);
    if (!locale || hasManageMessages(locale)) return locale;
    void loadManageMessages(locale).then(() => this.requestUpdate());
    return undefined;
  }

  protected override render() {
    const locale = this.#readyLocale();
    if (!locale) return nothing;
    const m = manageMessages(locale);
    const h = this.headingLevel;
    const view = this._view;
    const title = html`<${heading(h)} id="manage-heading" tabindex="-1">${m.heading}</${heading(h)}>`;
    switch (view.kind) {
      case 'loading':
        return this.api === undefined ? nothing : html`<p role="status" part="status">${m.loading}</p>`;
      case 'error':
        return html`<section aria-labelledby="manage-heading">
          ${title}
          <div role="alert" part="error">
            <p>${m.loadError}</p>
            <button class="button secondary" part="button" type="button" @click=${() => void this.#load(this.#currentToken())}>${m.retry}</button>
          </div>
        </section>`;
      case 'ask':
        return html`<section aria-labelledby="manage-heading">${title}<p>${view.missing ? m.notFound : m.noToken}</p>${this.#renderNewLink(locale)}</section>`;
      case 'erased':
        return html`<section aria-labelledby="manage-heading">
          ${title}
          <div class="notice" part="status">
            <${heading(h + 1)} id="outcome-heading" tabindex="-1">${m.erasedHeading}</${heading(h + 1)}>
            <p>${m.erasedText}</p>
          </div>
        </section>`;
      case 'ready':
        return this.#renderReady(view, locale);
    }
  }

  /** The network's own texts keep the document's language inside an English page (WCAG 3.1.2). */
  #docLang(network: Network, locale: Locale): string | typeof nothing {
    const lang = network.language ?? 'nl';
    return lang === locale ? nothing : lang;
  }

  #when(network: Network, sessionId: string | undefined, locale: Locale): string | undefined {
    const session = findSession(network, sessionId);
    if (!session) return undefined;
    const t = sessionTiming(session);
    const d = messages(locale).date;
    if (t.kind === 'tbd') return t.period ? d.tbdPeriod(t.period) : d.tbd;
    return sessionWhenText(t, locale);
  }

  #statusText(r: RegistrationView, locale: Locale): string {
    const s = manageMessages(locale).statusText;
    return r.status === 'waitlisted' ? s.waitlisted(r.position) : s[r.status];
  }

  #renderReady(view: Extract<View, { kind: 'ready' }>, locale: Locale): TemplateResult {
    const m = manageMessages(locale);
    const h = this.headingLevel;
    const { registration: r, network } = view.data;
    const session = findSession(network, r.sessionId);
    const when = this.#when(network, r.sessionId, locale);
    const lang = this.#docLang(network, locale);
    return html`<section aria-labelledby="manage-heading">
      <${heading(h)} id="manage-heading" tabindex="-1">${m.heading}</${heading(h)}>
      ${view.notice
        ? html`<div class="notice" part="status" role="status">
            <${heading(h + 1)} id="notice-heading" tabindex="-1">${view.notice.heading}</${heading(h + 1)}>
            <p>${view.notice.text}</p>
          </div>`
        : nothing}
      <dl class="facts" part="details">
        <dt>${m.network}</dt>
        <dd lang=${lang}>${network.title}</dd>
        ${session ? html`<dt>${m.session}</dt><dd lang=${lang}>${session.title}</dd>` : nothing}
        ${when ? html`<dt>${m.date}</dt><dd>${when}</dd>` : nothing}
        ${this.#renderAddresses(r, network, locale)}
        <dt>${m.name}</dt>
        <dd>${r.participant.name}</dd>
        <dt>${m.status}</dt>
        <dd>${this.#statusText(r, locale)}</dd>
        ${ownPlaceSessions(network).map((s) => html`<dt lang=${lang}>${s.title}</dt><dd>${joinsMessages(locale).place[r.places?.[s.id] ?? 'confirmed']}</dd>`)}
        ${r.fee !== undefined ? html`<dt>${formMessages(locale).price.heading}</dt><dd>${feeText(r.fee, locale, formMessages(locale).price.free)}</dd>` : nothing}
      </dl>
      ${this.#renderActions(view, locale)}
    </section>`;
  }

  /** The address a venue for participants only hides from the public (issue 23): the server sends it with this person's registration. */
  #renderAddresses(r: RegistrationView, network: Network, locale: Locale) {
    const venues = Object.entries(r.venues ?? {});
    const lang = this.#docLang(network, locale);
    return venues.map(([id, venue]) => {
      const title = venues.length > 1 || !r.sessionId ? findSession(network, id)?.title : undefined;
      // Only a physical or hybrid venue hides its address; in the words of the agenda, the e-mail and the calendar item (core's venueParts, on one line as venueText writes it).
      return html`<dt>${manageMessages(locale).address}${title ? html`, <span lang=${lang}>${title}</span>` : nothing}</dt><dd lang=${lang}>${venueParts(venue, locale).filter(Boolean).join(' · ')}</dd>`;
    });
  }

  #errors(): TemplateResult | typeof nothing {
    const m = manageMessages(elementLocale(this));
    if (this._failed) return html`<p class="error" part="error" role="alert" id="action-error" tabindex="-1">${m.failed}</p>`;
    return nothing;
  }

  #renderActions(view: Extract<View, { kind: 'ready' }>, locale: Locale): TemplateResult {
    const m = manageMessages(locale);
    const sub = heading(this.headingLevel + 1);
    const { registration: r, network, availability } = view.data;
    // The server's answer says what it will accept at its own clock; a page without one decides by core at its own.
    const actions = r.actions ?? manageActions(network, { status: r.status, ...(r.sessionId && { sessionId: r.sessionId }) }, clock(this.now));
    const active = r.status === 'confirmed' || r.status === 'pending' || r.status === 'waitlisted';
    const session = findSession(network, r.sessionId);
    const what = session ? `${session.title} (${network.title})` : network.title;
    const freed = freesPlaceForWaitlist(network, r.status);
    const waiting = r.status === 'waitlisted';
    // A fee that stands (issue 23): erasing keeps what its invoice needs, said before it is confirmed.
    const fee = r.cancellationFee ?? r.actions?.feeStands;
    const fieldError = this._fieldError
      ? html`<p class="error" part="error" id="action-error" tabindex="-1">${this._fieldError}</p>`
      : nothing;

    switch (view.step) {
      case 'confirm-cancel':
        return html`<div class="panel" role="group" aria-labelledby="confirm-heading">
          <${sub} id="confirm-heading" tabindex="-1">${waiting ? m.leaveConfirmHeading : m.cancelConfirmHeading}</${sub}>
          <p>${waiting ? m.leaveConfirmText : m.cancelConfirmText(what)}${!waiting && freed ? ` ${m.placeToWaitlist}` : ''}</p>
          ${r.actions?.feeStands ? html`<p id="fee-stands">${m.feeStands(feeText(r.actions.feeStands, locale, ''))}</p>` : nothing}
          ${this.#errors()} ${fieldError}
          <div class="actions">
            <button class="button" part="button" type="button" id="confirm-cancel" @click=${() => void this.#cancel(view.data, locale)}>
              ${waiting ? m.confirmLeave : m.confirmCancel}
            </button>
            <button class="button secondary" part="button" type="button" @click=${() => this.#step('overview', 'cancel')}>${m.keep}</button>
          </div>
        </div>`;
      case 'confirm-erase':
        return html`<div class="panel" role="group" aria-labelledby="confirm-heading">
          <${sub} id="confirm-heading" tabindex="-1">${m.eraseConfirmHeading}</${sub}>
          <p>${m.eraseText}</p>
          ${fee ? html`<p id="fee-kept">${m.eraseKeepsInvoice(feeText(fee, locale, ''))}</p>` : nothing}
          ${this.#errors()}
          <div class="actions">
            <button class="button" part="button" type="button" id="confirm-erase" @click=${() => void this.#erase()}>${m.confirmErase}</button>
            <button class="button secondary" part="button" type="button" @click=${() => this.#step('overview', 'erase')}>${m.keep}</button>
          </div>
        </div>`;
      case 'switch': {
        const sessions = actions.switchTo.map((id) => findSession(network, id)!);
        return html`<form class="panel" novalidate aria-labelledby="switch-heading" @submit=${(e: Event) => {
          e.preventDefault();
          void this.#switch(e.target as HTMLFormElement, locale);
        }}>
          <${sub} id="switch-heading" tabindex="-1">${m.switchHeading}</${sub}>
          <fieldset aria-describedby=${this._fieldError ? 'action-error' : nothing}>
            <legend>${m.switchLegend}</legend>
            ${fieldError}
            ${sessions.map((s, i) => {
              const full = availability?.sessions[s.id]?.state === 'waitlist';
              const when = this.#when(network, s.id, locale);
              return html`<div class="choice">
                <input type="radio" name="sessionId" value=${s.id} id=${i === 0 ? 'switch-first' : `switch-${i}`} aria-invalid=${this._fieldError ? 'true' : 'false'} required />
                <label for=${i === 0 ? 'switch-first' : `switch-${i}`}><span lang=${this.#docLang(network, locale)}>${s.title}</span>${when ? `, ${when}` : ''}${full ? ` (${m.switchWaitlist})` : ''}</label>
              </div>`;
            })}
          </fieldset>
          ${this.#errors()}
          <div class="actions">
            <button class="button" part="button" type="submit">${m.switchButton}</button>
            <button class="button secondary" part="button" type="button" @click=${() => this.#step('overview', 'switch')}>${m.keep}</button>
          </div>
        </form>`;
      }
      case 'joins':
        return html`<form class="panel" novalidate aria-labelledby="joins-heading" @submit=${(e: Event) => {
          e.preventDefault();
          void this.#changeJoins(e.target as HTMLFormElement, locale);
        }}>
          <${sub} id="joins-heading" tabindex="-1">${joinsMessages(locale).change}</${sub}>
          ${fieldError}
          ${joinsFields(network, locale, {
            id: 'joins-first',
            // What the person joins now: every session they have not said no to.
            checked: (name, value) => (name[0] === 'j' ? (r.places?.[name.slice(5)] !== 'declined') === (value !== '') : r.places?.[value] !== 'declined'),
            when: (x) => this.#when(network, x.id, locale),
          })}
          ${this.#errors()}
          <div class="actions">
            <button class="button" part="button" type="submit">${joinsMessages(locale).save}</button>
            <button class="button secondary" part="button" type="button" @click=${() => this.#step('overview', 'joins')}>${m.keep}</button>
          </div>
        </form>`;
      case 'overview':
        return html`${active && !actions.cancel && !actions.leaveWaitlist ? html`<p>${actions.cancelClosed ? cancelClosedText(network, locale) : m.over}</p>` : nothing}
          ${this.#errors()}
          ${actions.cancel || actions.leaveWaitlist || actions.switchTo.length
            ? html`<div class="actions">
                ${(actions.cancel || actions.leaveWaitlist) && ownPlaceSessions(network).some((x) => x.optional || x.chooseOne)
                  ? html`<button class="button" part="button" type="button" id="joins" @click=${() => this.#step('joins', 'joins-heading')}>${joinsMessages(locale).change}</button>`
                  : nothing}
                ${actions.switchTo.length
                  ? html`<button class="button" part="button" type="button" id="switch" @click=${() => this.#step('switch', 'switch-heading')}>${m.switchStart}</button>`
                  : nothing}
                ${actions.cancel || actions.leaveWaitlist
                  ? html`<button class="button secondary" part="button" type="button" id="cancel" @click=${() => this.#step('confirm-cancel', 'confirm-heading')}>
                      ${actions.leaveWaitlist ? m.leaveWaitlist : m.cancel}
                    </button>`
                  : nothing}
              </div>`
            : nothing}
          ${this.#renderCalendar(r, locale)}
          ${r.certificate ? this.#renderCertificate(locale) : nothing}
          <div class="panel" role="group" aria-labelledby="erase-heading">
            <${sub} id="erase-heading">${m.eraseHeading}</${sub}>
            <p>${m.eraseText}</p>
            <p><button class="button secondary" part="button" type="button" id="erase" @click=${() => this.#step('confirm-erase', 'confirm-heading')}>${m.erase}</button></p>
          </div>`;
    }
  }

  /** The personal feed: subscribe (webcal), the https address to paste, and a new address when the old one went astray. */
  #renderCalendar(r: RegistrationView, locale: Locale): TemplateResult | typeof nothing {
    const https = safeUrl(r.calendarUrl);
    const webcal = webcalUrl(https);
    if (!https || !webcal) return nothing;
    const m = manageMessages(locale);
    const sub = heading(this.headingLevel + 1);
    return html`<div class="panel" role="group" aria-labelledby="calendar-heading">
      <${sub} id="calendar-heading">${m.calendarHeading}</${sub}>
      <p>${m.calendarText}</p>
      <p><a class="button secondary" part="button" href=${webcal}>${m.calendarSubscribe}</a></p>
      <label for="calendar-address">${m.calendarAddress}</label>
      <input type="url" id="calendar-address" readonly .value=${https} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
      <p id="calendar-renew-hint">${m.calendarRenewHint}</p>
      <p>
        <button class="button secondary" part="button" type="button" id="calendar-renew" aria-describedby="calendar-renew-hint" @click=${() =>
          void this.#act(
            (c, t) => c.renewCalendar(t),
            () => ({ heading: m.calendarRenewedHeading, text: m.calendarRenewedText }),
          )}>${m.calendarRenew}</button>
      </p>
    </div>`;
  }

  /**
   * The certificate of attendance (issue 24): fetched like every manage call, with the token in
   * the API path only, and saved from memory, so the token is in no link, markup or history.
   */
  #renderCertificate(locale: Locale): TemplateResult {
    const m = certificatePageMessages(locale);
    const sub = heading(this.headingLevel + 1);
    return html`<div class="panel" role="group" aria-labelledby="certificate-heading">
      <${sub} id="certificate-heading">${m.heading}</${sub}>
      <p><button class="button secondary" part="button" type="button" id="certificate" @click=${() => void this.#certificate(locale)}>${m.link}</button></p>
    </div>`;
  }

  async #certificate(locale: Locale): Promise<void> {
    const token = this.#currentToken();
    if (!token) return;
    this._failed = false;
    const res = await fetch(`${this.api}/api/registrations/${encodeURIComponent(token)}/certificate.pdf?lang=${locale}`).catch(() => undefined);
    if (!res?.ok) {
      this._failed = true;
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'certificate.pdf';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  #renderNewLink(locale: Locale): TemplateResult {
    const m = manageMessages(locale);
    const sub = heading(this.headingLevel + 1);
    const error = this._fieldError;
    return html`<form class="panel" novalidate aria-labelledby="new-link-heading" @submit=${(e: Event) => {
      e.preventDefault();
      void this.#askLink(e.target as HTMLFormElement, locale);
    }}>
      <${sub} id="new-link-heading">${m.newLinkHeading}</${sub}>
      <p id="new-link-hint">${m.newLinkText}</p>
      <label for="new-link-email">${formMessages(locale).signup.email}</label>
      ${error ? html`<p class="error" part="error" id="new-link-error">${error}</p>` : nothing}
      <input
        type="email"
        id="new-link-email"
        name="email"
        autocomplete="email"
        required
        aria-describedby=${error ? 'new-link-error new-link-hint' : 'new-link-hint'}
        aria-invalid=${error ? 'true' : 'false'}
      />
      ${this.#errors()}
      <div class="actions"><button class="button" part="button" type="submit">${formMessages(locale).signup.newLinkButton}</button></div>
      <div role="status">${this._sentTo ? html`<p id="new-link-sent" tabindex="-1" part="status">${formMessages(locale).signup.newLinkSent(this._sentTo)}</p>` : nothing}</div>
    </form>`;
  }
}

customElements.get('leerkring-manage') ?? customElements.define('leerkring-manage', LeerkringManage);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-manage': LeerkringManage;
  }
}
