/**
 * The organiser API for feedback after a session (issue 24): the overview per session, the
 * questions, asking those who came, and the CSV. The evaluation page itself is feedback-page.ts.
 */
import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTES, feedbackQuestionProblems, type FeedbackQuestion } from '../../core/index.js';
import { adminRoute } from './organiser-auth.js';
import { toCsv } from './csv.js';
import { error, localeOf, networkOf, type RouteDeps } from './reply.js';

type Deps = Pick<RouteDeps, 'store' | 'networks' | 'mailQueued'>;

export function registerOrganiserFeedback(admin: FastifyInstance, { store, networks, mailQueued }: Deps): void {
  admin.get(ADMIN_ROUTES.feedback.path, adminRoute('feedback'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    reply.header('cache-control', 'no-store');
    return store.feedback.overview(n, localeOf(req));
  });

  admin.put(ADMIN_ROUTES.putFeedbackQuestions.path, adminRoute('putFeedbackQuestions'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    const { questions } = req.body as { questions: FeedbackQuestion[] };
    const problems = feedbackQuestionProblems(questions, localeOf(req));
    if (problems.length) return error(reply, 422, 'invalid', problems[0]!.message, { issues: problems });
    await store.feedback.setQuestions(n.id, questions);
    reply.header('cache-control', 'no-store');
    return store.feedback.overview(n, localeOf(req));
  });

  admin.post(ADMIN_ROUTES.requestFeedback.path, adminRoute('requestFeedback'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    const session = n.sessions.find((s) => s.id === (req.params as { sessionId: string }).sessionId);
    if (!session) return error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'This network has no such session.' : 'Dit netwerk heeft zo\'n bijeenkomst niet.');
    const r = await store.feedback.request(n, session);
    mailQueued();
    req.auditDetail = { sessionId: session.id, sent: r.sent };
    return r;
  });

  admin.get(ADMIN_ROUTES.feedbackCsv.path, adminRoute('feedbackCsv'), async (req, reply) => {
    const n = networkOf(networks, req, reply);
    if (!n) return reply;
    const { header, rows } = await store.feedback.table(n, localeOf(req));
    reply.header('cache-control', 'no-store');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${n.id}-feedback.csv"`).send(toCsv(header, rows));
  });
}
