/**
 * Registering and managing a registration: a new registration (with its form token), the
 * manage token's routes (read, cancel, erase, switch session, a new calendar feed address), the
 * personal calendar feed and "send me my link again".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { cancelClosedText, emailAddress, feeFor, hasPlaceAt, participantVenues, feeStandsOnCancel, hasCertificate, formMessages, joinsProblems, manageMessages, isStorable, manageActions, reasonPath, reasonText, toLocale, type Locale } from '../../core/index.js';
import type { RegistrationRow } from '../services/registration-service.js';
import { consume, consumeUntil, usesOf, MAIL_LIMITS } from '../storage/rate-limit.js';
import { checkFormToken } from '../tokens.js';
import { error, localeOf, publicNetworkOf, view, type RouteDeps } from './reply.js';

/**
 * The answer when an address has had its share of e-mail for the hour: said by the server only,
 * so the form's texts (which every page with a form downloads) do not carry it.
 */
const tooManyForAddress = (locale: Locale) =>
  locale === 'en'
    ? 'This e-mail address has been used for many registrations or changes in the past hour. Please try again in an hour.'
    : 'Met dit e-mailadres is het afgelopen uur al vaak aangemeld of gewijzigd. Probeer het over een uur opnieuw.';

/** A form left open longer than this is sent again with a new token. */
const FORM_TOKEN_MAX_AGE_MS = 24 * 3600000;

export interface RegistrationRouteOptions {
  /** The secret form tokens are signed with. */
  secret: Buffer;
  /** Milliseconds between handing out a form token and a registration carrying it (3000 by default). */
  minFillMs?: number;
}

export function registerRegistrations(app: FastifyInstance, deps: RouteDeps, options: RegistrationRouteOptions): void {
  registerSignup(app, deps, options);
  registerManageRoutes(app, deps);
  registerJoinsRoute(app, deps);
  registerFeedAndLinks(app, deps);
}

/** The hash an e-mail address is counted under: the address itself is never stored. */
const addressKey = (email: string) => `mail-to:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;

/** One more registration or switch for this address in its hour; false once the address has had its share. */
async function addressAllows({ db, clock }: RouteDeps, email: string): Promise<boolean> {
  const { max, windowMs } = MAIL_LIMITS.perAddress;
  return (await consume(db, addressKey(email), max, windowMs, clock())).allowed;
}

/**
 * Spends one use of a form token and one of the address's budget on a registration, or says
 * which ran out. A retry with an Idempotency-Key already counted spends nothing again: it gets
 * the first answer, however spent the token is by now.
 */
async function spendOnRegistration(deps: RouteDeps, formToken: string, key: string | undefined, body: unknown): Promise<'ok' | 'token-spent' | 'address'> {
  const { db, clock } = deps;
  const retry = key ? `form-retry:${formToken}:${key}` : undefined;
  if (retry && (await usesOf(db, retry)) > 0) return 'ok';
  const until = clock() + FORM_TOKEN_MAX_AGE_MS;
  if (!(await consumeUntil(db, `form:${formToken}`, MAIL_LIMITS.perFormToken, until)).allowed) return 'token-spent';
  const email = emailAddress((body as { participant?: { email?: unknown } } | null | undefined)?.participant?.email);
  if (email && !(await addressAllows(deps, email))) return 'address';
  if (retry) await consumeUntil(db, retry, 1, until);
  return 'ok';
}

function registerSignup(app: FastifyInstance, deps: RouteDeps, options: RegistrationRouteOptions): void {
  const { store, networks, clock, perMinute, limited, mailQueued } = deps;
  const formLimits = { minAgeMs: options.minFillMs ?? 3000, maxAgeMs: FORM_TOKEN_MAX_AGE_MS };
  const spam = (reply: FastifyReply, locale: Locale) =>
    error(reply, 422, 'spam', formMessages(locale).signup.errorSummary, { issues: [{ path: '', message: formMessages(locale).form.error.spam }] });
  app.post('/api/networks/:networkId/registrations', limited, async (req, reply) => {
    const n = publicNetworkOf(networks, req, reply);
    if (!n) return reply;
    const body = req.body as { locale?: unknown; formToken?: unknown } | null | undefined;
    const locale = typeof body?.locale === 'string' ? toLocale(body.locale) : localeOf(req);
    if (n.registration.mode !== 'built-in') return error(reply, 409, 'not-built-in', formMessages(locale).reason['not-built-in']);
    if (checkFormToken(options.secret, body?.formToken, n.id, clock(), formLimits) !== 'ok') return spam(reply, locale);
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' && header ? header : undefined;
    // Caps on what a client can make the server e-mail to an address (off with the rate limit, for load tests).
    const spent = perMinute > 0 ? await spendOnRegistration(deps, body!.formToken as string, key, req.body) : 'ok';
    if (spent === 'token-spent') return spam(reply, locale);
    if (spent === 'address') return error(reply, 429, 'rate-limited', tooManyForAddress(locale));
    const r = await store.register(n, req.body, key);
    mailQueued();
    if (r.kind === 'invalid') {
      const spam = r.problems.some((p) => p.code === 'spam');
      return error(reply, 422, spam ? 'spam' : 'invalid', formMessages(locale).signup.errorSummary, {
        issues: r.problems.map((p) => ({ path: p.path, message: p.message[locale], ...(p.quoted && { quoted: p.quoted }) })),
      });
    }
    if (r.kind === 'rejected') {
      // Refusals a person can put right at a field (a code, the address, the organisation) say where.
      const atField = r.reasons.some((x) => reasonPath(x) !== undefined);
      const issues = r.reasons.map((x) => ({ path: reasonPath(x) ?? '', message: reasonText(x, n, locale), code: x.code }));
      return error(reply, r.conflict ? 409 : 422, r.reasons[0]!.code, r.message, { reasons: r.reasons, ...(atField && { issues }) });
    }
    if (r.kind === 'idempotency-mismatch') return error(reply, 422, 'idempotency-mismatch', formMessages(locale).signup.idempotencyMismatch);
    return reply.code(201).send({ id: r.id, status: r.status, ...(r.position !== undefined && { position: r.position }), manageToken: r.manageToken });
  });
}

/** The registration of the path's manage `:token`, or undefined after a 404 (also once erased). */
async function byToken({ store }: RouteDeps, req: FastifyRequest, reply: FastifyReply) {
  const row = await store.byToken((req.params as { token: string }).token);
  if (!row || row.erased_at) {
    void error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);
    return undefined;
  }
  return row;
}

// What the participant may still do comes with their registration, decided by core at the
// server's clock, so the manage page shows exactly the buttons the server will accept.
function participantView({ store, networks, now }: RouteDeps, row: RegistrationRow, position: number | undefined) {
  const n = networks.get(row.network_id);
  const managed = { status: row.status, ...(row.session_id && { sessionId: row.session_id }), ...(row.participant.organisationType && { organisationType: row.participant.organisationType }) };
  const feeStands = n && feeStandsOnCancel(n, managed, now(n.id));
  const actions = n ? { ...manageActions(n, managed, now(n.id)), ...(feeStands && { feeStands }) } : { cancel: false, leaveWaitlist: false, switchTo: [] };
  const calendarUrl = row.erased_at ? undefined : store.calendarUrl(row);
  // A certificate of attendance to fetch (issue 24), where this registration's attendance gives one.
  const certificate = n && !row.erased_at && hasCertificate(n, [row.attendance]);
  // What taking part costs this person (issue 23), decided by core's price rule.
  const fee = n && feeFor(n, row.participant.organisationType);
  // The address a participants-only venue hides from the public (issue 23), for the sessions this person has a place at.
  const registration = { status: row.status, places: row.places, ...(row.session_id && { sessionId: row.session_id }) };
  const venues = n && !row.erased_at ? participantVenues(n, n.sessions.filter((s) => hasPlaceAt(n, registration, s.id)).map((s) => s.id)) : undefined;
  // A fee that stood at a late cancel (issue 23): the manage page says it is kept before an erasure.
  const kept = row.cancellation_fee ? { cancellationFee: row.cancellation_fee } : {};
  return { ...view(row, position), actions, ...(calendarUrl && { calendarUrl }), ...(certificate && { certificate: true as const }), ...(fee !== undefined && { fee }), ...(venues && { venues }), ...kept };
}

function registerManageRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, networks, limited, mailQueued } = deps;
  app.get('/api/registrations/:token', limited, async (req, reply) => {
    const row = await byToken(deps, req, reply);
    if (!row) return reply;
    reply.header('cache-control', 'no-store');
    return participantView(deps, row, await store.position(row));
  });

  app.post('/api/registrations/:token/cancel', limited, async (req, reply) => {
    const row = await byToken(deps, req, reply);
    if (!row) return reply;
    const r = await store.cancel(row.id);
    mailQueued();
    if (!r.ok && (r.code === 'over' || r.code === 'cancel-closed')) {
      const n = networks.get(row.network_id)!;
      const locale = localeOf(req);
      return error(reply, 409, 'not-cancellable', r.code === 'over' ? manageMessages(locale).over : cancelClosedText(n, locale));
    }
    // Already cancelled (or rejected): the same view again, so a repeated request is harmless.
    if (!r.ok) return participantView(deps, row, await store.position(row));
    return participantView(deps, r.row, undefined);
  });

  app.post('/api/registrations/:token/erase', limited, async (req, reply) => {
    const row = await byToken(deps, req, reply);
    if (!row) return reply;
    await store.erase(row.id);
    mailQueued();
    return { erased: true };
  });

  // The manage page: move to another session, where people register per session.
  app.post('/api/registrations/:token/switch', limited, async (req, reply) => {
    const row = await byToken(deps, req, reply);
    if (!row) return reply;
    const locale = localeOf(req);
    const sessionId = (req.body as { sessionId?: unknown } | null | undefined)?.sessionId;
    if (typeof sessionId !== 'string' || !isStorable(sessionId) || !sessionId) {
      const message = formMessages(locale).form.error.session;
      return error(reply, 422, 'invalid', message, { issues: [{ path: 'sessionId', message }] });
    }
    if (deps.perMinute > 0 && !(await addressAllows(deps, row.email_lower))) return error(reply, 429, 'rate-limited', tooManyForAddress(locale));
    const r = await store.switchSession(row.id, sessionId);
    mailQueued();
    if (!r.ok) {
      if (r.code === 'not-found') return error(reply, 404, 'not-found', formMessages(locale).signup.notFound);
      const n = networks.get(row.network_id)!;
      const message = r.reasons.length ? r.reasons.map((x) => reasonText(x, n, locale)).join(' ') : manageMessages(locale).notSwitchable;
      const status = r.code === 'unknown-session' ? 422 : 409;
      return error(reply, status, r.code, message, { ...(r.reasons.length && { reasons: r.reasons }), ...(status === 422 && { issues: [{ path: 'sessionId', message }] }) });
    }
    reply.header('cache-control', 'no-store');
    return participantView(deps, r.row, r.position);
  });
}

/** The manage page: which optional sessions, and which session of each choice group, the person comes to. */
function registerJoinsRoute(app: FastifyInstance, deps: RouteDeps): void {
  const { store, networks, limited, mailQueued } = deps;
  app.post('/api/registrations/:token/joins', limited, async (req, reply) => {
    const row = await byToken(deps, req, reply);
    if (!row) return reply;
    const locale = localeOf(req);
    const joins = (req.body as { joins?: unknown } | null | undefined)?.joins;
    const n = networks.get(row.network_id);
    const problems = Array.isArray(joins) && joins.every((j) => typeof j === 'string' && isStorable(j)) && n ? joinsProblems(n, joins) : undefined;
    if (!problems || problems.length) {
      const message = problems?.map((p) => p.message[locale]).join(' ') || formMessages(locale).form.error.session;
      return error(reply, 422, 'invalid', message, { issues: [{ path: 'joins', message }] });
    }
    const r = await store.changeJoins(row.id, joins as string[]);
    mailQueued();
    if (!r.ok && r.code === 'session-full') {
      const message = reasonText({ code: 'session-full', session: r.session }, n!, locale);
      return error(reply, 409, r.code, message, { issues: [{ path: 'joins', message }] });
    }
    if (!r.ok) return r.code === 'not-found' ? error(reply, 404, 'not-found', formMessages(locale).signup.notFound) : error(reply, 409, r.code, manageMessages(locale).notSwitchable);
    reply.header('cache-control', 'no-store');
    return participantView(deps, r.row, await store.position(r.row));
  });
}

function registerFeedAndLinks(app: FastifyInstance, deps: RouteDeps): void {
  const { db, store, networks, clock, perMinute, limited, mailQueued } = deps;
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
    const row = await byToken(deps, req, reply);
    if (!row) return reply;
    const renewed = await store.renewFeed(row.id);
    if (!renewed) return error(reply, 404, 'not-found', formMessages(localeOf(req)).signup.notFound);
    reply.header('cache-control', 'no-store');
    return participantView(deps, renewed, await store.position(renewed));
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
      mailQueued();
    }
    reply.header('cache-control', 'no-store');
    return reply.code(202).send({ sent: true });
  });
}
