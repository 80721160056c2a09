/**
 * The organiser API for a network's registrations: the list and the CSV export, accept, reject
 * and move up, the organiser's note, removing a registration and attendance. Registered inside
 * the organiser context, after `installAdminAuth`, which decides who may (organiser-auth.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROUTES, adminMessages, formMessages, freeText, type NoteRequest, type RemoveRequest } from '../../core/index.js';
import type { RegistrationRow } from '../services/registration-service.js';
import { adminRoute } from './organiser-auth.js';
import { registerRegistrationList } from './organiser-registration-list.js';
import { error, localeOf, networkOf, registrationIdParam, view, type RouteDeps } from './reply.js';

type OrganiserDeps = Pick<RouteDeps, 'store' | 'networks' | 'now' | 'mailQueued'>;

export function registerOrganiserRegistrations(admin: FastifyInstance, deps: OrganiserDeps): void {
  registerRegistrationList(admin, deps);
  registerDecisions(admin, deps);
  registerNoteAndRemove(admin, deps);
  registerAttendance(admin, deps);
}

const unknownRegistration = (req: FastifyRequest, reply: FastifyReply) => error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);

// Organiser-written text keeps its line breaks; what cannot be stored is refused, not repaired silently.
const organiserText = (raw: string | undefined) => (raw === undefined ? { ok: true as const, value: '' } : freeText(raw));

function registerDecisions(admin: FastifyInstance, { store, mailQueued }: OrganiserDeps): void {
  const act = (name: 'accept' | 'reject' | 'moveUp', run: (id: string, reason: string | undefined) => Promise<{ ok: true; row: RegistrationRow } | { ok: false; code: string }>) =>
    admin.post(ADMIN_ROUTES[name].path, adminRoute(name), async (req, reply) => {
      const id = registrationIdParam(req);
      if (!id) return unknownRegistration(req, reply);
      // The reason goes to the database and into an e-mail: it must be text that can be stored.
      const given = (req.body as { reason?: unknown } | null | undefined)?.reason;
      const reason = typeof given === 'string' ? freeText(given) : undefined;
      if (reason && !reason.ok) return error(reply, 422, 'invalid', 'reason contains characters that cannot be stored.');
      const r = await run(id, reason?.ok ? reason.value || undefined : undefined);
      mailQueued();
      if (!r.ok) return error(reply, r.code === 'not-found' ? 404 : 409, r.code, r.code);
      return view(r.row, await store.position(r.row));
    });
  act('accept', (id, reason) => store.accept(id, reason));
  act('reject', async (id, reason) => (reason ? store.reject(id, reason) : { ok: false, code: 'reason-required' }));
  act('moveUp', (id) => store.moveUp(id));
}

function registerNoteAndRemove(admin: FastifyInstance, { store, mailQueued }: OrganiserDeps): void {
  admin.put(ADMIN_ROUTES.setNote.path, adminRoute('setNote'), async (req, reply) => {
    const note = organiserText((req.body as NoteRequest).note);
    if (!note.ok) return error(reply, 422, 'invalid', adminMessages(localeOf(req)).noteUnstorable, { issues: [{ path: 'note', message: adminMessages(localeOf(req)).noteUnstorable }] });
    if (!(await store.setNote(registrationIdParam(req)!, note.value))) return unknownRegistration(req, reply);
    req.auditDetail = { cleared: !note.value };
    return { note: note.value || null };
  });

  admin.post(ADMIN_ROUTES.remove.path, adminRoute('remove'), async (req, reply) => {
    const reason = organiserText((req.body as RemoveRequest).reason);
    if (!reason.ok) return error(reply, 422, 'invalid', adminMessages(localeOf(req)).reasonUnstorable, { issues: [{ path: 'reason', message: adminMessages(localeOf(req)).reasonUnstorable }] });
    const r = await store.remove(registrationIdParam(req)!, reason.value || undefined);
    mailQueued();
    if (!r.ok) return r.code === 'not-found' ? unknownRegistration(req, reply) : error(reply, 409, r.code, adminMessages(localeOf(req)).notActive);
    req.auditDetail = { status: r.row.status };
    return view(r.row, undefined);
  });
}

function registerAttendance(admin: FastifyInstance, { store, networks }: OrganiserDeps): void {
  admin.put(ADMIN_ROUTES.attendance.path, adminRoute('attendance'), async (req, reply) => {
    const b = (req.body ?? {}) as { sessionId?: unknown; present?: unknown };
    if (typeof b.sessionId !== 'string' || typeof b.present !== 'boolean') return error(reply, 422, 'invalid', 'sessionId (text) and present (true/false) are required.');
    const id = registrationIdParam(req);
    const current = id && (await store.byId(id));
    if (!id || !current) return unknownRegistration(req, reply);
    if (!networks.get(current.network_id)?.sessions.some((s) => s.id === b.sessionId)) return error(reply, 422, 'invalid', 'sessionId is not a session of this network.');
    const row = await store.attendance(id, b.sessionId, b.present);
    if (!row) return error(reply, 404, 'not-found', 'not-found');
    return { attendance: row.attendance };
  });
}
