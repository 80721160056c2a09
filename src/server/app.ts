/**
 * The reference registration server: the API of DESIGN.md on Fastify, over PGlite or PostgreSQL.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteShorthandOptions } from 'fastify';
import cors from '@fastify/cors';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import {
  availabilityMap,
  networkCalendar,
  sessionTimeline,
  publicNetwork,
  messages,
  formMessages,
  toLocale,
  emailAddress,
  reasonText,
  manageActions,
  cancelClosedText,
  freeText,
  isStorable,
  type Locale,
  type Network,
  type PlaceCounts,
  ADMIN_ROUTES,
  registrationsTable,
  exportFileName,
  adminMessages,
  type NoteRequest,
  type RemoveRequest,
  type MessageRequest,
  type NotifyRequest,
  type AdminRegistration,
} from '../core/index.js';
import { isConnectionFailure, type Db } from './storage/db.js';
import { errorFacts, requestId } from './log.js';
import { RegistrationService, type RegistrationRow } from './services/registration-service.js';
import { toCsv } from './http/csv.js';
import { formToken, checkFormToken } from './tokens.js';
import { attempts, consume, sweepRateLimits, SIGN_IN_LIMITS } from './storage/rate-limit.js';
import { installAdminAuth, adminRoute, consoleUrlOf, sessionInfoOf, type ConsumeLimit } from './http/organiser-auth.js';
import { registerConsole } from './http/console-page.js';
import { registerManagePage, manageUrlOf, publicBase } from './http/manage-page.js';
import { NetworkRegistry } from './services/networks.js';
import { registerNetworkRoutes } from './http/network-documents.js';
import { networkSummary } from '../core/network-summary.js';

export interface ServerOptions {
  db: Db;
  networks: Map<string, Network>;
  secret: Buffer;
  /** SHA-256 (hex) of the installation-admin token (`LEERKRING_ADMIN_TOKEN`): may act on every network. */
  adminTokenHash?: string;
  /** The server's public origin, for the console link in sign-in e-mails (never taken from a request). */
  publicUrl?: string | (() => string);
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

/** A form left open longer than this is sent again with a new token. */
const FORM_TOKEN_MAX_AGE_MS = 24 * 3600000;

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** Seconds a caller is asked to wait when the database is briefly away. */
const RETRY_AFTER_SECONDS = 3;

/**
 * What the demo pages need, and nothing else: the package folder also holds the sources, the
 * configuration and, when the server runs from it, the database folder (whose write-ahead log
 * holds the manage-token secret and personal data).
 */
const STATIC_ALLOWED = [
  /^\/demo\/[a-z0-9][a-z0-9-]*\.(html|js|css|svg)$/,
  /^\/demo\/data\/[a-z0-9][a-z0-9-]*\.json$/,
  /^\/dist\/leerkring(-[A-Za-z0-9_-]+)?\.js(\.map)?$/,
  /^\/dist\/integrity\.json$/,
  /^\/schema\/network\.schema\.json$/,
];

/**
 * The file a request path stands for, or undefined. The path is decoded exactly once; anything
 * still encoded after that (double encoding), a backslash, a NUL or a dot segment is refused
 * before the allow-list is consulted, and the resolved file must still lie inside the root.
 */
function staticFile(root: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(url.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (/[%\\\0]/.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  if (path === '/' || path === '/demo/') path = '/demo/index.html';
  if (!STATIC_ALLOWED.some((pattern) => pattern.test(path))) return undefined;
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : undefined;
}

function error(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error: { code, message, ...extra } });
}

/**
 * The language asked for: `?lang=` (the first, when given twice), else the first language of
 * Accept-Language. Read from the address itself: Fastify could not route every request, and
 * admin routes replace the query with what their contract schema keeps, which has no `lang`.
 */
function localeOf(req: FastifyRequest): Locale {
  const at = req.url.indexOf('?');
  const lang = at < 0 ? null : new URLSearchParams(req.url.slice(at + 1)).get('lang');
  return toLocale(lang ?? req.headers['accept-language']?.split(',')[0]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A registration id from the path, or undefined when it cannot be one (the database would refuse it as a uuid). */
function registrationIdParam(req: FastifyRequest): string | undefined {
  const id = (req.params as { id?: unknown }).id;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : undefined;
}

function view(row: RegistrationRow, position: number | undefined) {
  return {
    id: row.id,
    networkId: row.network_id,
    ...(row.session_id && { sessionId: row.session_id }),
    status: row.status,
    ...(position !== undefined && { position }),
    participant: row.participant,
    createdAt: new Date(row.created_at).toISOString(),
    canCancel: ['confirmed', 'waitlisted', 'pending'].includes(row.status),
  };
}

/** Whether an If-None-Match header (`*`, or a list of strong or weak validators) names `etag`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((v) => {
    const tag = v.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; store: RegistrationService }> {
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
    await store.tellRevision(tx, change.before, change.after, sessionTimeline(await networks.history(change.after.id, tx)));
  });
  if (!(options.networks instanceof NetworkRegistry)) await networks.importDocuments([...options.networks.values()].map((n) => ({ network: n, raw: n })));
  const now = (networkId: string) => options.now?.(networkId) ?? new Date();
  const clock = () => (options.clock?.() ?? new Date()).getTime();
  const formLimits = { minAgeMs: options.minFillMs ?? 3000, maxAgeMs: FORM_TOKEN_MAX_AGE_MS };

  const app = Fastify({
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    bodyLimit: options.bodyLimit ?? 16 * 1024,
    genReqId: requestId,
    // A URL Fastify cannot route (a bad escape, an id longer than any real one) gets the API's
    // error shape like any other bad request, and its path, which may hold a token, is not echoed.
    frameworkErrors: (err, req, reply) => {
      const en = localeOf(req) === 'en';
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return error(reply, 404, 'not-found', en ? 'This address does not exist.' : 'Dit adres bestaat niet.');
      return error(reply, 400, 'bad-request', en ? 'The request could not be read.' : 'Het verzoek kon niet worden gelezen.');
    },
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
  });

  const origins = new Set(options.origins ?? []);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || origins.has(origin)),
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['content-type', 'idempotency-key', 'authorization', 'accept'],
    maxAge: 600,
  });
  const perMinute = options.rateLimitPerMinute ?? 30;
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

  const network = (req: FastifyRequest, reply: FastifyReply): Network | undefined => {
    const n = networks.get((req.params as { networkId: string }).networkId);
    if (!n) void error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'Unknown network.' : 'Onbekend netwerk.');
    return n;
  };

  app.get('/api/networks', async () => {
    const out = [];
    for (const n of networks.values()) {
      const a = availabilityMap(n, await store.counts(n.id), now(n.id));
      // Kind, audience, themes and the next session too, so a catalogue needs no document per network.
      out.push(networkSummary(n, a.network, now(n.id)));
    }
    return { networks: out };
  });

  // The public document, as JSON text, made once per Network object: a document is not changed
  // in place (a new revision is a new object), so the cache never needs to be told.
  const publicJson = new WeakMap<Network, string>();
  const publicDocument = (n: Network) => {
    let text = publicJson.get(n);
    if (text === undefined) publicJson.set(n, (text = JSON.stringify(publicNetwork(n))));
    return text;
  };

  // Availability as JSON text, per Network object, for the counts and the second it was made
  // in: a network of 1,000 sessions costs milliseconds to work out and write, and a busy page
  // asks for it many times a second with the same counts. A change of counts is seen at once;
  // a deadline passing, within the second (registrations are decided on their own clock).
  const availabilityJson = new WeakMap<Network, { counts: string; second: number; text: string }>();
  const availabilityText = (n: Network, counts: Record<string, PlaceCounts>) => {
    let key = '';
    for (const target in counts) {
      const c = counts[target]!;
      key += `${target}\u0000${c.confirmed},${c.pending},${c.waitlisted}\n`;
    }
    const at = now(n.id);
    const second = Math.floor(at.getTime() / 1000);
    const kept = availabilityJson.get(n);
    if (kept && kept.counts === key && kept.second === second) return kept.text;
    const text = JSON.stringify(availabilityMap(n, counts, at));
    availabilityJson.set(n, { counts: key, second, text });
    return text;
  };

  // The whole answer as bytes with a strong ETag, made again only when the availability text
  // changes (it is the same string while counts and second are): a busy page's reads cost no
  // concatenation, encoding or hashing, and a client that has it gets a 304.
  const documentBodies = new WeakMap<Network, { availability: string; body: Buffer; etag: string }>();
  app.get('/api/networks/:networkId', async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    // The kept counts, never a recount: the cost does not grow with the registrations stored.
    const availability = availabilityText(n, await store.counts(n.id));
    let kept = documentBodies.get(n);
    if (kept?.availability !== availability) {
      const body = Buffer.from(`{"network":${publicDocument(n)},"availability":${availability}}`);
      kept = { availability, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      documentBodies.set(n, kept);
    }
    reply.header('etag', kept.etag);
    if (req.headers['if-none-match'] === kept.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(kept.body);
  });

  // The feed is the same for as long as the document is: make it once per Network object and
  // language, then answer from memory.
  const feeds = new WeakMap<Network, Map<string, { body: string; etag: string }>>();
  app.get('/api/networks/:networkId/calendar.ics', async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    const locale = localeOf(req);
    let byLocale = feeds.get(n);
    if (!byLocale) feeds.set(n, (byLocale = new Map()));
    let feed = byLocale.get(locale);
    if (!feed) {
      const body = networkCalendar(publicNetwork(n), { locale, timeline: await networks.timeline(n) });
      feed = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      byLocale.set(locale, feed);
    }
    // Kept, but asked again every time: a save shows at the next read, and the answer while
    // nothing changed is a 304 from memory. The ETag is the content's hash, so a revision that
    // changes nothing in the feed keeps the calendars' copies.
    reply.header('etag', feed.etag).header('cache-control', 'public, no-cache');
    if (matchesEtag(req.headers['if-none-match'], feed.etag)) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${n.id}.ics"`).send(feed.body);
  });

  // The form asks for this when it is shown; the registration brings it back (see tokens.ts).
  app.get('/api/networks/:networkId/form-token', async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    reply.header('cache-control', 'no-store');
    return { formToken: formToken(options.secret, n.id, clock()) };
  });

  app.post('/api/networks/:networkId/registrations', limited, async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    const body = req.body as { locale?: unknown; formToken?: unknown } | null | undefined;
    const locale = typeof body?.locale === 'string' ? toLocale(body.locale) : localeOf(req);
    if (n.registration.mode !== 'built-in') return error(reply, 409, 'not-built-in', formMessages(locale).reason['not-built-in']);
    if (checkFormToken(options.secret, body?.formToken, n.id, clock(), formLimits) !== 'ok') {
      return error(reply, 422, 'spam', formMessages(locale).signup.errorSummary, { issues: [{ path: '', message: formMessages(locale).form.error.spam }] });
    }
    const key = req.headers['idempotency-key'];
    const r = await store.register(n, req.body, typeof key === 'string' && key ? key : undefined);
    options.onMailQueued?.();
    if (r.kind === 'invalid') {
      const spam = r.problems.some((p) => p.code === 'spam');
      return error(reply, 422, spam ? 'spam' : 'invalid', formMessages(locale).signup.errorSummary, {
        issues: r.problems.map((p) => ({ path: p.path, message: p.message[locale] })),
      });
    }
    if (r.kind === 'rejected') return error(reply, r.conflict ? 409 : 422, r.reasons[0]!.code, r.message, { reasons: r.reasons });
    if (r.kind === 'idempotency-mismatch') return error(reply, 422, 'idempotency-mismatch', formMessages(locale).signup.idempotencyMismatch);
    return reply.code(201).send({ id: r.id, status: r.status, ...(r.position !== undefined && { position: r.position }), manageToken: r.manageToken });
  });

  const byToken = async (req: FastifyRequest, reply: FastifyReply) => {
    const row = await store.byToken((req.params as { token: string }).token);
    if (!row || row.erased_at) {
      void error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);
      return undefined;
    }
    return row;
  };

  // What the participant may still do comes with their registration, decided by core at the
  // server's clock, so the manage page shows exactly the buttons the server will accept.
  const participantView = (row: RegistrationRow, position: number | undefined) => {
    const n = networks.get(row.network_id);
    const actions = n ? manageActions(n, { status: row.status, ...(row.session_id && { sessionId: row.session_id }) }, now(n.id)) : { cancel: false, leaveWaitlist: false, switchTo: [] };
    const calendarUrl = row.erased_at ? undefined : store.calendarUrl(row);
    return { ...view(row, position), actions, ...(calendarUrl && { calendarUrl }) };
  };

  app.get('/api/registrations/:token', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    reply.header('cache-control', 'no-store');
    return participantView(row, await store.position(row));
  });

  app.post('/api/registrations/:token/cancel', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    const r = await store.cancel(row.id);
    options.onMailQueued?.();
    if (!r.ok && (r.code === 'over' || r.code === 'cancel-closed')) {
      const n = networks.get(row.network_id)!;
      const locale = localeOf(req);
      return error(reply, 409, 'not-cancellable', r.code === 'over' ? formMessages(locale).manage.over : cancelClosedText(n, locale));
    }
    // Already cancelled (or rejected): the same view again, so a repeated request is harmless.
    if (!r.ok) return participantView(row, await store.position(row));
    return participantView(r.row, undefined);
  });

  app.post('/api/registrations/:token/erase', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    await store.erase(row.id);
    options.onMailQueued?.();
    return { erased: true };
  });

  // The manage page: move to another session, where people register per session.
  app.post('/api/registrations/:token/switch', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    const locale = localeOf(req);
    const sessionId = (req.body as { sessionId?: unknown } | null | undefined)?.sessionId;
    if (typeof sessionId !== 'string' || !isStorable(sessionId) || !sessionId) {
      const message = formMessages(locale).form.error.session;
      return error(reply, 422, 'invalid', message, { issues: [{ path: 'sessionId', message }] });
    }
    const r = await store.switchSession(row.id, sessionId);
    options.onMailQueued?.();
    if (!r.ok) {
      if (r.code === 'not-found') return error(reply, 404, 'not-found', formMessages(locale).signup.notFound);
      const n = networks.get(row.network_id)!;
      const message = r.reasons.length ? r.reasons.map((x) => reasonText(x, n, locale)).join(' ') : formMessages(locale).manage.notSwitchable;
      const status = r.code === 'unknown-session' ? 422 : 409;
      return error(reply, status, r.code, message, { ...(r.reasons.length && { reasons: r.reasons }), ...(status === 422 && { issues: [{ path: 'sessionId', message }] }) });
    }
    reply.header('cache-control', 'no-store');
    return participantView(r.row, r.position);
  });

  // The personal calendar feed: read-only, by its own token (not the manage token), exactly the
  // sessions the person has a place at. Calendar apps poll it; it holds no personal data.
  app.get('/api/calendar/:token/agenda.ics', async (req, reply) => {
    const row = await store.byFeedToken((req.params as { token: string }).token);
    const feedNetwork = row && networks.get(row.network_id);
    const body = row && store.personalCalendar(row, row.locale, feedNetwork && (await networks.timeline(feedNetwork)));
    if (!row || !body) return error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'This calendar address does not exist (any more).' : 'Dit agenda-adres bestaat niet (meer).');
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').header('content-disposition', 'inline; filename="agenda.ics"').send(body);
  });

  // A new feed address, when the old one went somewhere it should not: the old one stops working.
  app.post('/api/registrations/:token/calendar/renew', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    const renewed = await store.renewFeed(row.id);
    if (!renewed) return error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);
    reply.header('cache-control', 'no-store');
    return participantView(renewed, await store.position(renewed));
  });

  // "Send me my link again": the same answer whether or not the address is known, so the page
  // cannot be used to find out who registered. Limited per client address (as every public
  // route) and per e-mail address, so nobody's inbox can be filled through it.
  app.post('/api/manage-link', limited, async (req, reply) => {
    const locale = localeOf(req);
    const email = emailAddress((req.body as { email?: unknown } | null | undefined)?.email);
    if (!email) {
      const message = formMessages(locale).form.error.emailInvalid;
      return error(reply, 422, 'invalid', message, { issues: [{ path: 'email', message }] });
    }
    const perAddress = perMinute > 0 ? await consume(db, `manage-link:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`, 3, 3600000, clock()) : { allowed: true };
    if (perAddress.allowed) {
      await store.sendManageLinks(email);
      options.onMailQueued?.();
    }
    reply.header('cache-control', 'no-store');
    return reply.code(202).send({ sent: true });
  });

  // Organisers: every route checks who calls and that they may act on its network (admin-auth.ts).
  app.register(async (admin) => {
    const organisers = installAdminAuth(admin, {
      db,
      networks,
      ...(options.adminTokenHash && { adminTokenHash: options.adminTokenHash }),
      registrationNetwork: async (id) => (await store.byId(id))?.network_id,
      counts: (id) => store.counts(id),
      networkNow: now,
      localeOf,
      ...(options.publicUrl && { publicUrl: options.publicUrl }),
      ...(options.authClock && { clock: options.authClock }),
      // Sign-in attempts are counted in the database, so every process shares one budget.
      signInLimit: options.signInLimit ?? (async (key, max, windowMs) => (await consume(db, key, max, windowMs, clock())).allowed),
      // Wrong bearer tokens count against the address; once its budget is spent, a right one
      // waits too, or guessing would simply go on between the refusals.
      ...(perMinute > 0 && {
        tokenGuesses: {
          blocked: async (address: string) => {
            const { max, windowMs } = SIGN_IN_LIMITS.perAddress;
            return (await attempts(db, `sign-in:address:${address}`, windowMs, clock())) >= max ? windowMs - (clock() % windowMs) : undefined;
          },
          failed: async (address: string) => {
            const { max, windowMs } = SIGN_IN_LIMITS.perAddress;
            const r = await consume(db, `sign-in:address:${address}`, max, windowMs, clock());
            return r.allowed ? undefined : r.retryAfterMs;
          },
        },
      }),
      ...(options.onMailQueued && { onMailQueued: options.onMailQueued }),
    });
    registerNetworkRoutes(admin, { networks, organisers, localeOf, preview: (before, after) => store.previewRevision(before, after), ...(options.onMailQueued && { onMailQueued: options.onMailQueued }) });

    const listFor = async (req: FastifyRequest, reply: FastifyReply) => {
      const n = network(req, reply);
      if (!n) return undefined;
      const session = (req.query as { session?: unknown }).session;
      if (session !== undefined && (typeof session !== 'string' || !isStorable(session))) {
        void error(reply, 422, 'invalid', 'session must be one session id.');
        return undefined;
      }
      return { n, rows: await store.list(n.id, session) };
    };

    /** A registration as organisers see it: in the console's list and, worded by core, in the CSV. */
    const organiserView = async (row: RegistrationRow): Promise<AdminRegistration> => ({
      ...view(row, await store.position(row)),
      target: row.target,
      organisationType: row.organisation_type,
      answers: row.answers,
      declarations: row.declarations,
      reason: row.reason,
      attendance: row.attendance,
      note: row.organiser_note ?? null,
    });

    admin.get(ADMIN_ROUTES.listRegistrations.path, adminRoute('listRegistrations'), async (req, reply) => {
      const r = await listFor(req, reply);
      if (!r) return reply;
      reply.header('cache-control', 'no-store');
      return { registrations: await Promise.all(r.rows.map(organiserView)) };
    });

    admin.get(ADMIN_ROUTES.registrationsCsv.path, adminRoute('registrationsCsv'), async (req, reply) => {
      const r = await listFor(req, reply);
      if (!r) return reply;
      // The same shape the organiser list gives, so core words it once for the console and the file.
      const registrations = await Promise.all(r.rows.map(organiserView));
      const { header, rows } = registrationsTable(r.n, registrations, localeOf(req));
      reply.header('cache-control', 'no-store');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${exportFileName(r.n.id, now(r.n.id))}"`).send(toCsv(header, rows));
    });

    const unknownRegistration = (req: FastifyRequest, reply: FastifyReply) => error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);

    const act = (name: 'accept' | 'reject' | 'moveUp', run: (id: string, reason: string | undefined) => Promise<{ ok: true; row: RegistrationRow } | { ok: false; code: string }>) =>
      admin.post(ADMIN_ROUTES[name].path, adminRoute(name), async (req, reply) => {
        const id = registrationIdParam(req);
        if (!id) return unknownRegistration(req, reply);
        // The reason goes to the database and into an e-mail: it must be text that can be stored.
        const given = (req.body as { reason?: unknown } | null | undefined)?.reason;
        const reason = typeof given === 'string' ? freeText(given) : undefined;
        if (reason && !reason.ok) return error(reply, 422, 'invalid', 'reason contains characters that cannot be stored.');
        const r = await run(id, reason?.ok ? reason.value || undefined : undefined);
        options.onMailQueued?.();
        if (!r.ok) return error(reply, r.code === 'not-found' ? 404 : 409, r.code, r.code);
        return view(r.row, await store.position(r.row));
      });
    act('accept', (id, reason) => store.accept(id, reason));
    act('reject', async (id, reason) => (reason ? store.reject(id, reason) : { ok: false, code: 'reason-required' }));
    act('moveUp', (id) => store.moveUp(id));

    // Organiser-written text keeps its line breaks; what cannot be stored is refused, not repaired silently.
    const organiserText = (raw: string | undefined) => (raw === undefined ? { ok: true as const, value: '' } : freeText(raw));

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
      options.onMailQueued?.();
      if (!r.ok) return r.code === 'not-found' ? unknownRegistration(req, reply) : error(reply, 409, r.code, adminMessages(localeOf(req)).notActive);
      req.auditDetail = { status: r.row.status };
      return view(r.row, undefined);
    });

    /** An organiser's message from the request, checked: text that can be sent, a session of this network. */
    const organiserMessage = (req: FastifyRequest, reply: FastifyReply, n: Network) => {
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
      return { ...(b.sessionId !== undefined && { sessionId: b.sessionId }), statuses: [...new Set(b.statuses)], subject: b.subject, body: body.value };
    };
    const nobody = (req: FastifyRequest, reply: FastifyReply) => error(reply, 422, 'no-recipients', adminMessages(localeOf(req)).noRecipients);

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
      options.onMailQueued?.();
      req.auditDetail = { messageId: sent.id, recipients: sent.recipients, statuses: m.statuses, sessionId: m.sessionId ?? null };
      return reply.code(202).send(sent);
    });

    // Tell those who came about a session's report (issue 15): only on an organiser's explicit ask.
    admin.post(ADMIN_ROUTES.reportNotice.path, adminRoute('reportNotice'), async (req, reply) => {
      const n = networks.get(req.adminNetworkId!)!;
      const t = adminMessages(localeOf(req));
      const session = n.sessions.find((x) => x.id === (req.params as { sessionId: string }).sessionId);
      if (!session) return error(reply, 404, 'not-found', t.unknownSession);
      const { report, preview } = req.body as { report: string; preview?: boolean };
      const found = (session.resources ?? []).find((r) => r.type === 'report' && (r.url === report || r.title === report));
      if (!found) return error(reply, 422, 'invalid', t.reportNotFound, { issues: [{ path: 'report', message: t.reportNotFound }] });
      const result = await store.reportNotice(n, session, found, { preview: preview === true });
      if (result.sent) options.onMailQueued?.();
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
  });

  registerConsole(app, { csp: options.csp ?? STRICT_CSP });
  registerManagePage(app, { csp: options.csp ?? STRICT_CSP });

  if (options.staticRoot) {
    const root = resolve(options.staticRoot);
    app.get('/*', async (req, reply) => {
      const file = staticFile(root, req.url);
      if (!file) return error(reply, 404, 'not-found', 'Not found');
      try {
        const info = await stat(file);
        if (!info.isFile()) return error(reply, 404, 'not-found', 'Not found');
        const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
        if (type.startsWith('text/html')) reply.header('content-security-policy', options.csp ?? STRICT_CSP);
        return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(await readFile(file));
      } catch {
        return error(reply, 404, 'not-found', 'Not found');
      }
    });
  }

  return { app, store };
}
