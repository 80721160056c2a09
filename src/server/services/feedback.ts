/**
 * Feedback after a session (issue 24). The organiser asks for it ("Vraag om feedback"), per
 * session, once attendance is recorded: those recorded as attended get an e-mail with a link to
 * a short evaluation, once each (recorded in the transaction that queues it). Asked by the
 * organiser rather than some hours after the session, because attendance is often recorded later
 * (from a paper list, the next day): a timer would find nobody, or ask before the list is right.
 *
 * The link carries a signed token of the registration and the session (ids only). Answers are
 * stored per person per session (answering again replaces them); erasing a person deletes them.
 */
import {
  checkFeedbackAnswers,
  defaultFeedbackQuestions,
  feedbackMessages,
  feedbackSummary,
  sessionsInOrder,
  sessionStart,
  formatDate,
  formatDateTime,
  type FeedbackAnswers,
  type FeedbackOverview,
  type FeedbackQuestion,
  type Locale,
  type Network,
  type Session,
} from '../../core/index.js';
import { composeFeedbackMail } from '../mail/compose-feedback.js';
import { FeedbackRepository } from '../storage/feedback.js';
import { feedbackToken, parseFeedbackToken } from '../tokens.js';
import type { RegistrationRow } from '../storage/registrations.js';
import type { RegistrationContext } from './context.js';

/** Where a feedback link leads: the page the server serves. */
export const FEEDBACK_PATH = '/feedback';

export type FeedbackTarget = { row: RegistrationRow; network: Network; session: Session; questions: FeedbackQuestion[]; previous?: FeedbackAnswers };

export class Feedback {
  readonly #ctx: RegistrationContext;
  readonly #repo: FeedbackRepository;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
    this.#repo = new FeedbackRepository(context.db);
  }

  /** The network's questions: those its organisers chose, or the default set in `locale`. */
  async questions(networkId: string, locale: Locale): Promise<{ questions: FeedbackQuestion[]; custom: boolean }> {
    const own = await this.#repo.questions(networkId);
    return own ? { questions: own, custom: true } : { questions: defaultFeedbackQuestions(locale), custom: false };
  }

  setQuestions(networkId: string, questions: FeedbackQuestion[]): Promise<void> {
    return this.#repo.setQuestions(networkId, questions);
  }

  /** Asks everyone recorded as attended at the session, who was not asked before. */
  async request(network: Network, session: Session): Promise<{ recipients: number; alreadyAsked: number; sent: number }> {
    return this.#ctx.transaction(async (repo, mailings) => {
      const feedback = new FeedbackRepository(repo.queryable);
      const rows = await mailings.attended(network.id, session.id);
      let sent = 0;
      for (const row of rows) {
        if (!(await feedback.markAsked(row.id, session.id))) continue;
        const link = this.#ctx.opts.publicUrl?.(`${FEEDBACK_PATH}/${feedbackToken(this.#ctx.opts.secret, row.id, session.id)}`);
        if (!link) continue;
        await repo.enqueue(row.id, 'feedback', composeFeedbackMail(network, session, { participant: row.participant, locale: row.locale, link }));
        sent++;
      }
      return { recipients: rows.length, alreadyAsked: rows.length - sent, sent };
    });
  }

  /** What a feedback token leads to; undefined when it is not one, or its person is erased, or its session gone. */
  async target(token: string, locale?: Locale): Promise<FeedbackTarget | undefined> {
    const t = parseFeedbackToken(this.#ctx.opts.secret, token);
    const row = t && (await this.#ctx.repo.byId(t.id));
    const network = row && !row.erased_at ? this.#ctx.network(row.network_id) : undefined;
    const session = network?.sessions.find((s) => s.id === t!.sessionId);
    if (!row || !network || !session || row.attendance[session.id] !== true) return undefined;
    const { questions } = await this.questions(network.id, locale ?? row.locale);
    const previous = await this.#repo.answerOf(row.id, session.id);
    return { row, network, session, questions, ...(previous && { previous }) };
  }

  /** Checks and stores a person's answers (core's rules). */
  async answer(target: FeedbackTarget, raw: Record<string, unknown>, locale: Locale) {
    const r = checkFeedbackAnswers(target.questions, raw, locale);
    if (r.ok) await this.#repo.answer(target.row.id, target.network.id, target.session.id, r.answers);
    return r;
  }

  /** Per session with attendance recorded: who came, was asked and answered, with core's summary. */
  async overview(network: Network, locale: Locale): Promise<FeedbackOverview> {
    const { questions, custom } = await this.questions(network.id, locale);
    const rows = (await this.#ctx.repo.list(network.id)).filter((r) => !r.erased_at);
    const asked = await this.#repo.askedCounts(network.id);
    const answers = await this.#repo.answers(network.id);
    const sessions = sessionsInOrder(network.sessions)
      .map((s) => {
        const attended = rows.filter((r) => r.attendance[s.id] === true).length;
        const mine = answers.filter((a) => a.session_id === s.id).map((a) => a.answers);
        return { sessionId: s.id, attended, asked: asked.get(s.id) ?? 0, answered: mine.length, summary: feedbackSummary(questions, mine) };
      })
      .filter((s) => s.attended > 0 || s.answered > 0);
    return { questions, custom, sessions };
  }

  /** The CSV of all answers: one line per form, no names; a column per question. */
  async table(network: Network, locale: Locale): Promise<{ header: string[]; rows: unknown[][] }> {
    const m = feedbackMessages(locale).csv;
    const { questions } = await this.questions(network.id, locale);
    const byId = new Map(network.sessions.map((s) => [s.id, s]));
    const rows = (await this.#repo.answers(network.id)).map((a) => {
      const s = byId.get(a.session_id);
      const start = s && sessionStart(s);
      return [s?.title ?? a.session_id, start ? formatDate(locale, start) : '', formatDateTime(locale, new Date(a.answered_at)), ...questions.map((q) => a.answers[q.id] ?? '')];
    });
    return { header: [m.session, m.date, m.answeredAt, ...questions.map((q) => q.label)], rows };
  }
}
