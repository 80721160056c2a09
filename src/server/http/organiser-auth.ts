/**
 * Who may use the organiser API, and the routes for signing in, tokens, roles and the audit log.
 *
 * Every route under `/api/admin/` is declared in the contract (`ADMIN_ROUTES` in core) and
 * registered with `adminRoute(name)`; a route that is not refuses to register. One hook then
 * decides for every route, in this order:
 * 1. who is calling: a session cookie, a personal API token (`Authorization: Bearer lkp_…`) or
 *    the installation-admin token (`LEERKRING_ADMIN_TOKEN`) — otherwise 401;
 * 2. for a cookie, that a state-changing request comes from the console's own origin (SameSite
 *    is the first defence, this the second);
 * 3. the role on the network the route acts on: the path's `:networkId`, or the network of the
 *    path's registration `:id` — 403 for a network the caller does not run. An unknown
 *    registration id is 404, but only for someone who is signed in.
 * Then the body and query are validated with the contract's schemas (422), and after a
 * successful action the audit log gets its entry.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ADMIN_ROUTES,
  adminMessages,
  availabilityMap,
  registrationScope,
  roleAllows,
  sessionOverAt,
  sessionStart,
  toProblems,
  type AdminNetworkSummary,
  type AdminRouteName,
  type AdminRouteSpec,
  type AuditAction,
  type CreateSessionRequest,
  type CreateTokenRequest,
  type Locale,
  type LoginRequest,
  type Network,
  type NetworkAccess,
  type PlaceCounts,
  type PutOrganiserRequest,
  type SessionInfo,
} from '../../core/index.js';
import type * as z from 'zod/mini';
import type { Db } from '../storage/db.js';
import { OrganiserService, isUuid, roleOf, type Caller } from '../services/organisers.js';
import { matchesHash, sha256 } from '../tokens.js';
import { SIGN_IN_LIMITS } from '../storage/rate-limit.js';

/**
 * Counts one attempt against `key` and says whether it is still allowed: at most `max` per
 * `windowMs`.
 *
 * `buildServer` passes the database-backed limiter (`consume()` in `rate-limit.ts`, shared by
 * every process on one database); `memoryLimit()` is for tests that move the clock and for
 * callers of `installAdminAuth` without one.
 */
export type ConsumeLimit = (key: string, max: number, windowMs: number) => Promise<boolean>;

/** Fixed windows in memory, for one process. */
export function memoryLimit(now: () => Date = () => new Date()): ConsumeLimit {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (key, max, windowMs) => {
    const t = now().getTime();
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
    let w = windows.get(key);
    if (!w || w.resetAt <= t) windows.set(key, (w = { count: 0, resetAt: t + windowMs }));
    w.count++;
    return w.count <= max;
  };
}

/** How long a window of sign-in attempts lasts; the limits themselves live in rate-limit.ts. */
const SIGN_IN_WINDOW_MS = SIGN_IN_LIMITS.perAddress.windowMs;

export const SESSION_COOKIE = 'leerkring_session';

export interface AdminAuthOptions {
  db: Db;
  networks: Map<string, Network>;
  /** SHA-256 (hex) of the installation-admin token; without it there is none. */
  adminTokenHash?: string;
  /** The network of a registration, or undefined when there is no such registration. */
  registrationNetwork(id: string): Promise<string | undefined>;
  counts(networkId: string): Promise<Record<string, PlaceCounts>>;
  /** The per-network clock availability is computed with. */
  networkNow(networkId: string): Date;
  localeOf(req: FastifyRequest): Locale;
  /**
   * The console's address in sign-in e-mails (`<publicUrl>/beheer/`). Configured, never taken
   * from the request's Host header, which a stranger could set to their own site.
   */
  publicUrl?: string | (() => string);
  /** The clock for sign-in links and sessions. */
  clock?: () => Date;
  signInLimit?: ConsumeLimit;
  /**
   * Bearer tokens that turn out wrong count against the caller's address. `blocked` answers,
   * before a token is looked at, how long the address must still wait (undefined: it may try);
   * `failed` counts one wrong token and answers the same.
   */
  tokenGuesses?: { blocked(address: string): Promise<number | undefined>; failed(address: string): Promise<number | undefined> };
  onMailQueued?: () => void;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    adminRoute?: AdminRouteName;
  }
  interface FastifyRequest {
    caller?: Caller;
    /** The network an admin route acts on, once authorised. */
    adminNetworkId?: string;
    /** What the audit entry of this request records, set by the route. */
    auditDetail?: Record<string, unknown>;
  }
}

/** Route options that tie a route to its entry in the contract; every admin route needs them. */
export function adminRoute(name: AdminRouteName): { config: { adminRoute: AdminRouteName } } {
  return { config: { adminRoute: name } };
}

const LOCALHOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|.+\.localhost)$/i;

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim() || undefined;
  }
  return undefined;
}

function specOf(req: FastifyRequest): AdminRouteSpec | undefined {
  const name = req.routeOptions.config?.adminRoute;
  return name ? ADMIN_ROUTES[name] : undefined;
}

function access(network: Network, role: NetworkAccess['role']): NetworkAccess {
  return { id: network.id, kind: network.kind, title: network.title, role };
}

/** The console's address (`<publicUrl>/beheer/`), for links in organisers' e-mails. */
export function consoleUrlOf(publicUrl: string | (() => string) | undefined): string {
  const base = typeof publicUrl === 'function' ? publicUrl() : (publicUrl ?? 'http://localhost:8000');
  return `${base.replace(/\/+$/, '')}/beheer/`;
}

/** Who is signed in and the networks they may run, as the console shows it. */
export function sessionInfoOf(caller: Caller, networks: Map<string, Network>): SessionInfo {
  const list: NetworkAccess[] = [];
  for (const n of networks.values()) {
    const role = roleOf(caller, n.id);
    if (role) list.push(access(n, role));
  }
  return {
    organiser: caller.kind === 'organiser' ? caller.organiser : null,
    installationAdmin: caller.kind === 'installation-admin',
    networks: list,
  };
}

/**
 * Installs authentication, authorisation, validation and auditing on the encapsulated Fastify
 * context that serves `/api/admin/`, and the routes about organisers themselves. Call it first
 * in that context, before its other routes are added.
 */
export function installAdminAuth(admin: FastifyInstance, options: AdminAuthOptions): OrganiserService {
  const { networks } = options;
  const clock = options.clock ?? (() => new Date());
  const organisers = new OrganiserService(options.db, { now: clock });
  const limit = options.signInLimit ?? memoryLimit(clock);
  const consoleUrl = () => consoleUrlOf(options.publicUrl);
  const text = (req: FastifyRequest) => adminMessages(options.localeOf(req));
  const fail = (reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
    reply.code(status).header('cache-control', 'no-store').send({ error: { code, message, ...extra } });

  admin.addHook('onRoute', (route) => {
    const name = route.config?.adminRoute;
    const spec = name ? (ADMIN_ROUTES[name] as AdminRouteSpec) : undefined;
    const methods = [route.method].flat();
    const matches = spec && route.url === spec.path && methods.every((m) => m === spec.method || (m === 'HEAD' && spec.method === 'GET'));
    if (!matches) throw new Error(`${methods.join(',')} ${route.url}: declare every organiser route in ADMIN_ROUTES (src/core/admin-api.ts) and register it with adminRoute(name)`);
  });

  const authenticate = async (req: FastifyRequest): Promise<Caller | undefined> => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      // A wrong token is a 401 even next to a valid cookie: a script should learn its token is bad.
      const token = /^Bearer +(\S+)$/i.exec(auth)?.[1];
      if (!token) return undefined;
      if (options.adminTokenHash && matchesHash(token, options.adminTokenHash)) return { kind: 'installation-admin' };
      return organisers.byApiToken(token);
    }
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    return session ? organisers.bySession(session) : undefined;
  };

  const sameOrigin = (req: FastifyRequest): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
    try {
      const host = new URL(origin).host;
      return host === req.headers.host || host === new URL(consoleUrl()).host;
    } catch {
      return false;
    }
  };

  admin.addHook('onRequest', async (req, reply) => {
    const spec = specOf(req);
    // Unreachable while the onRoute guard holds; refused rather than open if it ever is not.
    if (!spec) return fail(reply, 403, 'forbidden', text(req).forbidden);
    if (spec.access === 'anyone') return;
    const guessing = req.headers.authorization !== undefined ? options.tokenGuesses : undefined;
    const tooMany = (waitMs: number) => fail(reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000)))), 429, 'rate-limited', text(req).tooManySignIns);
    const wait = await guessing?.blocked(req.ip);
    if (wait !== undefined) return tooMany(wait);
    const caller = await authenticate(req);
    if (!caller) {
      const waitAfter = await guessing?.failed(req.ip);
      if (waitAfter !== undefined) return tooMany(waitAfter);
      reply.header('www-authenticate', 'Bearer');
      return fail(reply, 401, 'unauthorized', text(req).unauthorized);
    }
    req.caller = caller;
    const viaCookie = caller.kind === 'organiser' && caller.via === 'session';
    if (viaCookie && req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req)) return fail(reply, 403, 'cross-site', text(req).crossSite);
    if (spec.sessionOnly && !viaCookie) return fail(reply, 403, 'session-required', text(req).sessionRequired);

    let networkId: string | undefined;
    const params = req.params as Record<string, string>;
    if (spec.access === 'network') networkId = params.networkId!;
    if (spec.access === 'registration') {
      const id = params.id ?? '';
      networkId = isUuid(id) ? await options.registrationNetwork(id) : undefined;
      if (!networkId) return fail(reply, 404, 'not-found', text(req).registrationNotFound);
    }
    if (networkId === undefined) return;
    const role = roleOf(caller, networkId);
    const needed = spec.role ?? 'owner';
    if (!roleAllows(role, needed)) return role ? fail(reply, 403, 'owner-required', text(req).ownerRequired) : fail(reply, 403, 'forbidden', text(req).forbidden);
    if (!networks.has(networkId)) return fail(reply, 404, 'not-found', text(req).networkNotFound);
    req.adminNetworkId = networkId;
  });

  // After authorisation, so that a stranger learns nothing from what is wrong with a body.
  admin.addHook('preValidation', async (req, reply) => {
    const spec = specOf(req);
    const check = (schema: z.ZodMiniType | undefined, input: unknown, assign: (v: unknown) => void) => {
      if (!schema) return true;
      const r = schema.safeParse(input);
      if (r.success) {
        assign(r.data);
        return true;
      }
      const locale = options.localeOf(req);
      void fail(reply, 422, 'invalid', text(req).invalid, { issues: toProblems(r.error.issues, schema, input).map((p) => ({ path: p.path, message: p.message[locale] })) });
      return false;
    };
    if (!check(spec?.body, req.body ?? {}, (v) => (req.body = v))) return reply;
    if (!check(spec?.query, req.query ?? {}, (v) => (req.query = v))) return reply;
  });

  const auditDetail: Partial<Record<AuditAction, (req: FastifyRequest, payload: unknown) => Record<string, unknown>>> = {
    accept: (_req, payload) => ({ status: (payload as { status?: string }).status }),
    reject: (_req, payload) => ({ status: (payload as { status?: string }).status }),
    'move-up': (_req, payload) => ({ status: (payload as { status?: string }).status }),
    attendance: (req) => ({ sessionId: (req.body as { sessionId: string }).sessionId, present: (req.body as { present: boolean }).present }),
  };

  admin.addHook('onSend', async (req, reply, payload) => {
    const spec = specOf(req);
    if (!spec?.audit || !req.caller || reply.statusCode >= 300) return payload;
    try {
      let body: unknown = {};
      if (typeof payload === 'string' && payload.startsWith('{')) body = JSON.parse(payload);
      const params = req.params as Record<string, string>;
      await organisers.audit({
        actor: req.caller,
        action: spec.audit,
        networkId: req.adminNetworkId ?? null,
        registrationId: spec.access === 'registration' ? params.id : null,
        detail: req.auditDetail ?? auditDetail[spec.audit]?.(req, body) ?? {},
      });
    } catch (error) {
      req.log.error({ code: (error as { code?: string }).code, action: spec.audit }, 'audit entry not written');
    }
    return payload;
  });

  const cookie = (req: FastifyRequest, value: string, maxAge?: number) => {
    // Secure except on localhost, where a developer runs plain http. Path: only the API needs it.
    const secure = !LOCALHOST.test(req.hostname) ? '; Secure' : '';
    return `${SESSION_COOKIE}=${value}; Path=/api/admin; HttpOnly; SameSite=Strict${secure}${maxAge !== undefined ? `; Max-Age=${maxAge}` : ''}`;
  };

  const sessionInfo = (caller: Caller): SessionInfo => sessionInfoOf(caller, networks);

  const R = ADMIN_ROUTES;

  admin.post(R.login.path, adminRoute('login'), async (req, reply) => {
    const body = req.body as LoginRequest;
    const { perAccount, perAddress } = SIGN_IN_LIMITS;
    if (!(await limit(`sign-in:address:${req.ip}`, perAddress.max, perAddress.windowMs))) return fail(reply, 429, 'rate-limited', text(req).tooManySignIns);
    // Over the limit for one account, the answer stays the same: nobody learns whether it exists.
    const email = body.email.toLowerCase();
    if (await limit(`sign-in:account:${sha256(email)}`, perAccount.max, perAccount.windowMs)) {
      if (await organisers.requestSignIn(email, body.locale ?? options.localeOf(req), consoleUrl())) options.onMailQueued?.();
    }
    return reply.code(202).header('cache-control', 'no-store').send();
  });

  admin.post(R.createSession.path, adminRoute('createSession'), async (req, reply) => {
    if (!(await limit(`session:address:${req.ip}`, 30, SIGN_IN_WINDOW_MS))) return fail(reply, 429, 'rate-limited', text(req).tooManySignIns);
    const r = await organisers.redeem((req.body as CreateSessionRequest).token);
    if (!r) return fail(reply, 401, 'link-invalid', text(req).linkInvalid);
    req.caller = r.caller;
    return reply.header('set-cookie', cookie(req, r.secret)).header('cache-control', 'no-store').send(sessionInfo(r.caller));
  });

  admin.get(R.getSession.path, adminRoute('getSession'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return sessionInfo(req.caller!);
  });

  admin.delete(R.deleteSession.path, adminRoute('deleteSession'), async (req, reply) => {
    const caller = req.caller!;
    if (caller.kind === 'organiser' && caller.sessionHash) await organisers.endSession(caller.sessionHash);
    return reply.code(204).header('set-cookie', cookie(req, '', 0)).send();
  });

  admin.delete(R.deleteAllSessions.path, adminRoute('deleteAllSessions'), async (req, reply) => {
    const caller = req.caller!;
    if (caller.kind === 'organiser') await organisers.endAllSessions(caller.organiser.id);
    return reply.code(204).header('set-cookie', cookie(req, '', 0)).send();
  });

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

  admin.get(R.listNetworks.path, adminRoute('listNetworks'), async (req, reply) => {
    const out: AdminNetworkSummary[] = [];
    for (const n of networks.values()) {
      const role = roleOf(req.caller!, n.id);
      if (role) out.push(summary(n, role, await options.counts(n.id), options.networkNow(n.id)));
    }
    reply.header('cache-control', 'no-store');
    return { networks: out };
  });

  admin.get(R.listOrganisers.path, adminRoute('listOrganisers'), async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { organisers: await organisers.networkOrganisers(req.adminNetworkId!) };
  });

  admin.put(R.putOrganiser.path, adminRoute('putOrganiser'), async (req, reply) => {
    const body = req.body as PutOrganiserRequest;
    const r = await organisers.setRole(req.adminNetworkId!, body.email, body.role, body.name ? { name: body.name } : {});
    if (!r.ok) return fail(reply, 409, 'last-owner', text(req).lastOwner);
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

  return organisers;
}

/** A network on the console's start page: its places, intakes, waiting list and next session. */
function summary(n: Network, role: NetworkAccess['role'], counts: Record<string, PlaceCounts>, now: Date): AdminNetworkSummary {
  const a = availabilityMap(n, counts, now);
  const next = n.sessions
    .filter((s) => s.status !== 'cancelled' && sessionStart(s) && sessionOverAt(s)!.getTime() > now.getTime())
    .sort((x, y) => sessionStart(x)!.getTime() - sessionStart(y)!.getTime())[0];
  const places = (registrationScope(n) === 'session' && next && a.sessions[next.id]) || a.network;
  const total = (k: keyof PlaceCounts) => Object.values(counts).reduce((sum, c) => sum + c[k], 0);
  return {
    ...access(n, role),
    state: places.state,
    places: { taken: places.taken, ...(places.capacity !== undefined && { capacity: places.capacity, left: places.placesLeft ?? 0 }) },
    pending: total('pending'),
    waiting: total('waitlisted'),
    ...(next && { nextSession: { id: next.id, title: next.title, start: sessionStart(next)!.toISOString(), ...(!next.start && { dateOnly: true }) } }),
  };
}
