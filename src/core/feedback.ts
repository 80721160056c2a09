/**
 * Feedback after a session (issue 24): the questions an organiser chooses (3 to 5, a number from
 * 1 to 5 or open text; a default set until they choose), checking a participant's answers, and
 * the summary per session (averages and texts). One owner: the server's page and API, and the
 * console, call these.
 */
import { feedbackMessages } from './i18n/feedback.js';
import type { Locale } from './i18n/format.js';
import { freeText } from './text.js';

export const FEEDBACK_QUESTION_TYPES = ['scale', 'text'] as const;
export type FeedbackQuestionType = (typeof FEEDBACK_QUESTION_TYPES)[number];
export interface FeedbackQuestion {
  /** Stable within the network: answers are stored under it. */
  id: string;
  type: FeedbackQuestionType;
  label: string;
}
export const FEEDBACK_MIN_QUESTIONS = 3;
export const FEEDBACK_MAX_QUESTIONS = 5;
export const FEEDBACK_SCALE = 5;
export const FEEDBACK_TEXT_MAX = 2000;
export const FEEDBACK_LABEL_MAX = 300;

/** The default set, in the reader's language, until the organiser saves questions of their own. */
export function defaultFeedbackQuestions(locale: Locale): FeedbackQuestion[] {
  const d = feedbackMessages(locale).defaults;
  return [
    { id: 'overall', type: 'scale', label: d.overall },
    { id: 'useful', type: 'scale', label: d.useful },
    { id: 'exchange', type: 'scale', label: d.exchange },
    { id: 'takeaway', type: 'text', label: d.takeaway },
    { id: 'better', type: 'text', label: d.better },
  ];
}

/** What is wrong with a set of questions, one sentence each with the question's place (1-based); empty when it is fine. */
export function feedbackQuestionProblems(questions: readonly FeedbackQuestion[], locale: Locale): { path: string; message: string }[] {
  const m = feedbackMessages(locale);
  const problems: { path: string; message: string }[] = [];
  if (questions.length < FEEDBACK_MIN_QUESTIONS || questions.length > FEEDBACK_MAX_QUESTIONS) problems.push({ path: 'questions', message: m.console.questionsHint });
  const ids = new Set<string>();
  questions.forEach((q, i) => {
    if (!q.label.trim()) problems.push({ path: `questions[${i}].label`, message: m.console.labelEmpty(i + 1) });
    if (ids.has(q.id)) problems.push({ path: `questions[${i}].id`, message: `questions[${i}].id is used twice.` });
    ids.add(q.id);
  });
  return problems;
}

export type FeedbackAnswers = Record<string, number | string>;

/**
 * A participant's answers from a form (every value text, as a form sends it): numbers 1–5 for
 * scale questions, text for open ones; unanswered questions are left out, at least one answer
 * is needed. Problems name the question's id, with a sentence for the field.
 */
export function checkFeedbackAnswers(
  questions: readonly FeedbackQuestion[],
  raw: Record<string, unknown>,
  locale: Locale,
): { ok: true; answers: FeedbackAnswers } | { ok: false; problems: { id: string; message: string }[] } {
  const m = feedbackMessages(locale).page;
  const answers: FeedbackAnswers = {};
  const problems: { id: string; message: string }[] = [];
  for (const q of questions) {
    const value = raw[q.id];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') {
      problems.push({ id: q.id, message: q.type === 'scale' ? m.scaleInvalid : m.unstorable });
      continue;
    }
    if (q.type === 'scale') {
      const n = /^[1-5]$/.test(value.trim()) ? Number(value.trim()) : NaN;
      if (Number.isInteger(n)) answers[q.id] = n;
      else problems.push({ id: q.id, message: m.scaleInvalid });
      continue;
    }
    const text = freeText(value);
    if (!text.ok) problems.push({ id: q.id, message: m.unstorable });
    else if (text.value.length > FEEDBACK_TEXT_MAX) problems.push({ id: q.id, message: m.tooLong(FEEDBACK_TEXT_MAX) });
    else if (text.value) answers[q.id] = text.value;
  }
  if (problems.length) return { ok: false, problems };
  if (!Object.keys(answers).length) return { ok: false, problems: [{ id: questions[0]?.id ?? 'answers', message: m.empty }] };
  return { ok: true, answers };
}

/** Per question of a session: how many answered, the average of a scale (one decimal), the texts of an open one. */
export interface FeedbackQuestionSummary {
  question: FeedbackQuestion;
  count: number;
  average?: number;
  /** How many chose 1…5. */
  counts?: number[];
  texts?: string[];
}

export function feedbackSummary(questions: readonly FeedbackQuestion[], answers: readonly FeedbackAnswers[]): FeedbackQuestionSummary[] {
  return questions.map((question) => {
    const given = answers.map((a) => a[question.id]).filter((v) => v !== undefined);
    if (question.type === 'scale') {
      const numbers = given.filter((v): v is number => typeof v === 'number');
      const counts = Array.from({ length: FEEDBACK_SCALE }, (_, i) => numbers.filter((n) => n === i + 1).length);
      return { question, count: numbers.length, counts, ...(numbers.length && { average: Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 10) / 10 }) };
    }
    const texts = given.filter((v): v is string => typeof v === 'string');
    return { question, count: texts.length, texts };
  });
}

/** An average as people write it: "4,3" / "4.3". */
export function formatAverage(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}
