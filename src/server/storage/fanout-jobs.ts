/**
 * Fan-out jobs (issue 27): what a save or a message must tell more people than its request can
 * queue in time. The request records a job in its transaction; the delivery job claims one (SKIP
 * LOCKED, so two processes never expand the same batch) and expands a batch of its people into
 * outbox rows in one transaction with the job's cursor, so the work resumes after a crash without
 * telling anyone twice. People are taken in arrival order (seq), up to the last one stored when
 * the job was recorded.
 */
import type { Queryable } from './db.js';
import { rowOf, type RegistrationRow } from './registration-rows.js';

export type FanoutKind = 'message' | 'revision';

export interface FanoutJob {
  id: string;
  kind: FanoutKind;
  networkId: string;
  facts: Record<string, unknown>;
  upToSeq: number;
  afterSeq: number;
}

/** Records a job in the caller's transaction: people up to the newest registration stored now. */
export async function recordFanout(tx: Queryable, kind: FanoutKind, networkId: string, facts: object): Promise<void> {
  await tx.query(
    `INSERT INTO fanout_jobs (kind, network_id, facts, up_to_seq)
       SELECT $1, $2, $3::jsonb, coalesce((SELECT max(seq) FROM registrations WHERE network_id = $2), 0)`,
    [kind, networkId, JSON.stringify(facts)],
  );
}

/** Claims the oldest open job for the rest of the caller's transaction; undefined when there is none free. */
export async function claimFanout(tx: Queryable): Promise<FanoutJob | undefined> {
  const { rows } = await tx.query<{ id: string; kind: FanoutKind; network_id: string; facts: Record<string, unknown> | string; up_to_seq: string | number; after_seq: string | number }>(
    'SELECT id, kind, network_id, facts, up_to_seq, after_seq FROM fanout_jobs WHERE done_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED',
  );
  const r = rows[0];
  return (
    r && {
      id: String(r.id),
      kind: r.kind,
      networkId: r.network_id,
      facts: typeof r.facts === 'string' ? JSON.parse(r.facts) : r.facts,
      upToSeq: Number(r.up_to_seq),
      afterSeq: Number(r.after_seq),
    }
  );
}

/** Moves a job's cursor past the batch just expanded; `done` closes it. */
export async function advanceFanout(tx: Queryable, id: string, afterSeq: number, done: boolean): Promise<void> {
  await tx.query(`UPDATE fanout_jobs SET after_seq = $2, done_at = CASE WHEN $3 THEN now() END WHERE id = $1`, [id, afterSeq, done]);
}

/** Whether any job is open: a read on the partial index, so a delivery turn without jobs opens no write transaction. */
export async function anyOpenFanout(q: Queryable): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM fanout_jobs WHERE done_at IS NULL LIMIT 1');
  return rows.length > 0;
}

/**
 * One batch of a message's recipients (the message's statuses, target and selection, as when it
 * was sent): listed with the message and given an outbox row each, in one statement. Returns the
 * last seq done and how many.
 */
export async function expandMessageBatch(
  tx: Queryable,
  job: FanoutJob,
  limit: number,
): Promise<{ last: number; count: number }> {
  const f = job.facts as { messageId: string; statuses: string[]; target: string | null; ids: string[] | null };
  const { rows } = await tx.query<{ last: string | number | null; n: number }>(
    `WITH people AS (
       SELECT id, seq FROM registrations WHERE network_id = $1 AND status = ANY($2::text[]) AND erased_at IS NULL AND ($3::text IS NULL OR target = $3)
         AND ($4::uuid[] IS NULL OR id = ANY($4::uuid[])) AND seq > $5 AND seq <= $6 ORDER BY seq LIMIT $7
     ), listed AS (
       INSERT INTO message_recipients (message_id, registration_id) SELECT $8, id FROM people
     ), queued AS (
       INSERT INTO mail_outbox (registration_id, kind, facts) SELECT id, 'message', jsonb_build_object('messageId', $8::text) FROM people ORDER BY seq
     )
     SELECT max(seq) AS last, count(*)::int AS n FROM people`,
    [job.networkId, f.statuses, f.target, f.ids, job.afterSeq, job.upToSeq, limit, f.messageId],
  );
  return { last: Number(rows[0]!.last ?? job.upToSeq), count: Number(rows[0]!.n) };
}

/** The condition of "concerned by a change of these targets" (placeholders $1 network, $2 targets). */
const CONCERNED = `network_id = $1 AND target = ANY($2::text[]) AND status IN ('confirmed', 'waitlisted', 'pending') AND erased_at IS NULL`;

/**
 * One batch of the people a revision concerns: up to `limit` e-mail addresses whose first
 * concerned registration comes after the cursor, with all their concerned registrations, in
 * arrival order. `last` is the first seq of the last person taken.
 */
export async function revisionBatch(tx: Queryable, job: FanoutJob, targets: string[], limit: number): Promise<{ rows: RegistrationRow[]; last: number; people: number }> {
  const { rows: firsts } = await tx.query<{ email_lower: string; first: string | number }>(
    `SELECT email_lower, min(seq) AS first FROM registrations WHERE ${CONCERNED} AND seq <= $4
       GROUP BY email_lower HAVING min(seq) > $3 ORDER BY min(seq) LIMIT $5`,
    [job.networkId, targets, job.afterSeq, job.upToSeq, limit],
  );
  if (!firsts.length) return { rows: [], last: job.upToSeq, people: 0 };
  const { rows } = await tx.query(`SELECT * FROM registrations WHERE ${CONCERNED} AND seq <= $4 AND email_lower = ANY($3::text[]) ORDER BY seq`, [
    job.networkId,
    targets,
    firsts.map((f) => f.email_lower),
    job.upToSeq,
  ]);
  return { rows: rows.map(rowOf), last: Number(firsts.at(-1)!.first), people: firsts.length };
}

/**
 * Whether a change of these targets concerns more than `limit` registrations (an upper bound of
 * the people): reads at most limit + 1 rows, however many are stored.
 */
export async function concernsMoreThan(q: Queryable, networkId: string, targets: string[], limit: number): Promise<boolean> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM registrations WHERE ${CONCERNED} LIMIT $3) t`, [networkId, targets, limit + 1]);
  return Number(rows[0]!.n) > limit;
}
