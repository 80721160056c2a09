import { html, nothing, type TemplateResult } from 'lit';
import type { NetworkRevision } from '../core/admin-api.js';
import type { Session } from '../core/schema.js';
import { sessionDay, sessionStart } from '../core/session-time.js';
import { amsterdamClock, parseDateTime } from '../core/time.js';
import { venueText } from '../core/calendar-event.js';
import { isSessionPast } from '../core/session-time.js';
import { formatDate, formatDateTime } from '../core/i18n/format.js';
import { messages } from '../core/i18n/messages.js';
import { RESOURCE_TYPES } from '../core/constants.js';
import { isDocumentUrl } from '../core/safe-url.js';
import { DocumentEditor } from './document-editor.js';
import { bdi } from './bidi.js';
import './revision-diff.js';
import { sessionNames } from '../core/session-names.js';
import './report-notice.js';
import { moveMarks } from '../core/session-move.js';

/** A session as the document writes it: only the fields this page reads or sets. */
type SessionDoc = Session & Record<string, unknown>;
type NetworkDoc = { id: string; sessions: SessionDoc[] } & Record<string, unknown>;

type Load =
  | { status: 'loading' }
  | { status: 'error' }
  | { status: 'ready'; revision: number; document: NetworkDoc; revisions: NetworkRevision[] };

/**
 * The organiser's changes, kept apart from the document they apply to: after a 412 they are
 * applied again to the newer revision, so nothing the organiser did is lost, and nothing the
 * other person saved is overwritten.
 */
interface Edits {
  /** Session fields to set (undefined removes one), per session id. */
  patch: Record<string, Record<string, unknown>>;
  added: SessionDoc[];
}

const noEdits = (): Edits => ({ patch: {}, added: [] });

function apply(doc: NetworkDoc, edits: Edits): NetworkDoc {
  const sessions = doc.sessions.map((s) => (edits.patch[s.id] ? ({ ...s, ...edits.patch[s.id] } as SessionDoc) : s));
  for (const a of edits.added) if (!sessions.some((s) => s.id === a.id)) sessions.push(a);
  // JSON drops the fields a patch removed (set to undefined).
  return JSON.parse(JSON.stringify({ ...doc, sessions })) as NetworkDoc;
}

/** The venue's fields the session form shows, each starting with the venue's current value. */
const VENUE_FIELDS = ['name', 'room', 'address', 'city'] as const;

/** An id for a new session from its title: lower case, dashes, unique in the document. */
function newId(title: string, taken: Set<string>): string {
  const base =
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'bijeenkomst';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** For owners: date, move, re-venue, cancel and add sessions; see who is told before saving; earlier versions. */
export class ConsoleSessions extends DocumentEditor {
  static override properties = {
    ...DocumentEditor.properties,
    _load: { state: true },
    _edits: { state: true },
    _open: { state: true },
    _errors: { state: true },
    _restoring: { state: true },
  };

  declare _load: Load;
  declare _edits: Edits;
  /** The session whose form is open ('new' for a new session). */
  declare _open: string | undefined;
  declare _errors: Record<string, string>;
  #restoreBasedOn: number | undefined;
  /** The old revision whose restore is being previewed, waiting for the owner's yes. */
  declare _restoring: number | undefined;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._edits = noEdits();
    this._errors = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch();
  }

  async #fetch(): Promise<void> {
    const [doc, revisions] = await Promise.all([this.state.admin.networkDocument(this.networkId), this.state.admin.revisions(this.networkId)]);
    this.signedOutIf(doc);
    this._load =
      doc.ok && revisions.ok
        ? { status: 'ready', revision: doc.value.revision, document: doc.value.document as NetworkDoc, revisions: revisions.value.revisions }
        : { status: 'error' };
  }

  get #changes(): number {
    return Object.keys(this._edits.patch).length + this._edits.added.length;
  }

  #value(form: HTMLFormElement, name: string): string {
    return (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value.trim() ?? '';
  }

  /** Checks the date and times of a form; writes the errors; returns the session fields, or undefined. */
  #when(form: HTMLFormElement, required: boolean): Record<string, unknown> | undefined | false {
    const t = this.m.sessions;
    const date = this.#value(form, 'date');
    const start = this.#value(form, 'start');
    const end = this.#value(form, 'end');
    const errors: Record<string, string> = {};
    if (!date && (required || start || end)) errors.date = t.dateMissing;
    if (date && start && end && end <= start) errors.end = t.endBeforeStart;
    this._errors = { ...this._errors, ...errors };
    if (Object.keys(errors).length) return false;
    if (!date) return undefined;
    if (!start) return { date, start: undefined, end: undefined };
    return { start: `${date}T${start}`, end: end ? `${date}T${end}` : undefined, date: undefined };
  }

  async #keep(e: SubmitEvent, s: SessionDoc): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this._errors = {};
    const when = this.#when(form, false);
    if (when === false) return this.#focusError();
    const patch: Record<string, unknown> = { ...(when ?? {}) };
    const venue = this.#venue(form, s);
    if (venue) patch.venue = venue;
    const cancel = (form.elements.namedItem('cancel') as HTMLInputElement).checked;
    // Moved to another day, cancelled or taken back: measured from the session as saved (core session-move.ts).
    const saved = (this._load.status === 'ready' ? this._load.document.sessions.find((x) => x.id === s.id) : undefined) ?? s;
    if (when || cancel || s.status === 'cancelled') {
      Object.assign(patch, moveMarks(saved, when?.start as string | undefined, { date: when?.date as string | undefined, cancelled: cancel }));
    }
    if (cancel) {
      const note = this.#value(form, 'note');
      if (note) patch.statusNote = note;
    } else if (s.status === 'cancelled') patch.statusNote = undefined;
    if (Object.keys(patch).length) this._edits = { ...this._edits, patch: { ...this._edits.patch, [s.id]: { ...this._edits.patch[s.id], ...patch } } };
    this._open = undefined;
    this._preview = undefined;
  }

  /**
   * The venue after the form: the current one with only the fields the organiser changed (an
   * emptied field is removed); undefined when nothing changed. A place typed for an online venue
   * makes it hybrid; for one still to be announced, physical.
   */
  #venue(form: HTMLFormElement, s: SessionDoc): Record<string, unknown> | undefined {
    const current = (s.venue ?? { type: 'physical' }) as Record<string, unknown>;
    const venue: Record<string, unknown> = { ...current };
    let changed = false;
    for (const key of VENUE_FIELDS) {
      const value = this.#value(form, `venue-${key}`);
      if (value === String(current[key] ?? '')) continue;
      changed = true;
      if (value) venue[key] = value;
      else delete venue[key];
    }
    if (!changed) return undefined;
    const place = VENUE_FIELDS.some((k) => k !== 'city' && venue[k]);
    if (venue.type === 'online' && place) venue.type = 'hybrid';
    if (venue.type === 'to-be-announced' && place) venue.type = 'physical';
    return venue;
  }

  async #add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._load.status !== 'ready') return;
    const form = e.target as HTMLFormElement;
    this._errors = {};
    const title = this.#value(form, 'title');
    if (!title) this._errors = { title: this.m.sessions.titleMissing };
    const when = this.#when(form, true);
    if (!title || when === false || !when) return this.#focusError();
    const taken = new Set([...this._load.document.sessions.map((s) => s.id), ...this._edits.added.map((s) => s.id)]);
    const session = JSON.parse(JSON.stringify({ id: newId(title, taken), title, type: 'other', ...when })) as SessionDoc;
    this._edits = { ...this._edits, added: [...this._edits.added, session] };
    this._open = undefined;
    this._preview = undefined;
  }

  /** A report or resource after the session took place: kept as a change like the others. */
  async #attach(e: SubmitEvent, s: SessionDoc): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const t = this.m.attach;
    const title = this.#value(form, 'res-title');
    const url = this.#value(form, 'res-url');
    const errors: Record<string, string> = {};
    if (!title) errors['res-title'] = t.titleMissing;
    // The document's own rule (core), so the form refuses exactly what saving would refuse.
    if (!isDocumentUrl(url)) errors['res-url'] = t.urlInvalid;
    this._errors = errors;
    if (Object.keys(errors).length) return this.#focusError();
    const type = this.#value(form, 'res-type');
    const current = (this._edits.patch[s.id]?.resources ?? s.resources ?? []) as unknown[];
    const resources = [...current, { type, title, url }];
    this._edits = { ...this._edits, patch: { ...this._edits.patch, [s.id]: { ...this._edits.patch[s.id], resources } } };
    this._open = undefined;
    this._preview = undefined;
  }

  #attachForm(s: SessionDoc): TemplateResult {
    const t = this.m.attach;
    const kinds = messages(this.state.locale).agenda.resourceType as Record<string, string>;
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.#attach(e, s)}>
      <div class="field">
        <label for="res-type">${t.type}</label>
        <select id="res-type" name="res-type">
          ${RESOURCE_TYPES.map((k) => html`<option value=${k}>${kinds[k] ?? k}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="res-title">${t.title}</label>
        ${this.#error('res-title')}
        <input id="res-title" name="res-title" type="text" maxlength="200" autocomplete="off" aria-invalid=${this.#invalid('res-title')} aria-describedby=${this._errors['res-title'] ? 'res-title-error' : nothing} />
      </div>
      <div class="field">
        <label for="res-url">${t.url}</label>
        <span class="hint" id="res-url-hint">${t.urlHint}</span>
        ${this.#error('res-url')}
        <input id="res-url" name="res-url" type="url" autocomplete="off" spellcheck="false" aria-invalid=${this.#invalid('res-url')} aria-describedby=${this._errors['res-url'] ? 'res-url-hint res-url-error' : 'res-url-hint'} />
      </div>
      <div class="toolbar">
        <button class="button" type="submit">${t.keep}</button>
        <button class="button secondary" type="button" @click=${() => ((this._open = undefined), (this._errors = {}))}>${this.m.sessions.close}</button>
      </div>
    </form>`;
  }

  async #focusError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #showPreview(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy) return;
    this._restoring = undefined;
    await this.checkDocument(apply(this._load.document, this._edits));
    return this.focusFirst('problems', 'preview-heading', 'notice');
  }

  async #save(): Promise<void> {
    if (this._load.status !== 'ready' || this._busy) return;
    const saved = await this.saveDocument(apply(this._load.document, this._edits), this._load.revision);
    if (typeof saved === 'number') {
      this._edits = noEdits();
      this._notice = this.m.sessions.saved(saved, this.savedEmails);
      await this.#fetch();
    }
    // Someone saved in between: take their version and keep this organiser's edits on top of it.
    else if (saved === 'stale') await this.#fetch();
    return this.focusFirst('stale', 'problems', 'notice');
  }

  /** Restoring, like saving, first shows who gets an e-mail and that e-mail (the server's dry run of the old document). */
  async #previewRestore(revision: number): Promise<void> {
    if (this._busy) return;
    this._restoring = undefined;
    const old = this.signedOutIf(await this.state.admin.revision(this.networkId, revision));
    if (!old.ok) {
      this._notice = this.m.failed;
      return this.focusFirst('notice');
    }
    // The revision the preview was made against: the restore is refused (412) if another came since.
    this.#restoreBasedOn = this._load.status === 'ready' ? this._load.revision : undefined;
    await this.checkDocument(old.value.document);
    if (this._preview) this._restoring = revision;
    return this.focusFirst('problems', 'preview-heading', 'notice');
  }

  async #restore(): Promise<void> {
    const revision = this._restoring;
    if (revision === undefined || this._busy) return;
    this._busy = true;
    const r = this.signedOutIf(await this.state.admin.restoreRevision(this.networkId, revision, this.#restoreBasedOn));
    this._busy = false;
    this._restoring = undefined;
    this._preview = undefined;
    this._notice = r.ok ? this.m.sessions.restored(r.value.revision) : r.status === 412 ? this.m.sessions.restoreStale : this.m.failed;
    await this.#fetch();
    return this.focusFirst('notice');
  }

  #cancelRestore(): Promise<void> {
    this._restoring = undefined;
    this._preview = undefined;
    return this.focusFirst('notice');
  }

  #what(r: NetworkRevision): string {
    return this._load.status === 'ready' ? this.revisionWhat(r, this._load.document.sessions) : '';
  }

  /**
   * A problem in the organiser's words: the session by its name (with its date when titles
   * repeat) and the field by its label, never the document path (`sessions[1].end`).
   */
  #problemText(p: { path: string; message: string }, doc: { sessions: SessionDoc[] }, names: (id: string) => string): string {
    const t = this.m.sessions;
    const message = p.message.charAt(0).toUpperCase() + p.message.slice(1);
    const m = /^sessions\[(\d+)\](?:\.(.*))?$/.exec(p.path);
    const s = m ? doc.sessions[Number(m[1])] : undefined;
    if (!m || !s) {
      const label = (this.m.details.labels as Record<string, string | undefined>)[p.path.replace(/\[\d+\]/g, '')];
      return label ? `${label}: ${message}` : message;
    }
    const rest = m[2] ?? '';
    const item = /^programme\[(\d+)\]/.exec(rest);
    const field =
      rest === 'start' || rest === 'date'
        ? rest === 'start' ? t.startTime : t.date
        : rest === 'end'
          ? t.endTime
          : rest.startsWith('venue.')
            ? (t.venueFields as Record<string, string | undefined>)[rest.slice(6)]
            : item
              ? `${t.programme}${s.programme?.[Number(item[1])] ? ` (${s.programme[Number(item[1])]!.title})` : ''}`
              : rest === 'statusNote'
                ? t.note
                : undefined;
    return `${names(s.id)}${field ? `, ${field}` : ''}: ${message}`;
  }

  #whenText(s: SessionDoc): string {
    const start = sessionStart(s);
    if (!start) return this.m.sessions.noDate;
    return s.start ? formatDateTime(this.state.locale, start) : formatDate(this.state.locale, start);
  }

  #error(name: string): TemplateResult | typeof nothing {
    return this._errors[name] ? html`<span class="error-text" id=${`${name}-error`}>${this._errors[name]}</span>` : nothing;
  }

  #invalid(name: string) {
    return this._errors[name] ? 'true' : 'false';
  }

  #timeFields(s?: SessionDoc): TemplateResult {
    const t = this.m.sessions;
    // The session's Amsterdam day and wall clock, also for a start saved as an instant with an offset.
    const date = s ? (sessionDay(s) ?? '') : '';
    const clock = (v: string | undefined) => {
      const at = v ? parseDateTime(v) : undefined;
      return at ? amsterdamClock(at) : '';
    };
    return html`<div class="field">
        <label for="date">${t.date}</label>
        ${this.#error('date')}
        <input id="date" name="date" type="date" .value=${date} aria-invalid=${this.#invalid('date')} aria-describedby=${this._errors.date ? 'date-error' : nothing} />
      </div>
      <p id="time-hint">${t.timeHint}</p>
      <div class="field">
        <label for="start">${t.startTime}</label>
        <input id="start" name="start" type="time" .value=${clock(s?.start)} aria-describedby="time-hint" />
      </div>
      <div class="field">
        <label for="end">${t.endTime}</label>
        ${this.#error('end')}
        <input id="end" name="end" type="time" .value=${clock(s?.end)} aria-invalid=${this.#invalid('end')} aria-describedby=${this._errors.end ? 'end-error time-hint' : 'time-hint'} />
      </div>`;
  }

  #form(s: SessionDoc): TemplateResult {
    const t = this.m.sessions;
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.#keep(e, s)}>
      ${this.#timeFields(s)}
      <p id="venue-hint">${t.venueHint}</p>
      ${VENUE_FIELDS.map(
        (key) => html`<div class="field">
          <label for=${`venue-${key}`}>${t.venueFields[key]}</label>
          <input
            id=${`venue-${key}`}
            name=${`venue-${key}`}
            type="text"
            maxlength=${key === 'city' ? '100' : '200'}
            autocomplete="off"
            .value=${String((s.venue as Record<string, unknown> | undefined)?.[key] ?? '')}
            aria-describedby="venue-hint"
          />
        </div>`,
      )}
      <div class="check">
        <input id="cancel" name="cancel" type="checkbox" ?checked=${s.status === 'cancelled'} />
        <label for="cancel">${t.cancel}</label>
      </div>
      <div class="field">
        <label for="note">${t.note}</label>
        <textarea id="note" name="note" rows="3" maxlength="500" .value=${(s.statusNote as string | undefined) ?? ''}></textarea>
      </div>
      <div class="toolbar">
        <button class="button" type="submit">${t.keep}</button>
        <button class="button secondary" type="button" @click=${() => ((this._open = undefined), (this._errors = {}))}>${t.close}</button>
      </div>
    </form>`;
  }

  protected override render() {
    const m = this.m;
    const t = m.sessions;
    const load = this._load;
    if (load.status === 'loading') return html`<p role="status">${m.loading}</p>`;
    if (load.status === 'error') return html`<p role="alert">${m.loadError}</p>`;
    const doc = apply(load.document, this._edits);
    const names = sessionNames(doc.sessions, this.state.locale, m.attendance.noDate);
    const current = load.revision;
    return html`<h2>${t.heading}</h2>
      <p>${t.intro}</p>
      <p role="status" class="status-line" id="notice" tabindex="-1">${this._notice}</p>
      ${this.renderStale(t.stale)}
      ${this._problems
        ? html`<div role="alert" id="problems" tabindex="-1">
            <p>${t.invalid}</p>
            <ul>
              ${this._problems.map((p) => html`<li>${this.#problemText(p, doc, names)}</li>`)}
            </ul>
          </div>`
        : nothing}
      <ul class="cards">
        ${doc.sessions.map((s) => {
          const name = names(s.id);
          // In the agenda's words (core): a venue not known yet is "Locatie volgt" until the session is over.
          const where = venueText(s.venue, this.state.locale, isSessionPast(s, new Date()));
          return html`<li class="card">
            <h3>${s.title}</h3>
            <p>${this.#whenText(s)}${where ? html` · ${where}` : nothing}${s.status === 'cancelled' ? html` · <strong>${t.cancelled}</strong>` : nothing}</p>
            ${(load.document.sessions.find((x) => x.id === s.id)?.resources ?? []).map((r) => html`<leerkring-console-report-notice .networkId=${this.networkId} .sessionId=${s.id} .report=${r}></leerkring-console-report-notice>`)}
            ${this._open === s.id
              ? this.#form(s)
              : html`<button class="button secondary" type="button" @click=${() => ((this._open = s.id), (this._errors = {}))}>
                  ${t.edit}<span class="visually-hidden"> ${t.editWhich(name)}</span>
                </button>`}
            ${((s.resources ?? []) as { title: string }[]).length
              ? html`<ul>
                  ${(s.resources ?? []).map((r) => html`<li>${r.title}</li>`)}
                </ul>`
              : nothing}
            ${this._open === `attach:${s.id}`
              ? this.#attachForm(s)
              : (sessionStart(s)?.getTime() ?? Infinity) < Date.now()
                ? html`<button class="button secondary" type="button" @click=${() => ((this._open = `attach:${s.id}`), (this._errors = {}))}>
                    ${this.m.attach.add}<span class="visually-hidden"> ${t.editWhich(name)}</span>
                  </button>`
                : nothing}
          </li>`;
        })}
      </ul>
      ${this._open === 'new'
        ? html`<h3>${t.add}</h3>
            <form novalidate @submit=${this.#add}>
              <div class="field">
                <label for="title">${t.title}</label>
                ${this.#error('title')}
                <input id="title" name="title" type="text" maxlength="200" autocomplete="off" aria-invalid=${this.#invalid('title')} aria-describedby=${this._errors.title ? 'title-error' : nothing} />
              </div>
              ${this.#timeFields()}
              <div class="toolbar">
                <button class="button" type="submit">${t.addKeep}</button>
                <button class="button secondary" type="button" @click=${() => ((this._open = undefined), (this._errors = {}))}>${t.close}</button>
              </div>
            </form>`
        : html`<button class="button secondary" type="button" @click=${() => ((this._open = 'new'), (this._errors = {}))}>${t.add}</button>`}
      ${this.#changes
        ? html`<h3>${t.pending(this.#changes)}</h3>
            <div class="toolbar">
              <button class="button" type="button" ?disabled=${this._busy} @click=${this.#showPreview}>${t.preview}</button>
              <button class="button secondary" type="button" @click=${() => ((this._edits = noEdits()), (this._preview = undefined), (this._problems = undefined))}>${t.discard}</button>
            </div>`
        : nothing}
      ${this._restoring === undefined
        ? this.renderPreview(t.preview, t.save, () => this.#save())
        : html`${this.renderPreview(t.restorePreview(this._restoring), t.restoreConfirm, () => this.#restore())}
            <button class="button secondary" type="button" @click=${this.#cancelRestore}>${t.restoreCancel}</button>`}
      <h3>${t.history}</h3>
      <ul>
        ${load.revisions.map(
          (r) => html`<li>
            ${t.version(r.revision)} · ${formatDateTime(this.state.locale, new Date(r.at))} · ${bdi(this.authorOf(r))}${this.#what(r) ? html` · ${t.changed(this.#what(r))}` : nothing}
            ${r.revision === current
              ? html` ${t.current}`
              : html` <button class="button secondary" type="button" @click=${() => this.#previewRestore(r.revision)}>
                    ${t.restore}<span class="visually-hidden"> ${t.restoreWhich(r.revision)}</span>
                  </button>`}
          </li>`,
        )}
      </ul>
      <leerkring-console-revision-diff .networkId=${this.networkId} .revisions=${load.revisions}></leerkring-console-revision-diff>`;
  }
}

customElements.get('leerkring-console-sessions') ?? customElements.define('leerkring-console-sessions', ConsoleSessions);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-sessions': ConsoleSessions;
  }
}
