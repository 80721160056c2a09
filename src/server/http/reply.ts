/**
 * The HTTP layer of the reference server: the routes by area, each a `register…(app, deps)`
 * function in its own file here (public networks and feeds, registration and manage, organiser
 * auth guard and session routes, organiser registrations and messages, network documents, the
 * console, the manage page and the static demo files), and this file's shared helpers: the
 * error reply shape, the request's language, the registration view, the rate-limit route option
 * and the error and not-found handlers. Routes map HTTP to a service with one method per use
 * case and decide the status codes. Files here may import services, storage types, mail types
 * and core; only `app.ts` (which composes the server) imports them, and nothing in services/ or
 * storage/ imports http.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { toLocale, type Locale, type Network } from '../../core/index.js';
import { isPublic } from '../../core/public-network.js';
import { isConnectionFailure, type Db } from '../storage/db.js';
import { errorFacts } from '../log.js';
import { consume, sweepRateLimits } from '../storage/rate-limit.js';
import type { RegistrationService, RegistrationRow } from '../services/registration-service.js';
import type { NetworkRegistry } from '../services/networks.js';

/** What `buildServer` gives the public route areas. */
export interface RouteDeps {
  db: Db;
  store: RegistrationService;
  networks: NetworkRegistry;
  /** The clock, per network. */
  now: (networkId: string) => Date;
  /** The wall clock in milliseconds, for form tokens and rate limits. */
  clock: () => number;
  /** Registrations (and manage calls) per client address per minute; 0 is no limit. */
  perMinute: number;
  /** The rate-limit route option (see `rateLimited`). */
  limited: RouteShorthandOptions;
  /** Called after a transaction queued e-mail, to deliver it soon. */
  mailQueued: () => void;
}

/** Seconds a caller is asked to wait when the database is briefly away. */
const RETRY_AFTER_SECONDS = 3;

export function error(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error: { code, message, ...extra } });
}

/** The error shape with `cache-control: no-store`, as the organiser API answers. */
export function fail(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message, ...extra } });
}

/**
 * The language asked for: `?lang=` (the first, when given twice), else the first language of
 * Accept-Language. Read from the address itself: Fastify could not route every request, and
 * admin routes replace the query with what their contract schema keeps, which has no `lang`.
 */
export function localeOf(req: FastifyRequest): Locale {
  const at = req.url.indexOf('?');
  const lang = at < 0 ? null : new URLSearchParams(req.url.slice(at + 1)).get('lang');
  return toLocale(lang ?? req.headers['accept-language']?.split(',')[0]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A registration id from the path, or undefined when it cannot be one (the database would refuse it as a uuid). */
export function registrationIdParam(req: FastifyRequest): string | undefined {
  const id = (req.params as { id?: unknown }).id;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : undefined;
}

/** Statuses a participant can still cancel. */
const CANCELLABLE: readonly string[] = ['confirmed', 'waitlisted', 'pending'];

/**
 * A registration as the API shows it. One shape for every row (issue 27: the whole organiser
 * list builds 50,000 of them): what a row does not have is undefined, which JSON leaves out, so
 * the text is the same as with the keys left out, without an object of another shape per row.
 */
export function view(row: Pick<RegistrationRow, 'id' | 'network_id' | 'session_id' | 'status' | 'participant' | 'created_at' | 'places'>, position: number | undefined) {
  let places: RegistrationRow['places'] | undefined;
  // Inside a series: the place per session with places of its own (core's session-places.ts).
  for (const _ in row.places ?? {}) {
    places = row.places;
    break;
  }
  return {
    id: row.id,
    networkId: row.network_id,
    sessionId: row.session_id || undefined,
    status: row.status,
    position,
    participant: row.participant,
    createdAt: new Date(row.created_at).toISOString(),
    canCancel: CANCELLABLE.includes(row.status),
    places,
  };
}

/** Whether an If-None-Match header (`*`, or a list of strong or weak validators) names `etag`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((v) => {
    const tag = v.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** The network of the path's `:networkId`, or undefined after a 404. */
/** The path's network for an organiser route (drafts included: the guard has checked the role), or undefined after a 404. */
export function networkOf(networks: NetworkRegistry, req: FastifyRequest, reply: FastifyReply): Network | undefined {
  const n = networks.get((req.params as { networkId: string }).networkId);
  if (!n) void error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'Unknown network.' : 'Onbekend netwerk.');
  return n;
}

/** The path's network for a public route: a draft is its organisers' only, so to the public it does not exist (the same 404). */
export function publicNetworkOf(networks: NetworkRegistry, req: FastifyRequest, reply: FastifyReply): Network | undefined {
  const n = networks.get((req.params as { networkId: string }).networkId);
  if (n && isPublic(n)) return n;
  // A draft answers as an unknown id does.
  void error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'Unknown network.' : 'Onbekend netwerk.');
  return undefined;
}

/**
 * A URL Fastify cannot route (a bad escape, an id longer than any real one) gets the API's
 * error shape like any other bad request, and its path, which may hold a token, is not echoed.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const en = localeOf(req) === 'en';
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return error(reply, 404, 'not-found', en ? 'This address does not exist.' : 'Dit adres bestaat niet.');
  return error(reply, 400, 'bad-request', en ? 'The request could not be read.' : 'Het verzoek kon niet worden gelezen.');
}

/**
 * The route option that limits a route to `perMinute` calls per client address, counted in the
 * database (one budget per route and client address), and the sweeper of old counts; `{}` when
 * `perMinute` is 0.
 */
export function rateLimited(app: FastifyInstance, db: Db, perMinute: number, clock: () => number): RouteShorthandOptions {
  const tooMany = (reply: FastifyReply, retryAfterMs: number) => {
    reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    throw Object.assign(new Error('rate limited'), { statusCode: 429 });
  };
  // One budget per route and client address.
  const limited: RouteShorthandOptions =
    perMinute > 0
      ? {
          onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
            const r = await consume(db, `api:${req.routeOptions.url}:${req.ip}`, perMinute, 60000, clock());
            if (!r.allowed) tooMany(reply, r.retryAfterMs);
          },
        }
      : {};
  if (perMinute > 0) {
    let sweeper: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      sweeper = setInterval(() => void sweepRateLimits(db, clock()).catch(() => {}), 60000);
      sweeper.unref();
    });
    app.addHook('onClose', async () => clearInterval(sweeper));
  }
  return limited;
}

/** The answers for errors (the API's shape, a request id for every 5xx) and for unknown addresses. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const e = err as { statusCode?: number; code?: string; message: string };
    const locale = localeOf(req);
    if (e.statusCode === 413) return error(reply, 413, 'too-large', locale === 'en' ? 'The request is too large.' : 'Het verzoek is te groot.');
    if (e.statusCode === 429) return error(reply, 429, 'rate-limited', locale === 'en' ? 'Too many requests; try again in a minute.' : 'Te veel verzoeken; probeer het over een minuut opnieuw.');
    if (e.statusCode && e.statusCode < 500) return error(reply, e.statusCode, 'bad-request', locale === 'en' ? 'The request could not be read.' : 'Het verzoek kon niet worden gelezen.');
    // Every 5xx leaves a line with the request id, which the caller gets too, so support can find it.
    const unavailable = isConnectionFailure(err);
    const status = unavailable ? 503 : 500;
    req.log.error({ status, method: req.method, route: req.routeOptions?.url ?? 'unmatched', error: errorFacts(err) }, unavailable ? 'database unavailable' : 'request failed');
    reply.header('x-request-id', req.id);
    if (unavailable) {
      // The database is restarting or unreachable: nothing is wrong with the request, so say when to try again.
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return error(reply, 503, 'unavailable', locale === 'en' ? 'We cannot take requests for a moment; try again in a few seconds.' : 'We kunnen even geen verzoeken aannemen; probeer het over een paar seconden opnieuw.', { requestId: req.id });
    }
    return error(reply, 500, 'internal', locale === 'en' ? 'Something went wrong on our side; try again.' : 'Er ging bij ons iets mis; probeer het opnieuw.', { requestId: req.id });
  });

  app.setNotFoundHandler((req, reply) => error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'This address does not exist.' : 'Dit adres bestaat niet.'));
}
