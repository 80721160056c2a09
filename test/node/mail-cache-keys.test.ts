/**
 * Issue 28: a session's calendar file is made once and reused for everyone who gets the same one.
 * What it is kept by must change with the document: a session moved between two people's
 * registrations gives the second person the new time, in the text and in the calendar alike.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deliverAll, network, openTestDb } from './helpers.js';
import { NetworkRegistry } from '../../src/server/services/networks.js';
import { RegistrationService } from '../../src/server/services/registration-service.js';

const doc = network({ id: 'cachetest', title: 'Leerkring tijden' });
const dtstart = (ics: string) => /^DTSTART[^\r\n]*/m.exec(ics)?.[0];

for (const backend of ['postgres'] as const) {
  describe(`calendar files kept for reuse, on ${backend}`, () => {
    test("a session's time changed between two e-mails of that session: the second says the new time", async () => {
      const { db } = await openTestDb(backend);
      try {
        const registry = await NetworkRegistry.open(db, [{ network: doc, raw: doc }]);
        const store = new RegistrationService(db, registry, { secret: Buffer.alloc(32, 3), manageUrl: (t) => `https://example.org/beheer#${t}`, timeline: (n, q) => registry.timeline(n, q) });
        const sign = async (who: string) => {
          const r = await store.register(registry.get(doc.id)!, { participant: { name: who, email: `${who}@example.org` } });
          assert.equal(r.kind, 'created');
          const mails = (await deliverAll(db)).filter((m) => m.to && !Array.isArray(m.to) && m.to.text === `${who}@example.org`);
          assert.equal(mails.length, 1, `${who}: one e-mail`);
          const ics = mails[0]!.attachments.find((a) => a.contentType === 'text/calendar');
          assert.ok(ics, `${who}: a calendar file`);
          return { text: mails[0]!.text ?? '', start: dtstart(ics.content.toString('utf8')) };
        };
        const first = await sign('eerste');
        assert.match(first.text, /10\.00/);
        const edited = structuredClone(doc) as any;
        edited.sessions[0] = { ...edited.sessions[0], start: '2030-05-01T13:00', end: '2030-05-01T16:00' };
        assert.equal((await registry.save(edited, { author: 'installation-admin', basedOn: 1 })).kind, 'saved');
        await deliverAll(db);
        const second = await sign('tweede');
        assert.match(second.text, /13\.00/);
        assert.doesNotMatch(second.text, /10\.00/);
        assert.ok(first.start && second.start, 'both calendars have a DTSTART');
        assert.notEqual(second.start, first.start, `the second calendar has the old start: ${second.start}`);
        assert.match(second.start!, /T1[12]0000Z?$|T130000$/, `the second calendar starts at 13.00 Amsterdam time: ${second.start}`);
      } finally {
        await db.close();
      }
    });
  });
}
