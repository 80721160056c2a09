/**
 * Organisers in SQL, and nothing else: the organisers and their roles per network, one-time
 * sign-in tokens, sessions, personal API tokens and the audit log. Secrets arrive here already
 * hashed; the rules (who may do what, expiry, the last owner) are OrganiserService's. One
 * repository speaks through one connection or transaction, which the service chooses.
 */
import type { ApiToken, AuditAction, AuditEntry, NetworkOrganiser, NotifyPreference, Organiser, OrganiserRole } from '../../core/index.js';
import type { Queryable } from './db.js';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function organiserOf(r: Row): Organiser {
  return { id: String(r.id), email: String(r.email_lower), name: String(r.name ?? ''), isAdmin: r.is_admin === true, notify: r.notify as NotifyPreference };
}

function tokenOf(r: Row): ApiToken {
  return { id: String(r.id), name: String(r.name), createdAt: iso(r.created_at)!, lastUsedAt: iso(r.last_used_at) };
}

/** A row of the audit log as written (`detail` as JSON text). */
export interface AuditRow {
  at: Date;
  organiserId: string | null;
  actor: string;
  networkId: string | null;
  action: AuditAction;
  registrationId: string | null;
  detail: string;
}

export class OrganiserRepository {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  // Organisers and roles

  /** `emailLower`: the address trimmed and lower-cased. */
  async byEmail(emailLower: string): Promise<Organiser | undefined> {
    const { rows } = await this.#q.query('SELECT * FROM organisers WHERE email_lower = $1', [emailLower]);
    return rows[0] ? organiserOf(rows[0]) : undefined;
  }

  async byId(id: string): Promise<Organiser | undefined> {
    const { rows } = await this.#q.query('SELECT * FROM organisers WHERE id = $1', [id]);
    return rows[0] ? organiserOf(rows[0]) : undefined;
  }

  /** Inserts an organiser, or keeps the one with this address: a name only where it had none, admin once admin. */
  async upsert(id: string, emailLower: string, name: string, isAdmin: boolean): Promise<Organiser> {
    const { rows } = await this.#q.query(
      `INSERT INTO organisers (id, email_lower, name, is_admin) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email_lower) DO UPDATE SET
         name = CASE WHEN organisers.name = '' THEN EXCLUDED.name ELSE organisers.name END,
         is_admin = organisers.is_admin OR EXCLUDED.is_admin
       RETURNING *`,
      [id, emailLower, name, isAdmin],
    );
    return organiserOf(rows[0]!);
  }

  async rename(id: string, name: string): Promise<void> {
    await this.#q.query('UPDATE organisers SET name = $2 WHERE id = $1', [id, name]);
  }

  /** Every organiser with their roles. */
  async listWithRoles(): Promise<(Organiser & { roles: { networkId: string; role: OrganiserRole }[] })[]> {
    const { rows } = await this.#q.query(
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

  /** Locks the organiser with this address; their id, or undefined. */
  async lockByEmail(emailLower: string): Promise<string | undefined> {
    const { rows } = await this.#q.query<{ id: string }>('SELECT id FROM organisers WHERE email_lower = $1 FOR UPDATE', [emailLower]);
    return rows[0] ? String(rows[0].id) : undefined;
  }

  /** The networks this organiser owns, by id. */
  async ownedNetworks(organiserId: string): Promise<string[]> {
    const owned = await this.#q.query<{ network_id: string }>(`SELECT network_id FROM organiser_roles WHERE organiser_id = $1 AND role = 'owner' ORDER BY network_id`, [organiserId]);
    return owned.rows.map((r) => r.network_id);
  }

  /** Deletes an organiser; roles, sessions and tokens go with them, the audit log stays. */
  async delete(id: string): Promise<void> {
    await this.#q.query('DELETE FROM organisers WHERE id = $1', [id]);
  }

  async roles(organiserId: string): Promise<Map<string, OrganiserRole>> {
    const { rows } = await this.#q.query<{ network_id: string; role: OrganiserRole }>('SELECT network_id, role FROM organiser_roles WHERE organiser_id = $1', [organiserId]);
    return new Map(rows.map((r) => [r.network_id, r.role]));
  }

  async networkOrganisers(networkId: string): Promise<NetworkOrganiser[]> {
    const { rows } = await this.#q.query(
      `SELECT o.id, o.email_lower, o.name, r.role FROM organiser_roles r JOIN organisers o ON o.id = r.organiser_id
       WHERE r.network_id = $1 ORDER BY r.role DESC, o.email_lower`,
      [networkId],
    );
    return rows.map((r) => ({ id: String(r.id), email: String(r.email_lower), name: String(r.name), role: r.role as OrganiserRole }));
  }

  /** Locks the owners of a network (FOR UPDATE); their ids. */
  async lockOwners(networkId: string): Promise<string[]> {
    const { rows } = await this.#q.query<{ organiser_id: string }>(`SELECT organiser_id FROM organiser_roles WHERE network_id = $1 AND role = 'owner' FOR UPDATE`, [networkId]);
    return rows.map((r) => String(r.organiser_id));
  }

  /** Locks one organiser's role on a network; the role, or undefined when they have none. */
  async lockRole(organiserId: string, networkId: string): Promise<OrganiserRole | undefined> {
    const { rows } = await this.#q.query<{ role: OrganiserRole }>('SELECT role FROM organiser_roles WHERE organiser_id = $1 AND network_id = $2 FOR UPDATE', [organiserId, networkId]);
    return rows[0]?.role;
  }

  async putRole(organiserId: string, networkId: string, role: OrganiserRole): Promise<void> {
    await this.#q.query(
      `INSERT INTO organiser_roles (organiser_id, network_id, role) VALUES ($1, $2, $3) ON CONFLICT (organiser_id, network_id) DO UPDATE SET role = EXCLUDED.role`,
      [organiserId, networkId, role],
    );
  }

  async deleteRole(organiserId: string, networkId: string): Promise<void> {
    await this.#q.query('DELETE FROM organiser_roles WHERE organiser_id = $1 AND network_id = $2', [organiserId, networkId]);
  }

  // Signing in

  /** Drops the sign-in tokens expired before `now`, then stores a new one's hash. */
  async addSignInToken(hash: string, organiserId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.#q.query('DELETE FROM sign_in_tokens WHERE expires_at < $1', [now]);
    await this.#q.query('INSERT INTO sign_in_tokens (hash, organiser_id, expires_at) VALUES ($1, $2, $3)', [hash, organiserId, expiresAt]);
  }

  /** Marks an unused, unexpired sign-in token used; its organiser's id, or undefined. */
  async useSignInToken(hash: string, now: Date): Promise<string | undefined> {
    const { rows } = await this.#q.query<{ organiser_id: string }>(
      'UPDATE sign_in_tokens SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING organiser_id',
      [hash, now],
    );
    return rows[0] ? String(rows[0].organiser_id) : undefined;
  }

  /** Drops the sessions idle since before `idleSince`, then starts a new one. */
  async addSession(hash: string, organiserId: string, now: Date, idleSince: Date): Promise<void> {
    await this.#q.query('DELETE FROM organiser_sessions WHERE last_seen_at < $1', [idleSince]);
    await this.#q.query('INSERT INTO organiser_sessions (hash, organiser_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [hash, organiserId, now]);
  }

  /** Keeps a session alive that was used after `idleSince`; its organiser's id, or undefined. */
  async touchSession(hash: string, now: Date, idleSince: Date): Promise<string | undefined> {
    const { rows } = await this.#q.query<{ organiser_id: string }>(
      'UPDATE organiser_sessions SET last_seen_at = $2 WHERE hash = $1 AND last_seen_at > $3 RETURNING organiser_id',
      [hash, now, idleSince],
    );
    return rows[0] ? String(rows[0].organiser_id) : undefined;
  }

  async deleteSession(hash: string): Promise<void> {
    await this.#q.query('DELETE FROM organiser_sessions WHERE hash = $1', [hash]);
  }

  async deleteSessions(organiserId: string): Promise<void> {
    await this.#q.query('DELETE FROM organiser_sessions WHERE organiser_id = $1', [organiserId]);
  }

  // Personal API tokens

  async insertToken(id: string, organiserId: string, name: string, hash: string, createdAt: Date): Promise<ApiToken> {
    const { rows } = await this.#q.query('INSERT INTO api_tokens (id, organiser_id, name, hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
      id,
      organiserId,
      name,
      hash,
      createdAt,
    ]);
    return tokenOf(rows[0]!);
  }

  async activeTokens(organiserId: string): Promise<ApiToken[]> {
    const { rows } = await this.#q.query('SELECT * FROM api_tokens WHERE organiser_id = $1 AND revoked_at IS NULL ORDER BY created_at, id', [organiserId]);
    return rows.map(tokenOf);
  }

  /** Revokes an active token of this organiser; false when there is none. */
  async revokeToken(tokenId: string, organiserId: string, at: Date): Promise<boolean> {
    const { rows } = await this.#q.query('UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND organiser_id = $2 AND revoked_at IS NULL RETURNING id', [tokenId, organiserId, at]);
    return rows.length > 0;
  }

  /** Notes the use of an unrevoked token; its organiser's id, or undefined. */
  async useApiToken(hash: string, now: Date): Promise<string | undefined> {
    const { rows } = await this.#q.query<{ organiser_id: string }>('UPDATE api_tokens SET last_used_at = $2 WHERE hash = $1 AND revoked_at IS NULL RETURNING organiser_id', [
      hash,
      now,
    ]);
    return rows[0] ? String(rows[0].organiser_id) : undefined;
  }

  // The audit log

  async insertAudit(row: AuditRow): Promise<void> {
    await this.#q.query(
      'INSERT INTO audit_log (at, organiser_id, actor, network_id, action, registration_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [row.at, row.organiserId, row.actor, row.networkId, row.action, row.registrationId, row.detail],
    );
  }

  /** A network's audit log, newest first, 100 at a time (`before`: the oldest id already shown). */
  async auditFor(networkId: string, before: string | null): Promise<AuditEntry[]> {
    const { rows } = await this.#q.query(
      `SELECT a.*, o.email_lower, o.name FROM audit_log a LEFT JOIN organisers o ON o.id = a.organiser_id
       WHERE a.network_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint) ORDER BY a.id DESC LIMIT 100`,
      [networkId, before],
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
