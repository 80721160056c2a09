/**
 * Registrations in the database. Every change that touches places runs in one transaction
 * that first locks the row of its target (a network, or one session), then counts, decides
 * with the core rules engine, writes, moves the waiting list up and queues the e-mails.
 * Any number of server processes sharing one PostgreSQL therefore never give a place twice.
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
  type Network,
  type PlaceCounts,
  type Problem,
  type Reason,
  type OrganisationType,
  type Locale,
  type RegistrationInput,
} from '../core/index.js';
import type { Db, Queryable } from './db.js';
import { composeMail, enqueueMail, mailFiles, removeMailFiles, type MailKind } from './mail.js';
import { manageToken, parseManageToken } from './tokens.js';

export type Status = 'confirmed' | 'waitlisted' | 'pending' | 'rejected' | 'cancelled';
const ACTIVE = `('confirmed', 'waitlisted', 'pending')`;

export interface RegistrationRow {
  id: string;
  seq: string;
  network_id: string;
  target: string;
  session_id: string | null;
  status: Status;
  email_lower: string;
  participant: { name: string; email: string; organisation?: string; organisationType?: string; role?: string; phone?: string };
  organisation_lower: string | null;
  organisation_type: string | null;
  declarations: string[];
  answers: Record<string, unknown>;
  invitation: 'none' | 'valid' | 'invalid';
  group_size: number | null;
  locale: Locale;
  reason: string | null;
  attendance: Record<string, boolean>;
  created_at: Date | string;
  erased_at: Date | string | null;
}

export type RegisterResult =
  | { kind: 'created'; id: string; status: Exclude<Status, 'rejected' | 'cancelled'>; position?: number; manageToken: string }
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'rejected'; reasons: Reason[]; message: string; conflict: boolean }
  /** The idempotency key was used before for a different registration. */
  | { kind: 'idempotency-mismatch' };

/** Thrown inside a registration's transaction when a concurrent one stored the same key first. */
class KeyTaken extends Error {}

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

export interface StoreOptions {
  secret: Buffer;
  /** Builds the participant's manage link from a token; without it e-mails say to reply instead. */
  manageUrl?: (token: string) => string;
  /** The clock, per network (the demo replays each network as of a day before its sessions). */
  now?: (networkId: string) => Date;
  /** Where the mailer writes .eml files: erase and purge remove a registration's files there too. */
  outboxDir?: string;
}

/** What erasing leaves of a registration: its status and counts, nothing that says who it was. */
const ERASE = `participant = '{}'::jsonb, email_lower = 'erased:' || id::text, organisation_lower = NULL, answers = '{}'::jsonb,
  reason = NULL, erased_at = now(), updated_at = now()`;

const DAY = 86400000;

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

function rowOf(r: Record<string, unknown>): RegistrationRow {
  return {
    ...(r as unknown as RegistrationRow),
    participant: json(r.participant),
    declarations: json(r.declarations),
    answers: json(r.answers),
    attendance: json(r.attendance),
  };
}

function checkInvitation(network: Network, code: string | undefined): 'none' | 'valid' | 'invalid' {
  if (!code) return 'none';
  const hash = createHash('sha256').update(code.trim()).digest();
  const ok = (network.registration.invitation?.codes ?? []).some((c) => {
    const stored = Buffer.from(c.hash.slice('sha256:'.length), 'hex');
    return stored.length === hash.length && timingSafeEqual(stored, hash);
  });
  return ok ? 'valid' : 'invalid';
}

export class RegistrationStore {
  readonly #db: Db;
  readonly #networks: Map<string, Network>;
  readonly #opts: StoreOptions;

  constructor(db: Db, networks: Map<string, Network>, options: StoreOptions) {
    this.#db = db;
    this.#networks = networks;
    this.#opts = options;
  }

  get db(): Db {
    return this.#db;
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

  network(id: string): Network | undefined {
    return this.#networks.get(id);
  }

  /** Locks a target's row so that everything deciding about its places happens one at a time. */
  async #lock(tx: Queryable, networkId: string, target: string): Promise<void> {
    await tx.query('INSERT INTO capacity_locks (network_id, target) VALUES ($1, $2) ON CONFLICT DO NOTHING', [networkId, target]);
    await tx.query('SELECT 1 FROM capacity_locks WHERE network_id = $1 AND target = $2 FOR UPDATE', [networkId, target]);
  }

  async #counts(tx: Queryable, networkId: string, target: string): Promise<PlaceCounts> {
    const { rows } = await tx.query<{ status: Status; n: number }>(
      `SELECT status, count(*)::int AS n FROM registrations WHERE network_id = $1 AND target = $2 AND status IN ${ACTIVE} GROUP BY status`,
      [networkId, target],
    );
    const c: PlaceCounts = { confirmed: 0, pending: 0, waitlisted: 0 };
    for (const r of rows) c[r.status as keyof PlaceCounts] = Number(r.n);
    return c;
  }

  /** Counts for every target of a network, for availability. */
  async counts(networkId: string): Promise<Record<string, PlaceCounts>> {
    const { rows } = await this.#db.query<{ target: string; status: Status; n: number }>(
      `SELECT target, status, count(*)::int AS n FROM registrations WHERE network_id = $1 AND status IN ${ACTIVE} GROUP BY target, status`,
      [networkId],
    );
    const out: Record<string, PlaceCounts> = {};
    for (const r of rows) (out[r.target] ??= { confirmed: 0, pending: 0, waitlisted: 0 })[r.status as keyof PlaceCounts] = Number(r.n);
    return out;
  }

  async #position(tx: Queryable, row: { network_id: string; target: string; seq: string }): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE network_id = $1 AND target = $2 AND status = 'waitlisted' AND seq <= $3`,
      [row.network_id, row.target, row.seq],
    );
    return Number(rows[0]!.n);
  }

  async #mail(tx: Queryable, network: Network, row: RegistrationRow, kind: MailKind, extra: { position?: number; reason?: string } = {}): Promise<void> {
    if (row.erased_at) return;
    const manageUrl = this.#manageUrl(row.id);
    const message = composeMail(kind, {
      network,
      sessionId: row.session_id,
      participant: row.participant,
      locale: row.locale,
      ...(manageUrl && { manageUrl }),
      ...extra,
    });
    await enqueueMail(tx, row.id, kind, message);
  }

  /**
   * Moves people up from the waiting list into free places of one target, first come first
   * served among those who still fit the rules; in the caller's transaction and lock.
   */
  async #promote(tx: Queryable, network: Network, target: string): Promise<void> {
    const counts = await this.#counts(tx, network.id, target);
    const { rows } = await tx.query(
      `SELECT * FROM registrations WHERE network_id = $1 AND target = $2 AND status = 'waitlisted' ORDER BY seq`,
      [network.id, target],
    );
    const waiting = rows.map(rowOf);
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
        organisationCount: limited && w.organisation_lower ? await this.#organisationCount(tx, network.id, target, w.organisation_lower, w.id) : 0,
      })),
    );
    for (const p of promoteFromWaitlist(network, counts, entries, sessionId)) {
      await tx.query('UPDATE registrations SET status = $2, updated_at = now() WHERE id = $1', [p.id, p.status]);
      const row = waiting.find((w) => w.id === p.id)!;
      await this.#mail(tx, network, { ...row, status: p.status }, p.status === 'confirmed' ? 'promoted' : 'pending');
    }
  }

  async #organisationCount(tx: Queryable, networkId: string, target: string, organisation: string, except?: string): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE network_id = $1 AND target = $2 AND organisation_lower = $3 AND status IN ('confirmed', 'pending') AND id <> $4`,
      [networkId, target, organisation, except ?? '00000000-0000-0000-0000-000000000000'],
    );
    return Number(rows[0]!.n);
  }

  /** Registers someone: validates, decides under the target's lock, stores, queues the e-mail. */
  async register(network: Network, body: unknown, idempotencyKey?: string): Promise<RegisterResult> {
    const now = this.#now(network.id);
    const checked = validateRegistrationInput(network, body);
    if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
    const input: RegistrationInput = checked.value;
    const p = input.participant;
    const target = registrationScope(network) === 'session' ? input.sessionId! : 'network';
    const locale: Locale = input.locale ?? 'nl';
    const type = p.organisationType as OrganisationType | undefined;
    const invitation = type && invitationTypes(network).includes(type) ? checkInvitation(network, input.invitationCode) : 'none';
    const key = idempotencyKey ? `${network.id}:${idempotencyKey.slice(0, 100)}` : undefined;
    // A key stands for one registration: the same key with other details is someone else (or
    // the same person after changing the form) and must never receive the first one's token.
    const bodyHash = createHash('sha256').update(canonical(input)).digest('hex');
    const stored = async (q: Queryable): Promise<RegisterResult | undefined> => {
      if (!key) return undefined;
      const { rows } = await q.query<{ response: unknown; body_hash: string | null }>('SELECT response, body_hash FROM idempotency WHERE key = $1', [key]);
      if (!rows[0]) return undefined;
      return rows[0].body_hash === bodyHash ? json<RegisterResult>(rows[0].response) : { kind: 'idempotency-mismatch' };
    };

    return this.#db.transaction(async (tx) => {
      await this.#lock(tx, network.id, target);
      const earlier = await stored(tx);
      if (earlier) return earlier;
      const counts = await this.#counts(tx, network.id, target);
      const email = p.email.toLowerCase();
      const { rows: dup } = await tx.query(
        `SELECT 1 FROM registrations WHERE network_id = $1 AND target = $2 AND email_lower = $3 AND status IN ${ACTIVE} LIMIT 1`,
        [network.id, target, email],
      );
      const organisation = p.organisation?.toLowerCase();
      const decision = decideRegistration(
        network,
        {
          ...(input.sessionId && { sessionId: input.sessionId }),
          ...(type && { organisationType: type }),
          declarations: input.declarations ?? [],
          invitation,
          ...(input.groupSize !== undefined && { groupSize: input.groupSize }),
        },
        { counts, duplicate: dup.length > 0, organisationCount: organisation ? await this.#organisationCount(tx, network.id, target, organisation) : 0 },
        now,
      );
      if (decision.outcome === 'rejected') {
        const first = decision.reasons[0]!;
        return { kind: 'rejected', reasons: decision.reasons, message: decision.reasons.map((r) => reasonText(r, network, locale)).join(' '), conflict: CONFLICTS.has(first.code) } as RegisterResult;
      }
      const id = randomUUID();
      const { rows } = await tx.query(
        `INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant, organisation_lower, organisation_type,
           declarations, answers, invitation, group_size, locale)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
        [
          id, network.id, target, input.sessionId ?? null, decision.outcome, email, JSON.stringify(p), organisation ?? null, type ?? null,
          JSON.stringify(input.declarations ?? []), JSON.stringify(input.answers ?? {}), invitation, input.groupSize ?? null, locale,
        ],
      );
      const row = rowOf(rows[0]!);
      const position = decision.outcome === 'waitlisted' ? await this.#position(tx, row) : undefined;
      const result: RegisterResult = {
        kind: 'created',
        id,
        status: decision.outcome,
        ...(position !== undefined && { position }),
        manageToken: this.token(id),
      };
      if (key) {
        const { rows: kept } = await tx.query(
          'INSERT INTO idempotency (key, network_id, response, body_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key',
          [key, network.id, JSON.stringify(result), bodyHash],
        );
        if (!kept.length) throw new KeyTaken();
      }
      await this.#mail(tx, network, row, decision.outcome, position !== undefined ? { position } : {});
      return result;
    }).catch(async (error: unknown) => {
      // The same key for another target (another lock), stored concurrently: answer as if it came first.
      if (error instanceof KeyTaken) return (await stored(this.#db))!;
      throw error;
    });
  }

  /** A registration by its manage token. */
  async byToken(token: string): Promise<RegistrationRow | undefined> {
    const id = parseManageToken(this.#opts.secret, token);
    return id ? this.byId(id) : undefined;
  }

  async byId(id: string): Promise<RegistrationRow | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM registrations WHERE id = $1', [id]);
    return rows[0] ? rowOf(rows[0]) : undefined;
  }

  async position(row: RegistrationRow): Promise<number | undefined> {
    return row.status === 'waitlisted' ? this.#position(this.#db, row) : undefined;
  }

  /**
   * Changes a registration's status under its target's lock and lets the waiting list move up.
   * `check` sees the current row and may refuse (returns a reason code) before anything changes.
   */
  async #change(
    id: string,
    to: Status | ((row: RegistrationRow) => Status),
    mail: MailKind | undefined,
    opts: { reason?: string; check?: (row: RegistrationRow) => string | undefined; erase?: boolean } = {},
  ): Promise<{ ok: true; row: RegistrationRow } | { ok: false; code: string }> {
    const current = await this.byId(id);
    if (!current) return { ok: false, code: 'not-found' };
    const network = this.network(current.network_id);
    return this.#db.transaction(async (tx) => {
      await this.#lock(tx, current.network_id, current.target);
      const { rows } = await tx.query('SELECT * FROM registrations WHERE id = $1', [id]);
      const row = rowOf(rows[0]!);
      const refused = opts.check?.(row);
      if (refused) return { ok: false as const, code: refused };
      const status = typeof to === 'function' ? to(row) : to;
      if (mail && network) await this.#mail(tx, network, { ...row, status }, mail, opts.reason ? { reason: opts.reason } : {});
      if (opts.erase) {
        await tx.query(`UPDATE registrations SET status = $2, ${ERASE} WHERE id = $1`, [id, status]);
        await this.#forgetCopies(tx, [id]);
      } else {
        await tx.query('UPDATE registrations SET status = $2, reason = COALESCE($3, reason), updated_at = now() WHERE id = $1', [id, status, opts.reason ?? null]);
      }
      if (network) await this.#promote(tx, network, row.target);
      const { rows: after } = await tx.query('SELECT * FROM registrations WHERE id = $1', [id]);
      return { ok: true as const, row: rowOf(after[0]!) };
    });
  }

  /** The participant cancels; the place goes to the first on the waiting list who fits. */
  cancel(id: string) {
    return this.#change(id, 'cancelled', 'cancelled', {
      check: (row) => (['confirmed', 'waitlisted', 'pending'].includes(row.status) ? undefined : 'not-active'),
    });
  }

  /** The participant erases their data; an active registration is cancelled first. */
  async erase(id: string) {
    const r = await this.#change(id, (row) => (['confirmed', 'waitlisted', 'pending'].includes(row.status) ? 'cancelled' : row.status), undefined, { erase: true });
    if (r.ok && this.#opts.outboxDir) await removeMailFiles(this.#opts.outboxDir, [id]);
    return r;
  }

  /**
   * Copies of erased registrations outside their row: messages (sent ones keep no text, but an
   * unsent one would still go out, and a failed one may name the address in its error) and the
   * stored answer to a retried registration, which holds the manage token.
   */
  async #forgetCopies(tx: Queryable, ids: string[]): Promise<void> {
    await tx.query('DELETE FROM mail_outbox WHERE registration_id = ANY($1::uuid[])', [ids]);
    await tx.query(`DELETE FROM idempotency WHERE response->>'id' = ANY($1::text[])`, [ids]);
  }

  /** An organiser accepts an intake. */
  accept(id: string, reason?: string) {
    return this.#change(id, 'confirmed', 'accepted', { ...(reason && { reason }), check: (row) => (row.status === 'pending' ? undefined : 'not-pending') });
  }

  /** An organiser rejects an intake, with a reason the participant is told. */
  reject(id: string, reason: string) {
    return this.#change(id, 'rejected', 'rejected', { reason, check: (row) => (row.status === 'pending' ? undefined : 'not-pending') });
  }

  /** An organiser moves someone from the waiting list, also past the capacity. */
  moveUp(id: string) {
    const network = (row: RegistrationRow) => this.network(row.network_id);
    return this.#change(id, (row) => (network(row) && (network(row)!.registration.approval?.required || network(row)!.format === 'in-company') ? 'pending' : 'confirmed'), 'promoted', {
      check: (row) => (row.status === 'waitlisted' ? undefined : 'not-waitlisted'),
    });
  }

  /** Records attendance of a whole-series participant at one session. */
  async attendance(id: string, sessionId: string, present: boolean): Promise<RegistrationRow | undefined> {
    const { rows } = await this.#db.query(
      `UPDATE registrations SET attendance = attendance || jsonb_build_object($2::text, $3::boolean), updated_at = now() WHERE id = $1 RETURNING *`,
      [id, sessionId, present],
    );
    return rows[0] ? rowOf(rows[0]) : undefined;
  }

  /** Registrations of a network (optionally one session), in arrival order. */
  async list(networkId: string, sessionId?: string): Promise<RegistrationRow[]> {
    const { rows } = await this.#db.query(
      `SELECT * FROM registrations WHERE network_id = $1 AND ($2::text IS NULL OR target = $2) ORDER BY target, seq`,
      [networkId, sessionId ?? null],
    );
    return rows.map(rowOf);
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
    const { rows: held } = await this.#db.query<{ network_id: string }>('SELECT DISTINCT network_id FROM registrations WHERE erased_at IS NULL');
    for (const { network_id: id } of held) {
      const network = this.#networks.get(id);
      const days = network?.registration.privacy?.retentionDays ?? defaultRetentionDays;
      const now = this.#now(id).getTime();
      const ends = (network?.sessions ?? []).map((s) => sessionOverAt(s)?.getTime()).filter((t): t is number => t !== undefined);
      if (ends.length && Math.max(...ends) + days * DAY > now) continue;
      erased += await this.#db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `UPDATE registrations SET ${ERASE} WHERE network_id = $1 AND erased_at IS NULL AND updated_at < $2 RETURNING id`,
          [id, new Date(now - days * DAY)],
        );
        if (rows.length) await this.#forgetCopies(tx, rows.map((r) => r.id));
        return rows.length;
      });
    }
    await this.#db.query(`DELETE FROM idempotency WHERE created_at < now() - interval '1 day'`);
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
    const { rows } = await this.#db.query<{ id: string }>('SELECT id FROM registrations WHERE id = ANY($1::uuid[]) AND erased_at IS NULL', [[...files.keys()]]);
    const live = new Set(rows.map((r) => r.id));
    await removeMailFiles(outboxDir, [...files.keys()].filter((id) => !live.has(id)), files);
  }

  /**
   * Tells participants about sessions that moved or were cancelled since the last start,
   * by comparing each session with the snapshot kept in the database.
   */
  async notifySessionChanges(): Promise<number> {
    let queued = 0;
    for (const network of this.#networks.values()) {
      const snapshot = Object.fromEntries(network.sessions.map((s) => [s.id, { start: s.start ?? s.date ?? null, status: s.status ?? 'scheduled' }]));
      await this.#db.transaction(async (tx) => {
        const key = `snapshot:${network.id}`;
        const { rows } = await tx.query<{ value: string }>('SELECT value FROM settings WHERE key = $1 FOR UPDATE', [key]);
        const before = rows[0] ? (JSON.parse(rows[0].value) as typeof snapshot) : undefined;
        if (before) {
          for (const s of network.sessions) {
            const old = before[s.id];
            const now = snapshot[s.id]!;
            if (!old) continue;
            const kind: MailKind | undefined =
              now.status === 'cancelled' && old.status !== 'cancelled' ? 'session-cancelled' : now.start !== old.start && now.status !== 'cancelled' ? 'session-moved' : undefined;
            if (!kind) continue;
            const targets = registrationScope(network) === 'session' ? [s.id] : ['network'];
            const { rows: people } = await tx.query(
              `SELECT * FROM registrations WHERE network_id = $1 AND target = ANY($2::text[]) AND status IN ('confirmed', 'pending') AND erased_at IS NULL`,
              [network.id, targets],
            );
            for (const r of people.map(rowOf)) {
              await this.#mail(tx, network, { ...r, session_id: s.id }, kind);
              queued++;
            }
          }
        }
        await tx.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(snapshot)]);
      });
    }
    return queued;
  }
}
