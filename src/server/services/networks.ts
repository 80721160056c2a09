/**
 * The networks the server serves, as revisions of their documents: the registry that keeps the
 * current ones in memory, saves new ones (stale, unchanged, invalid), imports a folder's and
 * hears of other processes' saves. The use cases live here; their SQL is
 * ../storage/networks.ts, reading a folder of documents ./network-folder.ts.
 */
import { canonicalJson } from '../../core/canonical-json.js';
import { createHash } from 'node:crypto';
import { parseNetwork, formatProblem, sessionTimeline, type Network, type Problem, type SessionTimeline } from '../../core/index.js';
import type { Db, Queryable } from '../storage/db.js';
import {
  NETWORK_CHANNEL,
  currentDocument,
  currentDocuments,
  currentHash,
  currentRevisions,
  insertRevision,
  listenForRevisions,
  lockHead,
  notifyRevision,
  revisionDocument,
  revisionHistory,
  revisionsBetween,
  setImportedHash,
} from '../storage/networks.js';
import { NetworkFolderError, type NetworkDocument } from './network-folder.js';

export { NetworkFolderError, readNetworkFolder, loadNetworks, type NetworkDocument } from './network-folder.js';


export const documentHash = (raw: unknown): string => createHash('sha256').update(canonicalJson(raw)).digest('hex');

/** Who saved a revision: an organiser's id, `installation-admin`, or `import` (a folder or `leerkring import`). */
export type RevisionAuthor = string;

export interface RevisionSummary {
  revision: number;
  author: RevisionAuthor;
  /** The organiser's name, when an organiser saved it. */
  authorName: string | null;
  at: string;
}

/** What one revision changed against the one before it: top-level fields and session ids. */
export interface RevisionChange extends RevisionSummary {
  paths: string[];
  sessions: string[];
}

/** Called inside the transaction of every new revision, before it commits (change e-mails go here). */
export type RevisionHook = (tx: Queryable, change: { before: Network | undefined; after: Network; revision: number }) => Promise<void>;

export type SaveResult =
  | { kind: 'saved'; revision: number; network: Network; before: Network | undefined }
  | { kind: 'unchanged'; revision: number; network: Network }
  | { kind: 'invalid'; problems: Problem[] }
  /** Based on an older revision: these came in between. */
  | { kind: 'stale'; revision: number; between: RevisionChange[] }
  | { kind: 'exists' }
  | { kind: 'not-found' };

/** Top-level fields whose value differs, and the ids of sessions added, removed or changed. */
export function documentChanges(before: unknown, after: unknown): { paths: string[]; sessions: string[] } {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
  const byId = (list: unknown) => new Map(((Array.isArray(list) ? list : []) as { id?: string }[]).map((s) => [String(s?.id), canonicalJson(s)]));
  const sa = byId(a.sessions);
  const sb = byId(b.sessions);
  const sessions = [...new Set([...sa.keys(), ...sb.keys()])].filter((id) => sa.get(id) !== sb.get(id));
  return { paths, sessions };
}

/** Channel of PostgreSQL's NOTIFY after a save; the payload is `<network id>:<revision>`. */
export { NETWORK_CHANNEL };

/**
 * The networks the server serves: the current revision of each network document kept in the
 * database, in memory. It reads like the `Map<string, Network>` the code has always been given
 * (it implements Map), so every reader keeps working; only the registry writes to it. A new
 * revision is always a new `Network` object: caches keyed by the object then see the change.
 */
export class NetworkRegistry implements Map<string, Network> {
  readonly #db: Db;
  /** The networks as served; a caller's own Map when given one (see `open`). */
  readonly #store: Map<string, Network>;
  readonly #revisions = new Map<string, number>();
  readonly #hooks: RevisionHook[] = [];
  #stopListening: (() => Promise<void>) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | undefined;
  /** The networks the opening import gave a new revision. */
  readonly imported: string[] = [];

  private constructor(db: Db, store: Map<string, Network> = new Map()) {
    this.#db = db;
    this.#store = store;
  }

  get size(): number {
    return this.#store.size;
  }
  get(id: string): Network | undefined {
    return this.#store.get(id);
  }
  has(id: string): boolean {
    return this.#store.has(id);
  }
  set(id: string, network: Network): this {
    this.#store.set(id, network);
    return this;
  }
  delete(id: string): boolean {
    return this.#store.delete(id);
  }
  clear(): void {
    this.#store.clear();
  }
  forEach(fn: (network: Network, id: string, map: Map<string, Network>) => void, thisArg?: unknown): void {
    this.#store.forEach((network, id) => fn.call(thisArg, network, id, this));
  }
  keys() {
    return this.#store.keys();
  }
  values() {
    return this.#store.values();
  }
  entries() {
    return this.#store.entries();
  }
  [Symbol.iterator]() {
    return this.#store[Symbol.iterator]();
  }
  get [Symbol.toStringTag](): string {
    return 'NetworkRegistry';
  }

  /**
   * Opens the registry over the database. `documents` (a `--networks` folder, or networks given
   * in code) are imported first: each that is new or changed since it was last imported becomes
   * a revision by "import"; an unchanged one adds nothing, so edits made since are kept.
   */
  static async open(db: Db, documents: Iterable<NetworkDocument> = []): Promise<NetworkRegistry> {
    const registry = new NetworkRegistry(db);
    await registry.#load();
    await registry.importDocuments(documents);
    return registry;
  }

  /**
   * A registry over a Map a caller keeps (`buildServer` given networks in code): its networks
   * are imported once hooks are in place (`importDocuments`), revisions saved through the API
   * are written into it, and what the caller sets in it is served as it always was.
   */
  static async over(db: Db, networks: Map<string, Network>): Promise<NetworkRegistry> {
    const registry = new NetworkRegistry(db, networks);
    return registry;
  }

  /**
   * Imports documents as `open` does; after `onRevision` hooks are in place, so a changed
   * document also tells the people concerned.
   */
  async importDocuments(documents: Iterable<NetworkDocument>): Promise<void> {
    const given = new Map<string, Network>();
    for (const d of documents) {
      if (await this.#import(d)) this.imported.push(d.network.id);
      given.set(d.network.id, d.network);
    }
    if (given.size) await this.#load(given);
  }

  readonly #timelines = new WeakMap<Network, Promise<SessionTimeline>>();

  /**
   * SEQUENCE and DTSTAMP of each session of this revision, from the history; kept per revision.
   * `q` is the caller's transaction, when it holds one (the embedded database runs one at a time).
   */
  timeline(network: Network, q?: Queryable): Promise<SessionTimeline> {
    let t = this.#timelines.get(network);
    if (!t) {
      t = this.history(network.id, q).then(sessionTimeline);
      t.catch(() => this.#timelines.delete(network));
      this.#timelines.set(network, t);
    }
    return t;
  }

  /** The revision served now, or undefined for an unknown network. */
  revision(id: string): number | undefined {
    return this.#revisions.get(id);
  }

  /** Runs `hook` in the transaction of every revision saved from now on. */
  onRevision(hook: RevisionHook): void {
    this.#hooks.push(hook);
  }

  /** Reads the current revision of every network; `given` keeps a caller's own objects where they are current. */
  async #load(given: Map<string, Network> = new Map()): Promise<void> {
    const rows = await currentRevisions(this.#db);
    for (const row of rows) {
      if ((this.#revisions.get(row.id) ?? 0) >= row.revision) continue;
      const mine = given.get(row.id);
      let network: Network | undefined;
      if (mine && documentHash(mine) === row.hash) network = mine;
      else {
        const parsed = parseNetwork(row.document);
        if (!parsed.ok) throw new NetworkFolderError(`network ${row.id}, revision ${row.revision}: ${parsed.problems.map((p) => formatProblem(p, 'en')).join('; ')}`);
        network = parsed.value;
      }
      this.set(row.id, network);
      this.#revisions.set(row.id, Number(row.revision));
    }
  }

  /** Picks up revisions other processes saved. Cheap when nothing changed: one small query. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#load().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /**
   * Keeps this process current: on PostgreSQL it listens for saves of other processes, and
   * checks the revisions every `intervalMs` as well, in case a notification was missed (a
   * dropped connection). PGlite is one process: its saves update the registry directly.
   */
  async watch(options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): Promise<void> {
    const onError = options.onError ?? (() => {});
    const refresh = () => void this.refresh().catch(onError);
    const listening = listenForRevisions(this.#db, refresh);
    if (listening) this.#stopListening = await listening;
    this.#timer = setInterval(refresh, options.intervalMs ?? 5000);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#stopListening?.();
    await this.#refreshing?.catch(() => {});
  }

  async #import(d: NetworkDocument): Promise<boolean> {
    const hash = documentHash(d.raw);
    return this.#db.transaction(async (tx) => {
      const head = await lockHead(tx, d.network.id);
      if (head.imported_hash === hash) return false;
      const current = head.revision ? await currentHash(tx, d.network.id, head.revision) : undefined;
      if (current === hash) {
        // The folder holds what the database already serves (exported, then kept in git).
        await setImportedHash(tx, d.network.id, hash);
        return false;
      }
      const before = head.revision ? this.get(d.network.id) ?? (await documentAt(tx, d.network.id, head.revision)) : undefined;
      await this.#write(tx, d.network.id, head.revision + 1, 'import', d.raw, hash, before, d.network);
      await setImportedHash(tx, d.network.id, hash);
      return true;
    });
  }

  async #write(tx: Queryable, id: string, revision: number, author: RevisionAuthor, raw: unknown, hash: string, before: Network | undefined, after: Network): Promise<void> {
    await insertRevision(tx, id, revision, author, raw, hash);
    for (const hook of this.#hooks) await hook(tx, { before, after, revision });
    if (this.#db.kind === 'postgres') await notifyRevision(tx, id, revision);
  }

  /**
   * Saves a whole document as a new revision. `basedOn` is the revision the editor started
   * from: another revision saved since makes this `stale` (nothing is overwritten). `create`
   * asks for a network that must not exist yet.
   */
  async save(raw: unknown, options: { author: RevisionAuthor; basedOn?: number; create?: boolean; id?: string }): Promise<SaveResult> {
    const parsed = parseNetwork(raw);
    if (!parsed.ok) return { kind: 'invalid', problems: parsed.problems };
    const after = parsed.value;
    const id = options.id ?? after.id;
    const hash = documentHash(raw);
    const result = await this.#db.transaction(async (tx): Promise<SaveResult> => {
      const head = await lockHead(tx, id);
      if (options.create && head.revision) return { kind: 'exists' };
      if (!options.create && !head.revision) return { kind: 'not-found' };
      if (options.basedOn !== undefined && options.basedOn !== head.revision) {
        return { kind: 'stale', revision: head.revision, between: await changesBetween(tx, id, options.basedOn, head.revision) };
      }
      const before = head.revision ? await documentAt(tx, id, head.revision) : undefined;
      if (head.revision && (await currentHash(tx, id, head.revision)) === hash) return { kind: 'unchanged', revision: head.revision, network: this.get(id) ?? before! };
      await this.#write(tx, id, head.revision + 1, options.author, raw, hash, before, after);
      return { kind: 'saved', revision: head.revision + 1, network: after, before };
    });
    if (result.kind === 'saved' && (this.#revisions.get(id) ?? 0) < result.revision) {
      this.set(id, result.network);
      this.#revisions.set(id, result.revision);
    }
    return result;
  }

  /** The document of the current revision, as written. */
  async document(id: string): Promise<{ revision: number; document: unknown } | undefined> {
    const row = await currentDocument(this.#db, id);
    return row && { revision: Number(row.revision), document: JSON.parse(row.document) };
  }

  /** One revision's document, as written. */
  async documentAt(id: string, revision: number): Promise<unknown> {
    const row = await revisionDocument(this.#db, id, revision);
    return row && JSON.parse(row.document);
  }

  /** Every revision, newest first, with what it changed. */
  async revisions(id: string): Promise<RevisionChange[]> {
    return (await changesBetween(this.#db, id, 0, 2 ** 31 - 1)).reverse();
  }

  /** The current document of every network, as written (for `leerkring export`). */
  async documents(): Promise<{ id: string; revision: number; document: unknown }[]> {
    const rows = await currentDocuments(this.#db);
    return rows.map((r) => ({ id: r.id, revision: Number(r.revision), document: JSON.parse(r.document) }));
  }

  /**
   * When each session's time, place or status last changed, and how often: the source of its
   * calendar SEQUENCE and DTSTAMP. Computed by core's `sessionTimeline` over every revision.
   */
  async history(id: string, q: Queryable = this.#db): Promise<{ revision: number; at: Date; network: Network }[]> {
    const rows = await revisionHistory(q, id);
    const out: { revision: number; at: Date; network: Network }[] = [];
    for (const r of rows) {
      const parsed = parseNetwork(r.document);
      if (parsed.ok) out.push({ revision: Number(r.revision), at: new Date(r.at), network: parsed.value });
    }
    return out;
  }
}

/** One revision as the code reads it; undefined when there is none or it no longer parses. */
async function documentAt(tx: Queryable, id: string, revision: number): Promise<Network | undefined> {
  const row = await revisionDocument(tx, id, revision);
  const parsed = row && parseNetwork(row.document);
  return parsed && parsed.ok ? parsed.value : undefined;
}

/** The revisions after `from` up to `to`, each with who saved it and what it changed against the one before. */
async function changesBetween(q: Queryable, id: string, from: number, to: number): Promise<RevisionChange[]> {
  const rows = await revisionsBetween(q, id, Math.max(from, 1), to);
  const out: RevisionChange[] = [];
  let previous: unknown = from >= 1 ? undefined : {};
  for (const r of rows) {
    const document = JSON.parse(r.document);
    if (Number(r.revision) > from) {
      const changes = documentChanges(previous ?? {}, document);
      out.push({ revision: Number(r.revision), author: r.author, authorName: r.name ?? null, at: new Date(r.at).toISOString(), ...changes });
    }
    previous = document;
  }
  return out;
}
