/**
 * The people of a network who get a certificate of attendance, a page at a time (issue 27), so
 * the console's Export tab never reads every registration. A person is an address (core's
 * certificateHolders groups registrations by e-mail); one gets a certificate when any of their
 * registrations is recorded present at a session core counts (certificateSessionIds). People
 * come in arrival order of their first registration; the cursor is that registration's number.
 */
import type { Queryable } from './db.js';
import { rowOf, type RegistrationRow } from './registration-rows.js';

/** The addresses with attendance at one of `sessionIds`, each with the arrival number of its first registration. */
const HELD = `WITH came AS (
    SELECT DISTINCT r.email_lower FROM registrations r
    WHERE r.network_id = $1 AND r.erased_at IS NULL AND r.email_lower <> ''
      AND EXISTS (SELECT 1 FROM jsonb_each(r.attendance) a WHERE a.value = 'true'::jsonb AND a.key = ANY($2::text[]))
  ), held AS (
    SELECT c.email_lower, min(r.seq) AS first FROM came c
    JOIN registrations r ON r.network_id = $1 AND r.email_lower = c.email_lower AND r.erased_at IS NULL
    GROUP BY c.email_lower
  )`;

export async function certificateHolderPage(
  q: Queryable,
  networkId: string,
  sessionIds: readonly string[],
  after: string | undefined,
  limit: number,
): Promise<{ rows: RegistrationRow[]; next: string | null; total: number }> {
  const [page, count] = await Promise.all([
    q.query<{ email_lower: string; first: string }>(
      `${HELD} SELECT email_lower, first::text AS first FROM held WHERE ($3::bigint IS NULL OR first > $3::bigint) ORDER BY first LIMIT $4`,
      [networkId, sessionIds, after ?? null, limit + 1],
    ),
    q.query<{ n: number }>(`${HELD} SELECT count(*)::int AS n FROM held`, [networkId, sessionIds]),
  ]);
  const emails = page.rows.slice(0, limit).map((r) => r.email_lower);
  const { rows } = emails.length
    ? await q.query(`SELECT r.* FROM registrations r WHERE r.network_id = $1 AND r.erased_at IS NULL AND r.email_lower = ANY($2::text[]) ORDER BY r.seq`, [networkId, emails])
    : { rows: [] };
  const last = page.rows[limit - 1];
  return { rows: rows.map(rowOf), next: page.rows.length > limit && last ? last.first : null, total: Number(count.rows[0]?.n ?? 0) };
}

/** Every registration of one person (one address) in a network, in arrival order: what one certificate is made of. */
export async function registrationsOfPerson(q: Queryable, networkId: string, emailLower: string): Promise<RegistrationRow[]> {
  const { rows } = await q.query(`SELECT r.* FROM registrations r WHERE r.network_id = $1 AND r.email_lower = $2 AND r.erased_at IS NULL ORDER BY r.seq`, [networkId, emailLower]);
  return rows.map(rowOf);
}
