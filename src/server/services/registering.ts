/**
 * Registering: validates a registration, then decides it under its target's lock together with
 * the ones that arrive meanwhile (a batch per network, one transaction), stores them and queues
 * their e-mails as facts to compose from later (composeOutbox).
 */
import { canonicalJson } from '../../core/canonical-json.js';
import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import {
  fitsTargetReservation,
  decideRegistration,
  ownPlaceSessions,
  sessionPlaces,
  fullWithoutWaitlist,
  validateRegistrationInput,
  reasonText,
  registrationScope,
  needsInvitation,
  invitationOutcome,
  type InvitationOutcome,
  type Network,
  type PlaceCounts,
  type Problem,
  type Reason,
  type OrganisationType,
  type Locale,
  type RegistrationInput,
} from '../../core/index.js';
import { isConnectionFailure } from '../storage/db.js';
import type { MailKind } from '../mail/compose.js';
import { organisationKey } from '../../core/organisation-name.js';
import { decideOrganiserRegistration } from '../../core/organiser-registration.js';
import type { NewRegistration, OrganiserContact, RegistrationRepository, Status } from '../storage/registrations.js';
import type { NewRegistrationFacts, RegistrationContext } from './context.js';

export type RegisterResult =
  | { kind: 'created'; id: string; status: Exclude<Status, 'rejected' | 'cancelled'>; position?: number; manageToken: string; overCapacity?: boolean }
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'rejected'; reasons: Reason[]; message: string; conflict: boolean }
  /** The idempotency key was used before for a different registration. */
  | { kind: 'idempotency-mismatch' };

/** Thrown inside a registration's transaction when a concurrent one stored the same key first. */
class KeyTaken extends Error {}

/** At most this many registrations are decided in one transaction. */
const MAX_BATCH = 100;

/** A validated registration waiting for its target's turn. */
interface Pending {
  network: Network;
  /** The clock when it arrived. */
  now: Date;
  input: RegistrationInput;
  target: string;
  locale: Locale;
  type: OrganisationType | undefined;
  invitation: InvitationOutcome;
  key?: string;
  /** With a key only: what the key's first registration must match (see #pending). */
  bodyHash?: string;
  email: string;
  organisation?: string;
  /** Issue 23: fits the target's reservation (core `fitsTargetReservation`). */
  reserved?: true;
  /** Added by an organiser (organiser-registrations.ts): their rules (core), their choice of e-mail. */
  organiser?: ByOrganiser;
  answer: (result: RegisterResult) => void;
  fail: (error: unknown) => void;
}

/** What an organiser chose when they add someone themselves. */
export interface ByOrganiser {
  /** Give a place past capacity, knowingly. */
  overCapacity: boolean;
  /** Send the person the e-mail they would get had they registered themselves. */
  sendEmail: boolean;
  /** The address of the organiser who adds (lower case): the others hear of it, they do not. */
  by?: string;
}

/** Thrown to roll back a trial of an import (its preview), carrying what it would have done. */
class Trial extends Error {
  constructor(readonly results: RegisterResult[]) {
    super('trial');
  }
}


/** What core's decision reads of one request. */
function requestOf(r: Pending) {
  const { input } = r;
  return {
    ...(input.sessionId && { sessionId: input.sessionId }),
    ...(r.type && { organisationType: r.type }),
    declarations: input.declarations ?? [],
    invitation: r.invitation,
    ...(input.groupSize !== undefined && { groupSize: input.groupSize }),
    ...(r.reserved && { reserved: true as const }),
  };
}

/** Reasons that are about the state of the network, not about the request: HTTP 409. */
const CONFLICTS = new Set(['full', 'waitlist-full', 'session-full', 'duplicate', 'registration-closed', 'deadline-passed', 'past', 'not-yet-open', 'session-cancelled', 'closed-track']);

function checkInvitation(network: Network, code: string | undefined, sessionId: string | undefined): InvitationOutcome {
  if (!code) return 'none';
  const hash = createHash('sha256').update(code.trim()).digest();
  const matching = (network.registration.invitation?.codes ?? []).filter((c) => {
    const stored = Buffer.from(c.hash.slice('sha256:'.length), 'hex');
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
  // Issue 23: a code limited to some sessions admits to those only, and says so elsewhere (core decides).
  return invitationOutcome(matching, sessionId);
}

/** What a batch decides on, and what it has decided so far: each request counts along in it. */
interface BatchDecision {
  networkId: string;
  locked: Map<string, PlaceCounts>;
  facts: Awaited<ReturnType<RegistrationRepository['batchFactsMany']>>;
  stored: Map<string, { response: unknown; bodyHash: string | null }>;
  organisers: OrganiserContact[];
  results: RegisterResult[];
  rows: NewRegistration[];
  answers: { key: string; networkId: string; response: unknown; bodyHash: string }[];
  mails: { registrationId: string; kind: MailKind | 'organiser-new'; facts: NewRegistrationFacts }[];
}

export class Registering {
  readonly #ctx: RegistrationContext;

  constructor(context: RegistrationContext) {
    this.#ctx = context;
  }

  /**
   * Registers someone: validates, then decides under the target's lock, stores and queues the
   * e-mail. Registrations that arrive for the same target while one is being decided wait and
   * are then decided together, in arrival order, in one transaction under one lock (see #drain):
   * each still gets its own answer, by the same rules, as if it had come alone.
   */
  async register(network: Network, body: unknown, idempotencyKey?: string, organiser?: ByOrganiser): Promise<RegisterResult> {
    const checked = this.#check(network, body, organiser);
    if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
    const request = this.#pending(network, checked.value, idempotencyKey, organiser);
    return new Promise<RegisterResult>((resolve, reject) => {
      request.answer = resolve;
      request.fail = reject;
      // One queue per network: requests for its targets (sessions) that arrive together are
      // decided in one transaction, each target under its own lock (taken in a fixed order).
      const queue = network.id;
      const waiting = this.#waiting.get(queue);
      if (waiting) waiting.push(request);
      else {
        this.#waiting.set(queue, [request]);
        void this.#drain(queue);
      }
    });
  }

  /**
   * Registers a list an organiser brings (an import): every one decided in order by the same
   * rules, in one transaction. With `commit` false, or when any of them is refused, nothing is
   * kept (the transaction is rolled back) and the answers say what would happen to each.
   */
  async registerAll(network: Network, bodies: unknown[], organiser: ByOrganiser, commit: boolean): Promise<{ committed: boolean; results: RegisterResult[] }> {
    const checked = bodies.map((body) => this.#check(network, body, organiser));
    const batch = checked.flatMap((c) => (c.ok ? [this.#pending(network, c.value, undefined, organiser)] : []));
    const keep = commit && batch.length === bodies.length;
    let decided: RegisterResult[] = [];
    if (batch.length) {
      try {
        decided = await this.#ctx.transaction(async (repo) => {
          const results = await this.#decide(repo, batch);
          if (!keep || results.some((r) => r.kind !== 'created')) throw new Trial(results);
          return results;
        });
      } catch (error) {
        if (!(error instanceof Trial)) throw error;
        decided = error.results;
      }
    }
    const committed = keep && decided.every((r) => r.kind === 'created');
    let next = 0;
    return { committed, results: checked.map((c) => (c.ok ? decided[next++]! : { kind: 'invalid' as const, problems: c.problems })) };
  }

  /** Validates a registration body; an organiser vouches for an invitation, so needs no code. */
  #check(network: Network, body: unknown, organiser: ByOrganiser | undefined) {
    const checked = validateRegistrationInput(network, body);
    if (checked.ok || !organiser) return checked;
    const problems = checked.problems.filter((p) => p.path !== 'invitationCode');
    if (problems.length) return { ok: false as const, problems };
    return validateRegistrationInput(network, { ...(body as object), invitationCode: 'organiser' });
  }

  #pending(network: Network, input: RegistrationInput, idempotencyKey: string | undefined, organiser: ByOrganiser | undefined): Pending {
    const now = this.#ctx.now(network.id);
    const p = input.participant;
    const type = p.organisationType as OrganisationType | undefined;
    const request: Pending = {
      network,
      now,
      input,
      target: registrationScope(network) === 'session' ? input.sessionId! : 'network',
      locale: input.locale ?? 'nl',
      type,
      invitation: needsInvitation(network, type) ? (organiser ? 'valid' : checkInvitation(network, input.invitationCode, input.sessionId)) : 'none',
      // A key stands for one registration: the same key with other details is someone else (or
      // the same person after changing the form) and must never receive the first one's token.
      // Without a key nothing is compared, and the hash is not made (issue 28: a cost per request).
      ...(idempotencyKey && { key: `${network.id}:${idempotencyKey.slice(0, 100)}`, bodyHash: createHash('sha256').update(canonicalJson(input)).digest('hex') }),
      email: p.email.toLowerCase(),
      // One owner of when two names are one organisation (core); rows stored before it used plain lower case.
      ...(p.organisation && { organisation: organisationKey(p.organisation) }),
      ...(organiser && { organiser }),
      // Issue 23: whether this person may take the target's reserved places (core decides who fits).
      ...(fitsTargetReservation(network, input.sessionId, p) && { reserved: true }),
      answer: () => {},
      fail: () => {},
    };
    return request;
  }

  /** Per network, the registrations waiting while a batch of that network is decided. */
  readonly #waiting = new Map<string, Pending[]>();

  /** Decides batches for one network until nobody is waiting for it any more. */
  async #drain(queue: string): Promise<void> {
    for (;;) {
      // One turn of the event loop first, so that requests that have arrived meanwhile join the
      // batch: the embedded database runs on this thread, and its transactions never give the
      // loop a turn to read them.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.#waiting.get(queue)!.splice(0, MAX_BATCH);
      if (!batch.length) break;
      await this.#decideBatch(batch);
    }
    this.#waiting.delete(queue);
  }

  /** Decides a batch and answers each request; never throws (a failure is each request's answer). */
  async #decideBatch(batch: Pending[], attempt = 0): Promise<void> {
    let results: RegisterResult[];
    try {
      results = await this.#ctx.transaction((repo) => this.#decide(repo, batch));
    } catch (error) {
      // Another transaction (another target) stored one of the keys first: the next attempt finds
      // its answer and gives it, as if it had come first.
      if (error instanceof KeyTaken && attempt < 3) return this.#decideBatch(batch, attempt + 1);
      // One request's failure must not be the others': decided one at a time, each gets its own.
      if (batch.length > 1 && !isConnectionFailure(error)) {
        for (const one of batch) await this.#decideBatch([one]);
        return;
      }
      for (const r of batch) r.fail(error);
      return;
    }
    batch.forEach((r, i) => r.answer(results[i]!));
  }

  /**
   * Decides registrations for one network in arrival order, in the caller's transaction: per
   * target (the network, or each session), in a fixed order so two processes never wait for each
   * other, locks it and reads its kept counts (one statement) and every fact the rules need for
   * its requests (one statement); then decides each request with the core rules while counting
   * along per target, and stores the registrations, the idempotent answers and the e-mails of all
   * of them (one statement). Each target's requests are decided exactly as a batch of their own.
   */
  async #decide(repo: RegistrationRepository, batch: Pending[]): Promise<RegisterResult[]> {
    const networkId = batch[0]!.network.id;
    const targets = [...new Set(batch.map((r) => r.target))].sort();
    // Inside a series, the sessions with places of their own are decided too: locked after the
    // network, in a fixed order (as a status change locks them).
    const own = targets.includes('network') ? ownPlaceSessions(batch[0]!.network).map((s) => s.id).sort() : [];
    const locked = await repo.lockMany(networkId, [...targets, ...own]);
    const facts = await repo.batchFactsMany(
      networkId,
      targets,
      batch.flatMap((r) => (r.key ? [r.key] : [])),
      // Each request's address and organisation, asked about its own target only.
      batch.map((r) => ({ target: r.target, email: r.email })),
      batch.flatMap((r) => (r.organisation ? [{ target: r.target, organisation: r.organisation }] : [])),
    );
    const decided: BatchDecision = {
      networkId,
      locked,
      facts,
      // Idempotency keys are the network's, whatever the target: one map for the whole batch.
      stored: facts.stored,
      organisers: facts.organisers,
      results: [],
      rows: [],
      answers: [],
      mails: [],
    };
    for (const r of batch) this.#decideOne(r, decided);
    const { rows, answers, mails, results } = decided;
    if (rows.length && (await repo.insertBatch(rows, answers, mails)) < answers.length) throw new KeyTaken();
    return results;
  }

  /**
   * The places per session of a series registration (core's sessionPlaces), counted along in the
   * locked counts. Someone waiting for the series waits for the sessions they join too: decided
   * when they move up (StatusChange), never counted before.
   */
  #places(network: Network, joins: string[], status: Status, locked: Map<string, PlaceCounts>): { places: NewRegistration['places']; full?: string } {
    const counts = Object.fromEntries(ownPlaceSessions(network).map((s) => [s.id, locked.get(s.id)]));
    const places = sessionPlaces(network, joins, status === 'waitlisted' ? {} : counts);
    const full = status === 'waitlisted' ? undefined : fullWithoutWaitlist(network, places);
    if (full) return { places, full };
    for (const [sessionId, place] of Object.entries(places)) {
      if (status === 'waitlisted') places[sessionId] = place === 'declined' ? place : 'waitlisted';
      else if (place !== 'declined') counts[sessionId]![place]++;
    }
    return { places };
  }

  /** Decides one request of a batch with the core rules, on the counts and facts as the requests before it left them. */
  #decideOne(r: Pending, decided: BatchDecision): void {
    const { networkId, locked, facts, stored, organisers, results, rows, answers, mails } = decided;
    const { network, input, locale, target } = r;
    const counts = locked.get(target)!;
    const active = facts.active.get(target)!;
    const organisations = facts.organisations.get(target)!;
    const earlier = r.key ? stored.get(r.key) : undefined;
    if (earlier) {
      results.push(earlier.bodyHash === r.bodyHash ? (earlier.response as RegisterResult) : { kind: 'idempotency-mismatch' });
      return;
    }
    const request = requestOf(r);
    const known = { counts: { ...counts }, duplicate: active.has(r.email), organisationCount: r.organisation ? (organisations.get(r.organisation) ?? 0) : 0 };
    // An organiser's own addition: their rules (core), which may give a place past capacity.
    const decision = r.organiser ? decideOrganiserRegistration(network, request, known, r.now, { overCapacity: r.organiser.overCapacity }) : decideRegistration(network, request, known, r.now);
    if (decision.outcome === 'rejected') {
      const first = decision.reasons[0]!;
      results.push({ kind: 'rejected', reasons: decision.reasons, message: decision.reasons.map((x) => reasonText(x, network, locale)).join(' '), conflict: CONFLICTS.has(first.code) });
      return;
    }
    const status = decision.outcome;
    const { places, full } = this.#places(network, input.joins ?? [], status, locked);
    // A full session with places of its own where the network keeps no waiting list (core decides).
    if (full) {
      const reasons: Reason[] = [{ code: 'session-full', session: full }];
      results.push({ kind: 'rejected', reasons, message: reasonText(reasons[0]!, network, locale), conflict: true });
      return;
    }
    // Counting along: what the next request in the batch is decided on, as if this one had committed.
    counts[status]++;
    if (r.reserved && status !== 'waitlisted') counts.reserved = (counts.reserved ?? 0) + 1;
    active.add(r.email);
    if (r.organisation && status !== 'waitlisted') organisations.set(r.organisation, (organisations.get(r.organisation) ?? 0) + 1);
    const id = randomUUID();
    // Under the lock every earlier waiting registration of this target came before this one.
    const position = status === 'waitlisted' ? counts.waitlisted : undefined;
    const overCapacity = 'overCapacity' in decision && decision.overCapacity === true;
    const result: RegisterResult = { kind: 'created', id, status, ...(position !== undefined && { position }), manageToken: this.#ctx.token(id), ...(overCapacity && { overCapacity }) };
    results.push(result);
    const p = input.participant;
    rows.push({
      id,
      networkId,
      target,
      sessionId: input.sessionId ?? null,
      status,
      emailLower: r.email,
      participant: p,
      organisationLower: r.organisation ?? null,
      organisationType: r.type ?? null,
      declarations: input.declarations ?? [],
      answers: input.answers ?? {},
      invitation: r.invitation,
      groupSize: input.groupSize ?? null,
      locale,
      places,
      ...(r.reserved && { reserved: true }),
    });
    if (r.key) {
      const bodyHash = r.bodyHash!;
      answers.push({ key: r.key, networkId, response: result, bodyHash });
      // The same key again later in this batch gets this answer (or the mismatch).
      stored.set(r.key, { response: result, bodyHash });
    }
    // Only the facts known now: the delivery job composes the e-mails outside this transaction
    // (composeOutbox), so a registration does not wait for their composition.
    const sessionId = input.sessionId ?? null;
    // An organiser who adds someone may send them no e-mail (a paper list).
    if (!r.organiser || r.organiser.sendEmail) mails.push({ registrationId: id, kind: status, facts: { sessionId, ...(position !== undefined && { position }) } });
    // Organisers who want to hear at once, but the one who added them; the e-mail carries the
    // registration's id, so erasing the participant also removes it while unsent. The rows of an
    // import wait together, so delivery gathers them into one e-mail per organiser.
    for (const o of organisers) {
      if (o.email !== r.organiser?.by) mails.push({ registrationId: id, kind: 'organiser-new', facts: { sessionId, status, to: { email: o.email, name: o.name }, locale: 'nl' } });
    }
  }
}
