import { css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FeedbackOverview } from '../core/admin-api.js';
import { FEEDBACK_MAX_QUESTIONS, FEEDBACK_MIN_QUESTIONS, formatAverage, type FeedbackQuestion, type FeedbackQuestionType } from '../core/feedback.js';
import { feedbackMessages } from '../core/i18n/feedback.js';
import type { Network } from '../core/schema.js';
import { sessionNames } from '../core/session-names.js';
import { ConsolePage } from './page.js';
import { consoleStyles } from './styles.js';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; overview: FeedbackOverview };

let fresh = 0;
/** An id for a question added here: answers are stored under it, so it never changes after saving. */
const newId = () => `v${Date.now().toString(36)}-${++fresh}`;

/**
 * Feedback after a session (issue 24): the questions (3 to 5, a number from 1 to 5 or open),
 * "Vraag om feedback" per session with attendance recorded, and what came back: averages and
 * the answers in words, per session; and the CSV without names.
 */
export class ConsoleFeedback extends ConsolePage {
  static override styles = [
    consoleStyles,
    css`
      .feedback-question-list {
        padding-inline-start: 1.25rem;
      }
      .feedback-question-list li {
        margin-block-end: 1rem;
      }
      .feedback-question-list input[type='text'] {
        inline-size: 100%;
        box-sizing: border-box;
      }
      .feedback-session {
        margin-block: 1rem;
      }
      .feedback-texts {
        margin: 0;
        padding-inline-start: 1.25rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties = {
    network: { attribute: false },
    _load: { state: true },
    _draft: { state: true },
    _labelError: { state: true },
    _notice: { state: true },
    _sessionNotice: { state: true },
  };

  declare network: Network;
  declare _load: Load;
  /** The questions as being edited. */
  declare _draft: FeedbackQuestion[];
  /** The index of a question left without text. */
  declare _labelError: number | undefined;
  declare _notice: string;
  /** The last answer to "Vraag om feedback", at its session. */
  declare _sessionNotice: { sessionId: string; text: string } | undefined;

  constructor() {
    super();
    this._load = { status: 'loading' };
    this._draft = [];
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loaded = this.#fetch(true);
  }

  async #fetch(resetDraft: boolean): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.feedback(this.network.id));
    this._load = r.ok ? { status: 'ready', overview: r.value } : { status: 'error' };
    if (r.ok && resetDraft) this._draft = r.value.questions.map((q) => ({ ...q }));
  }

  get #m() {
    return feedbackMessages(this.state.locale).console;
  }

  #edit(i: number, change: Partial<FeedbackQuestion>): void {
    this._draft = this._draft.map((q, j) => (j === i ? { ...q, ...change } : q));
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const empty = this._draft.findIndex((q) => !q.label.trim());
    this._labelError = empty < 0 ? undefined : empty;
    if (empty >= 0) return this.#focus(`#fb-label-${empty}`);
    const r = this.signedOutIf(await this.state.admin.putFeedbackQuestions(this.network.id, { questions: this._draft.map((q) => ({ ...q, label: q.label.trim() })) }));
    if (r.ok) {
      this._load = { status: 'ready', overview: r.value };
      this._draft = r.value.questions.map((q) => ({ ...q }));
    }
    this._notice = r.ok ? this.#m.saved : r.error.message || this.#m.failed;
  }

  async #remove(i: number): Promise<void> {
    this._draft = this._draft.filter((_, j) => j !== i);
    this._labelError = undefined;
    await this.#focus(`#fb-label-${Math.min(i, this._draft.length - 1)}`);
  }

  async #add(): Promise<void> {
    this._draft = [...this._draft, { id: newId(), type: 'scale', label: '' }];
    await this.#focus(`#fb-label-${this._draft.length - 1}`);
  }

  async #request(sessionId: string): Promise<void> {
    const r = this.signedOutIf(await this.state.admin.requestFeedback(this.network.id, sessionId));
    this._sessionNotice = { sessionId, text: r.ok ? this.#m.requested(r.value.sent) : this.#m.failed };
    await this.#fetch(false);
  }

  override render() {
    const m = this.#m;
    if (this._load.status === 'loading') return html`<p role="status">${this.m.loading}</p>`;
    if (this._load.status === 'error') return html`<p role="alert">${this.m.loadError}</p>`;
    const { overview } = this._load;
    return html`<h2>${m.heading}</h2>
      <p class="hint">${m.intro}</p>
      ${this.#questions(overview)} ${this.#sessions(overview)}
      <p><a class="button" href=${`/api/admin/networks/${encodeURIComponent(this.network.id)}/feedback.csv`} download>${m.csv}</a></p>
      <p class="hint">${m.csvHint}</p>`;
  }

  #questions(overview: FeedbackOverview): TemplateResult {
    const m = this.#m;
    return html`<form class="card feedback-questions" novalidate aria-labelledby="fb-questions-heading" @submit=${(e: SubmitEvent) => this.#save(e)}>
      <h3 id="fb-questions-heading">${m.questionsHeading}</h3>
      <p class="hint" id="fb-questions-hint">${m.questionsHint}${overview.custom ? '' : ` ${m.defaultsInUse}`}</p>
      <ol class="feedback-question-list">
        ${repeat(
          this._draft,
          (q) => q.id,
          (q, i) => html`<li>
            <div class="field">
              <label for=${`fb-label-${i}`}>${m.question(i + 1)}</label>
              ${this._labelError === i ? html`<p class="error-text" id=${`fb-label-error-${i}`}>${m.labelEmpty(i + 1)}</p>` : nothing}
              <input
                type="text"
                id=${`fb-label-${i}`}
                maxlength="300"
                .value=${q.label}
                aria-invalid=${this._labelError === i ? 'true' : 'false'}
                aria-describedby=${this._labelError === i ? `fb-label-error-${i}` : nothing}
                @input=${(e: Event) => this.#edit(i, { label: (e.target as HTMLInputElement).value })}
              />
            </div>
            <div class="row">
              <div class="field">
                <label for=${`fb-type-${i}`}>${m.type(i + 1)}</label>
                <select id=${`fb-type-${i}`} @change=${(e: Event) => this.#edit(i, { type: (e.target as HTMLSelectElement).value as FeedbackQuestionType })}>
                  <option value="scale" ?selected=${q.type === 'scale'}>${m.typeScale}</option>
                  <option value="text" ?selected=${q.type === 'text'}>${m.typeText}</option>
                </select>
              </div>
              ${this._draft.length > FEEDBACK_MIN_QUESTIONS ? html`<button type="button" class="button secondary" @click=${() => this.#remove(i)}>${m.remove(i + 1)}</button>` : nothing}
            </div>
          </li>`,
        )}
      </ol>
      <div class="row">
        ${this._draft.length < FEEDBACK_MAX_QUESTIONS ? html`<button type="button" class="button secondary" @click=${() => this.#add()}>${m.add}</button>` : nothing}
        <button class="button" type="submit">${m.save}</button>
      </div>
      <p role="status" class="status-line">${this._notice}</p>
    </form>`;
  }

  #sessions(overview: FeedbackOverview): TemplateResult {
    const m = this.#m;
    const locale = this.state.locale;
    const names = sessionNames(this.network.sessions, locale, this.m.attendance.noDate);
    return html`<h3>${m.sessionsHeading}</h3>
      ${overview.sessions.length ? nothing : html`<p>${m.noSessions}</p>`}
      ${repeat(
        overview.sessions,
        (s) => s.sessionId,
        (s) => html`<section class="card feedback-session" data-session=${s.sessionId} aria-labelledby=${`fb-session-${s.sessionId}`}>
          <h4 id=${`fb-session-${s.sessionId}`}>${names(s.sessionId)}</h4>
          <p>${m.attended(s.attended)} · ${m.asked(s.asked)} · ${m.answered(s.answered)}</p>
          <p><button class="button" type="button" aria-label=${m.requestLabel(names(s.sessionId))} @click=${() => this.#request(s.sessionId)}>${m.request}</button></p>
          <p role="status" class="status-line">${this._sessionNotice?.sessionId === s.sessionId ? this._sessionNotice.text : ''}</p>
          ${s.answered
            ? html`<dl class="facts">
                ${s.summary.map(
                  (q) => html`<dt>${q.question.label}</dt>
                    <dd>
                      ${q.question.type === 'scale'
                        ? q.average !== undefined
                          ? m.average(formatAverage(locale, q.average), q.count)
                          : m.noAnswers
                        : q.texts?.length
                          ? html`<ul class="feedback-texts">${q.texts.map((t) => html`<li dir="auto">${t}</li>`)}</ul>`
                          : m.noAnswers}
                    </dd>`,
                )}
              </dl>`
            : nothing}
        </section>`,
      )}`;
  }
}

customElements.get('leerkring-console-feedback') ?? customElements.define('leerkring-console-feedback', ConsoleFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'leerkring-console-feedback': ConsoleFeedback;
  }
}
