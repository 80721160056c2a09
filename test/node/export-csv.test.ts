import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, BACKENDS, ADMIN_TOKEN, type TestServer } from './helpers.js';

/** Reads the CSV as a spreadsheet does: `;` between cells, `"` quotes, `""` inside quotes, CRLF between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  assert.equal(cell + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

const series = network({
  id: 'reeks',
  kind: 'learning-network',
  title: 'Leernetwerk Warmte',
  sessions: [
    { id: 'start', title: 'Startbijeenkomst', type: 'kick-off', start: '2030-03-12T19:30', venue: { type: 'physical', name: 'Stadhuis', city: 'Zwolle' } },
    { id: 'slot', title: 'Slotbijeenkomst', type: 'closing', date: '2030-06-18' },
  ],
  registration: {
    mode: 'built-in',
    approval: { required: true },
    fields: { organisation: 'optional', organisationType: 'required' },
    questions: [
      { id: 'eerder', label: 'Deed je eerder mee?', type: 'yes-no' },
      { id: 'rol', label: 'Je rol in het project', type: 'choice', options: [{ value: 'trekker', label: 'Projecttrekker' }, { value: 'lid', label: 'Teamlid' }] },
    ],
    declarations: [
      { id: 'foto', text: "Foto's maken mag", required: false },
      { id: 'privacy', text: 'Ik ga akkoord met de privacyverklaring', required: true },
    ],
  },
});

const perSession = network({
  id: 'los',
  sessions: [{ id: 'middag', title: 'Middagsessie', type: 'thematic', start: '2030-09-03T13:00' }],
  registration: { mode: 'built-in', scope: 'session', fields: { organisation: 'optional', organisationType: 'off' } },
});

async function download(s: TestServer, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, rows: parseCsv(bytes.subarray(3).toString('utf8')) };
}

/** The row's cells by column name. */
const record = (rows: string[][], i: number) => Object.fromEntries(rows[0]!.map((h, c) => [h, rows[i]![c]]));

for (const backend of BACKENDS) {
  describe(`CSV export for organisers (${backend})`, () => {
    let s: TestServer;
    const ids: Record<string, string> = {};
    before(async () => {
      s = await startServer(backend, [series, perSession]);
      const reg = async (networkId: string, body: Record<string, unknown>) => {
        const r = await s.post(`/api/networks/${networkId}/registrations`, body);
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body.id as string;
      };
      ids.anna = await reg('reeks', { ...person('anna', { name: 'Anna de Vries', organisation: 'Gemeente Zwolle', organisationType: 'municipality' }), answers: { eerder: true, rol: 'trekker' }, declarations: ['foto', 'privacy'] });
      ids.evil = await reg('reeks', { ...person('evil', { name: '=Piet+Klaas', organisation: '=HYPERLINK("https://evil.example")', role: '@SUM(A1)', organisationType: 'business' }), answers: { eerder: false }, declarations: ['privacy'] });
      ids.bob = await reg('los', { ...person('bob', { name: 'Bob Jansen' }), sessionId: 'middag' });
      // Registered at known instants: one in winter time (UTC+1), one in summer time (UTC+2).
      await s.db.query('UPDATE registrations SET created_at = $1 WHERE id = $2', ['2026-11-23T13:05:00Z', ids.anna]);
      await s.db.query('UPDATE registrations SET created_at = $1 WHERE id = $2', ['2026-07-01T12:05:00Z', ids.evil]);
      assert.equal((await s.admin('POST', `/api/admin/registrations/${ids.anna}/accept`, {})).status, 200);
      assert.equal((await s.admin('PUT', `/api/admin/registrations/${ids.anna}/attendance`, { sessionId: 'start', present: true })).status, 200);
      assert.equal((await s.admin('PUT', `/api/admin/registrations/${ids.anna}/attendance`, { sessionId: 'slot', present: false })).status, 200);
    });
    after(() => s.close());

    test('opens in Dutch Excel: BOM, semicolons, Dutch headers, a dated file name', async () => {
      const { res, bytes, rows } = await download(s, '/api/admin/networks/reeks/registrations.csv');
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 byte-order mark');
      assert.ok(bytes.subarray(3).toString('utf8').startsWith('"Naam";"E-mail";'), 'semicolon separated, quoted cells');
      assert.deepEqual(rows[0], [
        'Naam', 'E-mail', 'Organisatie', 'Soort organisatie', 'Functie', 'Bijeenkomst', 'Datum bijeenkomst', 'Status', 'Plaats op wachtlijst', 'Aangemeld op',
        'Deed je eerder mee?', 'Je rol in het project', "Foto's maken mag", 'Ik ga akkoord met de privacyverklaring', 'Reden', 'Notitie',
        'Aanwezig: Startbijeenkomst', 'Aanwezig: Slotbijeenkomst', 'Kenmerk',
      ]);
      assert.equal(rows.length, 3, 'one row per registration');
      assert.match(res.headers.get('content-disposition')!, /^attachment; filename="reeks-aanmeldingen-\d{4}-\d{2}-\d{2}\.csv"$/);
    });

    test('statuses and organisation types as organisers say them, times in Amsterdam', async () => {
      const { rows } = await download(s, '/api/admin/networks/reeks/registrations.csv');
      const anna = record(rows, rows.findIndex((r) => r.includes(ids.anna!)));
      const evil = record(rows, rows.findIndex((r) => r.includes(ids.evil!)));
      assert.equal(anna['Status'], 'Aangemeld');
      assert.equal(evil['Status'], 'Wacht op intake');
      assert.equal(anna['Soort organisatie'], 'Gemeente');
      assert.equal(evil['Soort organisatie'], 'Bedrijf');
      assert.equal(anna['Aangemeld op'], '23-11-2026 14:05', '13:05 UTC is 14:05 in Amsterdam in winter');
      assert.equal(evil['Aangemeld op'], '01-07-2026 14:05', '12:05 UTC is 14:05 in Amsterdam in summer');
      assert.equal(anna['Bijeenkomst'], 'Hele reeks');
    });

    test('answers and declarations as text, attendance per session', async () => {
      const { rows } = await download(s, '/api/admin/networks/reeks/registrations.csv');
      const anna = record(rows, rows.findIndex((r) => r.includes(ids.anna!)));
      const evil = record(rows, rows.findIndex((r) => r.includes(ids.evil!)));
      assert.equal(anna['Deed je eerder mee?'], 'ja');
      assert.equal(evil['Deed je eerder mee?'], 'nee');
      assert.equal(anna['Je rol in het project'], 'Projecttrekker', 'the option label, not its value');
      assert.equal(evil['Je rol in het project'], '');
      assert.equal(anna["Foto's maken mag"], 'ja');
      assert.equal(evil["Foto's maken mag"], 'nee');
      assert.equal(evil['Ik ga akkoord met de privacyverklaring'], 'ja');
      assert.equal(anna['Aanwezig: Startbijeenkomst'], 'ja');
      assert.equal(anna['Aanwezig: Slotbijeenkomst'], 'nee');
      assert.equal(evil['Aanwezig: Startbijeenkomst'], '', 'not recorded is empty, not "nee"');
    });

    test('cells a spreadsheet would run as a formula are neutralised', async () => {
      const { bytes, rows } = await download(s, '/api/admin/networks/reeks/registrations.csv');
      const evil = record(rows, rows.findIndex((r) => r.includes(ids.evil!)));
      assert.equal(evil['Naam'], `'=Piet+Klaas`);
      assert.equal(evil['Organisatie'], `'=HYPERLINK("https://evil.example")`);
      assert.equal(evil['Functie'], `'@SUM(A1)`);
      assert.equal(/(^|;)"[=+\-@]/m.test(bytes.toString('utf8')), false, 'no cell starts with a formula character');
    });

    test('per-session networks name the session and its date', async () => {
      const { rows } = await download(s, '/api/admin/networks/los/registrations.csv');
      const bob = record(rows, 1);
      assert.equal(bob['Bijeenkomst'], 'Middagsessie');
      assert.equal(bob['Datum bijeenkomst'], '03-09-2030');
      assert.equal(bob['Aanwezig'], '');
      assert.equal('Soort organisatie' in bob, false, 'a field the network does not ask for has no column');
    });

    test('English headers and labels with ?lang=en or Accept-Language', async () => {
      for (const [path, headers] of [
        ['/api/admin/networks/reeks/registrations.csv?lang=en', {}],
        ['/api/admin/networks/reeks/registrations.csv', { 'accept-language': 'en-GB,en;q=0.9' }],
      ] as const) {
        const { rows } = await download(s, path, headers);
        assert.deepEqual(rows[0]!.slice(0, 10), ['Name', 'E-mail', 'Organisation', 'Type of organisation', 'Job title', 'Session', 'Session date', 'Status', 'Waiting list position', 'Registered on']);
        const evil = record(rows, rows.findIndex((r) => r.includes(ids.evil!)));
        assert.equal(evil['Status'], 'Waiting for intake');
        assert.equal(evil['Deed je eerder mee?'], 'no');
      }
    });
  });
}
