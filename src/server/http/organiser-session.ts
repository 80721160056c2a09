/**
 * The organiser API about organisers themselves: signing in (the e-mailed link, the session
 * cookie, signing out), personal API tokens, the networks the caller runs, a network's
 * organisers and its audit log. Registered inside the organiser context, after
 * `installAdminAuth` (organiser-auth.ts), whose guard applies to every route here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ADMIN_ROUTES,
  adminMessages,
  availabilityMap,
  registrationScope,
  sessionOverAt,
  sessionStart,
  type AdminNetworkSummary,
  type CreateSessionRequest,
  type CreateTokenRequest,
  type LoginRequest,
  type Network,
  type NetworkAccess,
  type PlaceCounts,
  type PutOrganiserRequest,
  type SessionInfo,
} from '../../core/index.js';
import { roleOf, type Caller, type OrganiserService } from '../services/organisers.js';
import { sha256 } from '../tokens.js';
import { SIGN_IN_LIMITS } from '../storage/rate-limit.js';
import { isPublic, publicNetwork } from '../../core/public-network.js';
import { access, adminRoute, consoleUrlOf, memoryLimit, retryAfter, sessionInfoOf, SESSION_COOKIE, type AdminAuthOptions } from './organiser-auth.js';
import { fail } from './reply.js';

/** How long a window of sign-in attempts lasts; the limits themselves live in rate-limit.ts. */
const SIGN_IN_WINDOW_MS = SIGN_IN_LIMITS.perAddress.windowMs;

const LOCALHOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|.+\.localhost)$/i;

const R = ADMIN_ROUTES;

/** The routes about organisers, over the service `installAdminAuth` returned and the options it was given. */
export function registerOrganiserSession(admin: FastifyInstance, organisers: OrganiserService, options: AdminAuthOptions): void {
  registerSignIn(admin, organisers, options);
  registerTokens(admin, organisers, options);
  registerOrganisers(admin, organisers, options);
}

const cookie = (options: AdminAuthOptions, req: FastifyRequest, value: string, maxAge?: number) => {
  // Secure when the configured public address is https; without one, except on localhost, where
  // a developer runs plain http. Path: only the API needs it.
  const secure = (options.secureCookie ?? !LOCALHOST.test(req.hostname)) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/api/admin; HttpOnly; SameSite=Strict${secure}${maxAge !== undefined ? `; Max-Age=${maxAge}` : ''}`;
};

function registerSignIn(admin: FastifyInstance, organisers: OrganiserService, options: AdminAuthOptions): void {
  const { networks } = options;
  const clock = options.clock ?? (() => new Date());
  const limit = options.signInLimit ?? memoryLimit(clock);
  const consoleUrl = () => consoleUrlOf(options.publicUrl);
  const text = (req: FastifyRequest) => adminMessages(options.localeOf(req));
  const sessionInfo = (caller: Caller): SessionInfo => sessionInfoOf(caller, networks);
  const tooMany = (req: FastifyRequest, reply: FastifyReply, waitMs: number) => fail(reply.header('retry-after', retryAfter(waitMs)), 429, 'rate-limited', text(req).tooManySignIns);

  admin.post(R.login.path, adminRoute('login'), async (req, reply) => {
    const body = req.body as LoginRequest;
    const { perAccount, perAddress } = SIGN_IN_LIMITS;
    const byAddress = await limit(`sign-in:address:${req.ip}`, perAddress.max, perAddress.windowMs);
    if (!byAddress.allowed) return tooMany(req, reply, byAddress.retryAfterMs);
    // Over the limit for one account, the answer stays the same: nobody learns whether it exists.
    const email = body.email.toLowerCase();
    if ((await limit(`sign-in:account:${sha256(email)}`, perAccount.max, perAccount.windowMs)).allowed) {
      if (await organisers.requestSignIn(email, body.locale ?? options.localeOf(req), consoleUrl())) options.onMailQueued?.();
    }
    return reply.code(202).header('cache-control', 'no-store').send();
  });

  admin.post(R.createSession.path, adminRoute('createSession'), async (req, reply) => {
    const byAddress = await limit(`session:address:${req.ip}`, 30, SIGN_IN_WINDOW_MS);
    if (!byAddress.allowed) return tooMany(req, reply, byAddress.retryAfterMs);
    const r = await organisers.redeem((req.body as CreateSessionRequest).token);
    if (!r) return fail(reply, 401, 'link-invalid', text(req).linkInvalid);
    req.caller = r.caller;
    return reply.header('set-cookie', cookie(options, req, r.secret)).header('cache-control', 'no-store').send(sessionInfo(r.caller));
  });

  admin.get(R.getSession.path, adminRoute('getSession'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return sessionInfo(req.caller!);
  });

  admin.delete(R.deleteSession.path, adminRoute('deleteSession'), async (req, reply) => {
    const caller = req.caller!;
    if (caller.kind === 'organiser' && caller.sessionHash) await organisers.endSession(caller.sessionHash);
    return reply.code(204).header('set-cookie', cookie(options, req, '', 0)).send();
  });

  admin.delete(R.deleteAllSessions.path, adminRoute('deleteAllSessions'), async (req, reply) => {
    const caller = req.caller!;
    if (caller.kind === 'organiser') await organisers.endAllSessions(caller.organiser.id);
    return reply.code(204).header('set-cookie', cookie(options, req, '', 0)).send();
  });
}

function registerTokens(admin: FastifyInstance, organisers: OrganiserService, options: AdminAuthOptions): void {
  const text = (req: FastifyRequest) => adminMessages(options.localeOf(req));
  admin.get(R.listTokens.path, adminRoute('listTokens'), async (req, reply) => {
    const caller = req.caller!;
    reply.header('cache-control', 'no-store');
    return { tokens: caller.kind === 'organiser' ? await organisers.listTokens(caller.organiser.id) : [] };
  });

  admin.post(R.createToken.path, adminRoute('createToken'), async (req, reply) => {
    const caller = req.caller as Caller & { kind: 'organiser' };
    const created = await organisers.createToken(caller.organiser.id, (req.body as CreateTokenRequest).name);
    req.auditDetail = { tokenId: created.token.id };
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  admin.delete(R.revokeToken.path, adminRoute('revokeToken'), async (req, reply) => {
    const caller = req.caller!;
    const { tokenId } = req.params as { tokenId: string };
    if (caller.kind !== 'organiser' || !(await organisers.revokeToken(caller.organiser.id, tokenId))) return fail(reply, 404, 'not-found', text(req).tokenNotFound);
    req.auditDetail = { tokenId };
    return reply.code(204).send();
  });
}

function registerOrganisers(admin: FastifyInstance, organisers: OrganiserService, options: AdminAuthOptions): void {
  const { networks } = options;
  const text = (req: FastifyRequest) => adminMessages(options.localeOf(req));

  admin.get(R.listNetworks.path, adminRoute('listNetworks'), async (req, reply) => {
    const out: AdminNetworkSummary[] = [];
    for (const n of networks.values()) {
      const role = roleOf(req.caller!, n.id);
      if (role) out.push(summary(n, role, await options.counts(n.id), options.networkNow(n.id)));
    }
    reply.header('cache-control', 'no-store');
    return { networks: out };
  });

  // The network as its public page shows it, with its places now, for every organiser of it:
  // also while it is a draft, which the public routes do not know.
  admin.get(R.getNetwork.path, adminRoute('getNetwork'), async (req, reply) => {
    const n = networks.get(req.adminNetworkId!);
    if (!n) return fail(reply, 404, 'not-found', text(req).networkNotFound);
    reply.header('cache-control', 'no-store');
    return { network: { ...publicNetwork(n), ...(!isPublic(n) && { draft: true }) }, availability: availabilityMap(n, await options.counts(n.id), options.networkNow(n.id)) };
  });

  admin.get(R.listOrganisers.path, adminRoute('listOrganisers'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { organisers: await organisers.networkOrganisers(req.adminNetworkId!) };
  });

  admin.put(R.putOrganiser.path, adminRoute('putOrganiser'), async (req, reply) => {
    const body = req.body as PutOrganiserRequest;
    const notify = { networkTitle: networks.get(req.adminNetworkId!)?.title ?? req.adminNetworkId!, consoleUrl: consoleUrlOf(options.publicUrl) };
    const r = await organisers.setRole(req.adminNetworkId!, body.email, body.role, { ...(body.name && { name: body.name }), by: req.caller!, notify });
    if (r.ok && r.previous !== r.role) options.onMailQueued?.();
    if (!r.ok) return r.code === 'name-elsewhere' ? fail(reply, 403, 'name-elsewhere', text(req).nameElsewhere) : fail(reply, 409, 'last-owner', text(req).lastOwner);
    req.auditDetail = { organiserId: r.organiserId, role: r.role, previous: r.previous };
    return { organisers: await organisers.networkOrganisers(req.adminNetworkId!) };
  });

  admin.delete(R.removeOrganiser.path, adminRoute('removeOrganiser'), async (req, reply) => {
    const r = await organisers.removeRole(req.adminNetworkId!, (req.params as { organiserId: string }).organiserId);
    if (!r.ok) return r.code === 'last-owner' ? fail(reply, 409, 'last-owner', text(req).lastOwner) : fail(reply, 404, 'not-found', text(req).organiserNotFound);
    req.auditDetail = { organiserId: r.organiserId, previous: r.previous };
    return { organisers: await organisers.networkOrganisers(req.adminNetworkId!) };
  });

  admin.get(R.audit.path, adminRoute('audit'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { entries: await organisers.auditFor(req.adminNetworkId!, (req.query as { before?: string }).before) };
  });
}

/** A network on the console's start page: its places, intakes, waiting list and next session. */
function summary(n: Network, role: NetworkAccess['role'], counts: Record<string, PlaceCounts>, now: Date): AdminNetworkSummary {
  const a = availabilityMap(n, counts, now);
  const next = n.sessions
    .filter((s) => s.status !== 'cancelled' && sessionStart(s) && sessionOverAt(s)!.getTime() > now.getTime())
    .sort((x, y) => sessionStart(x)!.getTime() - sessionStart(y)!.getTime())[0];
  const places = (registrationScope(n) === 'session' && next && a.sessions[next.id]) || a.network;
  const total = (k: 'pending' | 'waitlisted') => Object.values(counts).reduce((sum, c) => sum + c[k], 0);
  return {
    ...access(n, role),
    state: places.state,
    places: { taken: places.taken, ...(places.capacity !== undefined && { capacity: places.capacity, left: places.placesLeft ?? 0 }) },
    pending: total('pending'),
    waiting: total('waitlisted'),
    ...(!isPublic(n) && { draft: true as const }),
    ...(next && { nextSession: { id: next.id, title: next.title, start: sessionStart(next)!.toISOString(), ...(!next.start && { dateOnly: true }) } }),
  };
}
