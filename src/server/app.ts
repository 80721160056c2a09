/**
 * The reference registration server: the API of DESIGN.md on Fastify, over PGlite or PostgreSQL.
 * `buildServer` only composes: it builds the services, creates Fastify and registers the route
 * areas of `http/` (see http/reply.ts for what lives there).
 */
import { registerOrganiserCertificates, registerParticipantCertificate } from './http/certificates.js';
import { registerOrganiserFeedback } from './http/feedback.js';
import { registerFeedbackPage } from './http/feedback-page.js';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import { sessionTimeline, type Network } from '../core/index.js';
import type { Db } from './storage/db.js';
import { requestId } from './log.js';
import { RegistrationService } from './services/registration-service.js';
import { attempts, consume, TOKEN_GUESSES } from './storage/rate-limit.js';
import { installAdminAuth, consoleUrlOf, type AdminAuthOptions, type ConsumeLimit } from './http/organiser-auth.js';
import { registerConsole } from './http/console-page.js';
import { registerManagePage, manageUrlOf, publicBase } from './http/manage-page.js';
import { NetworkRegistry } from './services/networks.js';
import { registerNetworkRoutes } from './http/network-documents.js';
import { frameworkErrors, installErrorHandlers, localeOf, rateLimited, type RouteDeps } from './http/reply.js';
import { registerPublicNetworks } from './http/public-networks.js';
import { registerRegistrations } from './http/registrations.js';
import { registerOrganiserSession } from './http/organiser-session.js';
import { registerOrganiserRegistrations } from './http/organiser-registrations.js';
import { registerOrganiserChanges } from './http/organiser-changes.js';
import { registerOrganiserMessages } from './http/organiser-messages.js';
import { registerStaticFiles } from './http/static-files.js';

export interface ServerOptions {
  db: Db;
  networks: Map<string, Network>;
  secret: Buffer;
  /** SHA-256 (hex) of the installation-admin token (`LEERKRING_ADMIN_TOKEN`): may act on every network. */
  adminTokenHash?: string;
  /** The server's public origin, for the console link in sign-in e-mails (never taken from a request). */
  publicUrl?: string | (() => string);
  /**
   * Whether the organiser session cookie is Secure. By default: when `publicUrl` is an address
   * (https: yes, http: no); otherwise only when the request's Host is not localhost.
   */
  secureCookie?: boolean;
  /** Limits sign-in attempts; counted in the database by default (see ConsumeLimit in admin-auth.ts). */
  signInLimit?: ConsumeLimit;
  /** The clock for sign-in links and organiser sessions; the real time by default. */
  authClock?: () => Date;
  /** Origins allowed to call the API from the browser (CORS). The server's own origin always works. */
  origins?: string[];
  /**
   * Manage link for e-mails; `{token}` is replaced. Without it the links point to the manage
   * page this server serves itself (`/aanmelding`), so every e-mail's link works.
   */
  manageUrl?: string;
  /** Serve the demo pages and the bundle from this package folder. */
  staticRoot?: string;
  /** Content-Security-Policy for the pages it serves; the strict policy by default. */
  csp?: string;
  /**
   * Registrations (and manage calls) per client address per minute, counted in the database so
   * that every process shares the budget; 0 turns rate limiting off (load tests).
   */
  rateLimitPerMinute?: number;
  /**
   * Believe X-Forwarded-For from these proxies: their addresses or ranges ("10.0.0.2",
   * "10.0.0.0/8", "loopback"), as Fastify's `trustProxy`. Off by default: every request then
   * counts against the address that connected, and a client cannot give itself another.
   */
  trustProxy?: boolean | string | string[];
  /**
   * Milliseconds that must pass between handing out a form token and a registration carrying
   * it (3000 by default): a person needs time to fill in a form. 0 accepts a fresh token; a
   * registration without a valid token is refused either way.
   */
  minFillMs?: number;
  bodyLimit?: number;
  /** The clock, per network; the real time by default. */
  now?: (networkId: string) => Date;
  /** The wall clock for form tokens, whatever a network's clock says; the real time by default. */
  clock?: () => Date;
  /** Request logging: true for stdout, or a stream to write the JSON lines to; `level` is pino's ('info' by default). */
  logger?: boolean | { stream?: NodeJS.WritableStream; level?: string };
  /** Where the mailer writes .eml files, so that erasing a registration removes its files too. */
  outboxDir?: string;
  /** Called after a transaction queued e-mail, to deliver it soon. */
  onMailQueued?: () => void;
}

/**
 * The policy a strict government site uses; the demo is served under it. The elements need no
 * more than this: Trusted Types policy names "lit-html" (Lit's templates) and "leerkring"
 * (the JSON-LD for search engines).
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; require-trusted-types-for 'script'; trusted-types lit-html leerkring";

/** The networks, the registration service over them, and what saving a revision tells people. */
async function buildServices(options: ServerOptions): Promise<{ networks: NetworkRegistry; store: RegistrationService }> {
  const { db } = options;
  // The networks live in the database with their revisions; networks given in code are imported
  // there like a `--networks` folder (a new revision only for what changed).
  const networks =
    options.networks instanceof NetworkRegistry ? options.networks : await NetworkRegistry.over(db, options.networks);
  const store = new RegistrationService(db, networks, {
    secret: options.secret,
    manageUrl: (token: string) => (options.manageUrl ? options.manageUrl.replace('{token}', encodeURIComponent(token)) : manageUrlOf(options.publicUrl, token)),
    ...(options.now && { now: options.now }),
    ...(options.outboxDir && { outboxDir: options.outboxDir }),
    consoleUrl: () => consoleUrlOf(options.publicUrl),
    publicUrl: (path: string) => `${publicBase(options.publicUrl)}${path}`,
    timeline: (network, q) => networks.timeline(network, q),
  });
  // What a saved revision changes reaches the people concerned, in the revision's transaction.
  networks.onRevision(async (tx, change) => {
    if (!change.before) return;
    await store.tellRevision(tx, change.before, change.after, sessionTimeline(await networks.history(change.after.id, tx)), change.revision);
  });
  if (!(options.networks instanceof NetworkRegistry)) await networks.importDocuments([...options.networks.values()].map((n) => ({ network: n, raw: n })));
  return { networks, store };
}

/** Fastify's options: body limit, request ids, the framework's errors in the API's shape, and a log without URLs. */
function fastifyOptions(options: ServerOptions): FastifyServerOptions {
  return {
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    bodyLimit: options.bodyLimit ?? 16 * 1024,
    genReqId: requestId,
    // A URL Fastify cannot route (a bad escape, an id longer than any real one) gets the API's
    // error shape like any other bad request, and its path, which may hold a token, is not echoed.
    frameworkErrors,
    // Log the route, never the URL: a manage token is personal, and so is anything in a body.
    logger: options.logger
      ? {
          ...(typeof options.logger === 'object' && options.logger.stream && { stream: options.logger.stream }),
          ...(typeof options.logger === 'object' && options.logger.level && { level: options.logger.level }),
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
  };
}

/** The session cookie's Secure flag: as configured, else by a public address given as text. */
function secureCookieOf(options: ServerOptions): { secureCookie?: boolean } {
  if (options.secureCookie !== undefined) return { secureCookie: options.secureCookie };
  return typeof options.publicUrl === 'string' ? { secureCookie: /^https:\/\//i.test(options.publicUrl) } : {};
}

/** What the organiser guard is given: who may, the clocks, and the sign-in and token-guess limits in the database. */
function adminAuthOptions(options: ServerOptions, deps: RouteDeps): AdminAuthOptions {
  const { db, store, networks, now, clock, perMinute } = deps;
  return {
    db,
    networks,
    ...(options.adminTokenHash && { adminTokenHash: options.adminTokenHash }),
    registrationNetwork: async (id) => (await store.byId(id))?.network_id,
    counts: (id) => store.counts(id),
    networkNow: now,
    localeOf,
    ...(options.publicUrl && { publicUrl: options.publicUrl }),
    ...secureCookieOf(options),
    ...(options.authClock && { clock: options.authClock }),
    // Sign-in attempts are counted in the database, so every process shares one budget.
    signInLimit: options.signInLimit ?? ((key, max, windowMs) => consume(db, key, max, windowMs, clock())),
    // Wrong bearer tokens count against the address, on a budget of their own: guessing tokens
    // never blocks the address's sign-in requests, nor (see AdminAuthOptions) its right tokens.
    ...(perMinute > 0 && {
      tokenGuesses: {
        blocked: async (address: string) => {
          const { max, windowMs } = TOKEN_GUESSES;
          return (await attempts(db, `token-guess:address:${address}`, windowMs, clock())) >= max ? windowMs - (clock() % windowMs) : undefined;
        },
        failed: async (address: string) => {
          const { max, windowMs } = TOKEN_GUESSES;
          const r = await consume(db, `token-guess:address:${address}`, max, windowMs, clock());
          return r.allowed ? undefined : r.retryAfterMs;
        },
      },
    }),
    ...(options.onMailQueued && { onMailQueued: options.onMailQueued }),
  };
}

export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; store: RegistrationService }> {
  const { db } = options;
  const { networks, store } = await buildServices(options);
  const now = (networkId: string) => options.now?.(networkId) ?? new Date();
  const clock = () => (options.clock?.() ?? new Date()).getTime();

  const app = Fastify(fastifyOptions(options));

  const origins = new Set(options.origins ?? []);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || origins.has(origin)),
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['content-type', 'idempotency-key', 'authorization', 'accept'],
    maxAge: 600,
  });
  const perMinute = options.rateLimitPerMinute ?? 30;
  const limited = rateLimited(app, db, perMinute, clock);
  installErrorHandlers(app);

  const deps: RouteDeps = { db, store, networks, now, clock, perMinute, limited, mailQueued: () => options.onMailQueued?.() };
  registerPublicNetworks(app, deps, options.secret);
  registerRegistrations(app, deps, { secret: options.secret, ...(options.minFillMs !== undefined && { minFillMs: options.minFillMs }) });
  registerParticipantCertificate(app, deps);

  // Organisers: every route checks who calls and that they may act on its network (organiser-auth.ts).
  app.register(async (admin) => {
    const authOptions = adminAuthOptions(options, deps);
    const organisers = installAdminAuth(admin, authOptions);
    registerOrganiserSession(admin, organisers, authOptions);
    registerNetworkRoutes(admin, { networks, organisers, localeOf, preview: (before, after) => store.previewRevision(before, after), ...(options.onMailQueued && { onMailQueued: options.onMailQueued }) });
    registerOrganiserRegistrations(admin, deps);
    registerOrganiserChanges(admin, deps);
    registerOrganiserMessages(admin, deps);
    registerOrganiserCertificates(admin, deps);
    registerOrganiserFeedback(admin, deps);
  });

  registerConsole(app, { csp: options.csp ?? STRICT_CSP });
  registerManagePage(app, { csp: options.csp ?? STRICT_CSP });
  registerFeedbackPage(app, deps, { csp: options.csp ?? STRICT_CSP });

  if (options.staticRoot) registerStaticFiles(app, { staticRoot: options.staticRoot, csp: options.csp ?? STRICT_CSP });

  return { app, store };
}
