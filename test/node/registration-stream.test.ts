// Issue 27: the whole organiser list and its CSV are read from the database a page of rows at
// a time and written as they come. Over many pages (two targets, waiting lists running across
// page ends, hostile cells) they say exactly what reading the list page by page says, worded
// and escaped by core and csv.ts, row for row.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { exportReads, registrationsTable, type AdminRegistration, type Network } from '../../src/core/index.js';
import { exportStream } from '../../src/server/storage/registration-list.js';
import { toCsv } from '../../src/server/http/csv.js';
import { startServer, BACKENDS, ADMIN_TOKEN, type TestServer } from './helpers.js';
import { bigNetwork } from './console-setup.js';

const N = 2345;
const lang = { ...bigNetwork({ capacity: 100000, waitlist: { enabled: true } }), id: 'lang', title: 'Lang netwerk' } as Network;
const HOSTILE = ['=cmd|\' /C calc\'!A0', 'a "quoted" name', 'two\nlines', 'semi;colon', '+31 6', '-minus', '@at', '\ttab', '\r\nreturn'];

type List = { registrations: AdminRegistration[]; next?: string | null; total?: number };

for (const backend of BACKENDS) {
  describe(`the whole organiser list and CSV over many pages (${backend})`, () => {
    let s: TestServer;
    let paged: AdminRegistration[];

    before(async () => {
      s = await startServer(backend, [lang]);
      // Straight into the table: two targets, every 7th waiting (across page ends), every 11th cancelled, hostile names, organisations and notes.
      await s.db.query(
        `INSERT INTO registrations (id, network_id, target, session_id, status, email_lower, participant, answers, organiser_note, attendance, locale)
           SELECT gen_random_uuid(), 'lang', CASE WHEN g % 3 = 0 THEN 'een' ELSE 'network' END, CASE WHEN g % 3 = 0 THEN 'een' END,
             CASE WHEN g % 7 = 0 THEN 'waitlisted' WHEN g % 11 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'lang' || g || '@example.org',
             jsonb_build_object('name', CASE WHEN g % 5 = 0 THEN ($1::text[])[1 + g % 9] ELSE 'Persoon ' || g END, 'email', 'lang' || g || '@example.org',
               'organisation', CASE WHEN g % 4 = 0 THEN ($1::text[])[1 + (g / 4) % 9] ELSE 'Gemeente ' || (g % 13) END),
             jsonb_build_object('eerder', g % 2 = 0), CASE WHEN g % 6 = 0 THEN ($1::text[])[1 + (g / 6) % 9] END,
             CASE WHEN g % 8 = 0 THEN jsonb_build_object('een', true) ELSE '{}'::jsonb END, 'nl'
           FROM generate_series(1, $2::int) g`,
        [HOSTILE, N],
      );
      paged = [];
      let after: string | null | undefined;
      do {
        const r = await s.admin('GET', `/api/admin/networks/lang/registrations?limit=200${after ? `&after=${after}` : ''}`);
        assert.equal(r.status, 200, r.text);
        paged.push(...(r.body as List).registrations);
        after = (r.body as List).next;
      } while (after);
    });
    after(() => s.close());

    test('the whole list gives every row once, as the pages do, with the same waiting-list places', async () => {
      assert.equal(paged.length, N);
      const r = await s.admin('GET', '/api/admin/networks/lang/registrations');
      assert.equal(r.status, 200);
      const whole = (r.body as List).registrations;
      assert.deepEqual(whole, paged);
      const waiting = whole.filter((x) => x.status === 'waitlisted' && x.target === 'network').map((x) => x.position);
      assert.deepEqual(waiting, Array.from({ length: waiting.length }, (_, i) => i + 1));
    });

    test('the CSV is, row for row, core\'s table of the paged list, hostile cells escaped', async () => {
      const res = await fetch(`${s.url}/api/admin/networks/lang/registrations.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(res.status, 200);
      const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
      const { header, rows } = registrationsTable(lang, paged, 'nl');
      const expected = toCsv(header, rows);
      // Row for row first (a failure names the first line that differs), then the whole text.
      const ours = text.split('\r\n');
      const theirs = expected.split('\r\n');
      for (let i = 0; i < theirs.length; i++) assert.equal(ours[i], theirs[i], `line ${i}`);
      assert.equal(text, expected);
      assert.ok(text.includes(`"'=cmd|' /C calc'!A0"`), 'a formula is prefixed with a quote');
      assert.ok(text.includes('"a ""quoted"" name"'), 'quotes are doubled');
      assert.ok(text.includes('"two\nlines"') && text.includes('"semi;colon"') && text.includes(`"'+31 6"`) && text.includes(`"'-minus"`) && text.includes(`"'@at"`) && text.includes(`"'\ttab"`) && text.includes(`"'\r\nreturn"`));
    });

    test('the CSV reads only what core\'s rows read for the network (exportReads), each row one object core words', async () => {
      let rows = 0;
      const keys = new Set<string>();
      for await (const batch of exportStream(s.db, 'lang', {}, exportReads(lang), 1000)) {
        rows += batch.length;
        for (const x of batch) for (const k of Object.keys(x)) keys.add(k);
      }
      assert.equal(rows, N);
      // lang asks one question and has no declarations or fee: no places, network, organisation type or declarations read.
      assert.deepEqual([...keys].sort(), ['answers', 'attendance', 'createdAt', 'declarations', 'groupSize', 'id', 'note', 'participant', 'position', 'reason', 'sessionId', 'status']);
    });
  });
}
