/**
 * Issue 15: every process sharing one PostgreSQL serves a saved revision within a second
 * (LISTEN/NOTIFY, with a revision check as the safety net), without a restart.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, freshPostgres, gasvrijNetwork, networkDocumentApi } from './helpers.js';
import { networkFolder, serveProcess } from './serve-process.js';
import { openDatabase } from '../../src/server/storage/db.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';

const gasvrij = gasvrijNetwork({ mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } });

/** Asks `check` again until it holds or `ms` have passed; resolves to the time it took. */
async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > ms) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('freshness across processes on one PostgreSQL', () => {
  test('a save on process A is served by process B within a second: document, availability and feed', async () => {
    const url = await freshPostgres();
    const folder = networkFolder([gasvrij]);
    const a = await serveProcess(folder, { DATABASE_URL: url });
    const b = await serveProcess(folder, { DATABASE_URL: url });
    try {
      const docs = networkDocumentApi(a.url, 'gasvrij', { authorization: `Bearer ${ADMIN_TOKEN}` });
      const got = await docs.get();
      assert.equal(got.etag, '"1"', 'the second process imported nothing new');
      const doc = got.body.document;
      // B has made its feed already: a cached answer must not outlive the save.
      assert.doesNotMatch(await (await fetch(`${b.url}/api/networks/gasvrij/calendar.ics`)).text(), /DTSTART:20300412T113000Z/);
      doc.sessions[1] = { ...doc.sessions[1], start: '2030-04-12T13:30', end: '2030-04-12T16:00', venue: { type: 'physical', name: 'Gemeentehuis', city: 'Deventer' } };
      doc.registration = { ...doc.registration, capacity: 3 };
      const put = await docs.put(doc, '"1"');
      assert.equal(put.status, 200, put.text);

      const took = await within(1000, 'process B serves the new revision', async () => {
        const pub = (await (await fetch(`${b.url}/api/networks/gasvrij`)).json()) as any;
        return pub.network.sessions[1].start === '2030-04-12T13:30' && pub.availability.network.capacity === 3;
      });
      const feed = await (await fetch(`${b.url}/api/networks/gasvrij/calendar.ics`)).text();
      assert.match(feed, /DTSTART:20300412T113000Z/);
      assert.match(feed.replace(/\r\n[ \t]/g, ''), /LOCATION:Gemeentehuis\\, Deventer/);
      process.stdout.write(`# process B served revision 2 ${Math.round(took)} ms after A answered the save\n`);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test('the revision check finds a save whose notification was missed', async () => {
    const url = await freshPostgres();
    const db1 = await openDatabase({ url, dataDir: '/nonexistent' });
    const db2 = await openDatabase({ url, dataDir: '/nonexistent' });
    try {
      const one = await NetworkRegistry.open(db1, [{ network: gasvrij, raw: gasvrij }]);
      // Not listening: only the check on a timer (or an explicit refresh) can find the save.
      const two = await NetworkRegistry.open(db2);
      const before = two.get('gasvrij');
      assert.equal((await one.save({ ...gasvrij, title: 'Nieuwe titel' }, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
      assert.equal(two.get('gasvrij')!.title, 'Leerkring aardgasvrij');
      await two.refresh();
      assert.equal(two.get('gasvrij')!.title, 'Nieuwe titel');
      assert.notEqual(two.get('gasvrij'), before);
      assert.equal(two.revision('gasvrij'), 2);
      await two.watch({ intervalMs: 50 });
      try {
        assert.equal((await one.save({ ...gasvrij, title: 'Derde titel' }, { author: 'installation-admin', basedOn: 2 })).kind, 'saved');
        await within(1000, 'the watching registry sees revision 3', async () => two.get('gasvrij')!.title === 'Derde titel');
      } finally {
        await two.close();
      }
    } finally {
      await db1.close();
      await db2.close();
    }
  });
});
