/**
 * The mail outbox table: rows written in the caller's transaction (a registration, a change, a
 * message), claimed by the delivery job with SKIP LOCKED, marked sent or released. SQL only: what
 * a row says is composed in ../mail/, and sent by ../mail/delivery.ts.
 */
import type { Queryable } from './db.js';
import { prepared } from './connection.js';

/** Tries per e-mail: after the last one the outbox gives up on it (the console counts it as not delivered). */
export const MAX_ATTEMPTS = 10;

/**
 * Adds a message to the outbox inside the caller's transaction. An organiser's sign-in link
 * ('sign-in') belongs to no registration.
 */
export async function enqueueMail(tx: Queryable, registrationId: string | null, kind: string, message: object, names?: string[]): Promise<void> {
  await tx.query('INSERT INTO mail_outbox (registration_id, kind, message, names) VALUES ($1, $2, $3, $4)', [registrationId, kind, JSON.stringify(message), names?.length ? names : null]);
}

/**
 * Adds many composed messages to the outbox in one statement (issue 27: a save or the reminder
 * job telling thousands of people), in the given order, inside the caller's transaction.
 */
export async function enqueueMails(tx: Queryable, mails: readonly { registrationId: string; kind: string; message: object }[]): Promise<void> {
  if (!mails.length) return;
  await tx.query(
    `INSERT INTO mail_outbox (registration_id, kind, message)
       SELECT r, k, m::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS t(r, k, m, o) ORDER BY o`,
    [mails.map((m) => m.registrationId), mails.map((m) => m.kind), mails.map((m) => JSON.stringify(m.message))],
  );
}

/** An outbox row as claimed: a composed message, or (a new registration's e-mail) the facts to compose it from. */
export interface OutboxRow {
  id: string;
  registration_id: string | null;
  kind: string;
  message: object | string | null;
  facts: Record<string, unknown> | string | null;
  /** The registrations the message names besides its own (a digest), or null. */
  names: string[] | null;
}

/**
 * Claims up to `limit` unsent messages for `worker`: one statement, so one short transaction.
 * Rows still to be composed (facts, no message) only `withFacts`. Composition follows the claim,
 * so two workers never compose or send the same row.
 */
export async function claimOutbox(db: Queryable, worker: string, limit: number, claimTimeoutMs = 300000, withFacts = true): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE mail_outbox SET claimed_at = now(), claimed_by = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM mail_outbox
           WHERE sent_at IS NULL AND (message IS NOT NULL OR ($4 AND facts IS NOT NULL)) AND attempts < ${MAX_ATTEMPTS}
             AND (claimed_at IS NULL OR claimed_at < now() - $3 * interval '1 millisecond')
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, registration_id, kind, message, facts, names`,
    [limit, worker, claimTimeoutMs, withFacts],
  );
  return rows.sort((x, y) => Number(x.id) - Number(y.id));
}

/**
 * Marks messages as sent (or as having nothing left to send), a few at a time: on the embedded
 * database every statement waits its turn behind the registrations. A crash before the mark sends
 * them again after the claim timeout. Text and facts go: the text holds the manage link.
 */
export async function markSent(db: Queryable, ids: string[]): Promise<void> {
  // What was sent is not kept (the text may name people); an organiser's message keeps only its
  // id, so the console can say how many of its e-mails went out.
  if (ids.length) await db.query(MARK_SENT, [ids]);
}

// Prepared once per PostgreSQL connection (issue 28): the delivery job runs these for every few e-mails.
const MARK_SENT = prepared(
  'outbox_mark_sent',
  `UPDATE mail_outbox SET sent_at = now(), message = NULL, claimed_at = NULL,
     facts = CASE WHEN kind = 'message' AND facts ? 'messageId' THEN jsonb_build_object('messageId', facts->'messageId') END
   WHERE id = ANY($1::bigint[])`,
);

/**
 * Removes the e-mails that name a registration now erased (an organiser's digest), sent or not:
 * the sent ones keep no text, but their .eml files do. Returns their ids, for those files.
 */
export async function forgetMailNamingErased(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `DELETE FROM mail_outbox m WHERE m.names IS NOT NULL
       AND EXISTS (SELECT 1 FROM registrations r WHERE r.id = ANY(m.names) AND r.erased_at IS NOT NULL)
     RETURNING id`,
  );
  return rows.map((r) => String(r.id));
}

/** How long sent outbox rows are kept: long enough to look into a complaint, then they go. */
export const SENT_KEPT_DAYS = 30;

/**
 * Removes outbox rows sent more than `days` days ago, in one statement with the count of each
 * message's pruned e-mails added to the message (its delivery status still says how many went
 * out). Returns how many rows went.
 */
export async function pruneSentMail(db: Queryable, days = SENT_KEPT_DAYS): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM mail_outbox WHERE sent_at < now() - $1 * interval '1 day' RETURNING kind, facts
     ), counted AS (
       UPDATE messages m SET sent_pruned = m.sent_pruned + g.n
         FROM (SELECT facts->>'messageId' AS id, count(*)::int AS n FROM gone WHERE kind = 'message' AND facts ? 'messageId' GROUP BY 1) g
        WHERE m.id::text = g.id
     )
     SELECT count(*)::int AS n FROM gone`,
    [days],
  );
  return Number(rows[0]!.n);
}

/**
 * Which of these outbox rows are still to be sent: they exist (erasing a registration removes its
 * rows) and their registration is not erased. Asked just before composing, however long ago they were claimed.
 */
export async function stillToSend(db: Queryable, ids: string[]): Promise<Set<string>> {
  // The one row an erasure itself queues, the organisers' late-cancel notice for the invoice
  // (issue 23), still goes: the invoice keeps what it names until retention.
  const { rows } = await db.query<{ id: string }>(STILL_TO_SEND, [ids]);
  return new Set(rows.map((r) => String(r.id)));
}

// Once per e-mail: prepared once per PostgreSQL connection (issue 28).
const STILL_TO_SEND = prepared(
  'outbox_still_to_send',
  `SELECT o.id FROM mail_outbox o WHERE o.id = ANY($1::bigint[]) AND o.sent_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = o.registration_id AND r.erased_at IS NOT NULL AND o.kind <> 'organiser-late-cancel')`,
);

/** Which of these outbox rows still exist. */
export async function outboxRowsKept(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM mail_outbox WHERE id = ANY($1::bigint[])', [ids]);
  return new Set(rows.map((r) => String(r.id)));
}

/** Frees a claimed row again after a failed send, with its error, so the job's next turn tries it again. */
export async function releaseClaim(db: Queryable, id: string, worker: string, error: string): Promise<void> {
  await db.query('UPDATE mail_outbox SET claimed_at = NULL, claimed_by = NULL, last_error = $3 WHERE id = $1 AND claimed_by = $2', [id, worker, error.slice(0, 500)]);
}

/**
 * Claims the other waiting 'organiser-new' rows for the same organiser (issue 24): one e-mail then
 * lists every registration that came in together. SKIP LOCKED, so another worker's claim stays its own.
 */
export async function claimOrganiserNews(db: Queryable, worker: string, email: string, claimTimeoutMs = 300000): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE mail_outbox SET claimed_at = now(), claimed_by = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM mail_outbox
           WHERE sent_at IS NULL AND kind = 'organiser-new' AND facts IS NOT NULL AND facts->'to'->>'email' = $1 AND attempts < ${MAX_ATTEMPTS}
             AND (claimed_at IS NULL OR claimed_at < now() - $3 * interval '1 millisecond')
           ORDER BY id FOR UPDATE SKIP LOCKED)
       RETURNING id, registration_id, kind, message, facts, names`,
    [email, worker, claimTimeoutMs],
  );
  return rows.sort((x, y) => Number(x.id) - Number(y.id));
}

/** Gives claimed rows back untried (their attempt not counted), for the next delivery turn. */
export async function returnClaims(db: Queryable, ids: string[], worker: string): Promise<void> {
  if (ids.length) await db.query('UPDATE mail_outbox SET claimed_at = NULL, claimed_by = NULL, attempts = attempts - 1 WHERE id = ANY($1::bigint[]) AND claimed_by = $2', [ids, worker]);
}

/** Records the registrations a message names besides its own (a digest, an organiser's gathered news), so purging them finds it. */
export async function setNames(db: Queryable, id: string, names: string[]): Promise<void> {
  await db.query('UPDATE mail_outbox SET names = $2 WHERE id = $1', [id, names]);
}
