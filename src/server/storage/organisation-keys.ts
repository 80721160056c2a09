import type { Queryable } from './db.js';
import { organisationKey } from '../../core/organisation-name.js';

/**
 * Rows stored before core's `organisationKey` kept a plainly lower-cased name, so "  Gemeente
 * Utrecht " then and "Gemeente Utrecht" now were two organisations for `maxPerOrganisation`.
 * Done in JavaScript: SQL has no exact equivalent of the key (accents stripped after NFKD,
 * Unicode whitespace, Dutch lower case). The name as typed is in `participant`; the old key
 * stands in where it is not.
 */
export async function recomputeOrganisationKeys(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ id: string; organisation: string | null; organisation_lower: string }>(
    `SELECT id, participant->>'organisation' AS organisation, organisation_lower FROM registrations WHERE organisation_lower IS NOT NULL`,
  );
  const changed = rows
    .map((r) => ({ id: r.id, key: organisationKey(r.organisation ?? r.organisation_lower) }))
    .filter((r, i) => r.key && r.key !== rows[i]!.organisation_lower);
  for (let i = 0; i < changed.length; i += 1000) {
    const batch = changed.slice(i, i + 1000);
    await tx.query(
      `UPDATE registrations r SET organisation_lower = k.key FROM unnest($1::uuid[], $2::text[]) AS k(id, key) WHERE r.id = k.id`,
      [batch.map((r) => r.id), batch.map((r) => r.key)],
    );
  }
}
