// Issue 25: what an attack on main found. Mail floods through registering and cancelling with
// someone else's address, a purge that left organisers' digests naming purged people, network
// documents the body limit would not let through, and the session cookie's Secure flag.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, openTestDb, startServer, network, person, networkDocumentApi, tokenOf, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox, RegistrationService, type Db } from '../../src/server/index.js';
import { OrganiserService } from '../../src/server/services/organisers.js';

const sessionNetwork = network({
  id: 'reeks',
  sessions: ['een', 'twee', 'drie'].map((id, i) => ({ id, title: `Sessie ${id}`, type: 'other', start: `2030-0${i + 4}-01T10:00`, end: `2030-0${i + 4}-01T12:00` })),
  registration: { mode: 'built-in', scope: 'session', capacity: 100, fields: { organisation: 'optional', organisationType: 'off' } },
});
const path = '/api/networks/reeks/registrations';

/** The participant e-mails queued for one address (not the organisers'). */
async function mailsTo(db: Db, email: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mail_outbox m JOIN registrations r ON r.id = m.registration_id WHERE r.email_lower = $1 AND m.kind NOT LIKE 'organiser%'`,
    [email],
  );
  return Number(rows[0]!.n);
}

describe('mail flood (issue 25, item 1)', () => {
  let s: TestServer;
  before(async () => {
    // A per-client limit high enough to stay out of the way: the caps per token and per address are what is tested.
    s = await startServer('pglite', [sessionNetwork], { rateLimitPerMinute: 1000 });
  });
  after(() => s.close());
  const formToken = async () => (await s.get('/api/networks/reeks/form-token')).body.formToken as string;

  test('register with someone else\'s address and cancel, again and again: the address gets only a few e-mails', async () => {
    const token = await formToken();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await s.post(path, { ...person('slachtoffer'), sessionId: 'een', formToken: token });
      statuses.push(r.status);
      if (r.status === 201) assert.equal((await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {})).status, 200);
    }
    const mails = await mailsTo(s.db, 'deelnemerslachtoffer@example.org');
    assert.ok(mails <= 20, `${mails} e-mails to one address (${statuses.join(' ')})`);
    assert.ok(statuses.every((x) => x < 500));
  });

  test('a fresh form token each time does not buy the address a fresh budget', async () => {
    const statuses: number[] = [];
    let refused: any;
    for (let i = 0; i < 30; i++) {
      const r = await s.post(path, { ...person('doelwit'), sessionId: 'twee', formToken: await formToken() });
      statuses.push(r.status);
      if (r.status === 201) await s.post(`/api/registrations/${r.body.manageToken}/cancel`, {});
      else refused = r;
    }
    const mails = await mailsTo(s.db, 'deelnemerdoelwit@example.org');
    assert.ok(mails <= 20, `${mails} e-mails to one address (${statuses.join(' ')})`);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate-limited');
    assert.ok(refused.body.error.message.length > 10);
    assert.ok(!JSON.stringify(refused.body).includes('doelwit'), 'the refusal does not repeat the address');
  });

  test('a form token carries a few registrations (several sessions, several people), then is spent', async () => {
    const token = await formToken();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await s.post(path, { ...person(`collega${i}`), sessionId: 'een', formToken: token })).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 422, 422, 422]);
    const spent = await s.post(path, { ...person('collega9'), sessionId: 'een', formToken: token });
    assert.equal(spent.body.error.code, 'spam', 'the form asks for a new token on "spam"');
    assert.equal((await s.post(path, { ...person('collega9'), sessionId: 'een', formToken: await formToken() })).status, 201, 'a new token works');
  });

  test('a person registers for three sessions from one page, cancels one and registers for it again', async () => {
    const token = await formToken();
    const made = [];
    for (const sessionId of ['een', 'twee', 'drie']) {
      const r = await s.post(path, { ...person('echt'), sessionId, formToken: token });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      made.push(r.body.manageToken);
    }
    assert.equal((await s.post(`/api/registrations/${made[1]}/cancel`, {})).status, 200);
    assert.equal((await s.post(path, { ...person('echt'), sessionId: 'twee', formToken: token })).status, 201);
  });

  test('retries with the same Idempotency-Key keep working once the token is spent', async () => {
    const token = await formToken();
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const r = await s.post(path, { ...person(`herhaal${i}`), sessionId: 'drie', formToken: token }, { 'idempotency-key': `sleutel-${i}` });
      assert.equal(r.status, 201);
      ids.push(r.body.id);
    }
    for (let retry = 0; retry < 4; retry++) {
      for (const i of [4, 0]) {
        const r = await s.post(path, { ...person(`herhaal${i}`), sessionId: 'drie', formToken: token }, { 'idempotency-key': `sleutel-${i}` });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        assert.equal(r.body.id, ids[i]);
      }
    }
    const other = await s.post(path, { ...person('herhaal9'), sessionId: 'drie', formToken: token }, { 'idempotency-key': 'sleutel-nieuw' });
    assert.equal(other.status, 422, 'a new key is a new registration: the token is spent');
  });

  test('with the rate limit off (load tests), neither cap applies', async () => {
    const free = await startServer('pglite', [sessionNetwork], { rateLimitPerMinute: 0 });
    try {
      const token = (await free.get('/api/networks/reeks/form-token')).body.formToken;
      for (let i = 0; i < 8; i++) {
        const r = await free.post(path, { ...person('last'), sessionId: 'een', formToken: token });
        assert.equal(r.status, 201, `attempt ${i}: ${JSON.stringify(r.body)}`);
        assert.equal((await free.post(`/api/registrations/${r.body.manageToken}/cancel`, {})).status, 200);
      }
    } finally {
      await free.close();
    }
  });
});

describe('purge and organisers\' digests (issue 25, item 4)', () => {
  let db: Db;
  let dir: string;
  const files = (outbox: string) => (existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : []);
  const mentions = (outbox: string, text: string) => files(outbox).filter((f) => readFileSync(join(outbox, f), 'utf8').includes(text));
  before(async () => {
    ({ db, dir } = await openTestDb('pglite'));
  });
  after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('purge removes the digest e-mails that name purged people, and keeps a sign-in link', async () => {
    const outbox = join(dir, 'outbox');
    const n = network({ id: 'oud', registration: { mode: 'built-in', privacy: { retentionDays: 30 }, fields: { organisation: 'optional', organisationType: 'off' } } });
    let now = new Date('2030-04-01T10:00:00Z');
    const store = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 5), now: () => now, outboxDir: outbox });
    const organisers = new OrganiserService(db);
    await organisers.setRole('oud', 'digest@example.org', 'owner', { name: 'Dagelijks' });
    await db.query(`UPDATE organisers SET notify = 'digest' WHERE email_lower = 'digest@example.org'`);
    assert.equal((await store.register(n, person('vergeten', { name: 'Vergeten Persoon' }))).kind, 'created');
    await db.query(`UPDATE registrations SET created_at = '2030-04-01T10:00:00Z'`);
    const mailer = createMailer({ outboxDir: outbox, from: 'noreply@example.org' });
    // Yesterday's digest sent (a file), today's still waiting (a row with the text), and a sign-in link.
    assert.equal(await store.sendDigests(new Date('2030-04-02T08:00:00Z')), 1);
    await deliverOutbox(db, mailer);
    await db.query(`DELETE FROM digest_runs`);
    assert.equal(await store.sendDigests(new Date('2030-04-02T09:00:00Z')), 1);
    assert.ok(await organisers.requestSignIn('digest@example.org', 'nl', 'http://localhost:8000/beheer/'));
    const { rows: signIn } = await db.query<{ id: string }>(`SELECT id FROM mail_outbox WHERE kind = 'sign-in'`);
    await deliverOutbox(db, mailer, 50);
    await db.query(`UPDATE mail_outbox SET sent_at = NULL, message = '{"to":"x@example.org","subject":"wacht","text":"Vergeten Persoon"}' WHERE id = (SELECT max(id) FROM mail_outbox WHERE kind = 'organiser-digest')`);
    assert.ok(mentions(outbox, 'Vergeten Persoon').length >= 1, 'the digest file names the person');
    const signInFiles = mentions(outbox, '#login=');
    assert.equal(signInFiles.length, 1);

    now = new Date('2030-07-01T00:00:00Z');
    await db.query(`UPDATE registrations SET updated_at = '2030-04-01T10:00:00Z'`);
    assert.equal(await store.purgeExpired(), 1);
    assert.deepEqual(mentions(outbox, 'Vergeten Persoon'), [], 'no file names the purged person');
    const { rows } = await db.query<{ kind: string; message: unknown }>(`SELECT kind, message FROM mail_outbox WHERE kind = 'organiser-digest'`);
    assert.deepEqual(rows, [], 'no digest row that named the person is left');
    assert.deepEqual(mentions(outbox, '#login='), signInFiles, 'the sign-in link stays');
    assert.equal((await db.query(`SELECT 1 FROM mail_outbox WHERE id = $1`, [signIn[0]!.id])).rows.length, 1);
  });
});

describe('network documents larger than the body limit of other routes (issue 25, item 7)', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer('pglite', [network({ id: 'groot' })]);
  });
  after(() => s.close());

  /** A valid document of some 160 KB: many sessions with long descriptions. */
  const big = (id: string) => ({
    id,
    kind: 'workshop',
    title: 'Groot netwerk',
    summary: 'Geïmporteerd.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    sessions: Array.from({ length: 200 }, (_, i) => ({
      id: `s${i}`,
      title: `Bijeenkomst ${i}`,
      type: 'other',
      start: `2031-01-${String((i % 28) + 1).padStart(2, '0')}T10:00`,
      end: `2031-01-${String((i % 28) + 1).padStart(2, '0')}T12:00`,
      description: `Over bijeenkomst ${i}. ${'Wij praten over warmte in de wijk. '.repeat(22)}`,
    })),
    registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' } },
  });

  test('a 160 KB document is saved, previewed and created through the API', async () => {
    const api = networkDocumentApi(s.url, 'groot', { authorization: `Bearer ${ADMIN_TOKEN}` });
    const current = await api.get();
    const doc = big('groot');
    assert.ok(JSON.stringify(doc).length > 155000, `${JSON.stringify(doc).length} bytes`);
    const preview = await api.changes(doc);
    assert.equal(preview.status, 200, preview.text.slice(0, 300));
    const saved = await api.put(doc, current.etag!);
    assert.equal(saved.status, 200, saved.text.slice(0, 300));
    const created = await s.admin('POST', '/api/admin/networks', { document: big('nog-groter') });
    assert.equal(created.status, 201, created.text.slice(0, 300));
  });

  test('other routes keep the 16 KiB limit', async () => {
    const r = await s.admin('PUT', '/api/admin/networks/groot/organisers', { email: 'nieuw@example.org', role: 'organiser', name: 'x'.repeat(20000) });
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'too-large');
  });
});

describe('the session cookie\'s Secure flag (issue 25, item 8)', () => {
  const cookieFor = async (s: TestServer, host: string) => {
    const organisers = new OrganiserService(s.db);
    const o = await organisers.ensure('cookie@example.org', { isAdmin: true });
    const token = tokenOf(await organisers.signInLink(o.id, 'http://x/beheer/'));
    const res = await s.app.inject({ method: 'POST', url: '/api/admin/session', headers: { host, 'content-type': 'application/json' }, payload: { token } });
    assert.equal(res.statusCode, 200);
    return String(res.headers['set-cookie']);
  };

  test('with an https PUBLIC_URL the cookie is Secure, whatever Host a proxy sends', async () => {
    const s = await startServer('pglite', [network({})], { publicUrl: 'https://leerkring.example.org' });
    try {
      for (const host of ['localhost:8000', '127.0.0.1:8000', 'leerkring.example.org']) assert.match(await cookieFor(s, host), /; Secure/, host);
    } finally {
      await s.close();
    }
  });

  test('with an http PUBLIC_URL it is not (a browser would drop it), whatever the Host', async () => {
    const s = await startServer('pglite', [network({})], { publicUrl: 'http://intranet.example.org:8000' });
    try {
      for (const host of ['localhost:8000', 'intranet.example.org:8000']) assert.doesNotMatch(await cookieFor(s, host), /; Secure/, host);
    } finally {
      await s.close();
    }
  });
});
