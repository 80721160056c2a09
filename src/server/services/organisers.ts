/**
 * Organisers: who they are, their role per network, how they sign in (one-time links by
 * e-mail, sessions, personal API tokens) and the audit log of what they did. Every secret is
 * 32 random bytes; only its SHA-256 is stored, so a copy of the database signs nobody in.
 * The use cases live here; their SQL is ../storage/organisers.ts, the sign-in e-mail's text
 * ../mail/compose.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiToken, AuditAction, AuditEntry, Locale, NetworkOrganiser, Organiser, OrganiserRole } from '../../core/index.js';
import type { Db, Queryable } from '../storage/db.js';
import { composeSignInMail, type MailMessage } from '../mail/compose.js';
import { composeRoleMail } from '../mail/compose-roles.js';
import { enqueueMail } from '../storage/outbox.js';
import { OrganiserRepository } from '../storage/organisers.js';
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

export type RoleChange = { ok: true; organiserId: string; role: OrganiserRole; previous: OrganiserRole | null } | { ok: false; code: 'last-owner' | 'not-found' | 'name-elsewhere' };

export class OrganiserService {
  readonly #db: Db;
  readonly #now: () => Date;

  /** @param now the clock for expiry and idle time (tests move it; the demo's per-network clock is not for this) */
  constructor(db: Db, options: { now?: () => Date } = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  /** The organisers' SQL, through `q` (the database, or the caller's transaction). */
  #repo(q: Queryable = this.#db): OrganiserRepository {
    return new OrganiserRepository(q);
  }

  // Organisers and roles

  async byEmail(email: string): Promise<Organiser | undefined> {
    return this.#repo().byEmail(email.trim().toLowerCase());
  }

  /** The organiser with this address, created when new; `isAdmin: true` makes them an admin, nothing here takes it away. */
  async ensure(email: string, options: { name?: string; isAdmin?: boolean } = {}, q: Queryable = this.#db): Promise<Organiser> {
    return this.#repo(q).upsert(randomUUID(), email.trim().toLowerCase(), options.name?.trim() ?? '', options.isAdmin === true);
  }

  /** Every organiser with their roles, for the command line. */
  async list(): Promise<(Organiser & { roles: { networkId: string; role: OrganiserRole }[] })[]> {
    return this.#repo().listWithRoles();
  }

  /**
   * Removes an organiser altogether: roles, sessions and tokens go with them; the audit log
   * stays. Refused while they are the last owner of a network.
   */
  remove(email: string): Promise<{ ok: true } | { ok: false; code: 'not-found' } | { ok: false; code: 'last-owner'; networks: string[] }> {
    return this.#db.transaction(async (tx) => {
      const repo = this.#repo(tx);
      const id = await repo.lockByEmail(email.trim().toLowerCase());
      if (id === undefined) return { ok: false as const, code: 'not-found' as const };
      const owned = await repo.ownedNetworks(id);
      const last: string[] = [];
      for (const networkId of owned) if ((await this.#owners(tx, networkId)).length <= 1) last.push(networkId);
      if (last.length) return { ok: false as const, code: 'last-owner' as const, networks: last };
      await repo.delete(id);
      return { ok: true as const };
    });
  }

  async roles(organiserId: string, q: Queryable = this.#db): Promise<Map<string, OrganiserRole>> {
    return this.#repo(q).roles(organiserId);
  }

  async networkOrganisers(networkId: string): Promise<NetworkOrganiser[]> {
    return this.#repo().networkOrganisers(networkId);
  }

  /**
   * Locks the owners of a network, so that two owners who demote each other at the same time
   * cannot leave it without one: the second waits and then sees one owner left.
   */
  async #owners(tx: Queryable, networkId: string): Promise<string[]> {
    return this.#repo(tx).lockOwners(networkId);
  }

  /**
   * Gives someone a role on a network (adding them as an organiser when new); a network keeps at
   * least one owner. `name` is the person's one name in the whole installation. Given by `by`
   * (an owner in the console), it is set only for someone new, or someone who organises in no
   * network but the ones `by` owns: the name of a person who also organises elsewhere is theirs
   * and the installation's, and another name is refused (`name-elsewhere`). Without `by` (the
   * command line, the demo) a name only fills an empty one.
   */
  setRole(networkId: string, email: string, role: OrganiserRole, options: { name?: string; by?: Caller; notify?: { networkTitle: string; consoleUrl: string } } = {}): Promise<RoleChange> {
    return this.#db.transaction(async (tx) => {
      const repo = this.#repo(tx);
      const emailLower = email.trim().toLowerCase();
      const name = options.name?.trim();
      const existing = options.by && name ? await repo.lockByEmail(emailLower) : undefined;
      if (existing !== undefined && !(await this.#mayName(tx, options.by!, existing, name!))) return { ok: false as const, code: 'name-elsewhere' as const };
      const organiser = await this.ensure(email, { ...(name && { name }) }, tx);
      if (existing !== undefined && organiser.name !== name) await repo.rename(organiser.id, name!);
      const owners = await this.#owners(tx, networkId);
      const previous = (await repo.lockRole(organiser.id, networkId)) ?? null;
      if (previous === 'owner' && role !== 'owner' && owners.length <= 1) return { ok: false as const, code: 'last-owner' as const };
      await repo.putRole(organiser.id, networkId, role);
      // Issue 24: the person is told, through the outbox, when their role changed.
      if (options.notify && previous !== role) {
        const by = options.by?.kind === 'organiser' ? options.by.organiser.name || options.by.organiser.email : undefined;
        await enqueueMail(tx, null, 'role-added', composeRoleMail(organiser.email, { ...options.notify, role, by, locale: 'nl' }));
      }
      return { ok: true as const, organiserId: organiser.id, role, previous };
    });
  }

  /** Whether `by` may give this existing organiser `name`: their own name, or they organise only where `by` owns. */
  async #mayName(tx: Queryable, by: Caller, organiserId: string, name: string): Promise<boolean> {
    if (by.kind === 'installation-admin' || by.organiser.isAdmin) return true;
    const organiser = (await this.#repo(tx).byId(organiserId))!;
    if (organiser.name === name) return true;
    if (organiser.isAdmin) return false;
    return [...(await this.roles(organiserId, tx)).keys()].every((networkId) => roleOf(by, networkId) === 'owner');
  }

  /** Takes someone's role on a network away; never the last owner's. */
  removeRole(networkId: string, organiserId: string): Promise<RoleChange> {
    if (!isUuid(organiserId)) return Promise.resolve({ ok: false, code: 'not-found' });
    return this.#db.transaction(async (tx) => {
      const owners = await this.#owners(tx, networkId);
      const previous = await this.#repo(tx).lockRole(organiserId, networkId);
      if (!previous) return { ok: false as const, code: 'not-found' as const };
      if (previous === 'owner' && owners.length <= 1) return { ok: false as const, code: 'last-owner' as const };
      await this.#repo(tx).deleteRole(organiserId, networkId);
      return { ok: true as const, organiserId, role: previous, previous };
    });
  }

  // Signing in

  /** The e-mail with a sign-in link, from the e-mail catalogue. */
  signInMessage(to: string, link: string, locale: Locale): MailMessage {
    return composeSignInMail(to, link, locale, SIGN_IN_TTL_MS / 60_000);
  }

  /** A new one-time sign-in token for an organiser, valid for 15 minutes. */
  async #signInToken(q: Queryable, organiserId: string): Promise<string> {
    const token = secret();
    const now = this.#now();
    await this.#repo(q).addSignInToken(sha256(token), organiserId, now, new Date(now.getTime() + SIGN_IN_TTL_MS));
    return token;
  }

  /**
   * Queues a sign-in e-mail when the address belongs to an organiser; says whether it did. The
   * link carries the token in its fragment, so it never reaches a server log.
   */
  requestSignIn(email: string, locale: Locale, consoleUrl: string): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      const organiser = await this.#repo(tx).byEmail(email.trim().toLowerCase());
      if (!organiser) return false;
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
      const organiserId = await this.#repo(tx).useSignInToken(sha256(token), now);
      if (organiserId === undefined) return undefined;
      const session = secret();
      const hash = sha256(session);
      await this.#repo(tx).addSession(hash, organiserId, now, new Date(now.getTime() - SESSION_IDLE_MS));
      const caller = await this.#caller(tx, organiserId, 'session', hash);
      return caller && { secret: session, caller };
    });
  }

  async #caller(q: Queryable, organiserId: string, via: 'session' | 'token', sessionHash?: string): Promise<(Caller & { kind: 'organiser' }) | undefined> {
    const organiser = await this.#repo(q).byId(organiserId);
    if (!organiser) return undefined;
    return { kind: 'organiser', organiser, via, roles: await this.roles(organiserId, q), ...(sessionHash && { sessionHash }) };
  }

  /** The organiser of a session that has been used within the idle time; using it keeps it alive. */
  async bySession(session: string): Promise<Caller | undefined> {
    const now = this.#now();
    const hash = sha256(session);
    const organiserId = await this.#repo().touchSession(hash, now, new Date(now.getTime() - SESSION_IDLE_MS));
    return organiserId !== undefined ? this.#caller(this.#db, organiserId, 'session', hash) : undefined;
  }

  async endSession(sessionHash: string): Promise<void> {
    return this.#repo().deleteSession(sessionHash);
  }

  /** Signs an organiser out on every device. Personal API tokens are revoked one by one, not here. */
  async endAllSessions(organiserId: string): Promise<void> {
    return this.#repo().deleteSessions(organiserId);
  }

  // Personal API tokens

  async createToken(organiserId: string, name: string): Promise<{ token: ApiToken; secret: string }> {
    const value = API_TOKEN_PREFIX + secret();
    const token = await this.#repo().insertToken(randomUUID(), organiserId, name, sha256(value), this.#now());
    return { token, secret: value };
  }

  async listTokens(organiserId: string): Promise<ApiToken[]> {
    return this.#repo().activeTokens(organiserId);
  }

  /** Revokes one of the organiser's own tokens; false when there is no such (active) token. */
  async revokeToken(organiserId: string, tokenId: string): Promise<boolean> {
    if (!isUuid(tokenId)) return false;
    return this.#repo().revokeToken(tokenId, organiserId, this.#now());
  }

  async byApiToken(value: string): Promise<Caller | undefined> {
    if (!value.startsWith(API_TOKEN_PREFIX)) return undefined;
    const organiserId = await this.#repo().useApiToken(sha256(value), this.#now());
    return organiserId !== undefined ? this.#caller(this.#db, organiserId, 'token') : undefined;
  }

  // The audit log

  async audit(entry: AuditInput, q: Queryable = this.#db): Promise<void> {
    const actor = entry.actor === 'cli' ? 'cli' : entry.actor.kind;
    const organiserId = typeof entry.actor === 'object' && entry.actor.kind === 'organiser' ? entry.actor.organiser.id : null;
    await this.#repo(q).insertAudit({
      at: this.#now(),
      organiserId,
      actor,
      networkId: entry.networkId ?? null,
      action: entry.action,
      registrationId: entry.registrationId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    });
  }

  /** A network's audit log, newest first, 100 at a time (`before`: the oldest id already shown). */
  async auditFor(networkId: string, before?: string): Promise<AuditEntry[]> {
    return this.#repo().auditFor(networkId, before ?? null);
  }
}

/** `<console>#login=<token>`: the fragment never leaves the browser, so no log sees the token. */
export function signInLink(consoleUrl: string, token: string): string {
  return `${consoleUrl.replace(/#.*$/, '')}#login=${token}`;
}
