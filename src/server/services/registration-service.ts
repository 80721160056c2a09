/**
 * The registration use cases: one method each. Every change that touches places runs in one
 * transaction that first locks the row of its target (a network, or one session), then counts,
 * decides with the core rules engine, writes, moves the waiting list up and queues the e-mails.
 * Any number of server processes sharing one PostgreSQL therefore never give a place twice.
 * SQL lives in the repository; rules in core; HTTP in app.ts.
 */
import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import {
  decideRegistration,
  promoteFromWaitlist,
  validateRegistrationInput,
  reasonText,
  registrationScope,
  sessionOverAt,
  invitationTypes,
  manageActions,
  freesPlaceForWaitlist,
  registrationGate,
  findSession,
  hasPlaceAt,
  networkCalendar,
  publicNetwork,
  type Network,
  type PlaceCounts,
  type Problem,
  type Reason,
  type OrganisationType,
  type Locale,
  type RegistrationInput,
  type MessageRequest,
  type SentMessage,
  type MessageStatus,
  type NotifyPreference,
  type SessionTimeline,
  type NetworkChangePreview,
  type ReportNoticeResult,
  type Session,
  sessionChanges,
  sessionStart,
} from '../../core/index.js';
import { isConnectionFailure, type Db, type Queryable } from '../storage/db.js';
import {
  composeMail,
  composeOrganiserMail,
  composeReportMail,
  composeRevisionMail,
  type MailKind,
  type MailMessage,
  type OrganiserNews,
  type RevisionMailChange,
  type RevisionMailKind,
} from '../mail/compose.js';
import { mailFiles, removeMailFiles, useOutboxComposer, type ComposeOutbox } from '../mail/delivery.js';
import { amsterdamDate, startOfAmsterdamDay } from '../../core/time.js';
import { organisationKey } from '../../core/organisation-name.js';
import { manageToken, parseManageToken, feedToken, feedTokenId, checkFeedToken } from '../tokens.js';
import { RegistrationRepository, ACTIVE_STATUSES, type NewRegistration, type RegistrationRow, type Status } from '../storage/registrations.js';

export type { RegistrationRow, Status } from '../storage/registrations.js';

export type RegisterResult =
  | { kind: 'created'; id: string; status: Exclude<Status, 'rejected' | 'cancelled'>; position?: number; manageToken: string }
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'rejected'; reasons: Reason[]; message: string; conflict: boolean }
  /** The idempotency key was used before for a different registration. */
  | { kind: 'idempotency-mismatch' };

/** An organiser's message, its text already checked (`freeText`). */
export type OrganiserMessage = Pick<MessageRequest, 'sessionId' | 'statuses' | 'subject' | 'body'>;

export type ChangeResult = { ok: true; row: RegistrationRow } | { ok: false; code: string };

/** A move to another session: refused with the rules' reasons, as a new registration would be. */
export type SwitchResult = { ok: true; row: RegistrationRow; position?: number } | { ok: false; code: string; reasons: Reason[] };

/** At most this many links go out for one "send me my link again" (one e-mail per registration). */
const MANAGE_LINKS_MAX = 10;

/** Thrown inside a registration's transaction when a concurrent one stored the same key first. */
class KeyTaken extends Error {}

/** What a new registration's outbox rows hold to be composed from later (composeOutbox). */
type NewRegistrationFacts = {
  sessionId: string | null;
  /** Place on the waiting list when it was decided. */
  position?: number;
  /** For 'organiser-new': the decision, and the organiser written to. */
  status?: OrganiserNews['status'];
  to?: { email: string; name: string };
  locale?: Locale;
};

type MailExtra = { position?: number; reason?: string; freedPlace?: boolean };

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
  invitation: 'none' | 'valid' | 'invalid';
  key?: string;
  bodyHash: string;
  email: string;
  organisation?: string;
  answer: (result: RegisterResult) => void;
  fail: (error: unknown) => void;
}

/** JSON with object keys in a fixed order, so equal registrations hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Reasons that are about the state of the network, not about the request: HTTP 409. */
const CONFLICTS = new Set(['full', 'waitlist-full', 'duplicate', 'registration-closed', 'deadline-passed', 'past', 'not-yet-open', 'session-cancelled', 'closed-track']);

export interface RegistrationServiceOptions {
  secret: Buffer;
  /** Builds the participant's manage link from a token; without it e-mails say to reply instead. */
  manageUrl?: (token: string) => string;
  /** The clock, per network (the demo replays each network as of a day before its sessions). */
  now?: (networkId: string) => Date;
  /** Where the mailer writes .eml files: erase and purge remove a registration's files there too. */
  outboxDir?: string;
  /** The console's address (`…/beheer/`) for links in organisers' e-mails. */
  consoleUrl?: () => string;
  /** Makes a path on this server an absolute https URL, for the personal calendar feed in e-mails and on the manage page. */
  publicUrl?: (path: string) => string;
  /**
   * SEQUENCE and DTSTAMP per session from the revision history (the registry's), read in the
   * caller's transaction `q`: every calendar file in an e-mail then says what the feed says.
   */
  timeline?: (network: Network, q: Queryable) => Promise<SessionTimeline>;
}

/** @deprecated Use RegistrationServiceOptions. */
export type StoreOptions = RegistrationServiceOptions;

const DAY = 86400000;

const isActive = (status: Status) => ACTIVE_STATUSES.includes(status);

function checkInvitation(network: Network, code: string | undefined): 'none' | 'valid' | 'invalid' {
  if (!code) return 'none';
  const hash = createHash('sha256').update(code.trim()).digest();
  const ok = (network.registration.invitation?.codes ?? []).some((c) => {
    const stored = Buffer.from(c.hash.slice('sha256:'.length), 'hex');
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
  return ok ? 'valid' : 'invalid';
}

export class RegistrationService {
  readonly #db: Db;
  readonly #networks: Map<string, Network>;
  readonly #opts: RegistrationServiceOptions;
  readonly #repo: RegistrationRepository;

  constructor(db: Db, networks: Map<string, Network>, options: RegistrationServiceOptions) {
    this.#db = db;
    this.#networks = networks;
    this.#opts = options;
    this.#repo = new RegistrationRepository(db);
    useOutboxComposer(db, this.composeOutbox);
  }

  get db(): Db {
    return this.#db;
  }

  /** Runs `fn` in one transaction, with a repository over it. */
  #transaction<T>(fn: (repo: RegistrationRepository) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => fn(new RegistrationRepository(tx)));
  }

  #now(networkId: string): Date {
    return this.#opts.now?.(networkId) ?? new Date();
  }

  token(id: string): string {
    return manageToken(this.#opts.secret, id);
  }

  #manageUrl(id: string): string | undefined {
    return this.#opts.manageUrl?.(this.token(id));
  }

  /** The personal calendar feed's address: read-only, another token than the manage link's. */
  calendarUrl(row: Pick<RegistrationRow, 'id' | 'feed_version'>): string | undefined {
    return this.#opts.publicUrl?.(`/api/calendar/${feedToken(this.#opts.secret, row.id, Number(row.feed_version ?? 0))}/agenda.ics`);
  }

  /** The registration a feed token stands for, when it is the current one and its data is not erased. */
  async byFeedToken(token: string): Promise<RegistrationRow | undefined> {
    const id = feedTokenId(token);
    const row = id ? await this.byId(id) : undefined;
    if (!row || row.erased_at) return undefined;
    return checkFeedToken(this.#opts.secret, token, row.id, Number(row.feed_version ?? 0)) ? row : undefined;
  }

  /**
   * The person's own calendar: exactly the sessions they have a place at (core's hasPlaceAt),
   * so a move, a cancellation or a new date shows up when their calendar next reads it. Never
   * the join link of an online session: a feed address travels further than an e-mail.
   */
  personalCalendar(row: RegistrationRow, locale: Locale, timeline?: SessionTimeline): string | undefined {
    const network = this.network(row.network_id);
    if (!network) return undefined;
    const registration = { status: row.status, ...(row.session_id && { sessionId: row.session_id }) };
    const sessionIds = network.sessions.filter((s) => hasPlaceAt(network, registration, s.id)).map((s) => s.id);
    return networkCalendar(publicNetwork(network), { sessionIds, locale, ...(timeline && { timeline }) });
  }

  /** A new feed address for a registration; the old one stops working. */
  async renewFeed(id: string): Promise<RegistrationRow | undefined> {
    if ((await this.#repo.renewFeed(id)) === undefined) return undefined;
    return this.byId(id);
  }

  network(id: string): Network | undefined {
    return this.#networks.get(id);
  }

  /**
   * Counts for every target of a network, for availability. Reads that arrive while the event
   * loop is busy are answered by one query after it (every network asked for at once): the query
   * starts after each of them was asked, so none is older than what was answered before it. The
   * counts are shared between the callers that asked together: read them, do not change them.
   */
  counts(networkId: string): Promise<Record<string, PlaceCounts>> {
    return new Promise((resolve, reject) => {
      let waiting = this.#countReads.get(networkId);
      if (!waiting) this.#countReads.set(networkId, (waiting = []));
      waiting.push({ resolve, reject });
      if (this.#countReads.size === 1 && waiting.length === 1) setImmediate(() => void this.#readCounts());
    });
  }

  readonly #countReads = new Map<string, { resolve: (c: Record<string, PlaceCounts>) => void; reject: (e: unknown) => void }[]>();

  async #readCounts(): Promise<void> {
    const reads = new Map(this.#countReads);
    this.#countReads.clear();
    try {
      const counts = await this.#repo.countsByNetworks([...reads.keys()]);
      for (const [id, waiting] of reads) {
        const c = counts.get(id) ?? {};
        for (const w of waiting) w.resolve(c);
      }
    } catch (error) {
      for (const waiting of reads.values()) for (const w of waiting) w.reject(error);
    }
  }

  async #mail(repo: RegistrationRepository, network: Network, row: RegistrationRow, kind: MailKind, extra: MailExtra = {}): Promise<void> {
    if (row.erased_at) return;
    await repo.enqueue(row.id, kind, this.#participantMail(network, row, kind, extra, await this.#timeline(repo, network)));
  }

  /** A participant's e-mail about their registration, with its manage link and calendar feed: for #mail and composeOutbox alike. */
  #participantMail(
    network: Network,
    row: Pick<RegistrationRow, 'id' | 'feed_version' | 'session_id' | 'participant' | 'locale'>,
    kind: MailKind,
    extra: MailExtra,
    timeline: SessionTimeline | undefined,
  ): MailMessage {
    const manageUrl = this.#manageUrl(row.id);
    const calendarUrl = this.calendarUrl(row);
    return composeMail(kind, {
      network,
      ...(timeline && { timeline }),
      sessionId: row.session_id,
      participant: row.participant,
      locale: row.locale,
      ...(manageUrl && { manageUrl }),
      ...(calendarUrl && { calendarUrl }),
      ...extra,
    });
  }

  /**
   * Composes a new registration's e-mails from the facts its transaction queued, in the delivery
   * job just before sending (ComposeOutbox): the registration as stored, the network as it is now,
   * the manage link and calendar feed derived again from the id. Nothing for a registration that
   * is gone or erased, or whose network is gone. Only this hot path moved out of the transaction:
   * the other e-mails (status changes, reminders, revisions, reports, sign-in links, digests) are
   * still composed where they are queued.
   */
  readonly composeOutbox: ComposeOutbox = async ({ registrationId, kind, facts }) => {
    const row = registrationId ? await this.#repo.byId(registrationId) : undefined;
    const network = row && !row.erased_at ? this.network(row.network_id) : undefined;
    if (!row || !network) return undefined;
    const f = facts as NewRegistrationFacts;
    if (kind === 'organiser-new') {
      const news = [{ network, sessionId: f.sessionId ?? null, participant: row.participant, status: f.status! }];
      return composeOrganiserMail('organiser-new', { to: f.to!, locale: f.locale ?? 'nl', consoleUrl: this.#consoleUrl(), news });
    }
    if (kind !== 'confirmed' && kind !== 'waitlisted' && kind !== 'pending') throw new Error(`no composition from facts for ${kind}`);
    const timeline = await this.#timeline(this.#repo, network);
    return this.#participantMail(network, { ...row, session_id: f.sessionId ?? null }, kind, f.position !== undefined ? { position: f.position } : {}, timeline);
  };

  #timeline(repo: RegistrationRepository, network: Network): Promise<SessionTimeline | undefined> {
    return this.#opts.timeline ? this.#opts.timeline(network, repo.queryable) : Promise.resolve(undefined);
  }

  /**
   * Moves people up from the waiting list into free places of one target, first come first
   * served among those who still fit the rules; in the caller's transaction and lock.
   */
  async #promote(repo: RegistrationRepository, network: Network, target: string): Promise<void> {
    const counts = await repo.counts(network.id, target);
    const waiting = await repo.waitlisted(network.id, target);
    const sessionId = target === 'network' ? undefined : target;
    // The count per organisation costs a query per person; only a per-organisation limit needs it.
    const limited = network.registration.maxPerOrganisation !== undefined;
    const entries = await Promise.all(
      waiting.map(async (w) => ({
        id: w.id,
        ...(sessionId && { sessionId }),
        ...(w.organisation_type && { organisationType: w.organisation_type as OrganisationType }),
        declarations: w.declarations,
        invitation: w.invitation,
        ...(w.group_size !== null && { groupSize: w.group_size }),
        organisationCount: limited && w.organisation_lower ? await repo.organisationCount(network.id, target, w.organisation_lower, w.id) : 0,
      })),
    );
    for (const p of promoteFromWaitlist(network, counts, entries, sessionId)) {
      await repo.setStatus(p.id, p.status);
      const row = waiting.find((w) => w.id === p.id)!;
      await this.#mail(repo, network, { ...row, status: p.status }, p.status === 'confirmed' ? 'promoted' : 'pending');
    }
  }

  /**
   * Registers someone: validates, then decides under the target's lock, stores and queues the
   * e-mail. Registrations that arrive for the same target while one is being decided wait and
   * are then decided together, in arrival order, in one transaction under one lock (see #drain):
   * each still gets its own answer, by the same rules, as if it had come alone.
   */
  async register(network: Network, body: unknown, idempotencyKey?: string): Promise<RegisterResult> {
    const now = this.#now(network.id);
    const checked = validateRegistrationInput(network, body);
    if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
    const input: RegistrationInput = checked.value;
    const p = input.participant;
    const type = p.organisationType as OrganisationType | undefined;
    const request: Pending = {
      network,
      now,
      input,
      target: registrationScope(network) === 'session' ? input.sessionId! : 'network',
      locale: input.locale ?? 'nl',
      type,
      invitation: type && invitationTypes(network).includes(type) ? checkInvitation(network, input.invitationCode) : 'none',
      ...(idempotencyKey && { key: `${network.id}:${idempotencyKey.slice(0, 100)}` }),
      // A key stands for one registration: the same key with other details is someone else (or
      // the same person after changing the form) and must never receive the first one's token.
      bodyHash: createHash('sha256').update(canonical(input)).digest('hex'),
      email: p.email.toLowerCase(),
      // One owner of when two names are one organisation (core); rows stored before it used plain lower case.
      ...(p.organisation && { organisation: organisationKey(p.organisation) }),
      answer: () => {},
      fail: () => {},
    };
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
      results = await this.#transaction((repo) => this.#decide(repo, batch));
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
    const locked = await repo.lockMany(networkId, targets);
    const facts = await repo.batchFactsMany(
      networkId,
      targets,
      batch.flatMap((r) => (r.key ? [r.key] : [])),
      batch.map((r) => r.email),
      batch.flatMap((r) => (r.organisation ? [r.organisation] : [])),
    );
    // Idempotency keys are the network's, whatever the target: one map for the whole batch.
    const stored = facts.stored;
    const organisers = facts.organisers;
    const results: RegisterResult[] = [];
    const rows: NewRegistration[] = [];
    const answers: { key: string; networkId: string; response: unknown; bodyHash: string }[] = [];
    const mails: { registrationId: string; kind: MailKind | 'organiser-new'; facts: NewRegistrationFacts }[] = [];
    for (const r of batch) {
      const { network, input, locale, target } = r;
      const counts = locked.get(target)!;
      const active = facts.active.get(target)!;
      const organisations = facts.organisations.get(target)!;
      const earlier = r.key ? stored.get(r.key) : undefined;
      if (earlier) {
        results.push(earlier.bodyHash === r.bodyHash ? (earlier.response as RegisterResult) : { kind: 'idempotency-mismatch' });
        continue;
      }
      const decision = decideRegistration(
        network,
        {
          ...(input.sessionId && { sessionId: input.sessionId }),
          ...(r.type && { organisationType: r.type }),
          declarations: input.declarations ?? [],
          invitation: r.invitation,
          ...(input.groupSize !== undefined && { groupSize: input.groupSize }),
        },
        { counts: { ...counts }, duplicate: active.has(r.email), organisationCount: r.organisation ? (organisations.get(r.organisation) ?? 0) : 0 },
        r.now,
      );
      if (decision.outcome === 'rejected') {
        const first = decision.reasons[0]!;
        results.push({ kind: 'rejected', reasons: decision.reasons, message: decision.reasons.map((x) => reasonText(x, network, locale)).join(' '), conflict: CONFLICTS.has(first.code) });
        continue;
      }
      const status = decision.outcome;
      // Counting along: what the next request in the batch is decided on, as if this one had committed.
      counts[status]++;
      active.add(r.email);
      if (r.organisation && status !== 'waitlisted') organisations.set(r.organisation, (organisations.get(r.organisation) ?? 0) + 1);
      const id = randomUUID();
      // Under the lock every earlier waiting registration of this target came before this one.
      const position = status === 'waitlisted' ? counts.waitlisted : undefined;
      const result: RegisterResult = { kind: 'created', id, status, ...(position !== undefined && { position }), manageToken: this.token(id) };
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
      });
      if (r.key) {
        answers.push({ key: r.key, networkId, response: result, bodyHash: r.bodyHash });
        // The same key again later in this batch gets this answer (or the mismatch).
        stored.set(r.key, { response: result, bodyHash: r.bodyHash });
      }
      // Only the facts known now: the delivery job composes the e-mails outside this transaction
      // (composeOutbox), so a registration does not wait for their composition.
      const sessionId = input.sessionId ?? null;
      mails.push({ registrationId: id, kind: status, facts: { sessionId, ...(position !== undefined && { position }) } });
      // Organisers who want to hear at once; the e-mail carries the registration's id, so erasing
      // the participant also removes it while unsent.
      for (const o of organisers) mails.push({ registrationId: id, kind: 'organiser-new', facts: { sessionId, status, to: { email: o.email, name: o.name }, locale: 'nl' } });
    }
    if (rows.length && (await repo.insertBatch(rows, answers, mails)) < answers.length) throw new KeyTaken();
    return results;
  }

  #consoleUrl(): string {
    return this.#opts.consoleUrl?.() ?? 'http://localhost:8000/beheer/';
  }

  /**
   * Sends each organiser who chose a digest one e-mail with the registrations of the previous
   * Amsterdam day over their networks. Safe to run often and from several processes: a digest is
   * claimed per organiser and day in the transaction that queues it. Returns how many were queued.
   */
  async sendDigests(now: Date = new Date()): Promise<number> {
    const today = amsterdamDate(now);
    const to = startOfAmsterdamDay(today);
    const day = amsterdamDate(new Date(to.getTime() - 1));
    const from = startOfAmsterdamDay(day);
    let queued = 0;
    for (const o of await this.#repo.digestOrganisers()) {
      const networks = o.networks.filter((id) => this.#networks.has(id));
      if (!networks.length) continue;
      queued += await this.#transaction(async (repo) => {
        if (!(await repo.claimDigest(o.id, day))) return 0;
        const rows = await repo.createdBetween(networks, from, to);
        if (!rows.length) return 0;
        const news = rows.map((r) => ({ network: this.#networks.get(r.network_id)!, sessionId: r.session_id, participant: r.participant, status: r.status }));
        await repo.enqueue(null, 'organiser-digest', composeOrganiserMail('organiser-digest', { to: o, locale: 'nl', consoleUrl: this.#consoleUrl(), news, day }));
        return 1;
      });
    }
    return queued;
  }

  /** An organiser's choice of how to hear about new registrations. */
  setNotify(organiserId: string, notify: NotifyPreference): Promise<void> {
    return this.#repo.setNotify(organiserId, notify);
  }

  /** A registration by its manage token. */
  async byToken(token: string): Promise<RegistrationRow | undefined> {
    const id = parseManageToken(this.#opts.secret, token);
    return id ? this.byId(id) : undefined;
  }

  byId(id: string): Promise<RegistrationRow | undefined> {
    return this.#repo.byId(id);
  }

  async position(row: RegistrationRow): Promise<number | undefined> {
    return row.status === 'waitlisted' ? this.#repo.position(row) : undefined;
  }

  /**
   * Changes a registration's status under its target's lock and lets the waiting list move up.
   * `check` sees the current row and may refuse (returns a reason code) before anything changes.
   */
  async #change(
    id: string,
    to: Status | ((row: RegistrationRow) => Status),
    mail: MailKind | undefined,
    opts: { reason?: string; check?: (row: RegistrationRow) => string | undefined; erase?: boolean; freedPlace?: (row: RegistrationRow) => boolean } = {},
  ): Promise<ChangeResult> {
    const current = await this.byId(id);
    if (!current) return { ok: false, code: 'not-found' };
    const network = this.network(current.network_id);
    return this.#transaction(async (repo) => {
      await repo.lock(current.network_id, current.target);
      const row = (await repo.byId(id))!;
      const refused = opts.check?.(row);
      if (refused) return { ok: false as const, code: refused };
      const status = typeof to === 'function' ? to(row) : to;
      if (mail && network)
        await this.#mail(repo, network, { ...row, status }, mail, { ...(opts.reason && { reason: opts.reason }), ...(opts.freedPlace && { freedPlace: opts.freedPlace(row) }) });
      if (opts.erase) {
        await repo.eraseOne(id, status);
        await repo.forgetCopies([id]);
      } else {
        await repo.setStatus(id, status, opts.reason ?? null);
      }
      if (network) await this.#promote(repo, network, row.target);
      return { ok: true as const, row: (await repo.byId(id))! };
    });
  }

  /**
   * The participant cancels, or leaves the waiting list; a freed place goes to the first on the
   * waiting list who fits, and the e-mail says so only where that is what happens.
   */
  cancel(id: string): Promise<ChangeResult> {
    return this.#change(id, 'cancelled', 'cancelled', {
      // What the manage page offers, decided by core at this network's clock: nothing once the
      // session is over ('over'), no place given up after `cancelUntil` ('cancel-closed').
      check: (row) => {
        if (!isActive(row.status)) return 'not-active';
        const network = this.network(row.network_id);
        if (!network) return undefined;
        const actions = manageActions(network, { status: row.status, ...(row.session_id && { sessionId: row.session_id }) }, this.#now(network.id));
        return actions.cancel || actions.leaveWaitlist ? undefined : actions.cancelClosed ? 'cancel-closed' : 'over';
      },
      freedPlace: (row) => {
        const network = this.network(row.network_id);
        return network !== undefined && freesPlaceForWaitlist(network, row.status);
      },
    });
  }

  /**
   * The participant moves to another session, where people register per session. The new
   * session decides as it would for a new registration (capacity, waiting list, intake, the
   * person's own answers), under the locks of both sessions, taken in a fixed order so two
   * moves in opposite directions cannot wait for each other. The old place goes to the waiting list.
   */
  async switchSession(id: string, sessionId: string): Promise<SwitchResult> {
    const current = await this.byId(id);
    const network = current && !current.erased_at ? this.network(current.network_id) : undefined;
    if (!current || !network) return { ok: false, code: 'not-found', reasons: [] };
    if (!findSession(network, sessionId)) return { ok: false, code: 'unknown-session', reasons: [{ code: 'unknown-session' }] };
    return this.#transaction(async (repo) => {
      for (const target of [current.target, sessionId].sort()) await repo.lock(network.id, target);
      const row = (await repo.byId(id))!;
      const now = this.#now(network.id);
      if (!manageActions(network, { status: row.status, ...(row.session_id && { sessionId: row.session_id }) }, now).switchTo.includes(sessionId)) {
        const gate = row.session_id === sessionId ? undefined : registrationGate(network, findSession(network, sessionId), now);
        return { ok: false as const, code: gate?.code ?? 'not-switchable', reasons: gate ? [gate] : [] };
      }
      const decision = decideRegistration(
        network,
        {
          sessionId,
          ...(row.organisation_type && { organisationType: row.organisation_type as OrganisationType }),
          declarations: row.declarations,
          invitation: row.invitation,
          ...(row.group_size !== null && { groupSize: row.group_size }),
        },
        {
          counts: await repo.counts(network.id, sessionId),
          duplicate: await repo.hasActive(network.id, sessionId, row.email_lower),
          organisationCount: row.organisation_lower ? await repo.organisationCount(network.id, sessionId, row.organisation_lower, id) : 0,
        },
        now,
      );
      if (decision.outcome === 'rejected') return { ok: false as const, code: decision.reasons[0]!.code, reasons: decision.reasons };
      await repo.move(id, sessionId, sessionId, decision.outcome);
      const moved = (await repo.byId(id))!;
      const position = decision.outcome === 'waitlisted' ? await repo.position(moved) : undefined;
      await this.#mail(repo, network, moved, decision.outcome, position !== undefined ? { position } : {});
      await this.#promote(repo, network, row.target);
      return { ok: true as const, row: moved, ...(position !== undefined && { position }) };
    });
  }

  /**
   * "Send me my link again": one e-mail per registration of this address that is still active,
   * each with its own manage link. Nothing tells the caller whether the address is known.
   */
  async sendManageLinks(email: string): Promise<void> {
    const rows = await this.#repo.activeByEmail(email.toLowerCase(), MANAGE_LINKS_MAX);
    if (!rows.length) return;
    await this.#transaction(async (repo) => {
      for (const row of rows) {
        const network = this.network(row.network_id);
        if (network) await this.#mail(repo, network, row, 'manage-link');
      }
    });
  }

  /** The participant erases their data; an active registration is cancelled first. */
  async erase(id: string): Promise<ChangeResult> {
    const r = await this.#change(id, (row) => (isActive(row.status) ? 'cancelled' : row.status), undefined, { erase: true });
    if (r.ok && this.#opts.outboxDir) await removeMailFiles(this.#opts.outboxDir, [id]);
    return r;
  }

  /** An organiser accepts an intake. */
  accept(id: string, reason?: string): Promise<ChangeResult> {
    return this.#change(id, 'confirmed', 'accepted', { ...(reason && { reason }), check: (row) => (row.status === 'pending' ? undefined : 'not-pending') });
  }

  /** An organiser rejects an intake, with a reason the participant is told. */
  reject(id: string, reason: string): Promise<ChangeResult> {
    return this.#change(id, 'rejected', 'rejected', { reason, check: (row) => (row.status === 'pending' ? undefined : 'not-pending') });
  }

  /** An organiser moves someone from the waiting list, also past the capacity. */
  moveUp(id: string): Promise<ChangeResult> {
    const network = (row: RegistrationRow) => this.network(row.network_id);
    return this.#change(id, (row) => (network(row) && (network(row)!.registration.approval?.required || network(row)!.format === 'in-company') ? 'pending' : 'confirmed'), 'promoted', {
      check: (row) => (row.status === 'waitlisted' ? undefined : 'not-waitlisted'),
    });
  }

  /** An organiser takes someone off (any active status); the waiting list moves up, the person is told. */
  remove(id: string, reason?: string): Promise<ChangeResult> {
    return this.#change(id, 'cancelled', 'removed', { ...(reason && { reason }), check: (row) => (isActive(row.status) ? undefined : 'not-active') });
  }

  /** The organisers' note on a registration; empty removes it. False when there is no such (unerased) registration. */
  setNote(id: string, note: string): Promise<boolean> {
    return this.#repo.setNote(id, note || null);
  }

  /** Who a message goes to: people with the chosen statuses; a session narrows it only where people register per session. */
  #recipients(repo: RegistrationRepository, network: Network, m: OrganiserMessage): Promise<RegistrationRow[]> {
    const target = m.sessionId && registrationScope(network) === 'session' ? m.sessionId : undefined;
    return repo.messageRecipients(network.id, m.statuses, target);
  }

  /** The e-mail one recipient gets; preview and send both use it. Online join links are never in it. */
  #message(network: Network, row: RegistrationRow, m: OrganiserMessage): MailMessage {
    const manageUrl = this.#manageUrl(row.id);
    return composeMail('message', {
      network,
      sessionId: m.sessionId ?? null,
      participant: row.participant,
      locale: row.locale,
      ...(manageUrl && { manageUrl }),
      message: { subject: m.subject, body: m.body },
    });
  }

  /** The message as its first recipient will get it, and how many get it; undefined when nobody would. */
  async previewMessage(network: Network, m: OrganiserMessage): Promise<{ recipients: number; subject: string; text: string } | undefined> {
    const people = await this.#recipients(this.#repo, network, m);
    if (!people.length) return undefined;
    const first = this.#message(network, people[0]!, m);
    return { recipients: people.length, subject: first.subject, text: first.text };
  }

  /** Queues the message for every recipient and records it, in one transaction; undefined when nobody would get it. */
  sendMessage(network: Network, m: OrganiserMessage, sentBy: string | null): Promise<{ id: string; recipients: number } | undefined> {
    return this.#transaction(async (repo) => {
      const people = await this.#recipients(repo, network, m);
      if (!people.length) return undefined;
      const id = randomUUID();
      await repo.insertMessage({ id, networkId: network.id, sessionId: m.sessionId ?? null, statuses: m.statuses, subject: m.subject, body: m.body, sentBy }, people.map((p) => p.id));
      for (const p of people) await repo.enqueue(p.id, 'message', this.#message(network, p, m));
      return { id, recipients: people.length };
    });
  }

  /** What organisers sent, newest first, with the recipients who are not erased. */
  async listMessages(networkId: string): Promise<SentMessage[]> {
    return (await this.#repo.messages(networkId)).map((m) => ({
      id: m.id,
      at: new Date(m.created_at).toISOString(),
      sessionId: m.session_id,
      statuses: m.statuses as MessageStatus[],
      subject: m.subject,
      body: m.body,
      sentBy: m.sent_by,
      recipients: m.recipients.map((r) => ({ registrationId: r.registrationId, name: r.participant.name, email: r.participant.email })),
    }));
  }

  /** Records attendance of a whole-series participant at one session. */
  attendance(id: string, sessionId: string, present: boolean): Promise<RegistrationRow | undefined> {
    return this.#repo.setAttendance(id, sessionId, present);
  }

  /** Registrations of a network (optionally one session), in arrival order. */
  list(networkId: string, sessionId?: string): Promise<RegistrationRow[]> {
    return this.#repo.list(networkId, sessionId);
  }

  /**
   * Removes personal data once its retention period (the network's `privacy.retentionDays`, or
   * `defaultRetentionDays`) is over: counted from the later of the network's last dated session
   * and the registration's last change. A network without any dated session, or whose document
   * is no longer served, counts from the registration's last change alone. Sessions still to be
   * dated do not hold data back for ever. Also removes the .eml files of every erased
   * registration. Returns how many registrations were erased.
   */
  async purgeExpired(defaultRetentionDays = 365): Promise<number> {
    let erased = 0;
    for (const id of await this.#repo.networksWithData()) {
      const network = this.#networks.get(id);
      const days = network?.registration.privacy?.retentionDays ?? defaultRetentionDays;
      const now = this.#now(id).getTime();
      const ends = (network?.sessions ?? []).map((s) => sessionOverAt(s)?.getTime()).filter((t): t is number => t !== undefined);
      if (ends.length && Math.max(...ends) + days * DAY > now) continue;
      erased += await this.#transaction(async (repo) => {
        const ids = await repo.eraseUnchangedSince(id, new Date(now - days * DAY));
        if (ids.length) await repo.forgetCopies(ids);
        return ids.length;
      });
    }
    await this.#repo.forgetOldIdempotency();
    if (this.#opts.outboxDir) await this.#sweepMailFiles(this.#opts.outboxDir);
    return erased;
  }

  /**
   * Removes the .eml files of registrations that are erased (or unknown): also those another
   * process erased, or that an erase could not remove because it stopped half-way.
   */
  async #sweepMailFiles(outboxDir: string): Promise<void> {
    const files = await mailFiles(outboxDir);
    if (!files.size) return;
    const live = await this.#repo.liveIds([...files.keys()]);
    await removeMailFiles(outboxDir, [...files.keys()].filter((id) => !live.has(id)), files);
  }

  /**
   * In the transaction of a new revision of a network: one e-mail per registration concerned (a
   * place, the waiting list, or an intake) listing every session of theirs that got a date,
   * moved, changed venue, lost its date, was cancelled or removed (core's `sessionChanges`), with
   * the calendar items (same UID, SEQUENCE from the revision history; a separate METHOD:CANCEL
   * file for what no longer takes place). Returns how many.
   */
  async tellRevision(tx: Queryable, before: Network, after: Network, timeline: SessionTimeline): Promise<number> {
    const repo = new RegistrationRepository(tx);
    let queued = 0;
    await this.#revisionMails(repo, before, after, timeline, async (row, kind, message) => {
      await repo.enqueue(row.id, kind, message);
      queued++;
    });
    return queued;
  }

  /**
   * What saving `after` would send (the console shows it before saving): per changed session,
   * how many people are told; how many e-mails that is (one per person); and the e-mail the
   * first of them would get.
   */
  async previewRevision(before: Network, after: Network): Promise<NetworkChangePreview> {
    const changes = sessionChanges(before, after).map((c) => ({
      sessionId: c.sessionId,
      title: (after.sessions.find((s) => s.id === c.sessionId) ?? before.sessions.find((s) => s.id === c.sessionId))!.title,
      kinds: c.kinds,
      recipients: 0,
    }));
    let email: { subject: string; text: string } | undefined;
    let emails = 0;
    await this.#revisionMails(this.#repo, before, after, {}, async (_row, _kind, message, sessionIds) => {
      for (const id of sessionIds) changes.find((c) => c.sessionId === id)!.recipients++;
      emails++;
      email ??= { subject: message.subject, text: message.text };
    });
    return { changes, emails, ...(email && { email }) };
  }

  async #revisionMails(
    repo: RegistrationRepository,
    before: Network,
    after: Network,
    timeline: SessionTimeline,
    each: (row: RegistrationRow, kind: RevisionMailKind, message: MailMessage, sessionIds: string[]) => Promise<void>,
  ): Promise<void> {
    const perSession = registrationScope(after) === 'session';
    const changes: RevisionMailChange[] = [];
    for (const change of sessionChanges(before, after)) {
      const now = after.sessions.find((s) => s.id === change.sessionId);
      // A session that appears (dated) was not in `before`: it is its own "before".
      const was = before.sessions.find((s) => s.id === change.sessionId) ?? now!;
      const kind: RevisionMailChange['kind'] = change.kinds.includes('removed')
        ? 'session-removed'
        : change.kinds.includes('cancelled')
          ? 'session-cancelled'
          : change.kinds.includes('undated')
            ? 'session-undated'
            : change.kinds.includes('dated')
              ? 'session-dated'
              : change.kinds.includes('moved')
                ? 'session-moved'
                : 'session-venue';
      changes.push({ kind, session: now ?? was, was });
    }
    if (!changes.length) return;
    const targets = perSession ? changes.map((c) => c.session.id) : ['network'];
    // One e-mail per person: someone registered for several of the changed sessions hears of
    // them together, in the language and under the name of their first registration.
    const people = new Map<string, RegistrationRow[]>();
    for (const row of await repo.concerned(after.id, targets)) {
      if (row.erased_at) continue;
      const rows = people.get(row.email_lower);
      if (rows) rows.push(row);
      else people.set(row.email_lower, [row]);
    }
    for (const rows of people.values()) {
      const first = rows[0]!;
      const sessionsOf = new Set(rows.map((r) => r.session_id));
      // Removed sessions keep their registrations: a restore brings the session back with its people.
      const mine = perSession ? changes.filter((c) => sessionsOf.has(c.session.id)) : changes;
      if (!mine.length) continue;
      const links = rows.flatMap((r) => {
        const url = this.#manageUrl(r.id);
        const change = mine.find((c) => c.session.id === r.session_id);
        return url ? [{ title: change?.session.title ?? after.title, url }] : [];
      });
      const confirmed = new Set(rows.filter((r) => r.status === 'confirmed').map((r) => r.session_id));
      const { kind, message } = composeRevisionMail(mine, {
        network: after,
        participant: first.participant,
        locale: first.locale,
        timeline,
        hasPlace: perSession ? (id) => confirmed.has(id) : first.status === 'confirmed',
        ...(links[0] && { manageUrl: links[0].url }),
        ...(links.length > 1 && { manageUrls: links }),
      });
      await each(first, kind, message, mine.map((c) => c.session.id));
    }
  }

  /**
   * Tells the people recorded as attended at a session about one of its reports, through the
   * outbox, once per person per report (recorded in the transaction that queues the e-mail, so
   * asking twice, or from two processes, tells nobody twice). Never anyone not recorded as
   * attended. `preview` only counts and shows the e-mail.
   */
  async reportNotice(network: Network, session: Session, report: { title: string; url?: string }, options: { preview?: boolean } = {}): Promise<ReportNoticeResult> {
    const key = report.url ?? report.title;
    return this.#transaction(async (repo) => {
      const rows = await repo.attended(network.id, session.id);
      const told = await repo.reportTold(rows.map((r) => r.id), session.id, key);
      let email: { subject: string; text: string } | undefined;
      let sent = 0;
      let alreadyTold = told.size;
      for (const row of rows) {
        const manageUrl = this.#manageUrl(row.id);
        const message = composeReportMail(report, { network, session, participant: row.participant, locale: row.locale, ...(manageUrl && { manageUrl }) });
        email ??= { subject: message.subject, text: message.text };
        if (options.preview || told.has(row.id)) continue;
        if (!(await repo.markReportTold(row.id, session.id, key))) {
          alreadyTold++;
          continue;
        }
        await repo.enqueue(row.id, 'report', message);
        sent++;
      }
      return { recipients: rows.length, alreadyTold, sent, ...(email && { email }) };
    });
  }

  /**
   * The reminder job: for each dated session that starts within the network's
   * `registration.reminderDaysBefore` days (2 by default; 0 for none) and has not started yet,
   * one e-mail to each person concerned. Each is claimed with SKIP LOCKED and recorded per
   * registration, session and start time in the transaction that queues it, so any number of
   * processes send it once; a session that moves gets a new reminder for its new time. The
   * online join link is only for people with a place. `now` is the clock (tests give their
   * own); each network's own clock by default. Returns how many were queued.
   */
  async sendReminders(now?: Date, batch = 200): Promise<number> {
    let queued = 0;
    for (const network of [...this.#networks.values()]) {
      const days = network.registration.reminderDaysBefore ?? 2;
      if (network.registration.mode !== 'built-in' || days <= 0) continue;
      const at = (now ?? this.#now(network.id)).getTime();
      const perSession = registrationScope(network) === 'session';
      for (const session of network.sessions) {
        const start = sessionStart(session);
        if (!start || session.status === 'cancelled' || start.getTime() <= at || start.getTime() - days * DAY > at) continue;
        for (;;) {
          const r = await this.#transaction(async (repo) => {
            const rows = await repo.claimReminders(network.id, perSession ? session.id : 'network', session.id, start, batch);
            let sent = 0;
            for (const row of rows) {
              if (!(await repo.markReminded(row.id, session.id, start))) continue;
              const manageUrl = this.#manageUrl(row.id);
              const message = composeMail('reminder', {
                network,
                sessionId: session.id,
                participant: row.participant,
                locale: row.locale,
                hasPlace: row.status === 'confirmed',
                status: row.status,
                ...(manageUrl && { manageUrl }),
              });
              await repo.enqueue(row.id, 'reminder', message);
              sent++;
            }
            return { claimed: rows.length, sent };
          });
          queued += r.sent;
          if (r.claimed < batch) break;
        }
      }
    }
    return queued;
  }
}
