/**
 * The SQL of what is sent to registrations, and nothing else: organisers' messages, digests,
 * reminders, revision notices and report notices (who gets them, and what was sent already, so
 * nothing goes out twice). No e-mail texts: the services compose, this reads and records. Used
 * next to a RegistrationRepository over the same connection or transaction.
 */
import type { Queryable } from './db.js';
import { MAX_ATTEMPTS } from './outbox.js';
import { json, rowOf, type MessageRow, type OrganiserContact, type RegistrationRow } from './registration-rows.js';

/**
 * Who a message goes to, decided here once (issue 27): the preview, its count, the bulk INSERT …
 * SELECT and the fan-out job's batches all read this condition, so they cannot disagree. The
 * registrations of these statuses, not erased, optionally of one target and only some
 * registrations (a selection). Its arguments are the placeholders of network, statuses
 * (text[]), target (text or NULL) and ids (uuid[] or NULL).
 */
export const messagePeople = (network: string, statuses: string, target: string, ids: string): string =>
  `network_id = ${network} AND status = ANY(${statuses}::text[]) AND erased_at IS NULL AND (${target}::text IS NULL OR target = ${target})
     AND (${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[]))`;

/**
 * Who a change of sessions concerns (a save's notices), decided here once: the preview, the
 * notices queued by the save and the fan-out job's batches read it. With a place, on the waiting
 * list, or waiting for intake, not erased; placeholders of network and targets (text[]).
 */
export const concernedPeople = (network: string, targets: string): string =>
  `network_id = ${network} AND target = ANY(${targets}::text[]) AND status IN ('confirmed', 'waitlisted', 'pending') AND erased_at IS NULL`;

export class MailingRepository {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  /** Who a message goes to: these statuses, not erased, optionally one target and only some registrations (a selection); in arrival order. */
  async messageRecipients(networkId: string, statuses: readonly string[], target?: string, ids?: readonly string[]): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE ${messagePeople('$1', '$2', '$3', '$4')} ORDER BY seq`,
      [networkId, statuses, target ?? null, ids ?? null],
    );
    return rows.map(rowOf);
  }

  async insertMessage(m: { id: string; networkId: string; sessionId: string | null; statuses: readonly string[]; subject: string; body: string; sentBy: string | null }, recipients: string[]): Promise<void> {
    await this.#q.query('INSERT INTO messages (id, network_id, session_id, statuses, subject, body, sent_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      m.id, m.networkId, m.sessionId, JSON.stringify(m.statuses), m.subject, m.body, m.sentBy,
    ]);
    await this.#q.query('INSERT INTO message_recipients (message_id, registration_id) SELECT $1, unnest($2::uuid[])', [m.id, recipients]);
  }

  /**
   * Records a message and queues it for every recipient in one statement (issue 27): the people
   * are chosen, listed and given an outbox row each in the database, in arrival order; each row
   * holds only the message's id, and the delivery job composes the e-mail (ComposeOutbox).
   * Records nothing when nobody would get it. Returns how many were queued.
   */
  async queueMessage(
    m: { id: string; networkId: string; sessionId: string | null; statuses: readonly string[]; subject: string; body: string; sentBy: string | null },
    target: string | undefined,
    ids?: readonly string[],
  ): Promise<number> {
    const { rows } = await this.#q.query<{ n: number }>(
      `WITH people AS (
         SELECT id, seq FROM registrations WHERE ${messagePeople('$2', '$3', '$4', '$10')}
       ), message AS (
         INSERT INTO messages (id, network_id, session_id, statuses, subject, body, sent_by)
           SELECT $1, $2, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM people) RETURNING id
       ), listed AS (
         INSERT INTO message_recipients (message_id, registration_id) SELECT m.id, p.id FROM message m CROSS JOIN people p
       ), queued AS (
         INSERT INTO mail_outbox (registration_id, kind, facts)
           SELECT p.id, 'message', jsonb_build_object('messageId', m.id) FROM message m CROSS JOIN people p ORDER BY p.seq RETURNING 1
       )
       SELECT count(*)::int AS n FROM queued`,
      [m.id, m.networkId, m.statuses, target ?? null, m.sessionId, JSON.stringify(m.statuses), m.subject, m.body, m.sentBy, ids ?? null],
    );
    return Number(rows[0]!.n);
  }

  /** How many people a message goes to (messageRecipients, counted). */
  async countRecipients(networkId: string, statuses: readonly string[], target?: string, ids?: readonly string[]): Promise<number> {
    const { rows } = await this.#q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE ${messagePeople('$1', '$2', '$3', '$4')}`,
      [networkId, statuses, target ?? null, ids ?? null],
    );
    return Number(rows[0]!.n);
  }

  /** One message as an organiser wrote it, for composing its e-mails; undefined when it is gone. */
  async messageById(id: string): Promise<{ networkId: string; sessionId: string | null; subject: string; body: string } | undefined> {
    const { rows } = await this.#q.query<{ network_id: string; session_id: string | null; subject: string; body: string }>(
      'SELECT network_id, session_id, subject, body FROM messages WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r && { networkId: r.network_id, sessionId: r.session_id, subject: r.subject, body: r.body };
  }

  /** Organisers who chose a daily digest, with the networks they run. */
  async digestOrganisers(): Promise<(OrganiserContact & { networks: string[] })[]> {
    const { rows } = await this.#q.query<OrganiserContact & { networks: string[] | string }>(
      `SELECT o.id, o.email_lower AS email, o.name, json_agg(r.network_id ORDER BY r.network_id) AS networks
         FROM organisers o JOIN organiser_roles r ON r.organiser_id = o.id WHERE o.notify = 'digest' GROUP BY o.id ORDER BY o.email_lower`,
    );
    return rows.map((r) => ({ ...r, networks: json<string[]>(r.networks) }));
  }

  /** Claims one organiser's digest of one day; false when it was claimed before (by any process). */
  async claimDigest(organiserId: string, day: string): Promise<boolean> {
    const { rows } = await this.#q.query('INSERT INTO digest_runs (organiser_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING day', [organiserId, day]);
    return rows.length > 0;
  }

  /** Registrations of these networks created in [from, to), not erased, in arrival order. */
  async createdBetween(networkIds: string[], from: Date, to: Date): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE network_id = ANY($1::text[]) AND created_at >= $2 AND created_at < $3 AND erased_at IS NULL ORDER BY network_id, seq`,
      [networkIds, from, to],
    );
    return rows.map(rowOf);
  }

  async setNotify(organiserId: string, notify: string): Promise<void> {
    await this.#q.query('UPDATE organisers SET notify = $2 WHERE id = $1', [organiserId, notify]);
  }

  /** A network's messages, newest first, with the recipients that are not erased. */
  async messages(networkId: string): Promise<MessageRow[]> {
    const { rows } = await this.#q.query<Omit<MessageRow, 'recipients'> & { sent_pruned: number }>(
      'SELECT id, session_id, statuses, subject, body, sent_by, created_at, sent_pruned FROM messages WHERE network_id = $1 ORDER BY seq DESC',
      [networkId],
    );
    const { rows: people } = await this.#q.query<{ message_id: string; registration_id: string; participant: unknown }>(
      `SELECT mr.message_id, mr.registration_id, r.participant FROM message_recipients mr JOIN messages m ON m.id = mr.message_id
         JOIN registrations r ON r.id = mr.registration_id WHERE m.network_id = $1 AND r.erased_at IS NULL ORDER BY r.seq`,
      [networkId],
    );
    // What became of each message's e-mails: sent, still queued (or being tried again), or given
    // up after the outbox's last attempt (MAX_ATTEMPTS in outbox.ts).
    const { rows: outbox } = await this.#q.query<{ id: string; sent: number; waiting: number; failed: number }>(
      `SELECT facts->>'messageId' AS id, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
              count(*) FILTER (WHERE sent_at IS NULL AND (attempts < $2 OR claimed_at IS NOT NULL))::int AS waiting,
              count(*) FILTER (WHERE sent_at IS NULL AND attempts >= $2 AND claimed_at IS NULL)::int AS failed
         FROM mail_outbox WHERE kind = 'message' AND facts->>'messageId' = ANY($1::text[]) GROUP BY 1`,
      [rows.map((m) => m.id), MAX_ATTEMPTS],
    );
    const delivery = new Map(outbox.map((d) => [d.id, { sent: Number(d.sent), waiting: Number(d.waiting), failed: Number(d.failed) }]));
    // People a fan-out job has not queued yet: on their way while it runs, failed once it is given up.
    for (const j of await this.#unqueued(rows.map((m) => m.id))) {
      const d = delivery.get(j.id) ?? { sent: 0, waiting: 0, failed: 0 };
      delivery.set(j.id, { ...d, ...(j.failed ? { failed: d.failed + j.left } : { waiting: d.waiting + j.left }) });
    }
    // Sent e-mails pruned from the outbox (pruneSentMail) are counted on the message.
    return rows.map(({ sent_pruned: pruned, ...m }) => ({
      ...m,
      ...((delivery.has(m.id) || Number(pruned) > 0) && {
        delivery: { ...(delivery.get(m.id) ?? { sent: 0, waiting: 0, failed: 0 }), sent: (delivery.get(m.id)?.sent ?? 0) + Number(pruned) },
      }),
      statuses: json(m.statuses),
      recipients: people.filter((p) => p.message_id === m.id).map((p) => ({ registrationId: p.registration_id, participant: json<RegistrationRow['participant']>(p.participant) })),
    }));
  }

  /**
   * Per message with an open or given-up fan-out job: how many of the people counted when it was
   * sent the job has not listed (yet), and whether it was given up.
   */
  async #unqueued(messageIds: string[]): Promise<{ id: string; left: number; failed: boolean }[]> {
    const { rows } = await this.#q.query<{ id: string; unlisted: number; failed: boolean }>(
      `SELECT j.facts->>'messageId' AS id, j.failed_at IS NOT NULL AS failed,
              greatest(CASE WHEN jsonb_typeof(j.facts->'recipients') = 'number' THEN least(greatest((j.facts->>'recipients')::numeric, 0), 1000000000)::int ELSE 0 END
                - (SELECT count(*)::int FROM message_recipients mr WHERE mr.message_id = (j.facts->>'messageId')::uuid), 0) AS unlisted
         FROM fanout_jobs j WHERE j.kind = 'message' AND j.facts->>'messageId' = ANY($1::text[]) AND (j.done_at IS NULL OR j.failed_at IS NOT NULL)`,
      [messageIds],
    );
    return rows.map((r) => ({ id: r.id, left: Number(r.unlisted), failed: Boolean(r.failed) }));
  }

  /** Everyone a change of a session concerns: with a place, on the waiting list, or waiting for intake. */
  async concerned(networkId: string, targets: string[]): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE ${concernedPeople('$1', '$2')} ORDER BY seq`,
      [networkId, targets],
    );
    return rows.map(rowOf);
  }

  /**
   * Claims up to `limit` people still to be reminded of one session at one start time. Rows
   * another process has claimed are skipped (SKIP LOCKED), so two workers share the work.
   */
  async claimReminders(networkId: string, target: string, sessionId: string, start: Date, limit: number): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations r
        WHERE r.network_id = $1 AND r.target = $2 AND r.status IN ('confirmed', 'waitlisted', 'pending') AND r.erased_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM reminders_sent x WHERE x.registration_id = r.id AND x.session_id = $3 AND x.session_start = $4)
        ORDER BY r.seq LIMIT $5 FOR UPDATE SKIP LOCKED`,
      [networkId, target, sessionId, start.toISOString(), limit],
    );
    return rows.map(rowOf);
  }

  /**
   * Records the reminders of these registrations in one statement; returns those recorded now
   * (not before, by another process), so none is sent twice.
   */
  async markReminded(registrationIds: readonly string[], sessionId: string, start: Date): Promise<Set<string>> {
    if (!registrationIds.length) return new Set();
    const { rows } = await this.#q.query<{ registration_id: string }>(
      `INSERT INTO reminders_sent (registration_id, session_id, session_start) SELECT unnest($1::uuid[]), $2, $3
         ON CONFLICT DO NOTHING RETURNING registration_id`,
      [registrationIds, sessionId, start.toISOString()],
    );
    return new Set(rows.map((r) => r.registration_id));
  }

  /** Registrations recorded as attended at a session, whose data is still kept; in arrival order. */
  async attended(networkId: string, sessionId: string): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE network_id = $1 AND attendance ->> $2 = 'true' AND erased_at IS NULL ORDER BY seq`,
      [networkId, sessionId],
    );
    return rows.map(rowOf);
  }

  /** Of these registrations, those told about this report already. */
  async reportTold(ids: string[], sessionId: string, report: string): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const { rows } = await this.#q.query<{ registration_id: string }>(
      'SELECT registration_id FROM report_notices WHERE registration_id = ANY($1::uuid[]) AND session_id = $2 AND report = $3',
      [ids, sessionId, report],
    );
    return new Set(rows.map((r) => r.registration_id));
  }

  /** Records that a person is told about a report; false when someone did so first. */
  async markReportTold(registrationId: string, sessionId: string, report: string): Promise<boolean> {
    const { rows } = await this.#q.query(
      'INSERT INTO report_notices (registration_id, session_id, report) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING registration_id',
      [registrationId, sessionId, report],
    );
    return rows.length === 1;
  }
}
