/**
 * Issue 27: delivery reads a batch's registrations at once, but someone erased while the batch
 * is being sent gets no e-mail composed from what was read before the erasure: each row is
 * checked just before it is composed and sent.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, deliverAll, network, openTestDb, person, tempDir } from './helpers.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';
import { createMailer, deliverOutbox, type Mailer } from '../../src/server/mail/delivery.js';

const doc = network({ id: 'wis', title: 'Leerkring wissen' });

for (const backend of BACKENDS) {
  describe(`erasure during delivery on ${backend}`, () => {
    test('a person erased while their batch is being sent gets nothing; the others get their e-mail', async () => {
      const { db } = await openTestDb(backend);
      const dir = tempDir();
      try {
        const registry = await NetworkRegistry.open(db, [{ network: doc, raw: doc }]);
        const store = new RegistrationService(db, registry, { secret: Buffer.alloc(32, 5), manageUrl: (t) => `https://example.org/beheer#${t}` });
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await store.register(doc, person(`e${i}`));
          if (r.kind === 'created') ids.push(r.id);
        }
        await deliverAll(db);
        assert.equal((await store.sendMessage(doc, { statuses: ['confirmed'], subject: 'Zaal 2', body: 'We zitten in zaal 2.' }, null))?.recipients, 6);
        // The fourth person is erased while the first e-mail of the batch is on its way (one sender:
        // the erasure is done before the next row is checked).
        const files = createMailer({ outboxDir: dir, from: 'noreply@example.org' });
        let erased = false;
        const mailer: Mailer = {
          description: 'erasing while sending',
          concurrency: 1,
          async send(message, meta) {
            if (!erased) {
              erased = true;
              assert.equal((await store.erase(ids[3]!)).ok, true);
            }
            return files.send(message, meta);
          },
        };
        const result = await deliverOutbox(db, mailer);
        const sent = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
        assert.equal(sent.some((m) => m.includes('deelnemere3@example.org')), false, 'nothing to the erased person');
        assert.equal(sent.length, 5, 'the five others got it');
        assert.equal(result.sent, 5);
        assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox WHERE sent_at IS NULL')).rows[0]!.n, 0, 'nothing left waiting');
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
