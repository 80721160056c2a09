/**
 * The public read path (issue 11): the document with its availability answered from a
 * pre-serialised body with a strong ETag (304 on If-None-Match), availability never stale after
 * a registration, and reads that arrive together share one count query.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { BACKENDS, openTestDb, network, person, startServer } from './helpers.js';
import type { Db } from '../../src/server/index.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

const open = network({
  id: 'lezen',
  sessions: [{ id: 'sessie', title: 'Sessie', type: 'other', start: '2030-05-01T10:00' }],
  registration: { mode: 'built-in', capacity: 3, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});

for (const backend of BACKENDS) {
  describe(`GET /api/networks/{id} on ${backend}`, () => {
    test('a strong ETag, 304 for a matching If-None-Match, and a new body and ETag after a registration', async () => {
      const s = await startServer(backend, [open]);
      try {
        const first = await s.request('GET', `/api/networks/${open.id}`);
        assert.equal(first.status, 200);
        const etag = first.headers.get('etag');
        assert.match(etag ?? '', /^"[A-Za-z0-9_-]{16,}"$/, 'a strong validator');
        assert.equal(first.headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(first.body.availability.network.placesLeft, 3);
        const again = await s.request('GET', `/api/networks/${open.id}`);
        assert.equal(again.headers.get('etag'), etag, 'the same body has the same ETag');
        assert.equal(again.text, first.text);
        const notModified = await s.request('GET', `/api/networks/${open.id}`, { headers: { 'if-none-match': etag! } });
        assert.equal(notModified.status, 304);
        assert.equal(notModified.text, '');
        assert.equal(notModified.headers.get('etag'), etag);
        // A weak or other validator is not a match.
        assert.equal((await s.request('GET', `/api/networks/${open.id}`, { headers: { 'if-none-match': `W/${etag}` } })).status, 200);
        assert.equal((await s.post(`/api/networks/${open.id}/registrations`, person(1))).status, 201);
        const after = await s.request('GET', `/api/networks/${open.id}`, { headers: { 'if-none-match': etag! } });
        assert.equal(after.status, 200, 'a registration changes the body at once');
        assert.equal(after.body.availability.network.placesLeft, 2);
        assert.notEqual(after.headers.get('etag'), etag);
      } finally {
        await s.close();
      }
    });
  });

  describe(`counts read together on ${backend}`, () => {
    test('reads that arrive together share one query, and each sees every registration answered before it was asked', async () => {
      const t = await openTestDb(backend);
      let queries = 0;
      const db: Db = { ...t.db, kind: t.db.kind, query: (sql, params) => (/target_counts/.test(sql) && queries++, t.db.query(sql, params)), transaction: (fn) => t.db.transaction(fn), close: () => t.db.close() };
      try {
        const service = new RegistrationService(db, new Map([[open.id, open]]), { secret: Buffer.alloc(32, 5) });
        const together = await Promise.all(Array.from({ length: 20 }, () => service.counts(open.id)));
        assert.equal(queries, 1, `${queries} count queries for 20 reads at once`);
        assert.deepEqual(together[19], {});
        for (let i = 0; i < 4; i++) {
          assert.equal((await service.register(open, person(i))).kind, 'created');
          const c = (await service.counts(open.id)).network!;
          assert.equal(c.confirmed + c.waitlisted, i + 1, 'never stale after a registration');
        }
      } finally {
        await t.db.close();
        rmSync(t.dir, { recursive: true, force: true });
      }
    });
  });
}
