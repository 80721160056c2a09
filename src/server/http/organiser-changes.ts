/**
 * The organiser API for registrations an organiser enters themselves: add someone (a phone
 * call, a paper list), correct their details, move them to another session, and import a list
 * (CSV) with a preview first. The rules are core's, as on the public form; cancelling is the
 * existing `remove`. Registered inside the organiser context, after `installAdminAuth`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROUTES, adminMessages, keepsRegistrations, formMessages, reasonText, type AddRegistrationRequest, type ImportRequest, type ImportRow, type MoveRegistrationRequest, type Network, type Locale } from '../../core/index.js';
import { participantsFromCsv, csvColumnOf, csvHeader } from '../../core/participants-csv.js';
import { organiserEntryMessages } from '../../core/i18n/organiser-entry.js';
import type { OrganiserChangeResult, RegisterResult } from '../services/registration-service.js';
import { adminRoute } from './organiser-auth.js';
import { error, localeOf, networkOf, registrationIdParam, view, type RouteDeps } from './reply.js';

type Deps = Pick<RouteDeps, 'store' | 'networks' | 'mailQueued'>;

export function registerOrganiserChanges(admin: FastifyInstance, deps: Deps): void {
  registerAdd(admin, deps);
  registerEditAndMove(admin, deps);
  registerImport(admin, deps);
}

/** A network that keeps registrations here (its form, or a closed group's organisers), or undefined after the answer saying why not. */
function builtIn(deps: Deps, req: FastifyRequest, reply: FastifyReply): Network | undefined {
  const n = networkOf(deps.networks, req, reply);
  if (n && !keepsRegistrations(n)) {
    void error(reply, 409, 'not-built-in', formMessages(localeOf(req)).reason['not-built-in']);
    return undefined;
  }
  return n;
}

function refused(reply: FastifyReply, r: Exclude<RegisterResult, { kind: 'created' }>, network: Network, locale: Locale) {
  if (r.kind === 'invalid') return error(reply, 422, 'invalid', formMessages(locale).signup.errorSummary, { issues: r.problems.map((p) => ({ path: p.path, message: p.message[locale] })) });
  if (r.kind === 'rejected') return error(reply, r.conflict ? 409 : 422, r.reasons[0]!.code, r.message, { reasons: r.reasons });
  return error(reply, 422, 'invalid', formMessages(locale).signup.errorSummary);
}

/** The organiser who adds: the network's other organisers hear of it, they do not. */
const byCaller = (req: FastifyRequest): { by?: string } => (req.caller?.kind === 'organiser' ? { by: req.caller.organiser.email.toLowerCase() } : {});

function registerAdd(admin: FastifyInstance, deps: Deps): void {
  admin.post(ADMIN_ROUTES.addRegistration.path, adminRoute('addRegistration'), async (req, reply) => {
    const n = builtIn(deps, req, reply);
    if (!n) return reply;
    const b = req.body as AddRegistrationRequest;
    const locale = localeOf(req);
    const sendEmail = b.sendEmail ?? true;
    const r = await deps.store.registerByOrganiser(n, b.registration, { overCapacity: b.overCapacity ?? false, sendEmail, ...byCaller(req) });
    deps.mailQueued();
    if (r.kind !== 'created') return refused(reply, r, n, locale);
    req.auditRegistrationId = r.id;
    req.auditDetail = { status: r.status, sendEmail, ...(r.overCapacity && { overCapacity: true }) };
    const row = (await deps.store.byId(r.id))!;
    return reply.code(201).send({ ...view(row, r.position), ...(r.overCapacity && { overCapacity: true }) });
  });
}

function registerEditAndMove(admin: FastifyInstance, deps: Deps): void {
  const answer = async (req: FastifyRequest, reply: FastifyReply, r: OrganiserChangeResult) => {
    const locale = localeOf(req);
    if (r.ok) return { ...view(r.row, r.position ?? (await deps.store.position(r.row))), ...(r.overCapacity && { overCapacity: true }) };
    if (r.code === 'not-found') return error(reply, 404, 'not-found', formMessages(locale).signup.notFound);
    if (r.code === 'invalid') return error(reply, 422, 'invalid', formMessages(locale).signup.errorSummary, { issues: r.problems.map((p) => ({ path: p.path, message: p.message[locale] })) });
    if (r.code === 'rejected') {
      const row = await deps.store.byId(registrationIdParam(req)!);
      const n = row && deps.networks.get(row.network_id);
      const message = n ? r.reasons.map((x) => reasonText(x, n, locale)).join(' ') : r.reasons[0]!.code;
      return error(reply, 409, r.reasons[0]!.code, message, { reasons: r.reasons });
    }
    if (r.code === 'not-active') return error(reply, 409, r.code, adminMessages(locale).notActive);
    const words = locale === 'en'
      ? { 'same-session': 'The registration is already for this session.', 'not-per-session': 'In this network people register for the whole series: there is no other session to move to.' }
      : { 'same-session': 'De aanmelding is al voor deze bijeenkomst.', 'not-per-session': 'In dit netwerk meld je je aan voor de hele reeks: er is geen andere bijeenkomst om naartoe te gaan.' };
    return error(reply, 409, r.code, words[r.code]);
  };

  admin.put(ADMIN_ROUTES.editRegistration.path, adminRoute('editRegistration'), async (req, reply) => {
    const id = registrationIdParam(req);
    if (!id) return error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);
    const r = await deps.store.editByOrganiser(id, (req.body as { registration: unknown }).registration);
    if (r.ok) req.auditDetail = { status: r.row.status, ...(r.overCapacity && { overCapacity: true }) };
    return answer(req, reply, r);
  });

  admin.post(ADMIN_ROUTES.moveRegistration.path, adminRoute('moveRegistration'), async (req, reply) => {
    const id = registrationIdParam(req);
    if (!id) return error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);
    const b = req.body as MoveRegistrationRequest;
    const before = await deps.store.byId(id);
    const r = await deps.store.moveByOrganiser(id, b.sessionId, b.overCapacity ?? false);
    deps.mailQueued();
    if (r.ok) req.auditDetail = { from: before?.session_id ?? null, to: b.sessionId, status: r.row.status, ...(r.overCapacity && { overCapacity: true }) };
    return answer(req, reply, r);
  });
}

function registerImport(admin: FastifyInstance, deps: Deps): void {
  admin.post(ADMIN_ROUTES.importRegistrations.path, adminRoute('importRegistrations'), async (req, reply) => {
    const n = builtIn(deps, req, reply);
    if (!n) return reply;
    const b = req.body as ImportRequest;
    const locale = localeOf(req);
    const m = organiserEntryMessages(locale).import;
    const read = participantsFromCsv(n, b.csv, locale);
    const header = csvHeader(b.csv);
    const fileProblems = [...read.fileProblems, ...(read.rows.length || read.fileProblems.length ? [] : [m.nothing])];
    if (fileProblems.length) {
      req.auditSkip = true;
      return { committed: false, rows: [], fileProblems, notices: read.notices };
    }
    const taken = read.rows.filter((r) => !r.skip && !r.problems.length);
    const commit = (b.commit ?? false) && taken.length === read.rows.filter((r) => !r.skip).length;
    const sendEmail = b.sendEmail ?? true;
    const { committed, results } = await deps.store.registerAll(n, taken.map((r) => r.registration), { overCapacity: b.overCapacity ?? false, sendEmail, ...byCaller(req) }, commit);
    if (committed) deps.mailQueued();
    const byLine = new Map(taken.map((r, i) => [r.line, results[i]!]));
    const rows: ImportRow[] = read.rows.map((r) => {
      const base = { line: r.line, name: r.registration.participant.name ?? '', email: r.registration.participant.email ?? '' };
      if (r.skip) return { ...base, outcome: 'skipped', problems: [] };
      const result = byLine.get(r.line);
      if (!result) return { ...base, outcome: 'problem', problems: r.problems };
      if (result.kind === 'created') return { ...base, outcome: result.status === 'waitlisted' ? 'waitlisted' : 'confirmed', ...(result.overCapacity && { overCapacity: true }), problems: [] };
      if (result.kind === 'invalid')
        return { ...base, outcome: 'problem', problems: result.problems.map((p) => { const column = csvColumnOf(n, header, p.path); return column ? m.row(r.line, column, p.message[locale]) : m.rowOnly(r.line, p.message[locale]); }) };
      if (result.kind === 'rejected') return { ...base, outcome: 'problem', problems: [m.rowOnly(r.line, result.message)] };
      return { ...base, outcome: 'problem', problems: [] };
    });
    if (committed) req.auditDetail = { rows: rows.filter((r) => r.outcome !== 'skipped').length, sendEmail };
    else req.auditSkip = true;
    return { committed, rows, fileProblems: [], notices: read.notices };
  });
}
