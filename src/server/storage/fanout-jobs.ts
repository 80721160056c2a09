/**
 * Fan-out jobs (issue 27): what a save or a message must tell more people than its request can
 * queue in time. The request records a job in its transaction; the delivery job claims one (SKIP
 * LOCKED, so two processes never expand the same batch) and expands a batch of its people into
 * outbox rows in one transaction with the job's cursor, so the work resumes after a crash without
 * telling anyone twice. The people are those whose registration was stored when the job was
 * recorded, taken in registration id order, which does not change while the job runs, and each
 * job records whom it told: a message in message_recipients (one e-mail per registration), a save
 * in fanout_told and fanout_told_addresses (one e-mail per address, all its registrations and the
 * address with their targets recorded). Moving to another session, cancelling one of two
 * registrations or a corrected address changes neither, so each person is told exactly once, and
 * each address once of each target (a session, or the network) it was told of.
 * A batch that fails counts as a try of its job: tried again at once, then after 1, 4 and 16
 * minutes, and given up after FANOUT_TRIES (other jobs and the outbox go on meanwhile); one that
 * fails for a passing reason counts only once that has lasted (PASSING_LIMIT, PASSING_SPAN_MS).
 */
import type { Queryable } from './db.js';
import { concernedPeople, messagePeople } from './mailings.js';
import { rowOf, type RegistrationRow } from './registration-rows.js';

export type FanoutKind = 'message' | 'revision';

export interface FanoutJob {
  id: string;
  kind: FanoutKind;
  networkId: string;
  facts: Record<string, unknown>;
  /** A message's cursor: the last registration id done; '' before the first batch (a save's job: see revisionBatch). */
  afterKey: string;
  /** The cursor of a job from before issue 27's review: the first seq of the last person done; 0 after. */
  afterSeq: number;
}

/** Tries of a job whose batch fails before it is given up. */
export const FANOUT_TRIES = 5;

/** A try of a fan-out job failed (the cause says why); its message names the job and its network, never a person. Without tries: a passing failure, not counted. */
export class FanoutFailed extends Error {
  constructor(jobId: string, kind: string, networkId: string, tries: number | undefined, cause: unknown) {
    const which = tries === undefined ? 'for a passing reason (not counted as a try)' : `on try ${tries} of ${FANOUT_TRIES}${tries >= FANOUT_TRIES ? ', given up' : ''}`;
    super(`fan-out job ${jobId} (${kind}, network ${networkId}) failed ${which}`, { cause });
    this.name = 'FanoutFailed';
  }
}

/** Records a job in the caller's transaction: the people registered now (created_at, the transaction's time). */
export async function recordFanout(tx: Queryable, kind: FanoutKind, networkId: string, facts: object): Promise<void> {
  await tx.query(`INSERT INTO fanout_jobs (kind, network_id, facts) VALUES ($1, $2, $3::jsonb)`, [kind, networkId, JSON.stringify(facts)]);
}

/** Open, not given up, and not waiting for its next try. */
const READY = 'done_at IS NULL AND (next_try_at IS NULL OR next_try_at <= now())';

/** Claims the oldest ready job for the rest of the caller's transaction; undefined when there is none free. */
export async function claimFanout(tx: Queryable): Promise<FanoutJob | undefined> {
  const { rows } = await tx.query<{ id: string; kind: FanoutKind; network_id: string; facts: Record<string, unknown> | string; after_key: string; after_seq: string | number }>(
    `SELECT id, kind, network_id, facts, after_key, after_seq FROM fanout_jobs WHERE ${READY} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  const r = rows[0];
  return r && { id: String(r.id), kind: r.kind, networkId: r.network_id, facts: typeof r.facts === 'string' ? JSON.parse(r.facts) : r.facts, afterKey: r.after_key, afterSeq: Number(r.after_seq) };
}

/** Moves a job's cursor past the batch just expanded; `done` closes it (and forgets whom it told). A batch that went well clears the tries. */
export async function advanceFanout(tx: Queryable, id: string, afterKey: string, done: boolean): Promise<void> {
  await tx.query(`UPDATE fanout_jobs SET after_key = $2, after_seq = 0, attempts = 0, passing = 0, passing_since = NULL, next_try_at = NULL, done_at = CASE WHEN $3 THEN now() END WHERE id = $1`, [id, afterKey, done]);
  if (done) await forgetEndedTold(tx, id);
}

/**
 * A job that ended, done or given up, forgets whom it told: the registrations and the digests of
 * their addresses, in one statement. With `id`, that job (advanceFanout, failedFanoutTry, which
 * end it first); without, every job that ended (the daily purge: what a job ended before giving
 * up forgot anything still held). A job still running keeps both.
 */
export async function forgetEndedTold(q: Queryable, id?: string): Promise<void> {
  await q.query(
    `WITH ended AS (SELECT id FROM fanout_jobs WHERE done_at IS NOT NULL AND ($1::bigint IS NULL OR id = $1::bigint)),
       registrations AS (DELETE FROM fanout_told WHERE job_id IN (SELECT id FROM ended))
     DELETE FROM fanout_told_addresses WHERE job_id IN (SELECT id FROM ended)`,
    [id ?? null],
  );
}

/**
 * Counts a failed try of a job (outside the failed transaction): the next one at once after the
 * first, then after 1, 4 and 16 minutes; after FANOUT_TRIES it is given up (done and failed),
 * and forgets whom it told as a job that is done does. Returns the tries so far.
 */
export async function failedFanoutTry(q: Queryable, id: string): Promise<number> {
  const { rows } = await q.query<{ attempts: number }>(
    `UPDATE fanout_jobs SET attempts = attempts + 1,
       next_try_at = now() + CASE WHEN attempts = 0 THEN 0 ELSE 60 * power(4, attempts - 1) END * interval '1 second',
       failed_at = CASE WHEN attempts + 1 >= $2 THEN now() END, done_at = CASE WHEN attempts + 1 >= $2 THEN now() END
     WHERE id = $1 AND done_at IS NULL RETURNING attempts`,
    [id, FANOUT_TRIES],
  );
  const tries = Number(rows[0]?.attempts ?? FANOUT_TRIES);
  if (tries >= FANOUT_TRIES) await forgetEndedTold(q, id);
  return tries;
}

/**
 * When a failure that passes (a lock or statement timeout) is no longer taken to pass: after this
 * many in a row (no batch of the job went well in between), the first at least PASSING_SPAN_MS
 * ago. At one try per half minute that is ten minutes at the least; an hour of the same batch
 * timing out is no passing lock or a busy moment but a batch that cannot go (too big for the
 * statement timeout, a lock never let go), so from then each such failure counts as a try.
 */
export const PASSING_LIMIT = 20;
export const PASSING_SPAN_MS = 3600000;

/**
 * A job whose try failed for a passing reason waits half a minute, its tries not counted (other
 * jobs and the outbox go on meanwhile); past PASSING_LIMIT and PASSING_SPAN_MS (measured by `at`,
 * the caller's clock) it counts as a try after all (failedFanoutTry). Returns the tries so far
 * when it counted, undefined when not.
 */
export async function passingFanoutFailure(q: Queryable, id: string, at: Date): Promise<number | undefined> {
  const { rows } = await q.query<{ passing: number; since: Date | string }>(
    `UPDATE fanout_jobs SET passing = passing + 1, passing_since = coalesce(passing_since, $2), next_try_at = now() + interval '30 seconds'
     WHERE id = $1 AND done_at IS NULL RETURNING passing, passing_since AS since`,
    [id, at.toISOString()],
  );
  const r = rows[0];
  if (!r || Number(r.passing) < PASSING_LIMIT || at.getTime() - new Date(r.since).getTime() < PASSING_SPAN_MS) return undefined;
  return failedFanoutTry(q, id);
}

/** Whether any job is ready: a read on the partial index, so a delivery turn without jobs opens no write transaction. */
export async function anyOpenFanout(q: Queryable): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM fanout_jobs WHERE ${READY} LIMIT 1`);
  return rows.length > 0;
}

/** Registrations stored when job $J was recorded (the transaction's time). */
const STORED_BY_JOB = (j: string) => `created_at <= (SELECT created_at FROM fanout_jobs WHERE id = ${j})`;

/**
 * One batch of a message's recipients (the message's statuses, target and selection, as when it
 * was sent), in registration id order after the cursor: listed with the message and given an
 * outbox row each, in one statement. Someone already listed (a job resumed across the change of
 * cursor) is not listed again. Returns the last id done and how many.
 */
export async function expandMessageBatch(tx: Queryable, job: FanoutJob, limit: number): Promise<{ last: string; count: number }> {
  const f = job.facts as { messageId: string; statuses: string[]; target: string | null; ids: string[] | null };
  const { rows } = await tx.query<{ last: string | null; n: number }>(
    `WITH people AS (
       SELECT id FROM registrations r WHERE ${messagePeople('$1', '$2', '$3', '$4')} AND ($5 = '' OR id > nullif($5, '')::uuid) AND ${STORED_BY_JOB('$6')}
         AND NOT EXISTS (SELECT 1 FROM message_recipients mr WHERE mr.message_id = $8 AND mr.registration_id = r.id) ORDER BY id LIMIT $7
     ), listed AS (
       INSERT INTO message_recipients (message_id, registration_id) SELECT $8, id FROM people
     ), queued AS (
       INSERT INTO mail_outbox (registration_id, kind, facts) SELECT id, 'message', jsonb_build_object('messageId', $8::text) FROM people ORDER BY id
     )
     SELECT (SELECT id::text FROM people ORDER BY id DESC LIMIT 1) AS last, (SELECT count(*)::int FROM people) AS n`,
    [job.networkId, f.statuses, f.target, f.ids, job.afterKey, job.id, limit, f.messageId],
  );
  return { last: rows[0]!.last ?? job.afterKey, count: Number(rows[0]!.n) };
}

/** Concerned by a change of these targets (mailings.ts decides who; placeholders $1 network, $2 targets). */
const CONCERNED = concernedPeople('$1', '$2');

/**
 * How a save's job records an address it told: its digest, so the job's table holds no address.
 * An unsalted sha256 can be matched against a list of known addresses, so it is personal data
 * still: it is kept only while the job runs (advanceFanout, failedFanoutTry) and leaves with an
 * erasure (FORGET_ERASED_ADDRESSES). Not an HMAC: the storage layer holds no secret (the server's
 * is in the services' context, and `leerkring purge` runs with none), and SQL computes the digest
 * per registration in UNTOLD and at erasure.
 */
const ADDRESS = (email: string) => `sha256(convert_to(${email}, 'UTF8'))`;

/**
 * Prefixes the statement that erases registrations (`erasing`: a condition on the registrations
 * of alias $A, with the statement's placeholders): the digests of their addresses leave the told
 * tables of every job, as the statement sees them before the erasure (a data-modifying WITH),
 * unless a registration not being erased still holds the address, which a save's job tells once.
 * The erased are not concerned, so no job tells them afterwards.
 */
export const FORGET_ERASED_ADDRESSES = (erasing: (alias: string) => string) =>
  `WITH forgotten_addresses AS (
     DELETE FROM fanout_told_addresses a USING registrations r WHERE ${erasing('r')} AND a.address = ${ADDRESS('r.email_lower')}
       AND NOT EXISTS (SELECT 1 FROM registrations o WHERE o.email_lower = r.email_lower AND o.erased_at IS NULL AND NOT (${erasing('o')}))
   ) `;

/**
 * Not yet told by save job $J (registrations r): neither the registration, nor its address now of
 * its target. A revision's e-mail goes to an address, one per address (notices.ts groups by
 * address: a household with two registrations on one address gets one e-mail naming both), and
 * tells of the changed sessions of the registrations it names: so "told" is per address and
 * target (an address told of session A is not told of it again, but is of session B when a
 * registration for B is corrected to it while the job runs); and per registration, so a person
 * told whose address is corrected later is not told again at the new one. Target '' is a row
 * written before targets were recorded: told of every target.
 */
const UNTOLD = (j: string) =>
  `NOT EXISTS (SELECT 1 FROM fanout_told t WHERE t.job_id = ${j} AND t.registration_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM fanout_told_addresses a WHERE a.job_id = ${j} AND a.address = ${ADDRESS('r.email_lower')} AND a.target IN (r.target, ''))`;

/**
 * One batch of the people a revision concerns: the e-mail addresses of up to `limit` concerned
 * registrations (stored when the job was recorded) not told yet, in registration id order, with
 * all their concerned registrations not told yet, in arrival order; all of them, and their
 * addresses with their targets, are recorded as told. `done` when this was the last batch.
 */
export async function revisionBatch(tx: Queryable, job: FanoutJob, targets: string[], limit: number): Promise<{ rows: RegistrationRow[]; done: boolean }> {
  if (job.afterSeq > 0) await carryOldCursor(tx, job, targets);
  const { rows: first } = await tx.query<{ email_lower: string }>(
    `SELECT email_lower FROM registrations r WHERE ${CONCERNED} AND ${STORED_BY_JOB('$3')} AND ${UNTOLD('$3')} ORDER BY id LIMIT $4`,
    [job.networkId, targets, job.id, limit],
  );
  if (!first.length) return { rows: [], done: true };
  const { rows } = await tx.query(
    `SELECT * FROM registrations r WHERE ${CONCERNED} AND ${STORED_BY_JOB('$4')} AND ${UNTOLD('$4')} AND email_lower = ANY($3::text[]) ORDER BY seq`,
    [job.networkId, targets, [...new Set(first.map((p) => p.email_lower))], job.id],
  );
  await tx.query('INSERT INTO fanout_told (job_id, registration_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [job.id, rows.map((r) => r.id)]);
  await tx.query(
    `INSERT INTO fanout_told_addresses (job_id, address, target) SELECT DISTINCT $1::bigint, ${ADDRESS('e')}, t FROM unnest($2::text[], $3::text[]) AS told(e, t) ON CONFLICT DO NOTHING`,
    [job.id, rows.map((r) => r.email_lower), rows.map((r) => r.target)],
  );
  return { rows: rows.map(rowOf), done: first.length < limit };
}

/**
 * A save's job recorded before the told-table resumes where it was: the people its old cursor
 * (the first seq of the last person told) had passed are recorded as told.
 */
async function carryOldCursor(tx: Queryable, job: FanoutJob, targets: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO fanout_told (job_id, registration_id)
       SELECT $3, id FROM registrations r WHERE ${CONCERNED} AND ${STORED_BY_JOB('$3')} AND email_lower IN (
         SELECT email_lower FROM registrations WHERE ${CONCERNED} AND ${STORED_BY_JOB('$3')} GROUP BY email_lower
          HAVING min(seq) <= $4::bigint)
     ON CONFLICT DO NOTHING`,
    [job.networkId, targets, job.id, job.afterSeq],
  );
  await tx.query(`UPDATE fanout_jobs SET after_seq = 0 WHERE id = $1`, [job.id]);
}

/**
 * Whether a change of these targets concerns more than `limit` registrations (an upper bound of
 * the people): reads at most limit + 1 rows, however many are stored.
 */
export async function concernsMoreThan(q: Queryable, networkId: string, targets: string[], limit: number): Promise<boolean> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM registrations WHERE ${CONCERNED} LIMIT $3) t`, [networkId, targets, limit + 1]);
  return Number(rows[0]!.n) > limit;
}
