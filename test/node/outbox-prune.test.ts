/**
 * Issue 27: sent outbox rows do not stay for ever. The daily purge removes those sent longer ago
 * than the outbox keeps them; a message still says how many of its e-mails went out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, deliverAll, network, openTestDb, person } from './helpers.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

const doc = network({ id: 'snoei', title: 'Leerkring snoei' });

for (const backend of BACKENDS) {
  describe(`pruning the outbox on ${backend}`, () => {
    test('sent rows older than 30 days go; newer and unsent ones stay; the message keeps its count of sent e-mails', async () => {
      const { db } = await openTestDb(backend);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: doc, raw: doc }]);
        const store = new RegistrationService(db, registry, { secret: Buffer.alloc(32, 3) });
        for (let i = 0; i < 3; i++) assert.equal((await store.register(doc, person(`s${i}`))).kind, 'created');
        const old = await store.sendMessage(doc, { statuses: ['confirmed'], subject: 'Oud bericht', body: 'Tekst.' }, null);
        assert.equal((await deliverAll(db)).length, 6, 'three confirmations, three messages');
        await db.query(`UPDATE mail_outbox SET sent_at = now() - interval '40 days' WHERE sent_at IS NOT NULL`);
        const recent = await store.sendMessage(doc, { statuses: ['confirmed'], subject: 'Nieuw bericht', body: 'Tekst.' }, null);
        assert.equal((await deliverAll(db)).length, 3);
        const waiting = await store.sendMessage(doc, { statuses: ['confirmed'], subject: 'Nog niet weg', body: 'Tekst.' }, null);
        const rows = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox')).rows[0]!.n;
        assert.equal(await rows(), 12);

        await store.purgeExpired();
        assert.equal(await rows(), 6, 'the six sent 40 days ago are gone; three sent now and three waiting stay');
        const delivery = async (id: string) => (await store.listMessages(doc.id)).find((m) => m.id === id)!.delivery;
        assert.deepEqual(await delivery(old!.id), { sent: 3, waiting: 0, failed: 0 }, 'the pruned message still counts its sent e-mails');
        assert.deepEqual(await delivery(recent!.id), { sent: 3, waiting: 0, failed: 0 });
        assert.deepEqual(await delivery(waiting!.id), { sent: 0, waiting: 3, failed: 0 });
        await store.purgeExpired();
        assert.deepEqual(await delivery(old!.id), { sent: 3, waiting: 0, failed: 0 }, 'counted once');
      } finally {
        await db.close();
      }
    });
  });
}
