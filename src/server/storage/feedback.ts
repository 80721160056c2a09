/**
 * Feedback after a session (issue 24), SQL only: the questions per network, who was asked about
 * which session, and the answers. What the questions are and how answers are checked and summed
 * up is core's (feedback.ts); the e-mails and the page are the service's and the HTTP layer's.
 */
import type { FeedbackAnswers, FeedbackQuestion } from '../../core/index.js';
import type { Queryable } from './db.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export interface FeedbackAnswerRow {
  registration_id: string;
  session_id: string;
  answers: FeedbackAnswers;
  answered_at: Date | string;
}

export class FeedbackRepository {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  /** The questions the organisers chose, or undefined for the default set. */
  async questions(networkId: string): Promise<FeedbackQuestion[] | undefined> {
    const { rows } = await this.#q.query<{ questions: unknown }>('SELECT questions FROM feedback_questions WHERE network_id = $1', [networkId]);
    return rows[0] ? json<FeedbackQuestion[]>(rows[0].questions) : undefined;
  }

  async setQuestions(networkId: string, questions: FeedbackQuestion[]): Promise<void> {
    await this.#q.query(
      `INSERT INTO feedback_questions (network_id, questions) VALUES ($1, $2)
         ON CONFLICT (network_id) DO UPDATE SET questions = EXCLUDED.questions, updated_at = now()`,
      [networkId, JSON.stringify(questions)],
    );
  }

  /** Records that a person was asked about a session; false when they were already (by anyone, in any process). */
  async markAsked(registrationId: string, sessionId: string): Promise<boolean> {
    const { rows } = await this.#q.query('INSERT INTO feedback_requests (registration_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING registration_id', [
      registrationId,
      sessionId,
    ]);
    return rows.length > 0;
  }

  /** Per session of a network: how many people were asked. */
  async askedCounts(networkId: string): Promise<Map<string, number>> {
    const { rows } = await this.#q.query<{ session_id: string; n: number }>(
      `SELECT f.session_id, count(*)::int AS n FROM feedback_requests f JOIN registrations r ON r.id = f.registration_id WHERE r.network_id = $1 GROUP BY f.session_id`,
      [networkId],
    );
    return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
  }

  /** Stores a person's answers about a session; answering again replaces them. */
  async answer(registrationId: string, networkId: string, sessionId: string, answers: FeedbackAnswers): Promise<void> {
    await this.#q.query(
      `INSERT INTO feedback_answers (registration_id, session_id, network_id, answers) VALUES ($1, $2, $3, $4)
         ON CONFLICT (registration_id, session_id) DO UPDATE SET answers = EXCLUDED.answers, answered_at = now()`,
      [registrationId, sessionId, networkId, JSON.stringify(answers)],
    );
  }

  async answerOf(registrationId: string, sessionId: string): Promise<FeedbackAnswers | undefined> {
    const { rows } = await this.#q.query<{ answers: unknown }>('SELECT answers FROM feedback_answers WHERE registration_id = $1 AND session_id = $2', [registrationId, sessionId]);
    return rows[0] ? json<FeedbackAnswers>(rows[0].answers) : undefined;
  }

  /** Every answer of a network, in the order they came. */
  async answers(networkId: string): Promise<FeedbackAnswerRow[]> {
    const { rows } = await this.#q.query<FeedbackAnswerRow>('SELECT registration_id, session_id, answers, answered_at FROM feedback_answers WHERE network_id = $1 ORDER BY answered_at, registration_id', [networkId]);
    return rows.map((r) => ({ ...r, answers: json<FeedbackAnswers>(r.answers) }));
  }
}
