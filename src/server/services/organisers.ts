/**
 * Organisers: who they are, their role per network, how they sign in (one-time links by
 * e-mail, sessions, personal API tokens) and the audit log of what they did. Every secret is
 * 32 random bytes; only its SHA-256 is stored, so a copy of the database signs nobody in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  emailMessages,
  type ApiToken,
  type AuditAction,
  type AuditEntry,
  type Locale,
  type NetworkOrganiser,
  type NotifyPreference,
  type Organiser,
  type OrganiserRole,
} from '../../core/index.js';
import type { Db, Queryable } from '../storage/db.js';
import type { MailMessage } from '../mail/compose.js';
import { enqueueMail } from '../storage/outbox.js';
import { sha256 } from '../tokens.js';

/** A sign-in link works once, for this long. */
export const SIGN_IN_TTL_MS = 15 * 60_000;
/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** Personal API tokens start with this, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = 'lkp_';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** Who is calling the organiser API. */
export type Caller =
  | { kind: 'organiser'; organiser: Organiser; via: 'session' | 'token'; roles: Map<string, OrganiserRole>; sessionHash?: string }
  | { kind: 'installation-admin' };

/** The caller's role on a network; admins are owner everywhere. */
export function roleOf(caller: Caller, networkId: string): OrganiserRole | undefined {
  if (caller.kind === 'installation-admin' || caller.organiser.isAdmin) return 'owner';
  return caller.roles.get(networkId);
}

export interface AuditInput {
  actor: Caller | 'cli';
  action: AuditAction;
  networkId?: string | null;
  registrationId?: string | null;
  /** Ids, statuses and roles; never names, addresses or free text. */
  detail?: Record<string, unknown>;
}

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function organiserOf(r: Row): Organiser {
  return { id: String(r.id), email: String(r.email_lower), name: String(r.name ?? ''), isAdmin: r.is_admin === true, notify: r.notify as NotifyPreference };
}

function tokenOf(r: Row): ApiToken {
  return { id: String(r.id), name: String(r.name), createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at) };
}

export type RoleChange = { ok: true; organiserId: string; role: OrganiserRole; previous: OrganiserRole | null } | { ok: false; code: 'last-owner' | 'not-found' };

export class OrganiserService {
  readonly #db: Db;
  readonly #now: () => Date;

  /** @param now the clock for expiry and idle time (tests move it; the demo's per-network clock is not for this) */
  constructor(db: Db, options: { now?: () => Date } = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  // Organisers and roles

  async byEmail(email: string): Promise<Organiser | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM organisers WHERE email_lower = $1', [email.trim().toLowerCase()]);
    return rows[0] ? organiserOf(rows[0]) : undefined;
  }

  /** The organiser with this address, created when new; `isAdmin: true` makes them an admin, nothing here takes it away. */
  async ensure(email: string, options: { name?: string; isAdmin?: boolean } = {}, q: Queryable = this.#db): Promise<Organiser> {
    const { rows } = await q.query(
      `INSERT INTO organisers (id, email_lower, name, is_admin) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email_lower) DO UPDATE SET
         name = CASE WHEN organisers.name = '' THEN EXCLUDED.name ELSE organisers.name END,
         is_admin = organisers.is_admin OR EXCLUDED.is_admin
       RETURNING *`,
      [randomUUID(), email.trim().toLowerCase(), options.name?.trim() ?? '', options.isAdmin === true],
    );
    return organiserOf(rows[0]!);
  }

  /** Every organiser with their roles, for the command line. */
  async list(): Promise<(Organiser & { roles: { networkId: string; role: OrganiserRole }[] })[]> {
    const { rows } = await this.#db.query(
      `SELECT o.*, r.network_id, r.role FROM organisers o LEFT JOIN organiser_roles r ON r.organiser_id = o.id ORDER BY o.email_lower, r.network_id`,
    );
    const out = new Map<string, Organiser & { roles: { networkId: string; role: OrganiserRole }[] }>();
    for (const r of rows) {
      const o = out.get(String(r.id)) ?? { ...organiserOf(r), roles: [] };
      if (r.network_id) o.roles.push({ networkId: String(r.network_id), role: r.role as OrganiserRole });
      out.set(o.id, o);
    }
    return [...out.values()];
  }

  /**
   * Removes an organiser altogether: roles, sessions and tokens go with them; the audit log
   * stays. Refused while they are the last owner of a network.
   */
  remove(email: string): Promise<{ ok: true } | { ok: false; code: 'not-found' } | { ok: false; code: 'last-owner'; networks: string[] }> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>('SELECT id FROM organisers WHERE email_lower = $1 FOR UPDATE', [email.trim().toLowerCase()]);
      if (!rows[0]) return { ok: false as const, code: 'not-found' as const };
      const id = String(rows[0].id);
      const owned = await tx.query<{ network_id: string }>(`SELECT network_id FROM organiser_roles WHERE organiser_id = $1 AND role = 'owner' ORDER BY network_id`, [id]);
      const last: string[] = [];
      for (const r of owned.rows) if ((await this.#owners(tx, r.network_id)).length <= 1) last.push(r.network_id);
      if (last.length) return { ok: false as const, code: 'last-owner' as const, networks: last };
      await tx.query('DELETE FROM organisers WHERE id = $1', [id]);
      return { ok: true as const };
    });
  }

  async roles(organiserId: string, q: Queryable = this.#db): Promise<Map<string, OrganiserRole>> {
    const { rows } = await q.query<{ network_id: string; role: OrganiserRole }>('SELECT network_id, role FROM organiser_roles WHERE organiser_id = $1', [organiserId]);
    return new Map(rows.map((r) => [r.network_id, r.role]));
  }

  async networkOrganisers(networkId: string): Promise<NetworkOrganiser[]> {
    const { rows } = await this.#db.query(
      `SELECT o.id, o.email_lower, o.name, r.role FROM organiser_roles r JOIN organisers o ON o.id = r.organiser_id
       WHERE r.network_id = $1 ORDER BY r.role DESC, o.email_lower`,
      [networkId],
    );
    return rows.map((r) => ({ id: String(r.id), email: String(r.email_lower), name: String(r.name), role: r.role as OrganiserRole }));
  }

  /**
   * Locks the owners of a network, so that two owners who demote each other at the same time
   * cannot leave it without one: the second waits and then sees one owner left.
   */
  async #owners(tx: Queryable, networkId: string): Promise<string[]> {
    const { rows } = await tx.query<{ organiser_id: string }>(`SELECT organiser_id FROM organiser_roles WHERE network_id = $1 AND role = 'owner' FOR UPDATE`, [networkId]);
    return rows.map((r) => String(r.organiser_id));
  }

  /** Gives someone a role on a network (adding them as an organiser when new); a network keeps at least one owner. */
  setRole(networkId: string, email: string, role: OrganiserRole, options: { name?: string } = {}): Promise<RoleChange> {
    return this.#db.transaction(async (tx) => {
      const organiser = await this.ensure(email, options, tx);
      const owners = await this.#owners(tx, networkId);
      const { rows } = await tx.query<{ role: OrganiserRole }>('SELECT role FROM organiser_roles WHERE organiser_id = $1 AND network_id = $2 FOR UPDATE', [organiser.id, networkId]);
      const previous = rows[0]?.role ?? null;
      if (previous === 'owner' && role !== 'owner' && owners.length <= 1) return { ok: false as const, code: 'last-owner' as const };
      await tx.query(
        `INSERT INTO organiser_roles (organiser_id, network_id, role) VALUES ($1, $2, $3) ON CONFLICT (organiser_id, network_id) DO UPDATE SET role = EXCLUDED.role`,
        [organiser.id, networkId, role],
      );
      return { ok: true as const, organiserId: organiser.id, role, previous };
    });
  }

  /** Takes someone's role on a network away; never the last owner's. */
  removeRole(networkId: string, organiserId: string): Promise<RoleChange> {
    if (!isUuid(organiserId)) return Promise.resolve({ ok: false, code: 'not-found' });
    return this.#db.transaction(async (tx) => {
      const owners = await this.#owners(tx, networkId);
      const { rows } = await tx.query<{ role: OrganiserRole }>('SELECT role FROM organiser_roles WHERE organiser_id = $1 AND network_id = $2 FOR UPDATE', [organiserId, networkId]);
      const previous = rows[0]?.role;
      if (!previous) return { ok: false as const, code: 'not-found' as const };
      if (previous === 'owner' && owners.length <= 1) return { ok: false as const, code: 'last-owner' as const };
      await tx.query('DELETE FROM organiser_roles WHERE organiser_id = $1 AND network_id = $2', [organiserId, networkId]);
      return { ok: true as const, organiserId, role: previous, previous };
    });
  }

  // Signing in

  /** The e-mail with a sign-in link, from the e-mail catalogue. */
  signInMessage(to: string, link: string, locale: Locale): MailMessage {
    const m = emailMessages(locale).signIn;
    return { to, subject: m.subject, text: [m.body(SIGN_IN_TTL_MS / 60_000), '', link, '', m.notYou].join('\n') };
  }

  /** A new one-time sign-in token for an organiser, valid for 15 minutes. */
  async #signInToken(q: Queryable, organiserId: string): Promise<string> {
    const token = secret();
    const now = this.#now();
    await q.query('DELETE FROM sign_in_tokens WHERE expires_at < $1', [now]);
    await q.query('INSERT INTO sign_in_tokens (hash, organiser_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), organiserId, new Date(now.getTime() + SIGN_IN_TTL_MS)]);
    return token;
  }

  /**
   * Queues a sign-in e-mail when the address belongs to an organiser; says whether it did. The
   * link carries the token in its fragment, so it never reaches a server log.
   */
  requestSignIn(email: string, locale: Locale, consoleUrl: string): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT * FROM organisers WHERE email_lower = $1', [email.trim().toLowerCase()]);
      if (!rows[0]) return false;
      const organiser = organiserOf(rows[0]);
      const token = await this.#signInToken(tx, organiser.id);
      await enqueueMail(tx, null, 'sign-in', this.signInMessage(organiser.email, signInLink(consoleUrl, token), locale));
      return true;
    });
  }

  /** A sign-in link without the outbox, for the demo to print or write itself. */
  async signInLink(organiserId: string, consoleUrl: string): Promise<string> {
    return signInLink(consoleUrl, await this.#signInToken(this.#db, organiserId));
  }

  /** Uses a sign-in token (once, before it expires) and starts a session. */
  redeem(token: string): Promise<{ secret: string; caller: Caller & { kind: 'organiser' } } | undefined> {
    const now = this.#now();
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<{ organiser_id: string }>(
        'UPDATE sign_in_tokens SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING organiser_id',
        [sha256(token), now],
      );
      if (!rows[0]) return undefined;
      const session = secret();
      const hash = sha256(session);
      await tx.query('DELETE FROM organiser_sessions WHERE last_seen_at < $1', [new Date(now.getTime() - SESSION_IDLE_MS)]);
      await tx.query('INSERT INTO organiser_sessions (hash, organiser_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [hash, rows[0].organiser_id, now]);
      const caller = await this.#caller(tx, String(rows[0].organiser_id), 'session', hash);
      return caller && { secret: session, caller };
    });
  }

  async #caller(q: Queryable, organiserId: string, via: 'session' | 'token', sessionHash?: string): Promise<(Caller & { kind: 'organiser' }) | undefined> {
    const { rows } = await q.query('SELECT * FROM organisers WHERE id = $1', [organiserId]);
    if (!rows[0]) return undefined;
    return { kind: 'organiser', organiser: organiserOf(rows[0]), via, roles: await this.roles(organiserId, q), ...(sessionHash && { sessionHash }) };
  }

  /** The organiser of a session that has been used within the idle time; using it keeps it alive. */
  async bySession(session: string): Promise<Caller | undefined> {
    const now = this.#now();
    const hash = sha256(session);
    const { rows } = await this.#db.query<{ organiser_id: string }>(
      'UPDATE organiser_sessions SET last_seen_at = $2 WHERE hash = $1 AND last_seen_at > $3 RETURNING organiser_id',
      [hash, now, new Date(now.getTime() - SESSION_IDLE_MS)],
    );
    return rows[0] ? this.#caller(this.#db, String(rows[0].organiser_id), 'session', hash) : undefined;
  }

  async endSession(sessionHash: string): Promise<void> {
    await this.#db.query('DELETE FROM organiser_sessions WHERE hash = $1', [sessionHash]);
  }

  /** Signs an organiser out on every device. Personal API tokens are revoked one by one, not here. */
  async endAllSessions(organiserId: string): Promise<void> {
    await this.#db.query('DELETE FROM organiser_sessions WHERE organiser_id = $1', [organiserId]);
  }

  // Personal API tokens

  async createToken(organiserId: string, name: string): Promise<{ token: ApiToken; secret: string }> {
    const value = API_TOKEN_PREFIX + secret();
    const { rows } = await this.#db.query(
      'INSERT INTO api_tokens (id, organiser_id, name, hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [randomUUID(), organiserId, name, sha256(value), this.#now()],
    );
    return { token: tokenOf(rows[0]!), secret: value };
  }

  async listTokens(organiserId: string): Promise<ApiToken[]> {
    const { rows } = await this.#db.query('SELECT * FROM api_tokens WHERE organiser_id = $1 AND revoked_at IS NULL ORDER BY created_at, id', [organiserId]);
    return rows.map(tokenOf);
  }

  /** Revokes one of the organiser's own tokens; false when there is no such (active) token. */
  async revokeToken(organiserId: string, tokenId: string): Promise<boolean> {
    if (!isUuid(tokenId)) return false;
    const { rows } = await this.#db.query('UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND organiser_id = $2 AND revoked_at IS NULL RETURNING id', [tokenId, organiserId, this.#now()]);
    return rows.length > 0;
  }

  async byApiToken(value: string): Promise<Caller | undefined> {
    if (!value.startsWith(API_TOKEN_PREFIX)) return undefined;
    const { rows } = await this.#db.query<{ organiser_id: string }>(
      'UPDATE api_tokens SET last_used_at = $2 WHERE hash = $1 AND revoked_at IS NULL RETURNING organiser_id',
      [sha256(value), this.#now()],
    );
    return rows[0] ? this.#caller(this.#db, String(rows[0].organiser_id), 'token') : undefined;
  }

  // The audit log

  async audit(entry: AuditInput, q: Queryable = this.#db): Promise<void> {
    const actor = entry.actor === 'cli' ? 'cli' : entry.actor.kind;
    const organiserId = typeof entry.actor === 'object' && entry.actor.kind === 'organiser' ? entry.actor.organiser.id : null;
    await q.query(
      'INSERT INTO audit_log (at, organiser_id, actor, network_id, action, registration_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [this.#now(), organiserId, actor, entry.networkId ?? null, entry.action, entry.registrationId ?? null, JSON.stringify(entry.detail ?? {})],
    );
  }

  /** A network's audit log, newest first, 100 at a time (`before`: the oldest id already shown). */
  async auditFor(networkId: string, before?: string): Promise<AuditEntry[]> {
    const { rows } = await this.#db.query(
      `SELECT a.*, o.email_lower, o.name FROM audit_log a LEFT JOIN organisers o ON o.id = a.organiser_id
       WHERE a.network_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint) ORDER BY a.id DESC LIMIT 100`,
      [networkId, before ?? null],
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: iso(r.at)!,
      actor:
        r.actor === 'organiser'
          ? { kind: 'organiser' as const, id: String(r.organiser_id), email: (r.email_lower as string | null) ?? null, name: (r.name as string | null) ?? null }
          : { kind: r.actor as 'installation-admin' | 'cli' },
      action: r.action as AuditAction,
      registrationId: (r.registration_id as string | null) ?? null,
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
    }));
  }
}

/** `<console>#login=<token>`: the fragment never leaves the browser, so no log sees the token. */
export function signInLink(consoleUrl: string, token: string): string {
  return `${consoleUrl.replace(/#.*$/, '')}#login=${token}`;
}
