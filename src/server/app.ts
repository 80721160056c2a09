/**
 * The reference registration server: the API of DESIGN.md on Fastify, over PGlite or PostgreSQL.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { extname, join, normalize, sep } from 'node:path';
import {
  availabilityMap,
  networkCalendar,
  publicNetwork,
  messages,
  formMessages,
  toLocale,
  type Locale,
  type Network,
} from '../core/index.js';
import type { Db } from './db.js';
import { RegistrationStore, type RegistrationRow } from './store.js';
import { toCsv } from './csv.js';
import { matchesHash } from './tokens.js';
import { registerConsole } from './console-route.js';

export interface ServerOptions {
  db: Db;
  networks: Map<string, Network>;
  secret: Buffer;
  /** SHA-256 (hex) of the organisers' bearer token. */
  adminTokenHash: string;
  /** Origins allowed to call the API from the browser (CORS). The server's own origin always works. */
  origins?: string[];
  /** Manage link for e-mails; `{token}` is replaced. */
  manageUrl?: string;
  /** Serve the demo pages and the bundle from this package folder. */
  staticRoot?: string;
  /** Content-Security-Policy for the pages it serves; the strict policy by default. */
  csp?: string;
  /** Registrations per client (IP) per minute; 0 turns rate limiting off (load tests). */
  rateLimitPerMinute?: number;
  minFillMs?: number;
  bodyLimit?: number;
  /** The clock, per network; the real time by default. */
  now?: (networkId: string) => Date;
  /** Request logging: true for stdout, or a stream to write the JSON lines to. */
  logger?: boolean | { stream: NodeJS.WritableStream };
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

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

function error(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error: { code, message, ...extra } });
}

function localeOf(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, string> | undefined)?.lang;
  return toLocale(q ?? req.headers['accept-language']?.split(',')[0]);
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

export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; store: RegistrationStore }> {
  const { db, networks } = options;
  const store = new RegistrationStore(db, networks, {
    secret: options.secret,
    ...(options.manageUrl && { manageUrl: (token: string) => options.manageUrl!.replace('{token}', encodeURIComponent(token)) }),
    ...(options.now && { now: options.now }),
    ...(options.minFillMs !== undefined && { minFillMs: options.minFillMs }),
  });
  const now = (networkId: string) => options.now?.(networkId) ?? new Date();

  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 16 * 1024,
    // Log the route, never the URL: a manage token is personal, and so is anything in a body.
    logger: options.logger
      ? {
          ...(typeof options.logger === 'object' && { stream: options.logger.stream }),
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
  if (perMinute > 0) await app.register(rateLimit, { global: false, max: perMinute, timeWindow: 60000 });
  const limited = perMinute > 0 ? { config: { rateLimit: { max: perMinute, timeWindow: 60000 } } } : {};

  app.setErrorHandler((err, req, reply) => {
    const e = err as { statusCode?: number; code?: string; message: string };
    const locale = localeOf(req);
    if (e.statusCode === 413) return error(reply, 413, 'too-large', locale === 'en' ? 'The request is too large.' : 'Het verzoek is te groot.');
    if (e.statusCode === 429) return error(reply, 429, 'rate-limited', locale === 'en' ? 'Too many requests; try again in a minute.' : 'Te veel verzoeken; probeer het over een minuut opnieuw.');
    if (e.statusCode && e.statusCode < 500) return error(reply, e.statusCode, 'bad-request', locale === 'en' ? 'The request could not be read.' : 'Het verzoek kon niet worden gelezen.');
    req.log.error({ code: e.code }, 'request failed');
    return error(reply, 500, 'internal', locale === 'en' ? 'Something went wrong on our side; try again.' : 'Er ging bij ons iets mis; probeer het opnieuw.');
  });

  const network = (req: FastifyRequest, reply: FastifyReply): Network | undefined => {
    const n = networks.get((req.params as { networkId: string }).networkId);
    if (!n) void error(reply, 404, 'not-found', localeOf(req) === 'en' ? 'Unknown network.' : 'Onbekend netwerk.');
    return n;
  };

  app.get('/api/networks', async () => {
    const out = [];
    for (const n of networks.values()) {
      const a = availabilityMap(n, await store.counts(n.id), now(n.id));
      out.push({ id: n.id, kind: n.kind, title: n.title, summary: n.summary, availability: a.network });
    }
    return { networks: out };
  });

  app.get('/api/networks/:networkId', async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    return { network: publicNetwork(n), availability: availabilityMap(n, await store.counts(n.id), now(n.id)) };
  });

  // The feed is the same for as long as the document is: make it once, then answer from memory.
  const feeds = new Map<string, { body: string; etag: string }>();
  app.get('/api/networks/:networkId/calendar.ics', async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    const locale = localeOf(req);
    const key = `${n.id}:${locale}`;
    let feed = feeds.get(key);
    if (!feed) {
      const body = networkCalendar(publicNetwork(n), { locale });
      feed = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      feeds.set(key, feed);
    }
    reply.header('etag', feed.etag).header('cache-control', 'public, max-age=300');
    if (req.headers['if-none-match'] === feed.etag) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${n.id}.ics"`).send(feed.body);
  });

  app.post('/api/networks/:networkId/registrations', limited, async (req, reply) => {
    const n = network(req, reply);
    if (!n) return reply;
    const locale = toLocale((req.body as { locale?: string } | undefined)?.locale ?? localeOf(req));
    if (n.registration.mode !== 'built-in') return error(reply, 409, 'not-built-in', messages(locale).reason['not-built-in']);
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

  app.get('/api/registrations/:token', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    reply.header('cache-control', 'no-store');
    return view(row, await store.position(row));
  });

  app.post('/api/registrations/:token/cancel', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    const r = await store.cancel(row.id);
    options.onMailQueued?.();
    if (!r.ok) return view(row, await store.position(row));
    return view(r.row, undefined);
  });

  app.post('/api/registrations/:token/erase', limited, async (req, reply) => {
    const row = await byToken(req, reply);
    if (!row) return reply;
    await store.erase(row.id);
    options.onMailQueued?.();
    return { erased: true };
  });

  // Organisers: a bearer token, compared with its stored hash.
  app.register(async (admin) => {
    admin.addHook('onRequest', async (req, reply) => {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!token || !matchesHash(token, options.adminTokenHash)) {
        reply.header('www-authenticate', 'Bearer');
        return error(reply, 401, 'unauthorized', 'A valid organiser token is required.');
      }
    });

    const listFor = async (req: FastifyRequest, reply: FastifyReply) => {
      const n = network(req, reply);
      if (!n) return undefined;
      const session = (req.query as { session?: string }).session;
      return { n, rows: await store.list(n.id, session) };
    };

    admin.get('/api/admin/networks/:networkId/registrations', async (req, reply) => {
      const r = await listFor(req, reply);
      if (!r) return reply;
      reply.header('cache-control', 'no-store');
      return {
        registrations: await Promise.all(
          r.rows.map(async (row) => ({ ...view(row, await store.position(row)), target: row.target, organisationType: row.organisation_type, answers: row.answers, declarations: row.declarations, reason: row.reason, attendance: row.attendance })),
        ),
      };
    });

    admin.get('/api/admin/networks/:networkId/registrations.csv', async (req, reply) => {
      const r = await listFor(req, reply);
      if (!r) return reply;
      const questions = r.n.registration.questions ?? [];
      const header = ['id', 'session', 'status', 'name', 'email', 'organisation', 'organisation type', 'role', 'phone', ...questions.map((q) => q.label), 'registered at', 'reason'];
      const rows = r.rows.map((row) => [
        row.id, row.session_id ?? '', row.status, row.participant.name, row.participant.email, row.participant.organisation, row.participant.organisationType,
        row.participant.role, row.participant.phone, ...questions.map((q) => row.answers[q.id]), new Date(row.created_at).toISOString(), row.reason,
      ]);
      reply.header('cache-control', 'no-store');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${r.n.id}-aanmeldingen.csv"`).send(toCsv(header, rows));
    });

    const act = (name: string, run: (id: string, body: Record<string, unknown>) => Promise<{ ok: true; row: RegistrationRow } | { ok: false; code: string }>) =>
      admin.post(`/api/admin/registrations/:id/${name}`, async (req, reply) => {
        const r = await run((req.params as { id: string }).id, (req.body ?? {}) as Record<string, unknown>);
        options.onMailQueued?.();
        if (!r.ok) return error(reply, r.code === 'not-found' ? 404 : 409, r.code, r.code);
        return view(r.row, await store.position(r.row));
      });
    act('accept', (id, b) => store.accept(id, typeof b.reason === 'string' ? b.reason : undefined));
    act('reject', async (id, b) => (typeof b.reason === 'string' && b.reason.trim() ? store.reject(id, b.reason.trim()) : { ok: false, code: 'reason-required' }));
    act('move-up', (id) => store.moveUp(id));

    admin.put('/api/admin/registrations/:id/attendance', async (req, reply) => {
      const b = (req.body ?? {}) as { sessionId?: unknown; present?: unknown };
      if (typeof b.sessionId !== 'string' || typeof b.present !== 'boolean') return error(reply, 422, 'invalid', 'sessionId (text) and present (true/false) are required.');
      const row = await store.attendance((req.params as { id: string }).id, b.sessionId, b.present);
      if (!row) return error(reply, 404, 'not-found', 'not-found');
      return { attendance: row.attendance };
    });
  });

  registerConsole(app, { csp: options.csp ?? STRICT_CSP });

  if (options.staticRoot) {
    const root = normalize(options.staticRoot + sep);
    app.get('/*', async (req, reply) => {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path === '/') path = '/demo/index.html';
      const allowed = path.startsWith('/demo/') || path.startsWith('/dist/') || path.startsWith('/schema/');
      const file = normalize(join(root, path));
      if (!allowed || !file.startsWith(root)) return error(reply, 404, 'not-found', 'Not found');
      try {
        const info = await stat(file);
        const target = info.isDirectory() ? join(file, 'index.html') : file;
        const type = STATIC_TYPES[extname(target)] ?? 'application/octet-stream';
        if (type.startsWith('text/html')) reply.header('content-security-policy', options.csp ?? STRICT_CSP);
        return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(await readFile(target));
      } catch {
        return error(reply, 404, 'not-found', 'Not found');
      }
    });
  }

  return { app, store };
}
