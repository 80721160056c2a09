/**
 * A network's registrations as organisers look through them (issue 27): a page at a time in a
 * stable order (target, then arrival) after a cursor, filtered and searched in the database,
 * and the same read as a stream of batches for the full list and the CSV, so neither holds
 * every row in memory. Search reads `search_text`, each row's name, e-mail and organisation
 * folded by core's rule (foldForSearch); the words come folded by the same rule.
 */
import { foldForSearch } from '../../core/search.js';
import type { ExportRegistration } from '../../core/export.js';
import type { Queryable } from './db.js';
import { HOLDS_DATA, json, type RegistrationRow, type Status } from './registration-rows.js';

export interface ListFilter {
  /** One target: a session id, or 'network'. */
  target?: string;
  status?: Status;
  /** Search words, already folded (core's searchWords); every one must occur. */
  words?: readonly string[];
  organisationType?: string;
  /** The answer to one question, as text ("true", "false", a choice's value, a number). */
  answer?: { question: string; value: string };
  /** Who came to a session (`present`), or had a place there and did not come. */
  attendance?: { sessionId: string; present: boolean };
  /** Who has a place at a session: core's hasPlaceAt, in SQL. */
  placeAt?: string;
}

/** Where a page ends: the last row's target and arrival number. */
export interface ListCursor {
  target: string;
  seq: string;
}

/** A row of the organiser list: the columns LISTED reads, and the waiting-list place. */
export type ListedRow = Pick<
  RegistrationRow,
  | 'id' | 'network_id' | 'session_id' | 'target' | 'seq' | 'status' | 'participant' | 'created_at' | 'places' | 'organisation_type'
  | 'answers' | 'declarations' | 'reason' | 'attendance' | 'organiser_note' | 'group_size' | 'cancellation_fee'
> & { position: number | undefined };

/** The text searched for a participant: each field folded, one per line, so a word never spans two. */
export function searchTextOf(p: { name?: string; email?: string; organisation?: string }): string {
  return [p.name, p.email, p.organisation].map((f) => foldForSearch(f ?? '')).join('\n');
}

/**
 * Writes the search text of rows that have none (new through a path that did not write it, or
 * edited since): of one network, or of all. Done in JavaScript, by core's rule.
 */
export async function fillSearchTexts(q: Queryable, networkId?: string): Promise<void> {
  for (;;) {
    const { rows } = await q.query<{ id: string; participant: unknown }>(
      `SELECT id, participant FROM registrations WHERE search_text IS NULL AND ${HOLDS_DATA} AND ($1::text IS NULL OR network_id = $1) LIMIT 2000`,
      [networkId ?? null],
    );
    if (!rows.length) return;
    const texts = rows.map((r) => searchTextOf((typeof r.participant === 'string' ? JSON.parse(r.participant) : r.participant) as { name?: string }));
    await q.query(`UPDATE registrations r SET search_text = x.t FROM unnest($1::uuid[], $2::text[]) AS x(id, t) WHERE r.id = x.id`, [rows.map((r) => r.id), texts]);
    if (rows.length < 2000) return;
  }
}

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Who has a place at session `s` (an SQL expression): core's hasPlaceAt, in SQL. */
const placedAt = (s: string) => `r.status = 'confirmed' AND (r.target = ${s} OR (r.target = 'network' AND coalesce(r.places ->> ${s}, 'confirmed') = 'confirmed'))`;
/**
 * Who came to session `s`, or did not: core's came and didNotCome, in SQL. Both only among
 * those with a place there (checked in, then removed or moved: neither counted nor listed as present).
 */
const attendedAt = (s: string, present: boolean) => `${placedAt(s)} AND ${present ? '' : 'NOT '}coalesce(r.attendance ->> ${s} = 'true', false)`;

/** The WHERE clause of a filter, its parameters after `networkId` ($1). */
function where(networkId: string, f: ListFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [networkId];
  const and: string[] = ['r.network_id = $1'];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.target !== undefined) and.push(`r.target = ${p(f.target)}`);
  if (f.status) and.push(`r.status = ${p(f.status)}`);
  for (const w of f.words ?? []) and.push(`r.search_text LIKE ${p(`%${likeEscape(w)}%`)}`);
  if (f.organisationType) and.push(`r.organisation_type = ${p(f.organisationType)}`);
  if (f.answer) and.push(`r.answers ->> ${p(f.answer.question)} = ${p(f.answer.value)}`);
  if (f.attendance) and.push(attendedAt(p(f.attendance.sessionId), f.attendance.present));
  if (f.placeAt !== undefined) and.push(placedAt(p(f.placeAt)));
  return { sql: and.join(' AND '), params };
}

/**
 * The columns the organiser list shows (organiserView), and its cursor's: the whole list reads
 * only these (issue 27), not the search text, the folded e-mail and the other bookkeeping.
 */
const LISTED = `r.id, r.network_id, r.session_id, r.target, r.seq, r.status, r.participant, r.created_at, r.places, r.organisation_type,
  r.answers, r.declarations, r.reason, r.attendance, r.organiser_note, r.group_size, r.cancellation_fee`;

// A waiting-list place is counted per row only on a page (a few rows); a stream counts as it goes.
const POSITION = `CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int FROM registrations w
  WHERE w.network_id = r.network_id AND w.target = r.target AND w.status = 'waitlisted' AND w.seq <= r.seq) END AS position`;

/** Rows after `after` in (target, seq) order, at most `limit`, as the database gives them, with where the next page starts. */
async function rawPage(q: Queryable, networkId: string, filter: ListFilter, after: ListCursor | undefined, limit: number): Promise<{ rows: Record<string, unknown>[]; next: ListCursor | null }> {
  if (filter.words?.length) await fillSearchTexts(q, networkId);
  const w = where(networkId, filter);
  const params = [...w.params];
  const cursor = after ? ` AND (r.target, r.seq) > ($${params.push(after.target)}, $${params.push(after.seq)}::bigint)` : '';
  const { rows } = await q.query(`SELECT r.*, ${POSITION} FROM registrations r WHERE ${w.sql}${cursor} ORDER BY r.target, r.seq LIMIT $${params.push(limit + 1)}`, params);
  const listed = rows.slice(0, limit) as Record<string, unknown>[];
  const last = listed[listed.length - 1] as { target: string; seq: string | number } | undefined;
  return { rows: listed, next: rows.length > limit && last ? { target: last.target, seq: String(last.seq) } : null };
}

/**
 * A row of the list as one object literal of the listed columns (as exportedOf below). Not
 * rowOf's copy by spreading with the place added after: in a fresh server a whole list of
 * 50,000 read that way promoted 14-17 MiB to the old generation (whatever the batch size), as
 * a literal 0.9 MiB, and allocated 140 MiB instead of 100 (--trace-gc-nvp, issue 27).
 */
const listedOf = (r: Record<string, unknown>, position: number | undefined): ListedRow => ({
  id: r.id as string,
  network_id: r.network_id as string,
  session_id: r.session_id as string | null,
  target: r.target as string,
  seq: r.seq as string,
  status: r.status as Status,
  participant: json(r.participant),
  created_at: r.created_at as Date | string,
  places: json(r.places ?? {}),
  organisation_type: r.organisation_type as string | null,
  answers: json(r.answers),
  declarations: json(r.declarations),
  reason: r.reason as string | null,
  attendance: json(r.attendance),
  organiser_note: r.organiser_note as string | null,
  group_size: r.group_size as number | null,
  // numeric comes back as text from PostgreSQL (as rowOf reads it).
  cancellation_fee: r.cancellation_fee === null || r.cancellation_fee === undefined ? null : Number(r.cancellation_fee),
  position,
});

/** Rows after `after` in (target, seq) order, at most `limit`, with where the next page starts. */
export async function listPage(q: Queryable, networkId: string, filter: ListFilter, after: ListCursor | undefined, limit: number): Promise<{ rows: ListedRow[]; next: ListCursor | null }> {
  const page = await rawPage(q, networkId, filter, after, limit);
  return { rows: page.rows.map((r) => listedOf(r, (r as { position: number | null }).position ?? undefined)), next: page.next };
}

/** How many rows match a filter. */
export async function countMatching(q: Queryable, networkId: string, filter: ListFilter): Promise<number> {
  if (filter.words?.length) await fillSearchTexts(q, networkId);
  const w = where(networkId, filter);
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations r WHERE ${w.sql}`, w.params);
  return Number(rows[0]!.n);
}

/** At one session's door: how many have a place there and how many of them came (countPerSession for that session). */
export async function countAtDoor(q: Queryable, networkId: string, sessionId: string): Promise<{ placed: number; present: number }> {
  const { placed, present } = (await countPerSession(q, networkId, [sessionId]))[0]!;
  return { placed, present };
}

/**
 * "Wie kwam er" (issue 27): for every session at once, how many have a place there, came and
 * did not come, by the predicates of the list's filters, in one grouped query (a row joins only
 * the sessions it can have a place at: its own, or every one for a series).
 */
export async function countPerSession(q: Queryable, networkId: string, sessionIds: readonly string[]): Promise<{ sessionId: string; placed: number; present: number; absent: number }[]> {
  if (!sessionIds.length) return [];
  const { rows } = await q.query<{ session: string; placed: number; present: number; absent: number }>(
    `SELECT s.id AS session, count(*) FILTER (WHERE ${placedAt('s.id')})::int AS placed, count(*) FILTER (WHERE ${attendedAt('s.id', true)})::int AS present,
       count(*) FILTER (WHERE ${attendedAt('s.id', false)})::int AS absent
       FROM unnest($2::text[]) AS s(id) JOIN registrations r ON r.network_id = $1 AND r.status = 'confirmed' AND r.target IN (s.id, 'network') GROUP BY s.id`,
    [networkId, [...sessionIds]],
  );
  const by = new Map(rows.map((r) => [r.session, r]));
  return sessionIds.map((sessionId) => {
    const r = by.get(sessionId);
    return { sessionId, placed: Number(r?.placed ?? 0), present: Number(r?.present ?? 0), absent: Number(r?.absent ?? 0) };
  });
}

/** Every matching row of the organiser list, in batches of 250 (rowStream below; why 250: exportStream). */
export async function* listStream(q: Queryable, networkId: string, filter: ListFilter, batch = 250): AsyncGenerator<ListedRow[]> {
  yield* rowStream(q, networkId, filter, batch, LISTED, listedOf);
}

/**
 * The rows of the CSV (issue 27): only the columns core's rows read for the network
 * (exportReads), each row made straight into the one object core words, not the list's view.
 * A batch of 250, not 1,000: a batch still held when the young generation is collected is
 * promoted to the old one, which grows until its next full collection. At 1,000 rows a CSV of
 * 50,000 promoted 15-21 MiB and a fresh server grew 42-46 MiB; at 250, 2 MiB and 21 MiB
 * (`--trace-gc-nvp`; `npm run bench -- admin` prints the growth at 5,000 and 50,000).
 */
export async function* exportStream(q: Queryable, networkId: string, filter: ListFilter, reads: ExportReads, batch = 250): AsyncGenerator<ExportRegistration[]> {
  const select = `${EXPORTED}${reads.answers ? ', r.answers' : ''}${reads.declarations ? ', r.declarations' : ''}${reads.cancellationFee ? ', r.cancellation_fee' : ''}`;
  yield* rowStream(q, networkId, filter, batch, select, exportedOf);
}

type ExportReads = { answers: boolean; declarations: boolean; cancellationFee: boolean };

/** What every CSV row reads (core's registrationColumns), and the cursor's columns. */
const EXPORTED = `r.id, r.target, r.seq, r.session_id, r.status, r.participant, r.created_at, r.reason, r.attendance, r.organiser_note, r.group_size`;
const NONE: Record<string, unknown> = Object.freeze({});
const NO_DECLARATIONS: string[] = Object.freeze([]) as unknown as string[];

/** A stored row as core's export reads it; answers and declarations empty where not read (core reads them only where the network has them). */
const exportedOf = (r: Record<string, unknown>, position: number | undefined): ExportRegistration => {
  const x: ExportRegistration = {
  id: r.id as string,
  sessionId: r.session_id as string | null,
  status: r.status as string,
  position,
  participant: json(r.participant),
  createdAt: r.created_at as Date | string,
  answers: r.answers === undefined ? NONE : json(r.answers),
  declarations: r.declarations === undefined ? NO_DECLARATIONS : json(r.declarations),
  reason: r.reason as string | null,
  attendance: json(r.attendance),
  note: (r.organiser_note as string | null) ?? null,
  groupSize: (r.group_size as number | null) ?? null,
  };
  // numeric comes back as text from PostgreSQL; absent where none stands.
  if (r.cancellation_fee !== null && r.cancellation_fee !== undefined) x.cancellationFee = Number(r.cancellation_fee);
  return x;
};

/**
 * Every matching row, in batches of `batch`, each batch one query after the last one's cursor
 * (asked while the batch before is written): memory holds two batches (a few MiB) whatever the number of rows, and no transaction stays open while a
 * slow reader takes the rows (PGlite has one connection). Waiting-list places are counted on
 * the way where every waiting row of a target passes by (no filter but target and status);
 * otherwise per row, as on a page. `select` names the columns read, `shape` makes a row of each.
 */
async function* rowStream<T>(q: Queryable, networkId: string, filter: ListFilter, batch: number, select: string, shape: (raw: Record<string, unknown>, position: number | undefined) => T): AsyncGenerator<T[]> {
  const counting = !filter.words?.length && !filter.organisationType && !filter.answer && !filter.attendance;
  if (!counting) {
    let after: ListCursor | undefined;
    do {
      const page = await rawPage(q, networkId, filter, after, Math.min(batch, 500));
      if (page.rows.length) yield page.rows.map((r) => shape(r, (r as { position: number | null }).position ?? undefined));
      after = page.next ?? undefined;
    } while (after);
    return;
  }
  const w = where(networkId, filter);
  const read = (after: ListCursor | undefined) => {
    const params = [...w.params];
    const cursor = after ? ` AND (r.target, r.seq) > ($${params.push(after.target)}, $${params.push(after.seq)}::bigint)` : '';
    const page = q.query(`SELECT ${select} FROM registrations r WHERE ${w.sql}${cursor} ORDER BY r.target, r.seq LIMIT $${params.push(batch)}`, params);
    // Asked ahead: a reader that stops before it is taken leaves no unhandled failure behind.
    page.catch(() => undefined);
    return page;
  };
  const waiting = new Map<string, number>();
  let next = read(undefined);
  for (;;) {
    const { rows } = await next;
    if (!rows.length) return;
    // The next page is asked for before this one is worded and written, so the database's
    // time overlaps the server's (at most two pages are held).
    const last = rows.length < batch ? undefined : (rows[rows.length - 1] as { target: string; seq: string | number });
    if (last) next = read({ target: last.target, seq: String(last.seq) });
    yield rows.map((raw) => {
      const r = raw as Record<string, unknown>;
      return shape(r, r.status === 'waitlisted' ? waiting.set(r.target as string, (waiting.get(r.target as string) ?? 0) + 1).get(r.target as string) : undefined);
    });
    if (!last) return;
  }
}

/** What the rows of a network hold that decides the CSV's columns (core's registrationColumns). */
export async function exportFacts(q: Queryable, networkId: string, filter: ListFilter): Promise<{ fields: ('organisation' | 'organisationType' | 'role' | 'phone')[]; groupSize: boolean }> {
  const w = where(networkId, filter);
  const { rows } = await q.query<Record<string, boolean | null>>(
    `SELECT bool_or(coalesce(r.participant ->> 'organisation', '') <> '') AS organisation, bool_or(coalesce(r.participant ->> 'organisationType', '') <> '') AS "organisationType",
       bool_or(coalesce(r.participant ->> 'role', '') <> '') AS role, bool_or(coalesce(r.participant ->> 'phone', '') <> '') AS phone, bool_or(r.group_size IS NOT NULL) AS "groupSize"
       FROM registrations r WHERE ${w.sql}`,
    w.params,
  );
  const r = rows[0] ?? {};
  return { fields: (['organisation', 'organisationType', 'role', 'phone'] as const).filter((f) => r[f] === true), groupSize: r.groupSize === true };
}
