// Issue 24, certificate fonts: names beyond Windows-1252 ("Yılmaz", "Şahin", "Łukasz", Greek)
// are printed as written, read back by an independent reader (pdf.js); a script the PDF cannot
// lay out never turns into "?" silently (right to left: only alone on its line), and the PDF stays small
// because the font is embedded as a subset.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, network, person, type TestServer } from './helpers.js';
import { pdfPages } from './pdf-text.js';

const series = network({
  id: 'fonts',
  title: 'Leerkring Ζωή en Łódź',
  kind: 'learning-network',
  sessions: [{ id: 'een', title: 'Aftrap in İzmir', type: 'other', start: '2030-03-05T10:00', end: '2030-03-05T12:00', venue: { type: 'online' } }],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});
const asAdmin = { authorization: 'Bearer test-organiser-token-0123456789' };

describe('certificate fonts', () => {
  let s: TestServer;
  const ids = new Map<string, string>();
  const names = ['Ayşe Yılmaz', 'Mehmet Şahin', 'Ζωή Παπαδοπούλου', 'Łukasz Wróbel', 'Anna de Vries', 'أحمد حداد', '王小明', 'שרה כהן', 'Sara أحمد'];
  before(async () => {
    s = await startServer('pglite', [series]);
    for (const [i, name] of names.entries()) {
      const r = await s.post('/api/networks/fonts/registrations', person(i, { name, organisation: i === 2 ? 'Δήμος Αθηναίων' : 'Gemeente Zwolle' }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.set(name, r.body.id);
      assert.equal((await s.admin('PUT', `/api/admin/registrations/${r.body.id}/attendance`, { sessionId: 'een', present: true })).status, 200);
    }
  });
  after(() => s.close());

  async function certificate(name: string): Promise<{ text: string; bytes: number }> {
    const res = await fetch(`${s.url}/api/admin/registrations/${ids.get(name)}/certificate.pdf`, { headers: asAdmin });
    assert.equal(res.status, 200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { text: (await pdfPages(bytes)).join('\n'), bytes: bytes.length };
  }

  for (const name of ['Ayşe Yılmaz', 'Mehmet Şahin', 'Ζωή Παπαδοπούλου', 'Łukasz Wróbel']) {
    test(`"${name}" is printed exactly as written, and the network and session titles too`, async () => {
      const { text } = await certificate(name);
      assert.ok(text.includes(name), `the name as written, in:\n${text}`);
      assert.ok(text.includes('Leerkring Ζωή en Łódź'), 'the network title as written');
      assert.ok(text.includes('Aftrap in İzmir'), 'the session title as written');
      assert.ok(!text.includes('?'), 'no character replaced by "?"');
    });
  }

  test('Greek organisation names are printed as written', async () => {
    assert.ok((await certificate('Ζωή Παπαδοπούλου')).text.includes('Δήμος Αθηναίων'));
  });

  test('the font is embedded as a subset: a certificate stays well under 60 kB', async () => {
    const { bytes } = await certificate('Ayşe Yılmaz');
    assert.ok(bytes < 60_000, `${bytes} bytes`);
  });

  for (const name of ['أحمد حداد', 'שרה כהן']) {
    test(`a right-to-left name on its own line, "${name}", is shaped and read back as written; the sentence goes without it`, async () => {
      const { text } = await certificate(name);
      assert.ok(text.split('\n').includes(name), `the name alone on its line, in:\n${text}`);
      assert.ok(!text.includes('?'), 'no "?"');
      assert.match(text.replace(/\s+/g, ' '), /Deze deelnemer heeft deelgenomen aan Leerkring Ζωή en Łódź\./);
    });
  }

  test('a name that mixes right-to-left and left-to-right text gets the note, never "?"', async () => {
    const { text } = await certificate('Sara أحمد');
    assert.ok(!text.includes('?'), `no "?" in:\n${text}`);
    assert.match(text, /Naam in een ander schrift/);
  });

  test('a name with letters the font lacks (Chinese) gets the same note, not "?"', async () => {
    const { text } = await certificate('王小明');
    assert.ok(!text.includes('?'), `no "?" in:\n${text}`);
    assert.match(text, /Naam in een ander schrift/);
    // The statement without the name (wrapped where the line is full).
    assert.match(text.replace(/\s+/g, ' '), /Deze deelnemer heeft deelgenomen aan Leerkring Ζωή en Łódź\./);
  });

  test('everyone at once: one PDF, every name as written', async () => {
    const res = await fetch(`${s.url}/api/admin/networks/fonts/certificates.pdf`, { headers: asAdmin });
    const pages = await pdfPages(new Uint8Array(await res.arrayBuffer()));
    assert.equal(pages.length, names.length);
    for (const name of [...names.slice(0, 6), 'שרה כהן']) assert.ok(pages.some((p) => p.includes(name)), name);
  });
});
