// Issue 27: the organiser list pages through the database after a cursor, searches there by
// core's rule (accents, case and word order do not matter), filters by status, organisation
// type, answer and attendance, and the full list and the CSV stream a batch at a time with the
// same rows and bytes as before.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { matchesSearch, registrationsTable, type AdminRegistration } from '../../src/core/index.js';
import { toCsv } from '../../src/server/http/csv.js';
import { startServer, BACKENDS, ADMIN_TOKEN, type TestServer } from './helpers.js';
import { bigNetwork } from './console-setup.js';

const big = bigNetwork({ capacity: 100, waitlist: { enabled: true } });

type List = { registrations: AdminRegistration[]; next?: string | null; total?: number };

for (const backend of BACKENDS) {
  describe(`the organiser list, a page at a time (${backend})`, () => {
    let s: TestServer;
    let full: AdminRegistration[];
    const list = async (query: string): Promise<List> => {
      const r = await s.admin('GET', `/api/admin/networks/groot/registrations?${query}`);
      assert.equal(r.status, 200, r.text);
      return r.body as List;
    };

    before(async () => {
      s = await startServer(backend, [big]);
      const names = Array.from({ length: 118 }, (_, i) => `Deelnemer ${i + 1}`);
      names.splice(40, 0, 'Zoë Kok');
      names.splice(110, 0, 'Sanne Yılmaz');
      for (const [i, name] of names.entries()) {
        const r = await s.post('/api/networks/groot/registrations', {
          participant: { name, email: `groot${i}@example.org`, organisation: i % 3 ? 'Gemeente Zwolle' : 'Buurtkracht', organisationType: i % 3 ? 'municipality' : 'citizen-initiative' },
          answers: { eerder: i % 2 === 0 },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
      full = (await list('')).registrations;
    });
    after(() => s.close());

    test('pages of 50 after a cursor give every registration once, in the order of the full list, with waiting-list places', async () => {
      assert.equal(full.length, 120);
      const seen: AdminRegistration[] = [];
      let after: string | null | undefined;
      let pages = 0;
      do {
        const page = await list(`limit=50${after ? `&after=${after}` : ''}`);
        assert.ok(page.registrations.length <= 50);
        assert.equal(page.total, 120, 'how many match, on every page');
        seen.push(...page.registrations);
        after = page.next;
        pages++;
      } while (after);
      assert.equal(pages, 3);
      assert.deepEqual(seen.map((r) => r.id), full.map((r) => r.id));
      assert.deepEqual(seen.map((r) => r.position), full.map((r) => r.position));
      assert.deepEqual(full.filter((r) => r.status === 'waitlisted').map((r) => r.position), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    test('search ignores accents, case and word order, as core decides it', async () => {
      for (const q of ['zoe kok', 'kok zoe', 'ZOË', 'yilmaz sanne', 'zwolle 11', 'groot1@', '']) {
        const page = await list(`limit=200&q=${encodeURIComponent(q)}`);
        const expected = full.filter((r) => matchesSearch(q, [r.participant.name, r.participant.email, r.participant.organisation]));
        assert.deepEqual(page.registrations.map((r) => r.id), expected.map((r) => r.id), q);
        assert.equal(page.total, expected.length, q);
      }
      assert.deepEqual((await list('limit=5&q=zoe%20kok')).registrations.map((r) => r.participant.name), ['Zoë Kok']);
      assert.deepEqual((await list('limit=5&q=yilmaz%20sanne')).registrations.map((r) => r.participant.name), ['Sanne Yılmaz']);
      assert.deepEqual((await list('limit=5&q=50%25')).registrations, [], 'a % is a letter, not a wildcard');
    });

    test('filters: status, organisation type, an answer, who came and who did not', async () => {
      assert.equal((await list('limit=200&status=waitlisted')).total, 20);
      assert.equal((await list('limit=200&organisationType=citizen-initiative')).total, full.filter((r) => r.organisationType === 'citizen-initiative').length);
      assert.equal((await list('limit=200&question=eerder&answer=true')).total, full.filter((r) => r.answers.eerder === true).length);
      const came = full.filter((r) => r.status === 'confirmed').slice(0, 3);
      for (const r of came) assert.equal((await s.admin('PUT', `/api/admin/registrations/${r.id}/attendance`, { sessionId: 'een', present: true })).status, 200);
      assert.deepEqual((await list('limit=200&attendedAt=een&present=yes')).registrations.map((r) => r.id), came.map((r) => r.id));
      const notCame = await list('limit=200&attendedAt=een&present=no');
      assert.equal(notCame.total, 97, 'the other people with a place; not those waiting');
      assert.ok(notCame.registrations.every((r) => r.status === 'confirmed' && !r.attendance.een));
    });

    test('bad input is a sentence saying what, never a 500', async () => {
      for (const [query, says] of [
        ['after=abc', /after/],
        ['after=%21%21', /after/],
        ['present=yes', /attendedAt and present/],
        ['attendedAt=drie&present=no', /attendedAt is not a session/],
        ['question=eerder', /question and answer/],
        ['question=nooit&answer=x', /question is not a question/],
        ['limit=0', /limit/],
        ['limit=5000', /limit/],
        ['status=weg', /status/],
      ] as const) {
        const r = await s.admin('GET', `/api/admin/networks/groot/registrations?${query}`);
        assert.equal(r.status, 422, query);
        assert.match(r.text, says, query);
      }
    });

    test('the CSV streams the same bytes core words from the full list', async () => {
      const res = await fetch(`${s.url}/api/admin/networks/groot/registrations.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(res.status, 200);
      const bytes = Buffer.from(await res.arrayBuffer()).toString('utf8');
      const now = (await list('')).registrations;
      const { header, rows } = registrationsTable(big, now, 'nl');
      assert.equal(bytes, toCsv(header, rows));
    });

    test('a changed or erased participant: the search follows the change, and erasure leaves no copy', async () => {
      const target = full.find((r) => r.participant.name === 'Deelnemer 7')!;
      // Another write path (an edit) changes the participant without a search text of its own.
      await s.db.query(`UPDATE registrations SET participant = participant || '{"name": "Émile Österberg"}'::jsonb WHERE id = $1`, [target.id]);
      assert.deepEqual((await list('limit=5&q=emile%20osterberg')).registrations.map((r) => r.id), [target.id]);
      assert.equal((await list('limit=5&q=deelnemer%207')).registrations.filter((r) => r.id === target.id).length, 0);
      const token = (await s.db.query<{ id: string }>('SELECT id FROM registrations WHERE id = $1', [target.id])).rows[0]!.id;
      assert.equal((await s.admin('POST', `/api/admin/registrations/${token}/remove`, {})).status, 200);
      await s.db.query(`UPDATE registrations SET participant = '{}'::jsonb, erased_at = now() WHERE id = $1`, [target.id]);
      const { rows } = await s.db.query<{ search_text: string | null }>('SELECT search_text FROM registrations WHERE id = $1', [target.id]);
      assert.equal(rows[0]!.search_text, null, 'no copy of the name is left');
      assert.equal((await list('limit=5&q=osterberg')).total, 0);
    });

    test('a total by status alone, of the network or one target, is read from the kept counts, not counted from the rows; other filters count the rows', async () => {
      const rows = (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE network_id = 'groot' AND status = 'confirmed'`)).rows[0]!.n;
      assert.equal((await list('limit=1&status=confirmed')).total, rows);
      // The kept count is what the total says: made to differ from the rows, the total follows it.
      await s.db.query(`UPDATE target_counts SET confirmed = confirmed + 1000 WHERE network_id = 'groot' AND target = 'network'`);
      try {
        assert.equal((await list('limit=1&status=confirmed')).total, rows + 1000, 'status alone: the kept count');
        assert.equal((await list('limit=1&status=confirmed&session=network')).total, rows + 1000, 'status and target: the kept count');
        assert.equal((await list('limit=1&status=confirmed&organisationType=municipality')).total < rows, true, 'another filter: counted from the rows');
        assert.equal((await list('limit=1')).total, 120, 'every status: counted from the rows (cancelled ones have no kept count)');
      } finally {
        await s.db.query(`UPDATE target_counts SET confirmed = confirmed - 1000 WHERE network_id = 'groot' AND target = 'network'`);
      }
    });
  });
}
