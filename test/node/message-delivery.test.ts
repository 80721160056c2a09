import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { BACKENDS, network, openTestDb, deliverAll } from './helpers.js';
import { RegistrationService } from '../../src/server/index.js';

// Issue 24: an organiser sees what became of a message they sent: how many e-mails went out, how
// many are still on their way and how many could not be delivered (given up after ten tries).

const doc = network({
  id: 'bezorging', kind: 'learning-network', title: 'Leerkring bezorging', summary: 'Over post.', organisers: [{ name: 'Gemeente Voorbeeld' }],
  sessions: [{ id: 's1', title: 'Kennismaking', type: 'plenary', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
  registration: { mode: 'built-in', capacity: 100 },
});

for (const backend of BACKENDS) {
  describe(`delivery status of a message on ${backend}`, () => {
    test('waiting before delivery, sent after it, and failed once the outbox gives up', async () => {
      const { db, dir } = await openTestDb(backend);
      try {
        await db.query(
          `INSERT INTO registrations (id, network_id, target, status, email_lower, participant, locale)
             SELECT gen_random_uuid(), $1, 'network', 'confirmed', 'b' || g || '@example.org', jsonb_build_object('name', 'Bewoner ' || g, 'email', 'b' || g || '@example.org'), 'nl'
             FROM generate_series(1, 3) g`,
          [doc.id],
        );
        const service = new RegistrationService(db, new Map([[doc.id, doc]]), { secret: Buffer.alloc(32, 6), manageUrl: (t) => `https://example.org/beheer#${t}` });
        const sent = await service.sendMessage(doc, { statuses: ['confirmed'], subject: 'De zaal is veranderd', body: 'We zitten in zaal 2.' }, null);
        assert.equal(sent?.recipients, 3);
        const status = async (id: string) => (await service.listMessages(doc.id)).find((m) => m.id === id)!.delivery;
        assert.deepEqual(await status(sent!.id), { sent: 0, waiting: 3, failed: 0 });
        assert.equal((await deliverAll(db)).length, 3);
        assert.deepEqual(await status(sent!.id), { sent: 3, waiting: 0, failed: 0 });

        const second = await service.sendMessage(doc, { statuses: ['confirmed'], subject: 'Nog een bericht', body: 'Tot dan.' }, null);
        // One address kept failing: the outbox stops after its tenth attempt (storage/outbox.ts).
        await db.query(
          `UPDATE mail_outbox SET attempts = 10, last_error = 'mailbox unavailable'
             WHERE id = (SELECT min(id) FROM mail_outbox WHERE kind = 'message' AND sent_at IS NULL AND facts->>'messageId' = $1)`,
          [second!.id],
        );
        assert.deepEqual(await status(second!.id), { sent: 0, waiting: 2, failed: 1 });
        await deliverAll(db);
        assert.deepEqual(await status(second!.id), { sent: 2, waiting: 0, failed: 1 });
        assert.deepEqual(await status(sent!.id), { sent: 3, waiting: 0, failed: 0 }, 'each message counts its own e-mails');
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
