/**
 * Settings kept in the database (the server's secret, the hash of the organiser token): made
 * once, by whichever process comes first, so every process sharing the database gets the same.
 */
import type { Db } from './db.js';

/** A setting kept in the database, created once; every process sharing the database gets the same. */
export async function setting(db: Db, key: string, create: () => string): Promise<{ value: string; created: boolean }> {
  const value = create();
  const { rows } = await db.query<{ value: string; inserted: boolean }>(
    `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = settings.value RETURNING value, (xmax = 0) AS inserted`,
    [key, value],
  );
  return { value: rows[0]!.value, created: rows[0]!.inserted === true && rows[0]!.value === value };
}
