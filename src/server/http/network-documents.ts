/**
 * The organiser API for the network document itself (issue 15): read it with its revision as
 * ETag, save a whole document with If-Match, create a network, list and restore revisions.
 * Who may: owners of the network (the contract in core says so; admin-auth.ts enforces it).
 */
import { copyForNextRound } from '../../core/network-copy.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROUTES, adminMessages, formatProblem, parseNetwork, type Locale, type Network, type NetworkChangePreview, type Problem } from '../../core/index.js';
import { adminRoute } from './organiser-auth.js';
import { fail } from './reply.js';
import { documentChanges, type NetworkRegistry, type SaveResult } from '../services/networks.js';
import { roleOf, type Caller, type OrganiserService } from '../services/organisers.js';

export interface NetworkRouteOptions {
  networks: NetworkRegistry;
  organisers: OrganiserService;
  localeOf(req: FastifyRequest): Locale;
  /** What saving `after` over `before` would send (RegistrationService.previewRevision). */
  preview(before: Network, after: Network): Promise<NetworkChangePreview>;
  /** Called after a save queued change e-mails, to deliver them soon. */
  onMailQueued?: () => void;
}

/** Who a revision is by: the organiser's id, or the installation-admin token. */
const authorOf = (caller: Caller) => (caller.kind === 'organiser' ? caller.organiser.id : 'installation-admin');

/** The revision an `If-Match` names: `"3"` (also weak, or bare); undefined when it names none. */
function ifMatchRevision(header: string | undefined): number | undefined {
  const m = /^\s*(?:W\/)?"?([0-9]{1,9})"?\s*$/.exec(header ?? '');
  return m ? Number(m[1]) : undefined;
}

export function registerNetworkRoutes(admin: FastifyInstance, options: NetworkRouteOptions): void {
  registerDocumentRoutes(admin, options);
  registerRevisionRoutes(admin, options);
}

const R = ADMIN_ROUTES;

const textOf = (options: NetworkRouteOptions, req: FastifyRequest) => adminMessages(options.localeOf(req));

/** Every problem of a document, with its path and the validator's sentence (`leerkring validate` says the same). */
function invalid(options: NetworkRouteOptions, req: FastifyRequest, reply: FastifyReply, problems: Problem[]) {
  const locale = options.localeOf(req);
  return fail(reply, 422, 'invalid', textOf(options, req).documentInvalid(problems.length), {
    issues: problems.map((p) => ({ path: p.path, code: p.code, message: p.message[locale], line: formatProblem(p, locale) })),
  });
}

/** The answer to a save: the new revision as ETag, or why nothing was saved. */
function answer(options: NetworkRouteOptions, req: FastifyRequest, reply: FastifyReply, r: SaveResult, document: unknown, status = 200, audit: Record<string, unknown> = {}) {
  const text = (q: FastifyRequest) => textOf(options, q);
  switch (r.kind) {
    case 'invalid':
      return invalid(options, req, reply, r.problems);
    case 'stale':
      return fail(reply.header('etag', `"${r.revision}"`), 412, 'stale', text(req).staleRevision(r.revision), { revision: r.revision, between: r.between });
    case 'exists':
      return fail(reply, 409, 'network-exists', text(req).networkExists);
    case 'not-found':
      return fail(reply, 404, 'not-found', text(req).networkNotFound);
    default:
      if (r.kind === 'saved') options.onMailQueued?.();
      req.auditDetail = {
        revision: r.revision,
        ...(r.kind === 'saved' && r.before ? documentChanges(r.before, r.network) : {}),
        ...(r.kind === 'unchanged' && { unchanged: true }),
        ...audit,
      };
      return reply.code(r.kind === 'saved' ? status : 200).header('etag', `"${r.revision}"`).header('cache-control', 'no-store').send({ revision: r.revision, document });
  }
}

function revisionParam(req: FastifyRequest) {
  const v = (req.params as { revision?: string }).revision ?? '';
  return /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : undefined;
}

function registerDocumentRoutes(admin: FastifyInstance, options: NetworkRouteOptions): void {
  const { networks, organisers } = options;
  const text = (req: FastifyRequest) => textOf(options, req);

  admin.get(R.getNetworkDocument.path, adminRoute('getNetworkDocument'), async (req, reply) => {
    const d = await networks.document(req.adminNetworkId!);
    if (!d) return fail(reply, 404, 'not-found', text(req).networkNotFound);
    return reply.header('etag', `"${d.revision}"`).header('cache-control', 'no-store').send(d);
  });

  admin.put(R.putNetworkDocument.path, adminRoute('putNetworkDocument'), async (req, reply) => {
    const id = req.adminNetworkId!;
    const header = req.headers['if-match'];
    if (header === undefined) return fail(reply, 428, 'if-match-required', text(req).ifMatchRequired);
    const basedOn = ifMatchRevision(header);
    const document = req.body;
    const givenId = document && typeof document === 'object' && !Array.isArray(document) ? (document as { id?: unknown }).id : undefined;
    if (givenId !== undefined && givenId !== id) {
      const message = text(req).idMismatch;
      return fail(reply, 422, 'invalid', text(req).documentInvalid(1), { issues: [{ path: 'id', code: 'id-mismatch', message, line: `id: ${message}` }] });
    }
    // An If-Match that names no revision matches none: the same answer as an older one.
    const r = await networks.save(document, { author: authorOf(req.caller!), basedOn: basedOn ?? -1, id });
    return answer(options, req, reply, r, document);
  });

  admin.post(R.createNetwork.path, adminRoute('createNetwork'), async (req, reply) => {
    const caller = req.caller!;
    const body = req.body as { document?: unknown; copyFrom?: string; id?: string; title?: string; shiftDays?: number };
    const ownsSome = caller.kind === 'installation-admin' || caller.organiser.isAdmin || [...caller.roles.values()].includes('owner');
    if (!ownsSome) return fail(reply, 403, 'owner-required', text(req).createNotAllowed);
    let document: unknown;
    if (body.copyFrom !== undefined) {
      if (roleOf(caller, body.copyFrom) !== 'owner') return fail(reply, 403, 'forbidden', text(req).forbidden);
      const source = await networks.document(body.copyFrom);
      if (!source) return fail(reply, 404, 'not-found', text(req).networkNotFound);
      if (!body.id) return fail(reply, 422, 'invalid', text(req).createNeedsDocument, { issues: [{ path: 'id', message: text(req).createNeedsDocument }] });
      document = copyForNextRound(source.document as Record<string, unknown>, body.id, body.shiftDays ?? 0, body.title);
    } else if (body.document !== undefined) document = body.document;
    else return fail(reply, 422, 'invalid', text(req).createNeedsDocument, { issues: [{ path: 'document', message: text(req).createNeedsDocument }] });
    const r = await networks.save(document, { author: authorOf(caller), create: true });
    if (r.kind === 'saved') {
      req.adminNetworkId = r.network.id;
      // Whoever creates a network owns it; an admin owns every network already.
      if (caller.kind === 'organiser' && !caller.organiser.isAdmin) await organisers.setRole(r.network.id, caller.organiser.email, 'owner');
    }
    return answer(options, req, reply, r, document, 201);
  });

  admin.post(R.previewNetworkChanges.path, adminRoute('previewNetworkChanges'), async (req, reply) => {
    const parsed = parseNetwork(req.body);
    if (!parsed.ok) return invalid(options, req, reply, parsed.problems);
    const current = networks.get(req.adminNetworkId!)!;
    reply.header('cache-control', 'no-store');
    return options.preview(current, parsed.value);
  });
}

function registerRevisionRoutes(admin: FastifyInstance, options: NetworkRouteOptions): void {
  const { networks } = options;
  const text = (req: FastifyRequest) => textOf(options, req);

  admin.get(R.listRevisions.path, adminRoute('listRevisions'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { revisions: await networks.revisions(req.adminNetworkId!) };
  });

  admin.get(R.getRevision.path, adminRoute('getRevision'), async (req, reply) => {
    const revision = revisionParam(req);
    const document = revision && (await networks.documentAt(req.adminNetworkId!, revision));
    if (!revision || document === undefined) return fail(reply, 404, 'not-found', text(req).revisionNotFound);
    reply.header('cache-control', 'no-store');
    return { revision, document };
  });

  admin.post(R.restoreRevision.path, adminRoute('restoreRevision'), async (req, reply) => {
    const id = req.adminNetworkId!;
    const revision = revisionParam(req);
    const document = revision && (await networks.documentAt(id, revision));
    if (!revision || document === undefined) return fail(reply, 404, 'not-found', text(req).revisionNotFound);
    const header = req.headers['if-match'];
    const r = await networks.save(document, { author: authorOf(req.caller!), id, ...(header !== undefined && { basedOn: ifMatchRevision(header) ?? -1 }) });
    return answer(options, req, reply, r, document, 200, { restored: revision });
  });
}
