/**
 * Network documents in SQL, and nothing else: the head of each network (`networks`: its current
 * revision, the hash of its last import) and every revision as written (`network_revisions`),
 * with the NOTIFY that tells other processes of a save and the LISTEN that hears it. Parsing,
 * hashing and what a revision changed are NetworkRegistry's (../services/networks.ts).
 */
import type { Db, Queryable } from './db.js';

/** Channel of PostgreSQL's NOTIFY after a save; the payload is `<network id>:<revision>`. */
export const NETWORK_CHANNEL = 'leerkring_networks';

/** The current revision of every network, with its document as written and its hash. */
export async function currentRevisions(q: Queryable): Promise<{ id: string; revision: number; document: string; hash: string }[]> {
  const { rows } = await q.query<{ id: string; revision: number; document: string; hash: string }>(
    `SELECT n.id, n.revision, r.document, r.hash FROM networks n JOIN network_revisions r ON r.network_id = n.id AND r.revision = n.revision ORDER BY n.id`,
  );
  return rows;
}

/** Creates a network's head when new (revision 0) and locks it for the transaction. */
export async function lockHead(tx: Queryable, id: string): Promise<{ revision: number; imported_hash: string | null }> {
  await tx.query('INSERT INTO networks (id, revision) VALUES ($1, 0) ON CONFLICT (id) DO NOTHING', [id]);
  const { rows } = await tx.query<{ revision: number; imported_hash: string | null }>('SELECT revision, imported_hash FROM networks WHERE id = $1 FOR UPDATE', [id]);
  return { revision: Number(rows[0]!.revision), imported_hash: rows[0]!.imported_hash };
}

export async function currentHash(tx: Queryable, id: string, revision: number): Promise<string | undefined> {
  const { rows } = await tx.query<{ hash: string }>('SELECT hash FROM network_revisions WHERE network_id = $1 AND revision = $2', [id, revision]);
  return rows[0]?.hash;
}

/** Notes the hash of the document last imported for a network. */
export async function setImportedHash(tx: Queryable, id: string, hash: string): Promise<void> {
  await tx.query('UPDATE networks SET imported_hash = $2 WHERE id = $1', [id, hash]);
}

/** Writes a new revision and makes it the network's current one. */
export async function insertRevision(tx: Queryable, id: string, revision: number, author: string, raw: unknown, hash: string): Promise<void> {
  await tx.query('INSERT INTO network_revisions (network_id, revision, author, document, hash) VALUES ($1, $2, $3, $4, $5)', [id, revision, author, JSON.stringify(raw, null, 2), hash]);
  await tx.query('UPDATE networks SET revision = $2, updated_at = now() WHERE id = $1', [id, revision]);
}

/** Tells the other processes on the same PostgreSQL of a new revision (sent when the transaction commits). */
export async function notifyRevision(tx: Queryable, id: string, revision: number): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [NETWORK_CHANNEL, `${id}:${revision}`]);
}

/**
 * Calls `onChange` for every revision another process saves, and when the listening connection
 * was made again (one may have been missed). PostgreSQL only: undefined on a database that
 * cannot listen. Resolves to the function that stops listening.
 */
export function listenForRevisions(db: Db, onChange: () => void): Promise<() => Promise<void>> | undefined {
  return db.listen ? db.listen(NETWORK_CHANNEL, onChange, onChange) : undefined;
}

/** One revision's document, as written (JSON text). */
export async function revisionDocument(q: Queryable, id: string, revision: number): Promise<{ document: string } | undefined> {
  const { rows } = await q.query<{ document: string }>('SELECT document FROM network_revisions WHERE network_id = $1 AND revision = $2', [id, revision]);
  return rows[0];
}

/** The current revision's document of one network, as written. */
export async function currentDocument(q: Queryable, id: string): Promise<{ revision: number; document: string } | undefined> {
  const { rows } = await q.query<{ revision: number; document: string }>(
    'SELECT r.revision, r.document FROM networks n JOIN network_revisions r ON r.network_id = n.id AND r.revision = n.revision WHERE n.id = $1',
    [id],
  );
  return rows[0];
}

/** The current revision's document of every network, as written. */
export async function currentDocuments(q: Queryable): Promise<{ id: string; revision: number; document: string }[]> {
  const { rows } = await q.query<{ id: string; revision: number; document: string }>(
    'SELECT n.id, n.revision, r.document FROM networks n JOIN network_revisions r ON r.network_id = n.id AND r.revision = n.revision ORDER BY n.id',
  );
  return rows;
}

/** Every revision of a network, oldest first, with when it was saved. */
export async function revisionHistory(q: Queryable, id: string): Promise<{ revision: number; at: Date | string; document: string }[]> {
  const { rows } = await q.query<{ revision: number; at: Date | string; document: string }>(
    'SELECT revision, created_at AS at, document FROM network_revisions WHERE network_id = $1 ORDER BY revision',
    [id],
  );
  return rows;
}

/** The revisions `from` up to `to` (both included), oldest first, with who saved each (an organiser's name, when one did). */
export async function revisionsBetween(
  q: Queryable,
  id: string,
  from: number,
  to: number,
): Promise<{ revision: number; author: string; name: string | null; at: Date | string; document: string }[]> {
  const { rows } = await q.query<{ revision: number; author: string; name: string | null; at: Date | string; document: string }>(
    `SELECT r.revision, r.author, o.name, r.created_at AS at, r.document
       FROM network_revisions r LEFT JOIN organisers o ON o.id::text = r.author
      WHERE r.network_id = $1 AND r.revision >= $2 AND r.revision <= $3 ORDER BY r.revision`,
    [id, from, to],
  );
  return rows;
}
