import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { freshPostgres } from './helpers.js';

const BIN = 'bin/leerkring.js';
const DEMO = 'demo/data';
const seeds = readdirSync(DEMO).filter((f) => f.endsWith('.json')).map((f) => join(DEMO, f));

const scripts = () => JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npx leerkring', () => {
  test('validate: all six demo documents are valid (exit 0)', () => {
    assert.equal(seeds.length, 6);
    const r = cli('validate', ...seeds);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim().split('\n').filter((l) => l.endsWith(': geldig')).length, 6);
  });

  test('validate: a copy with three planted mistakes exits 1 and names all three paths', () => {
    const doc = JSON.parse(readFileSync(join(DEMO, 'aardgasvrij-leerkring.json'), 'utf8'));
    doc.sessions[0].start = '23-11-2021 10:00';
    doc.registration.capacity = -5;
    doc.contact.emial = doc.contact.email;
    const file = join(mkdtempSync(join(tmpdir(), 'leerkring-')), 'kapot.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = cli('validate', file);
    assert.equal(r.code, 1);
    assert.match(r.err, /3 problemen/);
    assert.match(r.err, /sessions\[0\]\.start: dit is geen geldige datum en tijd/);
    assert.match(r.err, /registration\.capacity: moet minstens 1 zijn/);
    assert.match(r.err, /contact\.emial: onbekend veld "emial"; bedoel je "email"\?/);
    const en = cli('validate', '--lang', 'en', file);
    assert.match(en.err, /contact\.emial: unknown field "emial"; did you mean "email"\?/);
  });

  test('validate: a missing file is a problem, not a crash', () => {
    const r = cli('validate', 'nope.json');
    assert.equal(r.code, 1);
    assert.match(r.err, /nope\.json: bestand niet gevonden/);
  });

  test('schema: a JSON Schema 2020-12 that accepts all six demo documents and rejects a broken one', () => {
    const r = cli('schema');
    assert.equal(r.code, 0);
    const schema = JSON.parse(r.out);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    for (const file of seeds) {
      const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
      assert.equal(ok, true, `${file}: ${JSON.stringify(validate.errors)}`);
    }
    const broken = JSON.parse(readFileSync(seeds[0]!, 'utf8'));
    broken.kind = 'borrel';
    assert.equal(validate(broken), false);
  });

  test('schema: the committed schema/network.schema.json is what the code generates', () => {
    assert.equal(readFileSync('schema/network.schema.json', 'utf8'), cli('schema').out);
  });

  test('ics: a calendar for every demo network', () => {
    for (const file of seeds) {
      const r = cli('ics', file);
      assert.equal(r.code, 0, `${file}: ${r.err}`);
      assert.match(r.out, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
      assert.match(r.out, /END:VCALENDAR\r\n$/);
      for (const line of r.out.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line too long in ${file}`);
    }
  });

  test('hash-code: prints the hash used in invitation.codes', () => {
    const r = cli('hash-code', 'NOABERS-2022');
    assert.equal(r.out.trim(), 'sha256:2ac590e966781981f3cf4c19b303cb94109ad22a0a8dfd47b98b68cd941b1e8b');
  });
});

describe('generated documentation', () => {
  test('custom-elements.json and the README element reference match the source', () => {
    // The analyzer resolves its output folder against the working directory.
    // Built twice, the second time from the files in reverse order: a machine whose file system
    // lists directories differently must get the same bytes.
    for (const reverse of ['0', '1']) {
      const out = `test-results/manifest-check-${reverse}`;
      const r = spawnSync('npx', ['custom-elements-manifest', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { encoding: 'utf8', env: { ...process.env, CEM_OUTDIR: out, CEM_REVERSE: reverse } });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(join(out, 'custom-elements.json'), 'utf8'), readFileSync('custom-elements.json', 'utf8'), `run npm run manifest (reverse=${reverse})`);
    }
    const check = spawnSync(process.execPath, ['scripts/element-docs.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  test('snippet: the script tag with the integrity hash of this build', () => {
    const hashes = JSON.parse(readFileSync('dist/integrity.json', 'utf8'));
    const r = cli('snippet', '--base', 'https://cdn.example.org/npm/leerkring@0.1.0/dist/');
    assert.equal(r.out.trim(), `<script type="module" src="https://cdn.example.org/npm/leerkring@0.1.0/dist/leerkring.js" integrity="${hashes['leerkring.js']}" crossorigin="anonymous"></script>`);
    assert.match(hashes['leerkring.js'], /^sha384-[A-Za-z0-9+/]{64}$/);
  });
});

describe('npx leerkring organiser', () => {
  test('add, list and remove organisers; the last owner stays', async () => {
    // PostgreSQL (DATABASE_URL) here: each run of the embedded database takes seconds to open.
    const env = { DATABASE_URL: await freshPostgres() };
    const run = (...args: string[]) => cliWith(env, 'organiser', ...args);
    // A role on a network the database does not hold lets nobody in: refused with a sentence, not exit 0 (issue 25, item 14).
    const unknown = run('add', 'a@example.org', '--network', 'groene-domein', '--role', 'owner');
    assert.equal(unknown.code, 1, `${unknown.out}${unknown.err}`);
    assert.match(unknown.err, /^leerkring organiser: there is no network "groene-domein" in the database\. .*leerkring import <folder>/);
    assert.equal(cliWith(env, 'import', 'demo/data').code, 0);
    const nope = run('add', 'a@example.org', '--network', 'nope', '--role', 'owner');
    assert.equal(nope.code, 1, `${nope.out}${nope.err}`);
    assert.match(nope.err, /^leerkring organiser: there is no network "nope" in the database \(it has aardgasvrij-leerkring, groene-domein, /);
    const added = run('add', 'Eigenaar@Gemeente.example.org', '--network', 'groene-domein', '--role', 'owner', '--name', 'Eigenaar');
    assert.equal(added.code, 0, added.err);
    assert.equal(run('add', 'helper@gemeente.example.org', '--network', 'groene-domein', '--role', 'organiser').code, 0);
    assert.equal(run('add', 'beheer@gemeente.example.org', '--admin').code, 0);
    assert.deepEqual(run('list').out.trim().split('\n'), [
      'beheer@gemeente.example.org: installation admin',
      'eigenaar@gemeente.example.org — Eigenaar: groene-domein (owner)',
      'helper@gemeente.example.org: groene-domein (organiser)',
    ]);
    const last = run('remove', 'eigenaar@gemeente.example.org', '--network', 'groene-domein');
    assert.equal(last.code, 1);
    assert.match(last.err, /last owner of groene-domein/);
    assert.equal(run('remove', 'eigenaar@gemeente.example.org').code, 1, 'not by removing the person either');
    assert.equal(run('remove', 'helper@gemeente.example.org', '--network', 'groene-domein').code, 0);
    assert.equal(run('remove', 'beheer@gemeente.example.org').code, 0);
    assert.deepEqual(run('list').out.trim().split('\n'), ['eigenaar@gemeente.example.org — Eigenaar: groene-domein (owner)', 'helper@gemeente.example.org: no networks']);

    for (const wrong of [['add', 'geen-adres', '--network', 'x', '--role', 'owner'], ['add', 'a@example.org', '--network', 'x', '--role', 'baas'], ['add', 'a@example.org'], ['add', 'a@example.org', '--network', 'Geen Id', '--role', 'owner']]) {
      const r = run(...wrong);
      assert.equal(r.code, 2, wrong.join(' '));
      assert.match(r.err, /^leerkring organiser: /);
    }
  });

  test('--data: the embedded database that serve uses', () => {
    const data = mkdtempSync(join(tmpdir(), 'leerkring-org-'));
    assert.equal(cli('import', 'demo/data', '--data', data).code, 0);
    assert.equal(cli('organiser', 'add', 'eigenaar@gemeente.example.org', '--network', 'groene-domein', '--role', 'owner', '--data', data).code, 0);
    assert.equal(cli('organiser', 'list', '--data', data).out.trim(), 'eigenaar@gemeente.example.org: groene-domein (owner)');
  });

  test('demo: a port in use is one sentence and exit 1, and the demo keeps its database apart from serve (issue 25)', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const cwd = mkdtempSync(join(tmpdir(), 'leerkring-demo-'));
    try {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [join(process.cwd(), BIN), 'demo'], { cwd, env: { ...process.env, PORT: String(port) } });
      let err = '';
      let out = '';
      child.stderr.on('data', (d) => (err += d));
      child.stdout.on('data', (d) => (out += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 1);
      const lines = err.trim().split('\n');
      assert.equal(lines.length, 1, `one line, not a stack trace: ${err}`);
      assert.match(lines[0]!, new RegExp(`^leerkring: cannot start: port ${port} is in use by another program; choose another port with --port or PORT`));
      assert.deepEqual(readdirSync(cwd), ['.leerkring-demo'], 'the demo writes .leerkring-demo/, never the .leerkring-data/ that serve uses');
      assert.match(out, /^leerkring: opening the embedded database in \.leerkring-demo \(the first start takes up to half a minute\)…$/m, 'the wait is announced');
    } finally {
      busy.close();
    }
  });

  test('npm start and npm run demo honour PORT: no fixed --port in the script', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    assert.doesNotMatch(scripts.demo!, /--port/);
    assert.match(scripts.start!, /npm run demo/);
  });

  test('npm start builds only when a source is newer than the build (issue 25)', async () => {
    assert.match(scripts().demo!, /^node scripts\/build-if-stale\.mjs && /);
    const check = () => spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--check'], { encoding: 'utf8' }).stdout.trim();
    // npm test has just built: nothing to do.
    assert.equal(check(), 'current');
    // A source changed after the build (its time only; the file's content stays as it is).
    const { statSync, utimesSync } = await import('node:fs');
    const file = 'src/core/index.ts';
    const was = statSync(file);
    utimesSync(file, was.atime, new Date(Date.now() + 60_000));
    try {
      assert.equal(check(), 'stale');
    } finally {
      utimesSync(file, was.atime, was.mtime);
    }
    assert.equal(check(), 'current');
  });

  test('serve counts its networks in words that fit the number: "1 network", not "1 networks" (issue 25, item 14)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leerkring-one-'));
    writeFileSync(join(folder, 'groene-domein.json'), readFileSync('demo/data/groene-domein.json'));
    const { serve } = await import('../../src/server/serve.js');
    const lines: string[] = [];
    const server = await serve({ networks: folder, port: 0, dataDir: mkdtempSync(join(tmpdir(), 'leerkring-one-data-')), databaseUrl: await freshPostgres(), log: (line: string) => lines.push(line), logger: false });
    await server.close();
    assert.ok(lines.some((l) => /^leerkring: 1 network, PostgreSQL/.test(l)), lines.join('\n'));
  });

  test('--data: refused while a running server holds the embedded database, which would overwrite the change', async () => {
    const data = mkdtempSync(join(tmpdir(), 'leerkring-org-'));
    const { serve } = await import('../../src/server/serve.js');
    const server = await serve({ networks: 'demo/data', port: 0, dataDir: data, log: () => {}, logger: false });
    try {
      const r = cli('organiser', 'add', 'later@gemeente.example.org', '--network', 'groene-domein', '--role', 'owner', '--data', data);
      assert.equal(r.code, 1);
      assert.match(r.err, /in use by a running leerkring server/);
      const { rows } = await server.db.query(`SELECT 1 FROM organisers WHERE email_lower = 'later@gemeente.example.org'`);
      assert.equal(rows.length, 0);
    } finally {
      await server.close();
    }
  });
});
