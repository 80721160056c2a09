/**
 * What every registration use case shares, each piece with one owner: the options, the clock,
 * the transaction helper (a repository of registrations and one of mailings over the same
 * transaction), the manage link and calendar feed addresses, the participant's e-mail about their
 * registration (queued now, or composed later from facts by composeOutbox), and the batched
 * reader of kept counts. The use-case services (registering.ts, managing.ts, …) each get one.
 */
import type { Network, PlaceCounts, Locale, SessionTimeline } from '../../core/index.js';
import type { Db, Queryable } from '../storage/db.js';
import { composeMail, composeOrganiserMail, type MailKind, type MailMessage, type OrganiserNews } from '../mail/compose.js';
import type { ComposeOutbox } from '../mail/delivery.js';
import { manageToken, feedToken } from '../tokens.js';
import { RegistrationRepository, MailingRepository, ACTIVE_STATUSES, type RegistrationRow, type Status } from '../storage/registrations.js';
import { ADD_WITHDRAWALS } from '../storage/registration-rows.js';

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
  /**
   * The most people a save or a message tells within its own request (issue 27); for more, it
   * records a fan-out job that the delivery job expands. By default 200 for a save (each e-mail is
   * composed with its calendar items) and 2,000 for a message (queued by one statement).
   */
  fanoutInline?: number;
  /** People per batch of a fan-out job (by default 100 for a save, 5,000 for a message); tests take small batches. */
  fanoutBatch?: number;
  /** The wall clock by which a fan-out job measures how long its batch keeps failing for a passing reason (fanout.ts); the system's by default, tests drive it. */
  fanoutClock?: () => Date;
}

/** What a new registration's outbox rows hold to be composed from later (composeOutbox). */
export type NewRegistrationFacts = {
  sessionId: string | null;
  /** Place on the waiting list when it was decided. */
  position?: number;
  /** The registration's withdrawals when it was stored (core's personalSequence); a later own CANCEL counts above it. */
  withdrawals?: Record<string, number>;
  /** For 'organiser-new': the decision, and the organiser written to. */
  status?: OrganiserNews['status'];
  to?: { email: string; name: string };
  locale?: Locale;
};

export type MailExtra = {
  position?: number;
  reason?: string;
  freedPlace?: boolean;
  hadItems?: boolean;
  withdrawnSessionId?: string;
  withdrawnSessionIds?: string[];
  feeStands?: number;
  hasPlace?: boolean;
};

export const DAY = 86400000;

export const isActive = (status: Status) => ACTIVE_STATUSES.includes(status);

export class RegistrationContext {
  readonly db: Db;
  readonly networks: Map<string, Network>;
  readonly opts: RegistrationServiceOptions;
  /** Reads outside any transaction. */
  readonly repo: RegistrationRepository;
  readonly mailings: MailingRepository;

  constructor(db: Db, networks: Map<string, Network>, options: RegistrationServiceOptions) {
    this.db = db;
    this.networks = networks;
    this.opts = options;
    this.repo = new RegistrationRepository(db);
    this.mailings = new MailingRepository(db);
  }

  /** Runs `fn` in one transaction, with repositories over it. */
  transaction<T>(fn: (repo: RegistrationRepository, mailings: MailingRepository) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new RegistrationRepository(tx), new MailingRepository(tx)));
  }

  now(networkId: string): Date {
    return this.opts.now?.(networkId) ?? new Date();
  }

  token(id: string): string {
    return manageToken(this.opts.secret, id);
  }

  manageUrl(id: string): string | undefined {
    return this.opts.manageUrl?.(this.token(id));
  }

  /** The personal calendar feed's address: read-only, another token than the manage link's. */
  calendarUrl(row: Pick<RegistrationRow, 'id' | 'feed_version'>): string | undefined {
    return this.opts.publicUrl?.(`/api/calendar/${feedToken(this.opts.secret, row.id, Number(row.feed_version ?? 0))}/agenda.ics`);
  }

  network(id: string): Network | undefined {
    return this.networks.get(id);
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
      const counts = await this.repo.countsByNetworks([...reads.keys()]);
      for (const [id, waiting] of reads) {
        const c = counts.get(id) ?? {};
        for (const w of waiting) w.resolve(c);
      }
    } catch (error) {
      for (const waiting of reads.values()) for (const w of waiting) w.reject(error);
    }
  }

  async mail(repo: RegistrationRepository, network: Network, row: RegistrationRow, kind: MailKind, extra: MailExtra = {}): Promise<void> {
    if (row.erased_at) return;
    await repo.enqueue(row.id, kind, this.participantMail(network, row, kind, extra, await this.timeline(repo, network)));
  }

  /** A participant's e-mail about their registration, with its manage link and calendar feed: for mail and composeOutbox alike. */
  participantMail(
    network: Network,
    row: Pick<RegistrationRow, 'id' | 'feed_version' | 'session_id' | 'participant' | 'locale' | 'calendar_withdrawals'> & { places?: RegistrationRow['places'] },
    kind: MailKind,
    extra: MailExtra,
    timeline: SessionTimeline | undefined,
  ): MailMessage {
    const manageUrl = this.manageUrl(row.id);
    const calendarUrl = this.calendarUrl(row);
    return composeMail(kind, {
      network,
      ...(timeline && { timeline }),
      sessionId: row.session_id,
      ...(row.places && { places: row.places }),
      ...(row.calendar_withdrawals && { withdrawals: row.calendar_withdrawals }),
      participant: row.participant,
      locale: row.locale,
      ...(manageUrl && { manageUrl }),
      ...(calendarUrl && { calendarUrl }),
      // The network's clock decides which sessions are over (an e-mail is composed when it is sent).
      now: this.now(network.id),
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
  readonly composeOutbox: ComposeOutbox = Object.assign(this.#composer((id) => this.repo.byId(id)), {
    // One claimed batch of the delivery job: its registrations read in one statement (issue 27).
    forBatch: async (ids: string[]) => {
      const rows = new Map((await this.repo.byIds(ids)).map((r) => [r.id, r]));
      return this.#composer(async (id) => rows.get(id));
    },
  });

  #composer(rowOf: (id: string) => Promise<RegistrationRow | undefined>): ComposeOutbox {
    return async ({ registrationId, kind, facts, more }) => {
      if (kind === 'organiser-new') return this.composeOrganiserNews([{ registrationId, facts }, ...(more ?? [])], rowOf);
      const row = registrationId ? await rowOf(registrationId) : undefined;
      const network = row && !row.erased_at ? this.network(row.network_id) : undefined;
      if (!row || !network) return undefined;
      if (kind === 'message') {
        const m = await this.#organiserMessage(String(facts.messageId));
        return m && this.messageMail(network, row, m);
      }
      const f = facts as NewRegistrationFacts;
      if (kind !== 'confirmed' && kind !== 'waitlisted' && kind !== 'pending') throw new Error(`no composition from facts for ${kind}`);
      const timeline = await this.timeline(this.repo, network);
      // As it was when queued: an own CANCEL queued after this e-mail counted one more withdrawal.
      const queued = { ...row, session_id: f.sessionId ?? null, ...(f.withdrawals && { calendar_withdrawals: f.withdrawals }) };
      return this.participantMail(network, queued, kind, f.position !== undefined ? { position: f.position } : {}, timeline);
    };
  }

  /** An organiser's message as one recipient gets it (preview and delivery alike). Online join links are never in it. */
  messageMail(network: Network, row: Pick<RegistrationRow, 'id' | 'participant' | 'locale'>, m: { sessionId?: string | null; subject: string; body: string }): MailMessage {
    const manageUrl = this.manageUrl(row.id);
    return composeMail('message', {
      network,
      sessionId: m.sessionId ?? null,
      participant: row.participant,
      locale: row.locale,
      ...(manageUrl && { manageUrl }),
      message: { subject: m.subject, body: m.body },
    });
  }

  /** Messages being delivered, read once per batch of their e-mails rather than once per recipient. */
  readonly #messages = new Map<string, Promise<Awaited<ReturnType<MailingRepository['messageById']>>>>();

  #organiserMessage(id: string): ReturnType<MailingRepository['messageById']> {
    let m = this.#messages.get(id);
    if (!m) {
      // A few at a time: delivery works through one message's e-mails before the next one's.
      if (this.#messages.size >= 16) this.#messages.delete(this.#messages.keys().next().value!);
      m = this.mailings.messageById(id);
      m.catch(() => this.#messages.delete(id));
      this.#messages.set(id, m);
    }
    return m;
  }

  /** One organiser's e-mail about the registrations that came in together (issue 24); those gone or erased are left out. */
  private async composeOrganiserNews(rows: { registrationId: string | null; facts: Record<string, unknown> }[], rowOf: (id: string) => Promise<RegistrationRow | undefined>): Promise<MailMessage | undefined> {
    const news: OrganiserNews[] = [];
    for (const { registrationId, facts } of rows) {
      const row = registrationId ? await rowOf(registrationId) : undefined;
      const network = row && !row.erased_at ? this.network(row.network_id) : undefined;
      const f = facts as NewRegistrationFacts;
      if (row && network) news.push({ network, sessionId: f.sessionId ?? null, participant: row.participant, groupSize: row.group_size, status: f.status! });
    }
    const f = rows[0]!.facts as NewRegistrationFacts;
    return news.length ? composeOrganiserMail('organiser-new', { to: f.to!, locale: f.locale ?? 'nl', consoleUrl: this.consoleUrl(), news }) : undefined;
  }

  /**
   * The person withdrew from these sessions with a CANCEL of their own (composed before this):
   * counted, so what they get of them afterwards outranks it (core's personalSequence).
   */
  async withdrew(repo: RegistrationRepository, id: string, sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length) await repo.queryable.query(ADD_WITHDRAWALS, [id, JSON.stringify(sessionIds)]);
  }

  timeline(repo: RegistrationRepository, network: Network): Promise<SessionTimeline | undefined> {
    return this.opts.timeline ? this.opts.timeline(network, repo.queryable) : Promise.resolve(undefined);
  }

  consoleUrl(): string {
    return this.opts.consoleUrl?.() ?? 'http://localhost:8000/beheer/';
  }
}
