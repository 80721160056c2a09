/**
 * Registrations in SQL, and nothing else: no rules, no e-mail texts, no HTTP. One repository
 * speaks through one connection or transaction; the service opens the transaction and makes a
 * repository over it, so every step of a use case runs under the same lock.
 */
import type { PlaceCounts } from '../../core/index.js';
import type { Queryable } from './db.js';
import { enqueueMail, enqueueMails } from './outbox.js';
import { FORGET_ERASED_ADDRESSES } from './fanout-jobs.js';
import { searchTextOf } from './registration-list.js';
import { ACTIVE, ERASE, ERASE_REST, HOLDS_DATA, INHERITED_WITHDRAWALS, INVOICE_KEPT, SET_PLACES, WITH_WITHDRAWALS, json, rowOf, type NewRegistration, type OrganiserContact, type RegistrationRow, type Status } from './registration-rows.js';

export { ACTIVE_STATUSES, json, type MessageRow, type NewRegistration, type OrganiserContact, type RegistrationRow, type Status } from './registration-rows.js';
export { MailingRepository } from './mailings.js';

/** A kept counts row as numbers; `reserved` (issue 23) only where people who fit a reservation hold places. */
function keptCounts(r: PlaceCounts): PlaceCounts {
  const out: PlaceCounts = { confirmed: Number(r.confirmed), pending: Number(r.pending), waitlisted: Number(r.waitlisted) };
  if (Number(r.reserved ?? 0) > 0) out.reserved = Number(r.reserved);
  return out;
}

export class RegistrationRepository {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  /** The connection or transaction this repository reads through. */
  get queryable(): Queryable {
    return this.#q;
  }

  /**
   * Locks a target's kept counts, so that everything deciding about its places happens one at a
   * time, and returns them as they are under the lock: one statement. The upsert locks the row
   * even when it was there already, and reads its newest version after waiting for the lock.
   */
  async lock(networkId: string, target: string): Promise<PlaceCounts> {
    const { rows } = await this.#q.query<PlaceCounts>(
      `INSERT INTO target_counts AS t (network_id, target) VALUES ($1, $2)
         ON CONFLICT (network_id, target) DO UPDATE SET confirmed = t.confirmed RETURNING confirmed, pending, waitlisted, reserved`,
      [networkId, target],
    );
    return keptCounts(rows[0]!);
  }

  /**
   * Locks several targets of a network at once, in the order given (sort them: two transactions
   * that lock in the same order never wait for each other), and returns their kept counts.
   */
  async lockMany(networkId: string, targets: string[]): Promise<Map<string, PlaceCounts>> {
    const { rows } = await this.#q.query<PlaceCounts & { target: string }>(
      `INSERT INTO target_counts AS t (network_id, target)
         SELECT $1, x.target FROM unnest($2::text[]) WITH ORDINALITY AS x(target, ord) ORDER BY x.ord
         ON CONFLICT (network_id, target) DO UPDATE SET confirmed = t.confirmed RETURNING target, confirmed, pending, waitlisted, reserved`,
      [networkId, targets],
    );
    return new Map(rows.map((r) => [r.target, keptCounts(r)]));
  }

  /**
   * Everything the rules need to decide a batch, for several targets of one network in one
   * statement: which of these addresses are active in the target each was asked for, and how
   * many places these organisations hold in theirs; the stored answers of these keys and the
   * organisers who want to hear at once are the network's.
   *
   * Each address (or organisation) is asked about its own target only: a batch over 50 sessions
   * probes once per request, not once for every session with every address (issue 28).
   * Both reads probe one (target, address) or (target, organisation) pair at a time
   * (a LATERAL subquery with LIMIT, which the planner cannot flatten into a hash join), with
   * every column of a partial index equal: registrations_active_by_email and
   * registrations_organisation_places. The plan then stays an index probe whatever the planner
   * knows about the table; PGlite gathers no statistics of its own, and the earlier
   * `email_lower = ANY(...)` filter read every active registration of the target (issue 28).
   * The address probe compares network and target with IS NOT DISTINCT FROM, which no index can
   * take as a condition: only the index led by the address can serve it. With `=` there, the
   * statistics of an empty table (or of a network not yet known) made every index on (network,
   * target) look alike, and the planner read the whole target through registrations_target once
   * that index was a level shallower than the one on addresses (issue 27).
   */
  async batchFactsMany(
    networkId: string,
    targets: string[],
    keys: string[],
    emails: { target: string; email: string }[],
    organisations: { target: string; organisation: string }[],
  ): Promise<{
    stored: Map<string, { response: unknown; bodyHash: string | null }>;
    active: Map<string, Set<string>>;
    organisations: Map<string, Map<string, number>>;
    organisers: OrganiserContact[];
  }> {
    const { rows } = await this.#q.query<{ stored: unknown; active: unknown; organisations: unknown; organisers: unknown }>(
      `SELECT
         (SELECT coalesce(jsonb_agg(jsonb_build_object('key', key, 'response', response, 'bodyHash', body_hash)), '[]'::jsonb) FROM idempotency WHERE key = ANY($2::text[])) AS stored,
         (SELECT coalesce(jsonb_agg(jsonb_build_array(e.target, e.email)), '[]'::jsonb)
            FROM (SELECT DISTINCT target, email FROM unnest($3::text[], $4::text[]) AS x(target, email)) AS e
            CROSS JOIN LATERAL (SELECT 1 FROM registrations r
              WHERE r.email_lower = e.email AND r.status IN ${ACTIVE} AND (r.network_id, r.target) IS NOT DISTINCT FROM ($1, e.target) LIMIT 1) AS hit) AS active,
         (SELECT coalesce(jsonb_agg(jsonb_build_array(o.target, o.organisation, c.n)), '[]'::jsonb)
            FROM (SELECT DISTINCT target, organisation FROM unnest($5::text[], $6::text[]) AS x(target, organisation)) AS o
            CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM registrations r
              WHERE r.network_id = $1 AND r.target = o.target AND r.organisation_lower = o.organisation AND r.status IN ('confirmed', 'pending')) AS c
            WHERE c.n > 0) AS organisations,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'email', o.email_lower, 'name', o.name) ORDER BY o.email_lower), '[]'::jsonb)
            FROM organisers o JOIN organiser_roles r ON r.organiser_id = o.id WHERE r.network_id = $1 AND o.notify = 'immediate') AS organisers`,
      [networkId, keys, emails.map((e) => e.target), emails.map((e) => e.email), organisations.map((o) => o.target), organisations.map((o) => o.organisation)],
    );
    const r = rows[0]!;
    const stored = json<{ key: string; response: unknown; bodyHash: string | null }[]>(r.stored);
    const active = new Map(targets.map((t) => [t, new Set<string>()]));
    for (const [t, e] of json<[string, string][]>(r.active)) active.get(t)?.add(e);
    const orgs = new Map(targets.map((t) => [t, new Map<string, number>()]));
    for (const [t, o, n] of json<[string, string, number][]>(r.organisations)) orgs.get(t)?.set(o, Number(n));
    return {
      stored: new Map(stored.map((s) => [s.key, { response: json(s.response), bodyHash: s.bodyHash }])),
      active,
      organisations: orgs,
      organisers: json<OrganiserContact[]>(r.organisers),
    };
  }

  /** The kept counts of a target (under its lock, they are exact). */
  async counts(networkId: string, target: string): Promise<PlaceCounts> {
    const { rows } = await this.#q.query<PlaceCounts>('SELECT confirmed, pending, waitlisted, reserved FROM target_counts WHERE network_id = $1 AND target = $2', [networkId, target]);
    const r = rows[0];
    return r ? keptCounts(r) : { confirmed: 0, pending: 0, waitlisted: 0 };
  }

  /** The kept counts of several networks at once, per network and target (networks without any are absent). */
  async countsByNetworks(networkIds: string[]): Promise<Map<string, Record<string, PlaceCounts>>> {
    const { rows } = await this.#q.query<PlaceCounts & { network_id: string; target: string }>(
      'SELECT network_id, target, confirmed, pending, waitlisted, reserved FROM target_counts WHERE network_id = ANY($1::text[])',
      [networkIds],
    );
    const out = new Map<string, Record<string, PlaceCounts>>();
    for (const r of rows) {
      let counts = out.get(r.network_id);
      if (!counts) out.set(r.network_id, (counts = {}));
      counts[r.target] = keptCounts(r);
    }
    return out;
  }

  /** Counts for every target of a network, counted from the registrations themselves (tests compare the kept ones with it). */
  async recount(networkId: string): Promise<Record<string, PlaceCounts>> {
    const { rows } = await this.#q.query<{ target: string; status: Status; n: number }>(
      `SELECT target, status, count(*)::int AS n FROM registrations WHERE network_id = $1 AND status IN ${ACTIVE} GROUP BY target, status
       UNION ALL
       SELECT p.key, p.value, count(*)::int FROM registrations r CROSS JOIN LATERAL jsonb_each_text(r.places) AS p
         WHERE r.network_id = $1 AND r.status IN ('confirmed', 'pending') AND p.value IN ('confirmed', 'waitlisted') GROUP BY p.key, p.value`,
      [networkId],
    );
    const out: Record<string, PlaceCounts> = {};
    for (const r of rows) (out[r.target] ??= { confirmed: 0, pending: 0, waitlisted: 0 })[r.status as keyof PlaceCounts] += Number(r.n);
    return out;
  }

  /**
   * Stores a batch of decided registrations, their idempotent answers and their e-mails in one
   * statement, in the order given (the sequence numbers follow it, and so the waiting list).
   * The e-mails are facts to compose from when they are sent (ComposeOutbox), not texts.
   * Returns how many answers were kept: fewer than given when another transaction kept a key first.
   */
  async insertBatch(
    registrations: NewRegistration[],
    answers: { key: string; networkId: string; response: unknown; bodyHash: string }[],
    mails: { registrationId: string; kind: string; facts: Record<string, unknown> }[],
  ): Promise<number> {
    const { rows } = await this.#q.query<{ kept: number }>(
      `WITH ins AS (
         INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant, organisation_lower, organisation_type,
           declarations, answers, invitation, group_size, locale, search_text, places, reserved, calendar_withdrawals)
         SELECT r.id, r.network_id, r.target, r.session_id, r.status, r.email_lower, r.participant, r.organisation_lower, r.organisation_type,
           r.declarations, r.answers, r.invitation, r.group_size, r.locale, r.search_text, r.places, coalesce(r.reserved, false), ${INHERITED_WITHDRAWALS}
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, network_id text, target text, session_id text, status text, email_lower text,
             participant jsonb, organisation_lower text, organisation_type text, declarations jsonb, answers jsonb, invitation text, group_size integer, locale text,
             search_text text, places jsonb, reserved boolean, ord bigint)
           ORDER BY r.ord
         RETURNING id, calendar_withdrawals
       ), kept AS (
         INSERT INTO idempotency (key, network_id, response, body_hash)
         SELECT k.key, k.network_id, k.response, k.body_hash FROM jsonb_to_recordset($2::jsonb) AS k(key text, network_id text, response jsonb, body_hash text)
         ON CONFLICT (key) DO NOTHING RETURNING key
       ), mail AS (
         INSERT INTO mail_outbox (registration_id, kind, facts)
         SELECT m.registration_id, m.kind, ${WITH_WITHDRAWALS} FROM jsonb_to_recordset($3::jsonb) AS m(registration_id uuid, kind text, facts jsonb, ord bigint)
           LEFT JOIN ins i ON i.id = m.registration_id ORDER BY m.ord
         RETURNING id
       )
       SELECT (SELECT count(*) FROM kept)::int AS kept, (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM mail)::int AS mails`,
      [
        JSON.stringify(
          registrations.map((r, ord) => ({
            ord,
            id: r.id, network_id: r.networkId, target: r.target, session_id: r.sessionId, status: r.status, email_lower: r.emailLower, participant: r.participant,
            organisation_lower: r.organisationLower, organisation_type: r.organisationType, declarations: r.declarations, answers: r.answers,
            invitation: r.invitation, group_size: r.groupSize, locale: r.locale, search_text: searchTextOf(r.participant), places: r.places, reserved: r.reserved ?? false,
          })),
        ),
        JSON.stringify(answers.map((a) => ({ key: a.key, network_id: a.networkId, response: a.response, body_hash: a.bodyHash }))),
        JSON.stringify(mails.map((m, ord) => ({ ord, registration_id: m.registrationId, kind: m.kind, facts: m.facts }))),
      ],
    );
    return Number(rows[0]!.kept);
  }

  /** Place on the waiting list (1 is next). */
  async position(row: { network_id: string; target: string; seq: string }): Promise<number> {
    const { rows } = await this.#q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE network_id = $1 AND target = $2 AND status = 'waitlisted' AND seq <= $3`,
      [row.network_id, row.target, row.seq],
    );
    return Number(rows[0]!.n);
  }

  /** Places an organisation holds (confirmed or pending) for a target, leaving out one registration. */
  async organisationCount(networkId: string, target: string, organisation: string, except?: string): Promise<number> {
    const { rows } = await this.#q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE network_id = $1 AND target = $2 AND organisation_lower = $3 AND status IN ('confirmed', 'pending') AND id <> $4`,
      [networkId, target, organisation, except ?? '00000000-0000-0000-0000-000000000000'],
    );
    return Number(rows[0]!.n);
  }

  async hasActive(networkId: string, target: string, emailLower: string): Promise<boolean> {
    const { rows } = await this.#q.query(
      `SELECT 1 FROM registrations WHERE network_id = $1 AND target = $2 AND email_lower = $3 AND status IN ${ACTIVE} LIMIT 1`,
      [networkId, target, emailLower],
    );
    return rows.length > 0;
  }

  async byId(id: string): Promise<RegistrationRow | undefined> {
    const { rows } = await this.#q.query('SELECT * FROM registrations WHERE id = $1', [id]);
    return rows[0] ? rowOf(rows[0]) : undefined;
  }

  /** Several registrations by id, in one statement (those that do not exist are absent). */
  async byIds(ids: string[]): Promise<RegistrationRow[]> {
    if (!ids.length) return [];
    const { rows } = await this.#q.query('SELECT * FROM registrations WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map(rowOf);
  }

  /** The waiting list of a target, first come first. */
  async waitlisted(networkId: string, target: string): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE network_id = $1 AND target = $2 AND status = 'waitlisted' ORDER BY seq`,
      [networkId, target],
    );
    return rows.map(rowOf);
  }

  /** Sets a status; a given reason replaces the stored one. */
  async setStatus(id: string, status: Status, reason?: string | null): Promise<void> {
    await this.#q.query('UPDATE registrations SET status = $2, reason = COALESCE($3, reason), updated_at = now() WHERE id = $1', [id, status, reason ?? null]);
  }

  /** Sets the places per session of a series registration (the kept counts follow, by trigger). */
  async setPlaces(id: string, places: RegistrationRow['places']): Promise<void> {
    // Numbered in the order people said yes to each session (SET_PLACES).
    await this.#q.query(SET_PLACES, [id, JSON.stringify(places)]);
  }

  /** The waiting list of one session inside a series: holders of a series place waiting for it, in the order they said yes to it. */
  async placeWaitlist(networkId: string, sessionId: string): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE network_id = $1 AND target = 'network' AND status IN ('confirmed', 'pending') AND places->>$2 = 'waitlisted'
         ORDER BY COALESCE((place_asked->>$2)::bigint, seq)`,
      [networkId, sessionId],
    );
    return rows.map(rowOf);
  }

  /**
   * Sets a status and removes everything that says who it was; where a cancellation fee stands
   * (issue 23), all but what its invoice needs (name, e-mail address, organisation and its type),
   * which retention removes in its time (eraseUnchangedSince).
   */
  async eraseOne(id: string, status: Status): Promise<void> {
    await this.#q.query(`${FORGET_ERASED_ADDRESSES((r) => `${r}.id = $1`)}UPDATE registrations SET status = $2, participant = ${INVOICE_KEPT}, ${ERASE_REST} WHERE id = $1`, [id, status]);
  }

  /** The fee that stands after a cancellation past the free term (issue 23), kept for the invoice. */
  async keepCancellationFee(id: string, fee: number): Promise<void> {
    await this.#q.query('UPDATE registrations SET cancellation_fee = $2 WHERE id = $1', [id, fee]);
  }

  /** Erases the registrations of a network unchanged since `before` that still hold personal data (also an invoice's); returns their ids. */
  async eraseUnchangedSince(networkId: string, before: Date): Promise<string[]> {
    const { rows } = await this.#q.query<{ id: string }>(
      `${FORGET_ERASED_ADDRESSES((r) => `${r}.network_id = $1 AND ${HOLDS_DATA} AND ${r}.updated_at < $2`)}UPDATE registrations SET ${ERASE} WHERE network_id = $1 AND ${HOLDS_DATA} AND updated_at < $2 RETURNING id`,
      [networkId, before],
    );
    return rows.map((r) => r.id);
  }

  /** Networks that still hold personal data. */
  async networksWithData(): Promise<string[]> {
    const { rows } = await this.#q.query<{ network_id: string }>(`SELECT DISTINCT network_id FROM registrations WHERE ${HOLDS_DATA}`);
    return rows.map((r) => r.network_id);
  }

  /** Of these ids, those of registrations that exist and are not erased. */
  async liveIds(ids: string[]): Promise<Set<string>> {
    const { rows } = await this.#q.query<{ id: string }>('SELECT id FROM registrations WHERE id = ANY($1::uuid[]) AND erased_at IS NULL', [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Copies of erased registrations outside their row: messages (sent ones keep no text, but an
   * unsent one would still go out, and a failed one may name the address in its error) and the
   * stored answer to a retried registration, which holds the manage token.
   */
  async forgetCopies(ids: string[]): Promise<void> {
    await this.#q.query('DELETE FROM mail_outbox WHERE registration_id = ANY($1::uuid[])', [ids]);
    await this.#q.query(`DELETE FROM idempotency WHERE response->>'id' = ANY($1::text[])`, [ids]);
    await this.#q.query('DELETE FROM message_recipients WHERE registration_id = ANY($1::uuid[])', [ids]);
    // Feedback answers are deleted, not kept anonymous: open answers can name the person (issue 24).
    await this.#q.query('DELETE FROM feedback_answers WHERE registration_id = ANY($1::uuid[])', [ids]);
    await this.#q.query('DELETE FROM feedback_requests WHERE registration_id = ANY($1::uuid[])', [ids]);
  }

  /** The organisers' note; null removes it. Not a change the retention period counts from. */
  async setNote(id: string, note: string | null): Promise<boolean> {
    const { rows } = await this.#q.query('UPDATE registrations SET organiser_note = $2 WHERE id = $1 AND erased_at IS NULL RETURNING id', [id, note]);
    return rows.length > 0;
  }

  async setAttendance(id: string, sessionId: string, present: boolean): Promise<RegistrationRow | undefined> {
    const { rows } = await this.#q.query(
      `UPDATE registrations SET attendance = attendance || jsonb_build_object($2::text, $3::boolean), updated_at = now() WHERE id = $1 RETURNING *`,
      [id, sessionId, present],
    );
    return rows[0] ? rowOf(rows[0]) : undefined;
  }

  /** Registrations of a network (optionally one target), in arrival order per target. */
  async list(networkId: string, target?: string): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE network_id = $1 AND ($2::text IS NULL OR target = $2) ORDER BY target, seq`,
      [networkId, target ?? null],
    );
    return rows.map(rowOf);
  }


  async forgetOldIdempotency(): Promise<void> {
    await this.#q.query(`DELETE FROM idempotency WHERE created_at < now() - interval '1 day'`);
  }

  /**
   * Moves a registration to another target (a participant switching sessions) with the status
   * the rules gave it there. It gets a new place in the arrival order: on a waiting list, someone
   * who moves in joins at the end, like anyone registering now.
   */
  async move(id: string, target: string, sessionId: string | null, status: Status, reserved = false): Promise<void> {
    await this.#q.query(
      `UPDATE registrations SET target = $2, session_id = $3, status = $4, reserved = $5, seq = nextval(pg_get_serial_sequence('registrations', 'seq')), updated_at = now() WHERE id = $1`,
      [id, target, sessionId, status, reserved],
    );
  }

  /** An organiser's correction of what a person gave; the place (target, status, order) stays. */
  async updateDetails(id: string, d: Pick<NewRegistration, 'participant' | 'emailLower' | 'organisationLower' | 'organisationType' | 'declarations' | 'answers' | 'groupSize' | 'reserved'>): Promise<void> {
    await this.#q.query(
      `UPDATE registrations SET participant = $2, email_lower = $3, organisation_lower = $4, organisation_type = $5, declarations = $6, answers = $7, group_size = $8, reserved = $9, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(d.participant), d.emailLower, d.organisationLower, d.organisationType, JSON.stringify(d.declarations), JSON.stringify(d.answers), d.groupSize, d.reserved ?? false],
    );
  }

  /** A new personal calendar feed address: the old one stops working. Returns the new version. */
  async renewFeed(id: string): Promise<number | undefined> {
    const { rows } = await this.#q.query<{ feed_version: number }>('UPDATE registrations SET feed_version = feed_version + 1 WHERE id = $1 AND erased_at IS NULL RETURNING feed_version', [id]);
    return rows[0] ? Number(rows[0].feed_version) : undefined;
  }

  /** A person's registrations that are not erased and not over, newest first: for "send me my link again". */
  async activeByEmail(emailLower: string, limit: number): Promise<RegistrationRow[]> {
    const { rows } = await this.#q.query(
      `SELECT * FROM registrations WHERE email_lower = $1 AND erased_at IS NULL AND status IN ${ACTIVE} ORDER BY seq DESC LIMIT $2`,
      [emailLower, limit],
    );
    return rows.map(rowOf);
  }

  /** Adds a message to the outbox, in this repository's transaction. */
  /** `names`: the registrations the message names besides its own (a digest), so purging them finds it. */
  async enqueue(registrationId: string | null, kind: string, message: object, names?: string[]): Promise<void> {
    await enqueueMail(this.#q, registrationId, kind, message, names);
  }

  /** Many composed messages in one statement, in this order (a save's or the reminder job's e-mails). */
  async enqueueAll(mails: readonly { registrationId: string; kind: string; message: object }[]): Promise<void> {
    await enqueueMails(this.#q, mails);
  }
}
