/**
 * Who may use the organiser API: the guard every organiser route passes (the routes for signing
 * in, tokens, roles and the audit log are in organiser-session.ts).
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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ADMIN_ROUTES,
  adminMessages,
  roleAllows,
  toProblems,
  type AdminRouteName,
  type AdminRouteSpec,
  type AuditAction,
  type Locale,
  type Network,
  type NetworkAccess,
  type PlaceCounts,
  type SessionInfo,
} from '../../core/index.js';
import type * as z from 'zod/mini';
import type { Db } from '../storage/db.js';
import { OrganiserService, isUuid, roleOf, type Caller } from '../services/organisers.js';
import { matchesHash } from '../tokens.js';
import { fail } from './reply.js';

/**
 * Counts one attempt against `key` and says whether it is still allowed (at most `max` per
 * `windowMs`) and, when it is not, how long until it is.
 *
 * `buildServer` passes the database-backed limiter (`consume()` in `rate-limit.ts`, shared by
 * every process on one database); `memoryLimit()` is for tests that move the clock and for
 * callers of `installAdminAuth` without one.
 */
export type ConsumeLimit = (key: string, max: number, windowMs: number) => Promise<{ allowed: boolean; retryAfterMs: number }>;

/** Fixed windows in memory, for one process. */
export function memoryLimit(now: () => Date = () => new Date()): ConsumeLimit {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (key, max, windowMs) => {
    const t = now().getTime();
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
    let w = windows.get(key);
    if (!w || w.resetAt <= t) windows.set(key, (w = { count: 0, resetAt: t + windowMs }));
    w.count++;
    return { allowed: w.count <= max, retryAfterMs: w.resetAt - t };
  };
}

/** The Retry-After header's value: whole seconds, at least one. */
export const retryAfter = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

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
  /**
   * Whether the session cookie is `Secure`: decided by the configured public address (https),
   * never by the Host header, which a reverse proxy may set to localhost. Undefined (no public
   * address configured: local development, the demo) keeps it off for a localhost Host only.
   */
  secureCookie?: boolean;
  /** The clock for sign-in links and sessions. */
  clock?: () => Date;
  signInLimit?: ConsumeLimit;
  /**
   * Bearer tokens that turn out wrong count against the caller's address, apart from its
   * sign-in requests. `blocked` answers how long the address must still wait (undefined: it may
   * try); `failed` counts one wrong token and answers the same. While an address waits, its
   * wrong tokens get 429 and the installation admin's token is not tried (a person may have
   * chosen it, so guessing it must stay slow); a personal token or session cookie is still
   * looked up, so that colleagues behind one NAT or proxy keep working: those are 32 random
   * bytes, which no number of guesses finds.
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
    /** The registration a network route made (an organiser's add), for its audit entry. */
    auditRegistrationId?: string;
    /** The request changed nothing (a preview): no audit entry. */
    auditSkip?: boolean;
  }
}

/**
 * Route options that tie a route to its entry in the contract; every admin route needs them. A
 * route whose contract sets a body limit (a whole network document) gets it; the others keep
 * the server's.
 */
export function adminRoute(name: AdminRouteName): { config: { adminRoute: AdminRouteName }; bodyLimit?: number } {
  const spec: AdminRouteSpec = ADMIN_ROUTES[name];
  return { config: { adminRoute: name }, ...(spec.bodyLimit !== undefined && { bodyLimit: spec.bodyLimit }) };
}

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


export function access(network: Network, role: NetworkAccess['role']): NetworkAccess {
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
 * context that serves `/api/admin/`. Call it first in that context, before its routes are added
 * (the routes about organisers themselves: `registerOrganiserSession` in organiser-session.ts).
 */
export function installAdminAuth(admin: FastifyInstance, options: AdminAuthOptions): OrganiserService {
  const clock = options.clock ?? (() => new Date());
  const organisers = new OrganiserService(options.db, { now: clock });
  installContractGuard(admin);
  installCallerCheck(admin, organisers, options);
  installValidation(admin, options);
  installAudit(admin, organisers);
  return organisers;
}

/** Every route of the context must be declared in the contract and registered with `adminRoute(name)`. */
function installContractGuard(admin: FastifyInstance): void {
  admin.addHook('onRoute', (route) => {
    const name = route.config?.adminRoute;
    const spec = name ? (ADMIN_ROUTES[name] as AdminRouteSpec) : undefined;
    const methods = [route.method].flat();
    const matches = spec && route.url === spec.path && methods.every((m) => m === spec.method || (m === 'HEAD' && spec.method === 'GET'));
    if (!matches) throw new Error(`${methods.join(',')} ${route.url}: declare every organiser route in ADMIN_ROUTES (src/core/admin-api.ts) and register it with adminRoute(name)`);
  });
}

/** Who is calling, whether a cookie's request comes from the console, and their role on the route's network. */
function installCallerCheck(admin: FastifyInstance, organisers: OrganiserService, options: AdminAuthOptions): void {
  const { networks } = options;
  const text = (req: FastifyRequest) => adminMessages(options.localeOf(req));
  const authenticate = callerOf(organisers, options);
  const sameOrigin = sameOriginOf(options);

  admin.addHook('onRequest', async (req, reply) => {
    const spec = specOf(req);
    // Unreachable while the onRoute guard holds; refused rather than open if it ever is not.
    if (!spec) return fail(reply, 403, 'forbidden', text(req).forbidden);
    if (spec.access === 'anyone') return;
    const guessing = req.headers.authorization !== undefined ? options.tokenGuesses : undefined;
    const tooMany = (waitMs: number) => fail(reply.header('retry-after', retryAfter(waitMs)), 429, 'rate-limited', text(req).tooManySignIns);
    const wait = await guessing?.blocked(req.ip);
    const caller = await authenticate(req, { adminToken: wait === undefined });
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
}

/** The caller of a request: a bearer token (personal or the installation admin's) or a session cookie. */
function callerOf(organisers: OrganiserService, options: AdminAuthOptions) {
  return async (req: FastifyRequest, tries: { adminToken: boolean }): Promise<Caller | undefined> => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      // A wrong token is a 401 even next to a valid cookie: a script should learn its token is bad.
      const token = /^Bearer +(\S+)$/i.exec(auth)?.[1];
      if (!token) return undefined;
      if (tries.adminToken && options.adminTokenHash && matchesHash(token, options.adminTokenHash)) return { kind: 'installation-admin' };
      return organisers.byApiToken(token);
    }
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    return session ? organisers.bySession(session) : undefined;
  };
}

/** Whether a request comes from the console's own origin (or is JSON, which a form cannot send). */
function sameOriginOf(options: AdminAuthOptions) {
  const consoleUrl = () => consoleUrlOf(options.publicUrl);
  return (req: FastifyRequest): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
    try {
      const host = new URL(origin).host;
      return host === req.headers.host || host === new URL(consoleUrl()).host;
    } catch {
      return false;
    }
  };
}

function installValidation(admin: FastifyInstance, options: AdminAuthOptions): void {
  const text = (req: FastifyRequest) => adminMessages(options.localeOf(req));
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
}

const auditDetail: Partial<Record<AuditAction, (req: FastifyRequest, payload: unknown) => Record<string, unknown>>> = {
  accept: (_req, payload) => ({ status: (payload as { status?: string }).status }),
  reject: (_req, payload) => ({ status: (payload as { status?: string }).status }),
  'move-up': (_req, payload) => ({ status: (payload as { status?: string }).status }),
  attendance: (req) => ({ sessionId: (req.body as { sessionId: string }).sessionId, present: (req.body as { present: boolean }).present }),
};

/** After a successful action, the audit log gets its entry (what the route put in `req.auditDetail`). */
function installAudit(admin: FastifyInstance, organisers: OrganiserService): void {
  admin.addHook('onSend', async (req, reply, payload) => {
    const spec = specOf(req);
    if (!spec?.audit || !req.caller || reply.statusCode >= 300 || req.auditSkip) return payload;
    try {
      let body: unknown = {};
      if (typeof payload === 'string' && payload.startsWith('{')) body = JSON.parse(payload);
      const params = req.params as Record<string, string>;
      await organisers.audit({
        actor: req.caller,
        action: spec.audit,
        networkId: req.adminNetworkId ?? null,
        registrationId: spec.access === 'registration' ? params.id : (req.auditRegistrationId ?? null),
        detail: req.auditDetail ?? auditDetail[spec.audit]?.(req, body) ?? {},
      });
    } catch (error) {
      req.log.error({ code: (error as { code?: string }).code, action: spec.audit }, 'audit entry not written');
    }
    return payload;
  });
}
