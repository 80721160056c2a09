/**
 * The organiser API for messages: preview and send a message to a network's participants, the
 * list of messages sent, the notice about a session's report, and the organiser's own notify
 * preference. Registered inside the organiser context, after `installAdminAuth`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROUTES, adminMessages, freeText, isStorable, type MessageRequest, type Network, type NotifyRequest } from '../../core/index.js';
import { adminRoute, sessionInfoOf } from './organiser-auth.js';
import { error, localeOf, type RouteDeps } from './reply.js';

type MessageDeps = Pick<RouteDeps, 'store' | 'networks' | 'mailQueued'>;

export function registerOrganiserMessages(admin: FastifyInstance, deps: MessageDeps): void {
  registerMessages(admin, deps);
  registerReportAndNotify(admin, deps);
}

/** An organiser's message from the request, checked: text that can be sent, a session of this network. */
function organiserMessage(req: FastifyRequest, reply: FastifyReply, n: Network) {
  const b = req.body as MessageRequest;
  const t = adminMessages(localeOf(req));
  const body = freeText(b.body);
  if (!body.ok || !body.value || !isStorable(b.subject)) {
    void error(reply, 422, 'invalid', t.messageUnstorable, { issues: [{ path: !body.ok || !body.value ? 'body' : 'subject', message: t.messageUnstorable }] });
    return undefined;
  }
  if (b.sessionId !== undefined && !n.sessions.some((s) => s.id === b.sessionId)) {
    void error(reply, 422, 'invalid', t.unknownSession, { issues: [{ path: 'sessionId', message: t.unknownSession }] });
    return undefined;
  }
  return {
    ...(b.sessionId !== undefined && { sessionId: b.sessionId }),
    ...(b.registrationIds && { registrationIds: [...new Set(b.registrationIds)] }),
    statuses: [...new Set(b.statuses)],
    subject: b.subject,
    body: body.value,
  };
}

const nobody = (req: FastifyRequest, reply: FastifyReply) => error(reply, 422, 'no-recipients', adminMessages(localeOf(req)).noRecipients);

function registerMessages(admin: FastifyInstance, { store, networks, mailQueued }: MessageDeps): void {
  admin.post(ADMIN_ROUTES.previewMessage.path, adminRoute('previewMessage'), async (req, reply) => {
    const n = networks.get(req.adminNetworkId!)!;
    const m = organiserMessage(req, reply, n);
    if (!m) return reply;
    const preview = await store.previewMessage(n, m);
    reply.header('cache-control', 'no-store');
    return preview ?? nobody(req, reply);
  });

  admin.post(ADMIN_ROUTES.sendMessage.path, adminRoute('sendMessage'), async (req, reply) => {
    const n = networks.get(req.adminNetworkId!)!;
    const m = organiserMessage(req, reply, n);
    if (!m) return reply;
    const caller = req.caller!;
    const sent = await store.sendMessage(n, m, caller.kind === 'organiser' ? caller.organiser.id : caller.kind);
    if (!sent) return nobody(req, reply);
    mailQueued();
    req.auditDetail = { messageId: sent.id, recipients: sent.recipients, statuses: m.statuses, sessionId: m.sessionId ?? null, ...(m.registrationIds && { selection: true }) };
    return reply.code(202).send(sent);
  });
}

function registerReportAndNotify(admin: FastifyInstance, { store, networks, mailQueued }: MessageDeps): void {
  // Tell those who came about a session's report, recording or other resource (issues 15, 23): only on an organiser's explicit ask.
  admin.post(ADMIN_ROUTES.reportNotice.path, adminRoute('reportNotice'), async (req, reply) => {
    const n = networks.get(req.adminNetworkId!)!;
    const t = adminMessages(localeOf(req));
    const session = n.sessions.find((x) => x.id === (req.params as { sessionId: string }).sessionId);
    if (!session) return error(reply, 404, 'not-found', t.unknownSession);
    const { report, preview } = req.body as { report: string; preview?: boolean };
    const found = (session.resources ?? []).find((r) => r.url === report || r.title === report);
    if (!found) return error(reply, 422, 'invalid', t.reportNotFound, { issues: [{ path: 'report', message: t.reportNotFound }] });
    const result = await store.reportNotice(n, session, found, { preview: preview === true });
    if (result.sent) mailQueued();
    // A preview is written too, marked as one: the log says who looked at what before sending.
    req.auditDetail = { sessionId: session.id, report: found.url ?? found.title, sent: result.sent, ...(preview && { preview: true }) };
    reply.header('cache-control', 'no-store');
    return result;
  });

  admin.get(ADMIN_ROUTES.listMessages.path, adminRoute('listMessages'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { messages: await store.listMessages(req.adminNetworkId!) };
  });

  admin.put(ADMIN_ROUTES.setNotify.path, adminRoute('setNotify'), async (req, reply) => {
    const caller = req.caller!;
    // The installation-admin token is nobody in particular: there is no one to send e-mail to.
    if (caller.kind !== 'organiser') return error(reply, 422, 'no-organiser', adminMessages(localeOf(req)).notifyNobody);
    const { notify } = req.body as NotifyRequest;
    await store.setNotify(caller.organiser.id, notify);
    req.auditDetail = { notify, previous: caller.organiser.notify };
    reply.header('cache-control', 'no-store');
    return sessionInfoOf({ ...caller, organiser: { ...caller.organiser, notify } }, networks);
  });
}
