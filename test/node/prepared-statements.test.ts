/**
 * Issue 28: the delivery job's per-row statements (is this row still to be sent; mark these sent)
 * run once per e-mail. On PostgreSQL they are prepared once per connection, so the server does not
 * parse and plan the same text again for every e-mail; what they answer stays the same.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../src/server/storage/db.js';
import { markSent, stillToSend } from '../../src/server/storage/outbox.js';
import { freshPostgres, tempDir } from './helpers.js';

describe('prepared statements on PostgreSQL', () => {
  test('stillToSend and markSent are prepared on their connection, and answer as before', async () => {
    const before = process.env.LEERKRING_DB_POOL;
    // One connection: the statements prepared on it are the ones pg_prepared_statements lists.
    process.env.LEERKRING_DB_POOL = '1';
    const db = await openDatabase({ url: await freshPostgres(), dataDir: tempDir() });
    if (before === undefined) delete process.env.LEERKRING_DB_POOL;
    else process.env.LEERKRING_DB_POOL = before;
    try {
      await db.query(`INSERT INTO mail_outbox (registration_id, kind, message) SELECT NULL, 'sign-in', '{}'::jsonb FROM generate_series(1, 3)`);
      const ids = (await db.query<{ id: string }>('SELECT id FROM mail_outbox ORDER BY id')).rows.map((r) => String(r.id));
      assert.deepEqual([...(await stillToSend(db, ids))].sort(), [...ids].sort());
      await markSent(db, [ids[0]!]);
      assert.deepEqual([...(await stillToSend(db, ids))].sort(), ids.slice(1).sort());
      const names = (await db.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((r) => r.statement);
      assert.ok(names.some((s) => s.includes('FROM mail_outbox o WHERE o.id = ANY')), `stillToSend is not prepared: ${names.length} statements prepared`);
      assert.ok(names.some((s) => s.includes('UPDATE mail_outbox SET sent_at = now()')), `markSent is not prepared: ${names.length} statements prepared`);
    } finally {
      await db.close();
    }
  });
});
